package dev.filebatch.cli;

import dev.filebatch.acs.KnowledgeTestAnalysis;
import dev.filebatch.acs.KnowledgeTestReport;
import dev.filebatch.pdf.PdfTextProcessor;
import dev.filebatch.spi.FileProcessor;
import dev.filebatch.vision.OpenAiVisionRecognizer;
import dev.filebatch.vision.RecognizedText;
import dev.filebatch.vision.TesseractRecognizer;
import dev.filebatch.vision.TextRecognizer;
import dev.filebatch.vision.VisionProcessor;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The knowledge-test processors built from string settings: PDF text then the AKTR parser, and OCR of photos then
 * the AKTR parser; the same settings rebuild them in a forked worker.
 */
final class Analysis {
  /** Settings keys. */
  static final String OCR = "ocr";
  static final String TESSDATA = "tessdata";
  static final String LANGUAGE = "ocr-language";
  static final String PSM = "ocr-psm";
  static final String REREAD_CODES = "ocr-reread-codes";
  static final String COUNT_STROKES = "ocr-count-strokes";
  static final String OPENAI_URL = "openai-url";
  static final String OPENAI_MODEL = "openai-model";
  static final String OPENAI_KEY_ENV = "openai-key-env";
  static final String OPENAI_TIMEOUT = "openai-timeout";
  static final String MAX_PAGES = "max-pages";
  static final String SCAN_DPI = "scan-dpi";
  static final String MIN_TEXT = "min-text-chars";
  static final String MAX_PIXELS = "max-pixels";
  static final String PREPROCESS = "preprocess";
  static final String IMAGE_WORKERS = "image-workers";
  static final String PASSING_SCORE = "passing-score";

  private Analysis() {}

  /** The settings of {@code analyze} with every flag at its default. */
  static Map<String, String> defaults() {
    Map<String, String> s = new LinkedHashMap<>();
    s.put(OCR, "tesseract");
    s.put(TESSDATA, "");
    s.put(LANGUAGE, "eng");
    s.put(PSM, "3");
    s.put(REREAD_CODES, "true");
    s.put(COUNT_STROKES, "true");
    s.put(OPENAI_URL, "https://api.openai.com/v1");
    s.put(OPENAI_MODEL, "gpt-4o-mini");
    s.put(OPENAI_KEY_ENV, "OPENAI_API_KEY");
    s.put(OPENAI_TIMEOUT, "60s");
    s.put(MAX_PAGES, "50");
    s.put(SCAN_DPI, "300");
    s.put(MIN_TEXT, "16");
    s.put(MAX_PIXELS, "40000000");
    s.put(PREPROCESS, "true");
    s.put(IMAGE_WORKERS, "5");
    s.put(PASSING_SCORE, "70");
    return s;
  }

  static Map<String, String> pdfSettings(Map<String, String> common) {
    Map<String, String> s = new LinkedHashMap<>(common);
    s.put(Processors.KIND, "aktr-pdf");
    return s;
  }

  static Map<String, String> imageSettings(Map<String, String> common) {
    Map<String, String> s = new LinkedHashMap<>(common);
    s.put(Processors.KIND, "aktr-image");
    return s;
  }

  static FileProcessor<?> create(Map<String, String> s) {
    return switch (s.get(Processors.KIND)) {
      case "aktr-pdf" -> pdf(s);
      case "aktr-image" -> image(s);
      default -> throw new IllegalArgumentException("unknown processor kind " + s.get(Processors.KIND));
    };
  }

  static FileProcessor<KnowledgeTestReport> pdf(Map<String, String> s) {
    KnowledgeTestAnalysis analysis = analysis(s);
    PdfTextProcessor.Builder pdf = PdfTextProcessor.builder()
        .maxPages(Integer.parseInt(s.get(MAX_PAGES)))
        .scanDpi(Integer.parseInt(s.get(SCAN_DPI)))
        .minTextCharsPerPage(Integer.parseInt(s.get(MIN_TEXT)));
    TextRecognizer recognizer = recognizer(s);
    if (recognizer != null) {
      pdf.scanRecognizer(new dev.filebatch.pdf.ScanRecognizer() {
        @Override
        public String recognize(java.awt.image.BufferedImage page, dev.filebatch.spi.ProcessingContext ctx)
            throws Exception {
          return recognizer.recognize(page, ctx).text();
        }

        @Override
        public String id() {
          return recognizer.id();
        }
      });
    }
    return new Forkable<>(analysis.pdfProcessor(pdf.build()), s);
  }

  static FileProcessor<KnowledgeTestReport> image(Map<String, String> s) {
    KnowledgeTestAnalysis analysis = analysis(s);
    TextRecognizer recognizer = recognizer(s);
    VisionProcessor.Builder vision = VisionProcessor.builder()
        .maxPixels(Long.parseLong(s.get(MAX_PIXELS)))
        .preprocessing(Boolean.parseBoolean(s.get(PREPROCESS)))
        .parallelism(Integer.parseInt(s.get(IMAGE_WORKERS)));
    if (recognizer != null) {
      vision.recognizer(recognizer);
    } else {
      vision.recognizer(new NoOcr());
    }
    return new Forkable<>(analysis.photoProcessor(vision.build()), s);
  }

  /** The knowledge-test parser and mappers for these settings (the summarizer is configured by the command). */
  static KnowledgeTestAnalysis analysis(Map<String, String> s) {
    return KnowledgeTestAnalysis.builder().passingScore(Integer.parseInt(s.get(PASSING_SCORE))).build();
  }

  /** The configured recognizer, or {@code null} with {@code --ocr none}. */
  static TextRecognizer recognizer(Map<String, String> s) {
    switch (s.get(OCR)) {
      case "none":
        return null;
      case "openai": {
        OpenAiVisionRecognizer.Builder b = OpenAiVisionRecognizer.builder().baseUrl(s.get(OPENAI_URL))
            .model(s.get(OPENAI_MODEL)).timeout(Values.parseDuration(s.get(OPENAI_TIMEOUT)));
        String key = System.getenv(s.get(OPENAI_KEY_ENV));
        if (key != null && !key.isBlank()) {
          b.apiKey(key);
        }
        return b.build();
      }
      default: {
        TesseractRecognizer.Builder b = TesseractRecognizer.builder().language(s.get(LANGUAGE))
            .pageSegmentationMode(Integer.parseInt(s.get(PSM)));
        if (Boolean.parseBoolean(s.get(REREAD_CODES))) {
          b.rereadLines(analysis(s).codeLineReread(Boolean.parseBoolean(s.get(COUNT_STROKES))));
        }
        String tessdata = s.get(TESSDATA);
        if (tessdata != null && !tessdata.isEmpty()) {
          b.tessdataPath(Path.of(tessdata));
        }
        return b.build();
      }
    }
  }

  /** With {@code --ocr none}, photos fail with their own code and the fix. */
  static final class NoOcr implements TextRecognizer {
    @Override
    public String id() {
      return "none";
    }

    @Override
    public RecognizedText recognize(java.awt.image.BufferedImage image, dev.filebatch.spi.ProcessingContext ctx)
        throws dev.filebatch.spi.FileProcessingException {
      throw new dev.filebatch.spi.FileProcessingException(TesseractRecognizer.OCR_UNAVAILABLE,
          "Text recognition is switched off (--ocr none), so photos cannot be read.",
          "Use --ocr tesseract (bundled English model) or --ocr openai with --openai-url and --openai-model.");
    }
  }
}
