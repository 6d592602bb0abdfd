package dev.filebatch.vision.internal;

import dev.filebatch.ErrorCode;
import dev.filebatch.MediaType;
import dev.filebatch.spi.FileProcessingException;
import dev.filebatch.spi.ProcessingContext;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadProgressListener;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes a PNG or JPEG only after its header says it fits: the dimensions come from the IHDR chunk or SOF marker
 * ({@code ImageReader.getWidth/getHeight}, which read no pixel data), and an image above the pixel cap is refused
 * before a single row is decoded. Very large images under the cap are decoded subsampled, so memory stays near
 * {@link #WORKING_PIXELS} whatever the file claims.
 */
public final class BoundedImageDecoder {
  /** Images above this are decoded subsampled (every 2nd or 3rd pixel): OCR needs no more. */
  public static final long WORKING_PIXELS = 16_000_000L;

  /** A decoded image and what its header said. */
  public record Decoded(BufferedImage image, int headerWidth, int headerHeight, List<String> warnings) {}

  private final long maxPixels;

  /** @param maxPixels the cap on width times height */
  public BoundedImageDecoder(long maxPixels) {
    this.maxPixels = maxPixels;
  }

  /**
   * Reads the header, checks the cap, then decodes.
   *
   * @throws FileProcessingException {@code IMAGE_TOO_LARGE} over the cap, {@code CORRUPT_FILE} when the header or
   *     pixels cannot be read, {@code UNSUPPORTED_TYPE} for JPEG colour models Java cannot decode (CMYK, YCCK)
   */
  public Decoded decode(Path file, MediaType type, ProcessingContext context) throws FileProcessingException {
    String format = MediaType.JPEG.equals(type) ? "JPEG" : "PNG";
    try (ImageInputStream in = new FileImageInputStream(file.toFile())) {
      ImageReader reader = readerFor(type);
      try {
        // ignoreMetadata: we read only pixels; EXIF orientation has its own small reader.
        reader.setInput(in, true, true);
        int width;
        int height;
        try {
          width = reader.getWidth(0);
          height = reader.getHeight(0);
        } catch (IOException | RuntimeException e) {
          throw corrupt(format, "its header cannot be read", e);
        }
        if (width <= 0 || height <= 0) {
          throw corrupt(format, "its header gives no size", null);
        }
        long pixels = (long) width * height;
        if (pixels > maxPixels) {
          throw new FileProcessingException(ErrorCode.IMAGE_TOO_LARGE,
              String.format(Locale.ROOT, "The image is %,d x %,d pixels (%s megapixels); the limit is %s megapixels.",
                  width, height, megapixels(pixels), megapixels(maxPixels)),
              "Scale the image down below " + megapixels(maxPixels) + " megapixels (a phone photo is about 12) "
                  + "before uploading, or raise the vision processor's maxPixels.");
        }
        context.checkCancelled();

        ImageReadParam param = reader.getDefaultReadParam();
        int step = (int) Math.ceil(Math.sqrt((double) pixels / WORKING_PIXELS));
        if (step > 1) {
          param.setSourceSubsampling(step, step, 0, 0);
        }
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener(warningsInto(warnings));
        reader.addIIOReadProgressListener(abortWhenCancelled(context));
        BufferedImage image;
        try {
          image = reader.read(0, param);
        } catch (IIOException e) {
          if (e.getMessage() != null && e.getMessage().contains("Unsupported Image Type")) {
            throw new FileProcessingException(ErrorCode.UNSUPPORTED_TYPE,
                "The JPEG uses a CMYK or YCCK colour model, which the Java image decoder cannot read.",
                "Save the image as an RGB JPEG or as PNG.", e);
          }
          throw corrupt(format, "its pixel data is damaged", e);
        } catch (IOException | RuntimeException e) {
          throw corrupt(format, "its pixel data is damaged", e);
        }
        context.checkCancelled();
        if (image == null) {
          throw corrupt(format, "decoding was stopped", null); // aborted: cancelled or timed out
        }
        return new Decoded(image, width, height, warnings);
      } finally {
        reader.dispose();
      }
    } catch (IOException e) {
      throw corrupt(format, "it cannot be opened", e);
    }
  }

  private static ImageReader readerFor(MediaType type) throws FileProcessingException {
    Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(type.toString());
    if (!readers.hasNext()) {
      throw new FileProcessingException(ErrorCode.UNSUPPORTED_TYPE, "No image decoder is available for " + type + ".",
          "Send PNG or JPEG images.");
    }
    return readers.next();
  }

  private static FileProcessingException corrupt(String format, String why, Throwable cause) {
    return new FileProcessingException(ErrorCode.CORRUPT_FILE,
        "The file is not a readable " + format + " image: " + why + ".",
        "Open the image on your device to check it, then export or upload it again.", cause);
  }

  private static String megapixels(long pixels) {
    double mp = pixels / 1_000_000.0;
    return mp >= 100 ? String.format(Locale.ROOT, "%,.0f", mp) : String.format(Locale.ROOT, "%.1f", mp);
  }

  private static IIOReadWarningListener warningsInto(List<String> warnings) {
    return (source, warning) -> {
      if (warnings.size() < 10) {
        warnings.add(warning);
      }
    };
  }

  private static IIOReadProgressListener abortWhenCancelled(ProcessingContext context) {
    return new IIOReadProgressListener() {
      @Override
      public void imageProgress(ImageReader source, float percentageDone) {
        if (context.isCancelled() || Thread.currentThread().isInterrupted()) {
          source.abort();
        }
      }

      @Override public void sequenceStarted(ImageReader source, int minIndex) {}
      @Override public void sequenceComplete(ImageReader source) {}
      @Override public void imageStarted(ImageReader source, int imageIndex) {}
      @Override public void imageComplete(ImageReader source) {}
      @Override public void thumbnailStarted(ImageReader source, int imageIndex, int thumbnailIndex) {}
      @Override public void thumbnailProgress(ImageReader source, float percentageDone) {}
      @Override public void thumbnailComplete(ImageReader source) {}
      @Override public void readAborted(ImageReader source) {}
    };
  }
}
