package dev.filebatch.vision;

import dev.filebatch.ErrorCode;
import dev.filebatch.MediaType;
import dev.filebatch.spi.Concurrency;
import dev.filebatch.spi.FileProcessor;
import dev.filebatch.spi.InputFile;
import dev.filebatch.spi.ProcessingContext;
import dev.filebatch.vision.internal.BoundedImageDecoder;
import dev.filebatch.vision.internal.ExifOrientation;
import dev.filebatch.vision.internal.OcrPreprocessing;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.util.Objects;
import java.util.Set;

/**
 * Reads the text in PNG and JPEG images: the front door of {@code batch-vision}.
 *
 * <p>For each file: the dimensions are read from the header and an image above {@link Builder#maxPixels} fails with
 * {@code IMAGE_TOO_LARGE} before any pixel is decoded; the image is decoded (damaged files fail with
 * {@code CORRUPT_FILE}; a JPEG whose end is missing is read as far as it goes and marked partial); a JPEG's EXIF
 * orientation is applied; the image is prepared for OCR (deskewed, scaled so text lines are the size Tesseract reads
 * best, greyscale, contrast stretched) unless {@link Builder#preprocessing(boolean)} is off; and the {@link TextRecognizer} reads it. An
 * image with no text succeeds with empty text, marked partial with {@code NO_TEXT_FOUND}.
 *
 * <pre>{@code
 * VisionProcessor ocr = VisionProcessor.create();                       // local Tesseract, English
 * VisionProcessor remote = VisionProcessor.builder()
 *     .recognizer(OpenAiVisionRecognizer.builder().apiKey(key).build())
 *     .build();
 * }</pre>
 *
 * <p>Id {@code vision-ocr}; types {@code image/png} and {@code image/jpeg}; up to 5 files at once by default (CPU-bound
 * with Tesseract, so the engine's shared CPU pool also bounds it). Results are cacheable: the cache key includes the
 * recognizer's id.
 */
public final class VisionProcessor implements FileProcessor<RecognizedText>, AutoCloseable {
  /** The processor's id and lane name. */
  public static final String ID = "vision-ocr";
  /** The default pixel cap: 40 megapixels, above any phone camera's photo. */
  public static final long DEFAULT_MAX_PIXELS = 40_000_000L;
  /** The default number of images processed at once. */
  public static final int DEFAULT_PARALLELISM = 5;
  /** A readable image in which the recognizer found no text (the result is kept, marked partial). */
  public static final ErrorCode NO_TEXT_FOUND = ErrorCode.of("NO_TEXT_FOUND");

  private static final Set<MediaType> TYPES = Set.of(MediaType.PNG, MediaType.JPEG);

  private final TextRecognizer recognizer;
  private final long maxPixels;
  private final boolean preprocessing;
  private final int parallelism;
  private final BoundedImageDecoder decoder;

  private VisionProcessor(Builder b) {
    this.recognizer = b.recognizer != null ? b.recognizer : TesseractRecognizer.create();
    this.maxPixels = b.maxPixels;
    this.preprocessing = b.preprocessing;
    this.parallelism = b.parallelism;
    this.decoder = new BoundedImageDecoder(maxPixels);
  }

  /** A processor with every default: Tesseract (English), 40 megapixels, preprocessing on, 5 at once. */
  public static VisionProcessor create() {
    return builder().build();
  }

  /** A builder; every option has a default. */
  public static Builder builder() {
    return new Builder();
  }

  /** {@value #ID}. */
  @Override
  public String id() {
    return ID;
  }

  /** Changes with the recognizer and preprocessing, so cached results of another setup are not reused. */
  @Override
  public String version() {
    return "2;" + recognizer.id() + (preprocessing ? ";pre" : ";raw");
  }

  /** PNG and JPEG. */
  @Override
  public Set<MediaType> supportedTypes() {
    return TYPES;
  }

  /** Up to {@link Builder#parallelism} at once; CPU-bound when the recognizer is (Tesseract). */
  @Override
  public Concurrency concurrency() {
    return new Concurrency(parallelism, recognizer.cpuBound());
  }

  /** {@link RecognizedText}. */
  @Override
  public Class<?> resultType() {
    return RecognizedText.class;
  }

  /** The recognizer in use. */
  public TextRecognizer recognizer() {
    return recognizer;
  }

  @Override
  public RecognizedText process(InputFile file, ProcessingContext context) throws Exception {
    MediaType type = MediaType.JPEG.equals(file.detectedType()) ? MediaType.JPEG : MediaType.PNG;
    BoundedImageDecoder.Decoded decoded = decoder.decode(file.path(), type, context);
    context.reportProgress(0.2);

    int orientation = ExifOrientation.NORMAL;
    if (type.equals(MediaType.JPEG)) {
      try (InputStream in = file.openStream()) {
        orientation = ExifOrientation.read(in);
      }
    }
    BufferedImage upright = ExifOrientation.apply(decoded.image(), orientation);
    BufferedImage prepared = preprocessing ? OcrPreprocessing.prepare(upright) : upright;
    context.checkCancelled();
    context.reportProgress(0.3);

    RecognizedText read = recognizer.recognize(prepared, context);
    if (read == null) {
      throw new IllegalStateException("recognizer " + recognizer.id() + " returned null");
    }
    boolean swap = ExifOrientation.swapsDimensions(orientation);
    RecognizedText result = read.withImage(
        swap ? decoded.headerHeight() : decoded.headerWidth(),
        swap ? decoded.headerWidth() : decoded.headerHeight(),
        orientation);
    if (!decoded.warnings().isEmpty()) {
      context.reportPartial(ErrorCode.CORRUPT_FILE,
          "The image is damaged (" + decoded.warnings().get(0) + "); text was read from the part that decoded.",
          "Upload the original image again; it may have been cut short in transfer.");
    } else if (!result.hasText()) {
      context.reportPartial(NO_TEXT_FOUND, "No text was recognised in the image.",
          "Check that the image shows text, in focus and well lit; photograph the page flat and close up.");
    }
    context.reportProgress(1.0);
    return result;
  }

  /** Closes the recognizer (ends Tesseract engines). */
  @Override
  public void close() {
    recognizer.close();
  }

  @Override
  public String toString() {
    return "VisionProcessor[" + recognizer + ", maxPixels=" + maxPixels + ", preprocessing=" + preprocessing
        + ", parallelism=" + parallelism + "]";
  }

  /** Options of a {@link VisionProcessor}; each setter validates its value. */
  public static final class Builder {
    private TextRecognizer recognizer;
    private long maxPixels = DEFAULT_MAX_PIXELS;
    private boolean preprocessing = true;
    private int parallelism = DEFAULT_PARALLELISM;

    private Builder() {}

    /** Who reads the text. Default: {@link TesseractRecognizer#create()}. */
    public Builder recognizer(TextRecognizer recognizer) {
      this.recognizer = Objects.requireNonNull(recognizer, "recognizer");
      return this;
    }

    /**
     * The largest image accepted, as width times height, checked from the header before decoding. Default
     * 40,000,000 (40 megapixels); at least 1.
     */
    public Builder maxPixels(long maxPixels) {
      if (maxPixels < 1) {
        throw new IllegalArgumentException("maxPixels must be at least 1, was " + maxPixels);
      }
      this.maxPixels = maxPixels;
      return this;
    }

    /**
     * Whether to prepare images for OCR (deskew, scaling to the text size, greyscale, contrast stretch). Default on; turn
     * it off for recognizers that do better on the original photo.
     */
    public Builder preprocessing(boolean enabled) {
      this.preprocessing = enabled;
      return this;
    }

    /** How many images may be processed at once, 1 to 64. Default 5. */
    public Builder parallelism(int parallelism) {
      if (parallelism < 1 || parallelism > 64) {
        throw new IllegalArgumentException("parallelism must be 1 to 64, was " + parallelism);
      }
      this.parallelism = parallelism;
      return this;
    }

    /** The processor. */
    public VisionProcessor build() {
      return new VisionProcessor(this);
    }
  }
}
