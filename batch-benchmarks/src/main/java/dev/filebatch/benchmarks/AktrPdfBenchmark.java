package dev.filebatch.benchmarks;

import dev.filebatch.BatchInput;
import dev.filebatch.BatchProcessor;
import dev.filebatch.BatchResult;
import dev.filebatch.FileInspection;
import dev.filebatch.MediaType;
import dev.filebatch.acs.AcsCatalogue;
import dev.filebatch.acs.AktrMapper;
import dev.filebatch.acs.AktrParser;
import dev.filebatch.acs.KnowledgeTestReport;
import dev.filebatch.acs.fixtures.AktrGenerator;
import dev.filebatch.acs.fixtures.Layout;
import dev.filebatch.pdf.PdfText;
import dev.filebatch.pdf.PdfTextProcessor;
import dev.filebatch.pdf.ScanRecognizer;
import dev.filebatch.spi.BatchStore;
import dev.filebatch.spi.FileProcessor;
import dev.filebatch.spi.ProcessingContext;
import dev.filebatch.spi.ResultCache;
import dev.filebatch.testkit.TestContext;
import dev.filebatch.testkit.TestInputFile;
import dev.filebatch.vision.TesseractRecognizer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.RandomAccessRead;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Issue 3, PDF target: AKTR PDFs per second through the engine against a bare PDFBox loop; the engine may cost at
 * most 5% more. Thirty generated text-layer AKTRs (four layouts, {@link AktrGenerator#generatePdf}) are read
 *
 * <ul>
 *   <li>{@link #engine}: as one batch through {@link BatchProcessor#process}, with the processor the command line's
 *       {@code analyze} builds ({@code PdfTextProcessor} with its default settings and a Tesseract scan recognizer,
 *       then {@code AktrMapper} with the standard catalogue and passing score 70) and the result cache disabled, so
 *       every batch really reads every PDF;
 *   <li>{@link #engineStoringOne}: the same, with a store that keeps one batch instead of the default 1,000, to
 *       show what retaining results costs the collector;
 *   <li>{@link #intakeOnly}: {@link BatchProcessor#inspect} of the same batch: intake (workspace, copy, hash, type
 *       detection) and routing without processing;
 *   <li>{@link #processorDirect}: the same processor called on each file directly, no engine (splits the overhead
 *       into engine and processor);
 *   <li>{@link #bare}: {@code Loader.loadPDF}, a {@code PDFTextStripper} set up as the processor sets it up (sorted
 *       by position, {@code \n} lines, page by page) and {@link AktrParser#parse}, nothing else;
 *   <li>{@link #bareFromStream} and {@link #bareFromArray}: {@link #bare} with each PDF parsed from bytes in memory,
 *       as the processor parses a body the engine keeps in memory: whether that path alone is slower.
 * </ul>
 *
 * <p>Scores are reports per second ({@link OperationsPerInvocation} = 30). Overhead = bare / engine - 1.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(AktrPdfBenchmark.FILES)
@Fork(value = 1, jvmArgsAppend = {"-Djava.awt.headless=true"})
public class AktrPdfBenchmark {
  /** Reports per batch, the origin spec's maximum. */
  public static final int FILES = 30;

  private static final Layout[] LAYOUTS = Layout.values();

  private final List<Path> pdfs = new ArrayList<>();
  private final List<TestInputFile> direct = new ArrayList<>();
  private final List<byte[]> bodies = new ArrayList<>();
  private AktrParser parser;
  private FileProcessor<KnowledgeTestReport> processor;
  private TesseractRecognizer scanRecognizer;
  private BatchProcessor engine;
  private BatchProcessor engineStoringOne;
  private Path folder;
  private TestContext context;

  /** Writes the PDFs, builds the engine, and checks once that every report is read by all three paths. */
  @Setup
  public void setUp() throws Exception {
    folder = Folders.temp("filebatch-bench-aktr-pdf-");
    Path files = Files.createDirectories(folder.resolve("in"));
    for (int i = 0; i < FILES; i++) {
      byte[] pdf = AktrGenerator.generatePdf(AktrGenerator.randomTruth(1000 + i), LAYOUTS[i % LAYOUTS.length]);
      Path p = Files.write(files.resolve("aktr-" + i + ".pdf"), pdf);
      pdfs.add(p);
      bodies.add(pdf);
      direct.add(TestInputFile.of(p, MediaType.PDF).withIndex(i));
    }
    parser = AktrParser.create(AcsCatalogue.standard(), AktrParser.DEFAULT_PASSING_SCORE);
    processor = analyzeProcessor(parser);
    context = TestContext.in(Files.createDirectories(folder.resolve("direct")));
    engine = BatchProcessor.builder()
        .processor(processor)
        .cache(ResultCache.disabled())
        .workspaceRoot(Files.createDirectories(folder.resolve("workspaces")))
        .outputDirectory(Files.createDirectories(folder.resolve("out")))
        .build();
    // the same, but its store keeps only the last batch: what retaining results costs the collector (PairedRuns)
    engineStoringOne = BatchProcessor.builder()
        .processor(processor)
        .cache(ResultCache.disabled())
        .store(BatchStore.inMemory(1, Duration.ofHours(24)))
        .workspaceRoot(Files.createDirectories(folder.resolve("workspaces-one")))
        .outputDirectory(Files.createDirectories(folder.resolve("out-one")))
        .build();
    BatchResult check = engine.process(input());
    if (check.successfulFiles() != FILES) {
      throw new IllegalStateException("expected " + FILES + " successful reports through the engine, got " + check);
    }
    if (bare().size() != FILES || processorDirect().size() != FILES) {
      throw new IllegalStateException("the direct paths did not read every report");
    }
  }

  // As batch-cli's Analysis.pdf builds it with every flag at its default: a Tesseract recognizer for scanned pages
  // (never called here: every page has a text layer), then the AKTR parser.
  private FileProcessor<KnowledgeTestReport> analyzeProcessor(AktrParser aktr) {
    scanRecognizer = TesseractRecognizer.builder().language("eng").pageSegmentationMode(3).build();
    TesseractRecognizer recognizer = scanRecognizer;
    PdfTextProcessor pdf = PdfTextProcessor.builder()
        .maxPages(50)
        .scanDpi(300)
        .minTextCharsPerPage(16)
        .scanRecognizer(new ScanRecognizer() {
          @Override
          public String recognize(BufferedImage page, ProcessingContext ctx) throws Exception {
            return recognizer.recognize(page, ctx).text();
          }

          @Override
          public String id() {
            return recognizer.id();
          }
        })
        .build();
    return pdf.andThen(AktrMapper.<PdfText>of(aktr, PdfText::text));
  }

  private BatchInput input() {
    return BatchInput.of(pdfs);
  }

  /** Empties the folders the direct calls leave scratch files and artifacts in. */
  @TearDown(Level.Iteration)
  public void emptyScratch() throws Exception {
    Folders.delete(folder.resolve("direct"));
    Files.createDirectories(folder.resolve("direct"));
  }

  /** Closes the engine and the recognizer and removes the files. */
  @TearDown
  public void tearDown() {
    engine.close();
    engineStoringOne.close();
    scanRecognizer.close();
    Folders.delete(folder);
  }

  /** The 30 reports as one batch through the engine. */
  @Benchmark
  public BatchResult engine() {
    BatchResult r = engine.process(input());
    if (r.successfulFiles() != FILES) {
      throw new IllegalStateException("a report failed: " + r);
    }
    return r;
  }

  /**
   * {@link #engine} with a store that keeps one batch instead of the default 1,000: how much of the engine's cost is
   * the collector copying the results the default store retains (each variant runs in its own JVM, so only this
   * one's collector is spared them; in {@link PairedRuns} all variants share one heap).
   */
  @Benchmark
  public BatchResult engineStoringOne() {
    BatchResult r = engineStoringOne.process(input());
    if (r.successfulFiles() != FILES) {
      throw new IllegalStateException("a report failed: " + r);
    }
    return r;
  }

  /** Intake and routing only ({@link BatchProcessor#inspect}), no processing: the intake share of the overhead. */
  @Benchmark
  public List<FileInspection> intakeOnly() {
    return engine.inspect(input());
  }

  /** The same processor called on each file directly: what the processor costs without the engine. */
  @Benchmark
  public List<KnowledgeTestReport> processorDirect() throws Exception {
    List<KnowledgeTestReport> reports = new ArrayList<>(FILES);
    for (TestInputFile f : direct) {
      reports.add(processor.process(f, context));
    }
    return reports;
  }

  /** The baseline: PDFBox and the parser, nothing else. */
  @Benchmark
  public List<KnowledgeTestReport> bare() throws Exception {
    List<KnowledgeTestReport> reports = new ArrayList<>(FILES);
    PDFTextStripper stripper = stripper();
    for (Path p : pdfs) {
      try (PDDocument doc = Loader.loadPDF(new File(p.toString()))) {
        reports.add(parser.parse(text(doc, stripper)));
      }
    }
    return reports;
  }

  /**
   * {@link #bare}, but each PDF parsed from bytes in memory through an {@code InputStream}, as the processor parses
   * a body the engine holds in memory ({@code RandomAccessReadBuffer} instead of {@code RandomAccessReadBufferedFile}).
   */
  @Benchmark
  public List<KnowledgeTestReport> bareFromStream() throws Exception {
    return bareFromMemory(body -> new RandomAccessReadBuffer(new ByteArrayInputStream(body)));
  }

  /** {@link #bareFromStream}, with PDFBox's buffer made over the whole array at once (one chunk). */
  @Benchmark
  public List<KnowledgeTestReport> bareFromArray() throws Exception {
    return bareFromMemory(body -> new RandomAccessReadBuffer(body.clone()));
  }

  @FunctionalInterface
  private interface Reading {
    RandomAccessRead of(byte[] body) throws IOException;
  }

  private List<KnowledgeTestReport> bareFromMemory(Reading reading) throws Exception {
    List<KnowledgeTestReport> reports = new ArrayList<>(FILES);
    PDFTextStripper stripper = stripper();
    for (byte[] body : bodies) {
      try (PDDocument doc = Loader.loadPDF(reading.of(body))) {
        reports.add(parser.parse(text(doc, stripper)));
      }
    }
    return reports;
  }

  private static PDFTextStripper stripper() {
    PDFTextStripper stripper = new PDFTextStripper();
    stripper.setSortByPosition(true);
    stripper.setLineSeparator("\n");
    stripper.setPageStart("");
    stripper.setPageEnd("");
    return stripper;
  }

  private static String text(PDDocument doc, PDFTextStripper stripper) throws IOException {
    StringBuilder text = new StringBuilder();
    int pages = doc.getNumberOfPages();
    for (int n = 1; n <= pages; n++) {
      stripper.setStartPage(n);
      stripper.setEndPage(n);
      if (n > 1) {
        text.append("\n\n");
      }
      text.append(stripper.getText(doc).strip());
    }
    return text.toString();
  }
}
