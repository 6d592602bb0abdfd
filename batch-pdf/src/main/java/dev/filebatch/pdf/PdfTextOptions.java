package dev.filebatch.pdf;

import dev.filebatch.spi.Concurrency;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings of a {@link PdfTextProcessor}, immutable. Build them with {@link PdfTextProcessor#builder()}; the
 * defaults are listed on each builder method and in {@link #defaults()}.
 *
 * @param maxPages the most pages a PDF may have; more fails the file with {@link PdfTextProcessor#TOO_MANY_PAGES}
 * @param sortByPosition whether text is ordered by its position on the page rather than by content-stream order
 * @param minTextCharsPerPage a page with fewer non-whitespace characters than this, and with at least one image, is
 *     taken to have no text layer (a scan)
 * @param scanDpi the resolution at which scans are rendered for the recognizer
 * @param maxScanPixels the most pixels a rendered scan, or an image embedded in a scanned page, may have; more fails
 *     the file with {@link dev.filebatch.ErrorCode#IMAGE_TOO_LARGE}
 * @param concurrency the processor's lane
 * @param scanRecognizer reads scanned pages; empty means scans are left unread and the file ends partial
 */
public record PdfTextOptions(
    int maxPages,
    boolean sortByPosition,
    int minTextCharsPerPage,
    int scanDpi,
    long maxScanPixels,
    Concurrency concurrency,
    Optional<ScanRecognizer> scanRecognizer) {

  /** Default {@link #maxPages()}: 50. */
  public static final int DEFAULT_MAX_PAGES = 50;
  /** Default {@link #minTextCharsPerPage()}: 16. */
  public static final int DEFAULT_MIN_TEXT_CHARS_PER_PAGE = 16;
  /** Default {@link #scanDpi()}: 300, what OCR engines such as Tesseract read best. */
  public static final int DEFAULT_SCAN_DPI = 300;
  /** Default {@link #maxScanPixels()}: 40 million, a Letter page at 600 DPI fits; 40 MB as a grey image. */
  public static final long DEFAULT_MAX_SCAN_PIXELS = 40_000_000L;
  /** Lowest accepted {@link #scanDpi()}. */
  public static final int MIN_SCAN_DPI = 36;
  /** Highest accepted {@link #scanDpi()}. */
  public static final int MAX_SCAN_DPI = 1200;

  /**
   * Validates every setting.
   *
   * @throws IllegalArgumentException with the setting's name and the accepted range when one is out of range
   */
  public PdfTextOptions {
    if (maxPages < 1) {
      throw new IllegalArgumentException("maxPages must be at least 1, was " + maxPages);
    }
    if (minTextCharsPerPage < 0) {
      throw new IllegalArgumentException("minTextCharsPerPage must be 0 or more, was " + minTextCharsPerPage);
    }
    if (scanDpi < MIN_SCAN_DPI || scanDpi > MAX_SCAN_DPI) {
      throw new IllegalArgumentException(
          "scanDpi must be between " + MIN_SCAN_DPI + " and " + MAX_SCAN_DPI + ", was " + scanDpi);
    }
    if (maxScanPixels < 1) {
      throw new IllegalArgumentException("maxScanPixels must be at least 1, was " + maxScanPixels);
    }
    Objects.requireNonNull(concurrency, "concurrency");
    Objects.requireNonNull(scanRecognizer, "scanRecognizer");
  }

  /** The defaults: 50 pages, sorted by position, 16 characters, 300 DPI, 40 MP, sequential lane, no recognizer. */
  public static PdfTextOptions defaults() {
    return new PdfTextOptions(
        DEFAULT_MAX_PAGES,
        true,
        DEFAULT_MIN_TEXT_CHARS_PER_PAGE,
        DEFAULT_SCAN_DPI,
        DEFAULT_MAX_SCAN_PIXELS,
        Concurrency.sequential(),
        Optional.empty());
  }
}
