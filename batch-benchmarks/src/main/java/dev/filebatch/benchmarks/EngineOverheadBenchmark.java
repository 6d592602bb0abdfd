package dev.filebatch.benchmarks;

import dev.filebatch.BatchInput;
import dev.filebatch.BatchProcessor;
import dev.filebatch.BatchResult;
import dev.filebatch.FileInspection;
import dev.filebatch.MediaType;
import dev.filebatch.testkit.TestContext;
import dev.filebatch.testkit.TestInputFile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Issue 2, target 1: what the engine adds per file. A batch of 30 small text files (byte arrays) goes through a
 * no-op processor with {@link BatchProcessor#process}; the baseline calls the same processor directly on 30
 * hand-made input files. Per-file overhead = (engine - direct) / 30.
 *
 * <p>{@link #intakeOnly} runs {@link BatchProcessor#inspect} (workspace, streaming, hashing, type detection,
 * routing, cleanup, no lanes) to split the overhead into intake and execution.
 *
 * <p>{@code bodies}: {@code text}, the headline and worst case (55-byte texts, which no signature recognises, so
 * type detection must rule out every Tika magic rule), and {@code uploads}, typical upload bodies: 15 one-page PDFs
 * (855 bytes, kept in memory) and 15 PNGs (about 82 KB, past the 64 KB head, so written to the workspace),
 * recognised by their signatures.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
public class EngineOverheadBenchmark {
  /** Files per batch, the origin spec's maximum. */
  public static final int FILES = 30;

  /** Which bodies make up the batch: {@code text} (worst case) or {@code uploads} (PDFs and PNGs). */
  @Param({"text", "uploads"})
  public String bodies;

  private final List<byte[]> contents = new ArrayList<>();
  private final List<String> names = new ArrayList<>();
  private final List<TestInputFile> direct = new ArrayList<>();
  private final NoOpProcessor processor = new NoOpProcessor(MediaType.TEXT, MediaType.PDF, MediaType.PNG);
  private BatchProcessor engine;
  private TestContext context;
  private Path folder;

  /** Makes the files and the engine, and checks once that every file succeeds through it. */
  @Setup
  public void setUp() throws Exception {
    folder = Folders.temp("filebatch-bench-overhead-");
    context = TestContext.in(folder);
    for (int i = 0; i < FILES; i++) {
      boolean text = bodies.equals("text");
      boolean pdf = !text && i % 2 == 0;
      byte[] b = text ? ("Note " + i + ": the quick brown fox jumps over the lazy dog.\n").getBytes(StandardCharsets.UTF_8)
          : pdf ? onePagePdf(i) : png(i);
      String name = (text ? "note-" : pdf ? "report-" : "photo-") + i + (text ? ".txt" : pdf ? ".pdf" : ".png");
      contents.add(b);
      names.add(name);
      Path p = Files.write(folder.resolve(name), b);
      direct.add(TestInputFile.of(p, text ? MediaType.TEXT : pdf ? MediaType.PDF : MediaType.PNG).withIndex(i));
    }
    engine = BatchProcessor.builder().processor(processor).build();
    BatchResult check = engine.process(input());
    if (check.successfulFiles() != FILES) {
      throw new IllegalStateException("expected " + FILES + " successful files, got " + check);
    }
  }

  private static byte[] onePagePdf(int seed) throws IOException {
    try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      PDPage page = new PDPage();
      doc.addPage(page);
      try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
        cs.beginText();
        cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
        cs.newLineAtOffset(72, 700);
        cs.showText("Report " + seed + ": score 85, codes PA.I.B.K2 PA.III.A.K1");
        cs.endText();
      }
      doc.save(out);
      return out.toByteArray();
    }
  }

  private static byte[] png(int seed) throws IOException {
    BufferedImage img = new BufferedImage(200, 150, BufferedImage.TYPE_INT_RGB);
    Random r = new Random(seed);
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        img.setRGB(x, y, (x * 255 / img.getWidth()) << 16 | (y * 255 / img.getHeight()) << 8 | r.nextInt(64));
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }

  /** Closes the engine and removes the files. */
  @TearDown
  public void tearDown() {
    engine.close();
    Folders.delete(folder);
  }

  private BatchInput input() {
    BatchInput.Builder b = BatchInput.builder();
    for (int i = 0; i < FILES; i++) {
      b.bytes(names.get(i), contents.get(i));
    }
    return b.build();
  }

  /** The whole batch through the engine: intake, lanes, results, store, cleanup. */
  @Benchmark
  public BatchResult engine() {
    return engine.process(input());
  }

  /** Intake and routing only, no lanes: the intake share of the overhead. */
  @Benchmark
  public List<FileInspection> intakeOnly() {
    return engine.inspect(input());
  }

  /** The baseline: the same processor called directly on the 30 files. */
  @Benchmark
  public void direct(Blackhole bh) throws IOException {
    for (TestInputFile f : direct) {
      bh.consume(processor.process(f, context));
    }
  }
}
