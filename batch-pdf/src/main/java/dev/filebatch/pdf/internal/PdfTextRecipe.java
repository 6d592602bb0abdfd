package dev.filebatch.pdf.internal;

import dev.filebatch.pdf.PdfTextOptions;
import dev.filebatch.pdf.PdfTextProcessor;
import dev.filebatch.spi.Concurrency;
import dev.filebatch.spi.FileProcessor;
import dev.filebatch.spi.ProcessorFactory;
import java.util.Map;

/**
 * Rebuilds a {@link PdfTextProcessor} in a forked worker JVM from its settings as strings. A processor with a
 * {@link dev.filebatch.pdf.ScanRecognizer} has no recipe: a recognizer is code, not settings.
 */
public final class PdfTextRecipe implements ProcessorFactory {
  static final String MAX_PAGES = "max_pages";
  static final String SORT_BY_POSITION = "sort_by_position";
  static final String MIN_TEXT_CHARS_PER_PAGE = "min_text_chars_per_page";
  static final String SCAN_DPI = "scan_dpi";
  static final String MAX_SCAN_PIXELS = "max_scan_pixels";
  static final String MAX_PARALLEL = "max_parallel";
  static final String CPU_BOUND = "cpu_bound";

  /** For the worker, which instantiates factories by class name. */
  public PdfTextRecipe() {}

  /** The settings of a processor without a recognizer, as the options {@link #create} reads back. */
  public static Map<String, String> optionsOf(PdfTextOptions options) {
    return Map.of(
        MAX_PAGES, Integer.toString(options.maxPages()),
        SORT_BY_POSITION, Boolean.toString(options.sortByPosition()),
        MIN_TEXT_CHARS_PER_PAGE, Integer.toString(options.minTextCharsPerPage()),
        SCAN_DPI, Integer.toString(options.scanDpi()),
        MAX_SCAN_PIXELS, Long.toString(options.maxScanPixels()),
        MAX_PARALLEL, Integer.toString(options.concurrency().maxParallel()),
        CPU_BOUND, Boolean.toString(options.concurrency().cpuBound()));
  }

  /** Builds the processor; settings missing from the map keep their defaults. */
  @Override
  public FileProcessor<?> create(Map<String, String> options) {
    PdfTextOptions defaults = PdfTextOptions.defaults();
    PdfTextProcessor.Builder builder = PdfTextProcessor.builder()
        .maxPages(Integer.parseInt(options.getOrDefault(MAX_PAGES, Integer.toString(defaults.maxPages()))))
        .sortByPosition(Boolean.parseBoolean(options.getOrDefault(SORT_BY_POSITION, "true")))
        .minTextCharsPerPage(Integer.parseInt(options.getOrDefault(MIN_TEXT_CHARS_PER_PAGE,
            Integer.toString(defaults.minTextCharsPerPage()))))
        .scanDpi(Integer.parseInt(options.getOrDefault(SCAN_DPI, Integer.toString(defaults.scanDpi()))))
        .maxScanPixels(Long.parseLong(options.getOrDefault(MAX_SCAN_PIXELS,
            Long.toString(defaults.maxScanPixels()))));
    int maxParallel = Integer.parseInt(options.getOrDefault(MAX_PARALLEL, "1"));
    boolean cpuBound = Boolean.parseBoolean(options.getOrDefault(CPU_BOUND, "false"));
    return builder.concurrency(new Concurrency(maxParallel, cpuBound)).build();
  }
}
