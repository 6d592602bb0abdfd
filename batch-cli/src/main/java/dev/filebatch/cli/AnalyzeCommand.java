package dev.filebatch.cli;

import dev.filebatch.BatchProcessor;
import dev.filebatch.BatchResult;
import dev.filebatch.acs.AcsSummaryAnalyzer;
import dev.filebatch.acs.KnowledgeTestAnalysis;
import dev.filebatch.acs.KnowledgeTestSummary;
import dev.filebatch.acs.StudyPlanItem;
import dev.filebatch.spi.FileProcessor;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code filebatch analyze}: FAA knowledge-test reports (PDFs, photos) to weak areas and a study plan. */
@Command(name = "analyze", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Analyze FAA Airman Knowledge Test Reports (PDFs and JPEG/PNG photos, loose, in folders or ZIPs):",
        "each report's missed ACS codes, then weak areas, score statistics, trends and a study plan."})
final class AnalyzeCommand extends BatchCommand {
  /** Which text recognizer reads photos and scanned PDFs. */
  enum Ocr { tesseract, openai, none }

  @Option(names = "--ocr", paramLabel = "ENGINE", defaultValue = "tesseract",
      description = "Text recognition for photos and scans: tesseract (local, bundled English model), openai "
          + "(an OpenAI-compatible vision endpoint) or none (default: ${DEFAULT-VALUE}).")
  Ocr ocr;

  @Option(names = "--tessdata", paramLabel = "DIR",
      description = "Folder holding <language>.traineddata (default: TESSDATA_PREFIX, then the bundled model, "
          + "then the system folders).")
  Path tessdata;

  @Option(names = "--ocr-language", paramLabel = "LANG", defaultValue = "eng",
      description = "Tesseract language(s), e.g. eng or eng+deu (default: ${DEFAULT-VALUE}).")
  String language;

  @Option(names = "--ocr-psm", paramLabel = "N", defaultValue = "3",
      description = "Tesseract page segmentation mode 0-13 (default: ${DEFAULT-VALUE}).")
  int psm;

  @Option(names = "--ocr-reread-codes", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "With tesseract, read each line of ACS codes again at several scales and keep the codes most "
          + "readings agree on: fewer invented codes on photos for 11-27%% more CPU time "
          + "(default: ${DEFAULT-VALUE}).")
  boolean rereadCodes;

  @Option(names = "--ocr-count-strokes", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "With --ocr-reread-codes, also count the vertical strokes of each code's Roman numeral in the "
          + "image and let a clear count decide the numeral (III, not II): fewer missed and invented codes on photos "
          + "for well under 1%% more CPU time (default: ${DEFAULT-VALUE}).")
  boolean countStrokes;

  @Option(names = "--openai-url", paramLabel = "URL", defaultValue = "https://api.openai.com/v1",
      description = "Base URL of the OpenAI-compatible API, e.g. http://127.0.0.1:11434/v1 for Ollama "
          + "(default: ${DEFAULT-VALUE}).")
  String openaiUrl;

  @Option(names = "--openai-model", paramLabel = "MODEL", defaultValue = "gpt-4o-mini",
      description = "Vision model name (default: ${DEFAULT-VALUE}).")
  String openaiModel;

  @Option(names = "--openai-key-env", paramLabel = "VAR", defaultValue = "OPENAI_API_KEY",
      description = "Environment variable holding the API key; the key itself is never a flag "
          + "(default: ${DEFAULT-VALUE}).")
  String openaiKeyEnv;

  @Option(names = "--openai-timeout", paramLabel = "DURATION", defaultValue = "60s",
      description = "Per-request timeout of the vision API (default: ${DEFAULT-VALUE}).")
  String openaiTimeout;

  @Option(names = "--max-pages", paramLabel = "N", defaultValue = "50",
      description = "Most pages per PDF; more fails TOO_MANY_PAGES (default: ${DEFAULT-VALUE}).")
  int maxPages;

  @Option(names = "--scan-dpi", paramLabel = "N", defaultValue = "300",
      description = "Resolution at which PDF pages without text are rendered for OCR (default: ${DEFAULT-VALUE}).")
  int scanDpi;

  @Option(names = "--min-text-chars", paramLabel = "N", defaultValue = "16",
      description = "A PDF page with fewer characters and an image counts as a scan (default: ${DEFAULT-VALUE}).")
  int minTextChars;

  @Option(names = "--max-pixels", paramLabel = "N", defaultValue = "40000000",
      description = "Largest photo in pixels, checked from the header before decoding (default: ${DEFAULT-VALUE}).")
  long maxPixels;

  @Option(names = "--preprocess", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Clean photos up for OCR: greyscale, scaling, contrast, threshold (default: ${DEFAULT-VALUE}).")
  boolean preprocess;

  @Option(names = "--image-workers", paramLabel = "N", defaultValue = "5",
      description = "Photos read at once (default: ${DEFAULT-VALUE}).")
  int imageWorkers;

  @Option(names = "--pdf-workers", paramLabel = "N", defaultValue = "1",
      description = "PDFs read at once; the origin spec reads them one at a time (default: ${DEFAULT-VALUE}).")
  int pdfWorkers;

  @Option(names = "--passing-score", paramLabel = "N", defaultValue = "70",
      description = "Score at or above which a report passes when its grade is unreadable "
          + "(default: ${DEFAULT-VALUE}).")
  int passingScore;

  @Option(names = "--weak-area-threshold", paramLabel = "FRACTION", defaultValue = "0.30",
      description = "A code missed in more than this fraction of an exam's reports is a weak area "
          + "(default: ${DEFAULT-VALUE}).")
  double weakAreaThreshold;

  @Override
  String task() {
    return "analyze";
  }

  Map<String, String> settings() {
    Map<String, String> s = new LinkedHashMap<>();
    s.put(Analysis.OCR, ocr.name());
    s.put(Analysis.TESSDATA, tessdata == null ? "" : tessdata.toAbsolutePath().toString());
    s.put(Analysis.LANGUAGE, language);
    s.put(Analysis.PSM, Integer.toString(psm));
    s.put(Analysis.REREAD_CODES, Boolean.toString(rereadCodes));
    s.put(Analysis.COUNT_STROKES, Boolean.toString(countStrokes));
    s.put(Analysis.OPENAI_URL, openaiUrl);
    s.put(Analysis.OPENAI_MODEL, openaiModel);
    s.put(Analysis.OPENAI_KEY_ENV, openaiKeyEnv);
    s.put(Analysis.OPENAI_TIMEOUT, openaiTimeout);
    s.put(Analysis.MAX_PAGES, Integer.toString(maxPages));
    s.put(Analysis.SCAN_DPI, Integer.toString(scanDpi));
    s.put(Analysis.MIN_TEXT, Integer.toString(minTextChars));
    s.put(Analysis.MAX_PIXELS, Long.toString(maxPixels));
    s.put(Analysis.PREPROCESS, Boolean.toString(preprocess));
    s.put(Analysis.IMAGE_WORKERS, Integer.toString(imageWorkers));
    s.put(Analysis.PASSING_SCORE, Integer.toString(passingScore));
    return s;
  }

  @Override
  BatchProcessor.Builder processors(BatchProcessor.Builder builder) {
    FileProcessor<?> pdf;
    FileProcessor<?> image;
    AcsSummaryAnalyzer analyzer;
    try {
      Values.parseDuration(openaiTimeout);
      pdf = Analysis.pdf(Analysis.pdfSettings(settings()));
      image = Analysis.image(Analysis.imageSettings(settings()));
      analyzer = KnowledgeTestAnalysis.builder().weakAreaThreshold(weakAreaThreshold).passingScore(passingScore)
          .build().summarizer();
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    builder.processor(pdf).processor(image).summarizer(analyzer)
        .concurrency(pdf.id(), pdf.concurrency().withMaxParallel(pdfWorkers));
    if (engine.isolation != EngineOptions.IsolationMode.none) {
      builder.isolation(pdf.id(), engine.isolationSetting()).isolation(image.id(), engine.isolationSetting());
    }
    return builder;
  }

  @Override
  void printSummary(BatchResult result, PrintWriter w) {
    if (!(result.summary() instanceof KnowledgeTestSummary s)) {
      return;
    }
    w.printf("%nReports analysed: %d%n", s.reportCount());
    var d = s.scoreDistribution();
    if (d != null && d.count() > 0) {
      w.printf("Scores: min %d, max %d, mean %.1f, median %.1f, std dev %.1f; pass rate %s%n", d.min(), d.max(),
          d.mean(), d.median(), d.stdDev(), s.passRate() == null ? "n/a" : Math.round(s.passRate()) + "%");
    }
    if (s.commonWeakAreas().isEmpty()) {
      w.printf("Weak areas (codes in more than %.0f%% of an exam's reports): none%n", s.weakAreaThreshold() * 100);
    } else {
      w.printf("Weak areas (codes in more than %.0f%% of an exam's reports):%n", s.weakAreaThreshold() * 100);
      for (var a : s.commonWeakAreas()) {
        w.printf("  %-14s %3d %s (%.0f%%)  %s%n", a.code(), a.frequency(), a.frequency() == 1 ? "report " : "reports",
            a.percentage(), a.description() == null ? "" : a.description());
      }
    }
    if (!s.trends().isEmpty()) {
      w.println("Trends (people with several attempts):");
      for (var t : s.trends()) {
        String scores = t.attempts().stream().map(a -> a.score() == null ? "?" : a.score().toString())
            .collect(java.util.stream.Collectors.joining(" -> "));
        w.printf("  %s (%s): %d attempts, scores %s%s; %d codes resolved, %d still missed, %d new%n",
            t.applicantName(), t.examCode(), t.attempts().size(), scores,
            t.scoreChange() == null ? "" : String.format(" (%+d)", t.scoreChange()), t.codesResolved().size(),
            t.codesStillMissed().size(), t.newCodes().size());
        if (!t.codesStillMissed().isEmpty()) {
          w.printf("      still missed: %s%n", String.join(", ", t.codesStillMissed()));
        }
      }
    }
    if (!s.studyPlan().isEmpty()) {
      w.println("Study plan (most missed first):");
      for (StudyPlanItem i : s.studyPlan()) {
        w.printf("  %2d. %-14s %s / %s  (missed in %d report%s)%n", i.priority(), i.code(), i.area(), i.task(),
            i.frequency(), i.frequency() == 1 ? "" : "s");
      }
    }
  }
}
