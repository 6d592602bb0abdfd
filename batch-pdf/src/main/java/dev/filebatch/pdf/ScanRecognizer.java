package dev.filebatch.pdf;

import dev.filebatch.spi.ProcessingContext;
import java.awt.image.BufferedImage;

/**
 * Reads the text of a scanned PDF page that has no text layer. The PDF processor renders such a page to a grey image
 * and passes it here; an adapter over an OCR engine or a vision model (for example batch-vision's recognizers)
 * implements it. Implementations must be thread-safe.
 *
 * <p>Exceptions follow the {@link dev.filebatch.spi.FileProcessor#process} contract and fail the whole file: throw
 * {@link dev.filebatch.spi.TransientException} to have the file retried (a rate-limited remote service), or
 * {@link dev.filebatch.spi.FileProcessingException} with a code for a definite failure.
 */
@FunctionalInterface
public interface ScanRecognizer {
  /**
   * Recognises the text on one rendered page.
   *
   * @param page the page rendered in grey at the processor's scan DPI
   * @param context the file's context: deadline, cancellation
   * @return the page's text, empty if none was found; {@code null} is taken as empty
   * @throws Exception to fail the file (see the interface comment)
   */
  String recognize(BufferedImage page, ProcessingContext context) throws Exception;

  /**
   * A stable name for this recognizer and its settings, made part of the PDF processor's
   * {@link dev.filebatch.spi.FileProcessor#version()} so results recognised by another engine are not taken from a
   * cache. Defaults to the class name.
   */
  default String id() {
    return getClass().getName();
  }
}
