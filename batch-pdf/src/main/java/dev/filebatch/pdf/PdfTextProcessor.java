package dev.filebatch.pdf;

import dev.filebatch.ErrorCode;
import dev.filebatch.MediaType;
import dev.filebatch.pdf.internal.PdfReading;
import dev.filebatch.pdf.internal.PdfTextRecipe;
import dev.filebatch.spi.Concurrency;
import dev.filebatch.spi.FileProcessor;
import dev.filebatch.spi.InputFile;
import dev.filebatch.spi.ProcessingContext;
import dev.filebatch.spi.ProcessorRecipe;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Extracts the text of each page of a PDF with Apache PDFBox. Create one with {@link #create()} (defaults) or
 * {@link #builder()}; the instance is immutable and thread-safe.
 *
 * <p>How a file is read:
 * <ul>
 *   <li>PDFBox caches the document's streams in at most 4 MB of heap per document, then in temporary files in the
 *       file's {@link ProcessingContext#scratchDirectory() scratch folder} (asked for only when PDFBox first needs
 *       the cache, which reading text does not), never in unbounded heap. A file of up to 64 KB is parsed from
 *       memory ({@link InputFile#openStream()}, which the engine serves from memory for such files); a larger one
 *       from the workspace copy, not loaded into memory. Nothing is fetched over the network and no script runs.
 *   <li>A PDF needing a password to open fails with {@link ErrorCode#ENCRYPTED_FILE}. One protected only by an owner
 *       password (restricting printing, copying...) opens with the empty password and is read: the restrictions are
 *       addressed to viewers, and extracting the text for its owner's own batch is what the upload asked for.
 *   <li>A file PDFBox cannot parse (not a PDF, truncated beyond repair, broken structure, no pages) fails with
 *       {@link ErrorCode#CORRUPT_FILE}.
 *   <li>More pages than {@link Builder#maxPages(int)} fail the file with {@link #TOO_MANY_PAGES} before any page is
 *       read: a half-read document would be taken for a whole one by the steps that follow.
 *   <li>A page with fewer than {@link Builder#minTextCharsPerPage(int)} non-whitespace characters that holds an
 *       image is a scan. With a {@link ScanRecognizer} it is rendered in grey at {@link Builder#scanDpi(int)} and
 *       recognised (source {@code ocr}); without one the page keeps what little text it has and the file ends
 *       {@code PARTIAL} with {@link #NO_TEXT_LAYER}. A page without images is merely blank, not a scan.
 *   <li>Cancellation and the deadline are checked between pages, since PDFBox itself ignores interrupts.
 * </ul>
 */
public final class PdfTextProcessor implements FileProcessor<PdfText> {
  /** The processor's id, {@code pdf-text}. */
  public static final String ID = "pdf-text";

  /** The PDF has more pages than {@link PdfTextOptions#maxPages()}. Fails the file. */
  public static final ErrorCode TOO_MANY_PAGES = ErrorCode.of("TOO_MANY_PAGES");

  /** Some pages are scans without a text layer and no recognizer is configured. The file ends partial. */
  public static final ErrorCode NO_TEXT_LAYER = ErrorCode.of("NO_TEXT_LAYER");

  // Bump when the same bytes and options give different text.
  private static final String FORMAT_VERSION = "1";

  private final PdfTextOptions options;
  private final PdfReading reading;

  private PdfTextProcessor(PdfTextOptions options) {
    this.options = options;
    this.reading = new PdfReading(options);
  }

  /** A processor with every default (see {@link PdfTextOptions#defaults()}). */
  public static PdfTextProcessor create() {
    return new PdfTextProcessor(PdfTextOptions.defaults());
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The settings this processor was built with. */
  public PdfTextOptions options() {
    return options;
  }

  /** {@value #ID}. */
  @Override
  public String id() {
    return ID;
  }

  /** Changes with every setting that changes the text produced, so cached results of other settings are not reused. */
  @Override
  public String version() {
    return FORMAT_VERSION
        + ";sort=" + options.sortByPosition()
        + ";min=" + options.minTextCharsPerPage()
        + options.scanRecognizer().map(r -> ";ocr=" + r.id() + "@" + options.scanDpi()).orElse(";ocr=none");
  }

  /** {@code application/pdf}. */
  @Override
  public Set<MediaType> supportedTypes() {
    return Set.of(MediaType.PDF);
  }

  /** Sequential unless {@link Builder#concurrency(Concurrency)} says otherwise, as in the origin spec. */
  @Override
  public Concurrency concurrency() {
    return options.concurrency();
  }

  /**
   * The settings as a recipe, so the processor can run in forked worker JVMs
   * ({@link dev.filebatch.Isolation#forked()}, a good fit for untrusted PDFs). Empty when a {@link ScanRecognizer}
   * is configured: a recognizer is code, not settings, so such a processor runs in process only.
   */
  @Override
  public Optional<ProcessorRecipe> recipe() {
    if (options.scanRecognizer().isPresent()) {
      return Optional.empty();
    }
    return Optional.of(ProcessorRecipe.of(PdfTextRecipe.class, PdfTextRecipe.optionsOf(options)));
  }

  /** {@link PdfText}. */
  @Override
  public Class<?> resultType() {
    return PdfText.class;
  }

  /**
   * Reads the file's text page by page (see the class comment).
   *
   * @throws dev.filebatch.spi.FileProcessingException with {@link ErrorCode#ENCRYPTED_FILE},
   *     {@link ErrorCode#CORRUPT_FILE}, {@link #TOO_MANY_PAGES} or {@link ErrorCode#IMAGE_TOO_LARGE}
   * @throws java.util.concurrent.CancellationException when the file is cancelled or its time is up
   * @throws Exception whatever the {@link ScanRecognizer} throws
   */
  @Override
  public PdfText process(InputFile file, ProcessingContext context) throws Exception {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(context, "context");
    return reading.read(file, context);
  }

  @Override
  public String toString() {
    return ID;
  }

  /**
   * Builds a {@link PdfTextProcessor}. Each setter checks its value at once and throws
   * {@link IllegalArgumentException} saying what is accepted; a later call to the same setter replaces the value.
   */
  public static final class Builder {
    private PdfTextOptions options = PdfTextOptions.defaults();

    private Builder() {}

    /**
     * The most pages a PDF may have, at least 1. Default {@value PdfTextOptions#DEFAULT_MAX_PAGES}. A PDF with more
     * fails with {@link PdfTextProcessor#TOO_MANY_PAGES}.
     */
    public Builder maxPages(int maxPages) {
      options = new PdfTextOptions(maxPages, options.sortByPosition(), options.minTextCharsPerPage(),
          options.scanDpi(), options.maxScanPixels(), options.concurrency(), options.scanRecognizer());
      return this;
    }

    /**
     * Whether to order text by its position on the page (top to bottom, left to right) rather than in the order the
     * PDF draws it. Default {@code true}: forms and reports often draw their fields out of reading order.
     */
    public Builder sortByPosition(boolean sortByPosition) {
      options = new PdfTextOptions(options.maxPages(), sortByPosition, options.minTextCharsPerPage(),
          options.scanDpi(), options.maxScanPixels(), options.concurrency(), options.scanRecognizer());
      return this;
    }

    /**
     * Below how many non-whitespace characters a page holding an image counts as a scan without a text layer, 0 or
     * more (0 never treats a page as a scan). Default {@value PdfTextOptions#DEFAULT_MIN_TEXT_CHARS_PER_PAGE}: enough
     * to ignore a stray page number or scanner stamp over a scanned image.
     */
    public Builder minTextCharsPerPage(int minChars) {
      options = new PdfTextOptions(options.maxPages(), options.sortByPosition(), minChars,
          options.scanDpi(), options.maxScanPixels(), options.concurrency(), options.scanRecognizer());
      return this;
    }

    /**
     * The resolution scans are rendered at for the recognizer, {@value PdfTextOptions#MIN_SCAN_DPI} to
     * {@value PdfTextOptions#MAX_SCAN_DPI}. Default {@value PdfTextOptions#DEFAULT_SCAN_DPI}.
     */
    public Builder scanDpi(int dpi) {
      options = new PdfTextOptions(options.maxPages(), options.sortByPosition(), options.minTextCharsPerPage(),
          dpi, options.maxScanPixels(), options.concurrency(), options.scanRecognizer());
      return this;
    }

    /**
     * The most pixels a rendered scan, or an image embedded in a scanned page, may have, at least 1. Default
     * {@value PdfTextOptions#DEFAULT_MAX_SCAN_PIXELS}. Checked from the page size and the image's declared size
     * before anything is decoded; more fails the file with {@link ErrorCode#IMAGE_TOO_LARGE}.
     */
    public Builder maxScanPixels(long maxPixels) {
      options = new PdfTextOptions(options.maxPages(), options.sortByPosition(), options.minTextCharsPerPage(),
          options.scanDpi(), maxPixels, options.concurrency(), options.scanRecognizer());
      return this;
    }

    /** The processor's lane. Default {@link Concurrency#sequential()}, as in the origin spec. */
    public Builder concurrency(Concurrency concurrency) {
      Objects.requireNonNull(concurrency, "concurrency");
      options = new PdfTextOptions(options.maxPages(), options.sortByPosition(), options.minTextCharsPerPage(),
          options.scanDpi(), options.maxScanPixels(), concurrency, options.scanRecognizer());
      return this;
    }

    /**
     * Reads scanned pages with the given recognizer. Default none: scanned pages are left unread and the file ends
     * partial with {@link PdfTextProcessor#NO_TEXT_LAYER}.
     */
    public Builder scanRecognizer(ScanRecognizer recognizer) {
      Objects.requireNonNull(recognizer, "recognizer");
      options = new PdfTextOptions(options.maxPages(), options.sortByPosition(), options.minTextCharsPerPage(),
          options.scanDpi(), options.maxScanPixels(), options.concurrency(), Optional.of(recognizer));
      return this;
    }

    /** The processor. The builder may be reused. */
    public PdfTextProcessor build() {
      return new PdfTextProcessor(options);
    }
  }
}
