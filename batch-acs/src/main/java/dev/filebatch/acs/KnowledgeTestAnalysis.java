package dev.filebatch.acs;

import dev.filebatch.acs.internal.CodeLineVote;
import dev.filebatch.acs.internal.CodeReader;
import dev.filebatch.pdf.PdfText;
import dev.filebatch.pdf.PdfTextProcessor;
import dev.filebatch.spi.FileProcessor;
import dev.filebatch.spi.ResultMapper;
import dev.filebatch.vision.LineReread;
import dev.filebatch.vision.RecognizedText;
import dev.filebatch.vision.TesseractRecognizer;
import dev.filebatch.vision.TextRecognizer;
import dev.filebatch.vision.VisionProcessor;
import java.util.Objects;

/**
 * The front door of knowledge-test analysis: the processors to register on a
 * {@link dev.filebatch.BatchProcessor} for AKTR PDFs and photos, and the summarizer for the batch.
 *
 * <pre>{@code
 * KnowledgeTestAnalysis aktr = KnowledgeTestAnalysis.create();
 * BatchProcessor batch = BatchProcessor.builder()
 *     .processor(aktr.pdfProcessor())       // PDF text -> KnowledgeTestReport
 *     .processor(aktr.photoProcessor())     // JPEG/PNG photo -> Tesseract -> KnowledgeTestReport
 *     .summarizer(aktr.summarizer())        // KnowledgeTestSummary
 *     .build();
 * }</pre>
 *
 * <p>Each processor is the batch-pdf or batch-vision processor followed by an {@link AktrMapper}: a file whose text
 * is not a report fails with {@link AktrParser#NOT_AN_AKTR}; a report missing a required field ends PARTIAL with
 * {@link AktrMapper#INCOMPLETE_AKTR}. Immutable and thread-safe.
 */
public final class KnowledgeTestAnalysis {
  private final AktrParser parser;
  private final AcsSummaryAnalyzer summarizer;

  private KnowledgeTestAnalysis(Builder b) {
    this.parser = AktrParser.create(b.catalogue, b.passingScore);
    this.summarizer = b.summary.build();
  }

  /** Every default: bundled catalogue, passing score 70, weak-area threshold 0.30, buckets of 10. */
  public static KnowledgeTestAnalysis create() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The report parser. */
  public AktrParser parser() {
    return parser;
  }

  /** The batch summarizer, producing a {@link KnowledgeTestSummary}. */
  public AcsSummaryAnalyzer summarizer() {
    return summarizer;
  }

  /** The step to put after a {@link PdfTextProcessor}: {@code pdf.andThen(analysis.pdfMapper())}. */
  public ResultMapper<PdfText, KnowledgeTestReport> pdfMapper() {
    return AktrMapper.of(parser, PdfText::text);
  }

  /** The step to put after a {@link VisionProcessor}: {@code vision.andThen(analysis.photoMapper())}. */
  public ResultMapper<RecognizedText, KnowledgeTestReport> photoMapper() {
    return AktrMapper.of(parser, RecognizedText::text);
  }

  /** AKTR PDFs with the default {@link PdfTextProcessor}; id {@code pdf-text>aktr}. */
  public FileProcessor<KnowledgeTestReport> pdfProcessor() {
    return pdfProcessor(PdfTextProcessor.create());
  }

  /** AKTR PDFs read by the given PDF processor (e.g. one with a scan recognizer). */
  public FileProcessor<KnowledgeTestReport> pdfProcessor(PdfTextProcessor pdf) {
    return Objects.requireNonNull(pdf, "pdf").andThen(pdfMapper());
  }

  /**
   * AKTR photos (JPEG, PNG) read by local Tesseract through {@link #photoRecognizer()}; id
   * {@code vision-ocr>aktr}. The processor holds Tesseract engines: build it once and reuse it.
   */
  public FileProcessor<KnowledgeTestReport> photoProcessor() {
    return photoProcessor(VisionProcessor.builder().recognizer(photoRecognizer()).build());
  }

  /** AKTR photos read by the given vision processor (e.g. a remote vision model). */
  public FileProcessor<KnowledgeTestReport> photoProcessor(VisionProcessor vision) {
    return Objects.requireNonNull(vision, "vision").andThen(photoMapper());
  }

  /**
   * The recognizer the default photo processor uses: Tesseract with the bundled English data, rereading the lines
   * of ACS codes with {@link #codeLineReread()}. The page is straightened and prepared by the
   * {@link VisionProcessor}'s preprocessing. Close it when done.
   */
  public TextRecognizer photoRecognizer() {
    return TesseractRecognizer.builder().rereadLines(codeLineReread()).build();
  }

  /**
   * The second reading for lines of ACS codes, to give {@link TesseractRecognizer.Builder#rereadLines}: each line
   * made only of code-like tokens is read again at several scales, every reading is parsed and validated against
   * the catalogue, and each code takes the value most readings agree on, or is left out when fewer than half of
   * the readings agree. Each code's area numeral is also read from the pixels, by counting its vertical stems
   * between the code's dots; where that count is clear, it picks the numeral among the readings, or corrects it
   * when no reading has it and the corrected code is in the catalogue. On generated phone photos this removed
   * nearly every misread Roman numeral ("IR.II.B" for "IR.III.B"), which validate and so cannot be repaired from
   * one reading; see docs/benchmarks.md. The same as {@code codeLineReread(true)}.
   */
  public LineReread codeLineReread() {
    return codeLineReread(true);
  }

  /**
   * The second reading for lines of ACS codes, as {@link #codeLineReread()}.
   *
   * @param countStrokes whether to check each code's area numeral against the stems counted in the image
   *     ({@code true} by default); without it, the numeral is only voted on by the readings
   */
  public LineReread codeLineReread(boolean countStrokes) {
    return new CodeLineVote(new CodeReader(parser.catalogue()), countStrokes);
  }

  /** Builds a {@link KnowledgeTestAnalysis}; each setter validates its value. */
  public static final class Builder {
    // the summary settings are validated once, by the analyzer's own builder
    private final AcsSummaryAnalyzer.Builder summary = AcsSummaryAnalyzer.builder();
    private AcsCatalogue catalogue = AcsCatalogue.standard();
    private int passingScore = AktrParser.DEFAULT_PASSING_SCORE;

    private Builder() {}

    /** The ACS catalogue; the bundled one by default. */
    public Builder catalogue(AcsCatalogue catalogue) {
      summary.catalogue(catalogue);
      this.catalogue = catalogue;
      return this;
    }

    /** The passing score, 1 to 100; 70 by default. Used only where a report's grade is illegible. */
    public Builder passingScore(int passingScore) {
      summary.passingScore(passingScore);
      this.passingScore = passingScore;
      return this;
    }

    /** The share of an exam's reports above which a code is a weak area, 0 to below 1; 0.30 by default. */
    public Builder weakAreaThreshold(double threshold) {
      summary.weakAreaThreshold(threshold);
      return this;
    }

    /** The width of the score distribution's buckets, 1 to 50 points; 10 by default. */
    public Builder scoreBucketWidth(int width) {
      summary.scoreBucketWidth(width);
      return this;
    }

    /** The analysis. */
    public KnowledgeTestAnalysis build() {
      return new KnowledgeTestAnalysis(this);
    }
  }
}
