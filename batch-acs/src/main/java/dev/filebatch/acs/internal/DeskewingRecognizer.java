package dev.filebatch.acs.internal;

import dev.filebatch.spi.ProcessingContext;
import dev.filebatch.vision.RecognizedText;
import dev.filebatch.vision.TextRecognizer;
import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * A {@link TextRecognizer} that straightens a photographed page ({@link Deskew}) before handing it to another
 * recognizer. Measured on generated AKTR photos rotated up to 3 degrees, it lifts ACS code recall with Tesseract by
 * several points, because the codes are laid out in columns across the whole page width.
 */
public final class DeskewingRecognizer implements TextRecognizer {
  private final TextRecognizer delegate;

  /** Straightens images, then lets {@code delegate} read them. */
  public DeskewingRecognizer(TextRecognizer delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public String id() {
    return "deskew+" + delegate.id();
  }

  @Override
  public boolean cpuBound() {
    return delegate.cpuBound();
  }

  @Override
  public RecognizedText recognize(BufferedImage image, ProcessingContext context) throws Exception {
    context.checkCancelled();
    return delegate.recognize(Deskew.straighten(image), context);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
