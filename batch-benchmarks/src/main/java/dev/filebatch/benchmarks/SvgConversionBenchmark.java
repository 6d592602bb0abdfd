package dev.filebatch.benchmarks;

import dev.filebatch.BatchInput;
import dev.filebatch.BatchProcessor;
import dev.filebatch.BatchResult;
import dev.filebatch.FileResult;
import dev.filebatch.MediaType;
import dev.filebatch.spi.Concurrency;
import dev.filebatch.spi.ResultCache;
import dev.filebatch.svg.SvgConversion;
import dev.filebatch.svg.SvgProcessor;
import dev.filebatch.svg.SvgRenderer;
import dev.filebatch.testkit.TestContext;
import dev.filebatch.testkit.TestInputFile;
import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.apache.batik.transcoder.TranscoderException;
import org.apache.batik.transcoder.TranscoderInput;
import org.apache.batik.transcoder.TranscoderOutput;
import org.apache.batik.transcoder.image.ImageTranscoder;
import org.apache.batik.transcoder.image.PNGTranscoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Issue 4: SVG to PNG files per second through the engine against a bare Batik loop (overhead target at most 5%),
 * and one worker against four. Twenty generated drawings ({@link SvgDrawings}: gradients, Bézier paths, a chart,
 * text; 640 x 480) are written by {@link Drawings#setUp} and converted
 *
 * <ul>
 *   <li>{@link #engine}: as one batch through {@link BatchProcessor#process} with {@code SvgProcessor} (PNG, renderer
 *       {@code batik}, in-process isolation, every other option at its default) and its lane set to
 *       {@code Concurrency.cpuBound(workers)};
 *   <li>{@link #processorDirect}: the same processor called on each file directly, one after another, no engine;
 *   <li>{@link #bare}: Batik's own {@code PNGTranscoder} from each file to a PNG file, one after another;
 *   <li>{@link #bareImageIo}: Batik's transcoder drawing the image, the JDK's ImageIO writing the PNG, as the
 *       processor does, one after another: the same drawing and encoding work without screening or engine.
 * </ul>
 *
 * <p>Scores are files per second ({@link OperationsPerInvocation} = 20). The like-for-like overhead is
 * {@code engine} with {@code workers=1} against {@code bare} or {@code bareImageIo}, all one file at a time.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(SvgConversionBenchmark.FILES)
@Fork(value = 1, jvmArgsAppend = {"-Djava.awt.headless=true"})
public class SvgConversionBenchmark {
  /** Drawings per batch: the SVG-conversion origin spec's maximum. */
  public static final int FILES = 20;

  /** The drawings on disk, and the direct and bare paths' output folders. */
  @State(Scope.Benchmark)
  public static class Drawings {
    final List<Path> svgs = new ArrayList<>();
    final List<TestInputFile> direct = new ArrayList<>();
    final List<Path> pngs = new ArrayList<>();
    final SvgProcessor processor = SvgProcessor.builder().renderer(SvgRenderer.BATIK).build();
    Path folder;
    TestContext context;

    /** Writes the drawings. */
    @Setup
    public void setUp() throws Exception {
      folder = Folders.temp("filebatch-bench-svg-");
      Path in = Files.createDirectories(folder.resolve("in"));
      Path bare = Files.createDirectories(folder.resolve("bare"));
      for (int i = 0; i < FILES; i++) {
        byte[] svg = SvgDrawings.drawing(i).getBytes(StandardCharsets.UTF_8);
        Path p = Files.write(in.resolve("drawing-" + i + ".svg"), svg);
        svgs.add(p);
        direct.add(TestInputFile.of(p, MediaType.SVG).withIndex(i));
        pngs.add(bare.resolve("drawing-" + i + ".png"));
      }
      context = TestContext.in(Files.createDirectories(folder.resolve("direct")));
    }

    /** Removes the artifacts the direct calls left (new files every call), outside the timing. */
    @TearDown(Level.Iteration)
    public void emptyDirect() throws Exception {
      Folders.delete(folder.resolve("direct"));
      Files.createDirectories(folder.resolve("direct"));
    }

    /** Removes everything. */
    @TearDown
    public void tearDown() {
      Folders.delete(folder);
    }
  }

  /** The engine, with a lane of {@link #workers} files at once. */
  @State(Scope.Benchmark)
  public static class Engine {
    /** Files converted at once ({@code Concurrency.cpuBound(workers)}); the processor's default is 4. */
    @Param({"1", "4"})
    public int workers;

    BatchProcessor engine;
    Path out;
    BatchInput input;

    /** Builds the engine and checks once that every drawing converts, drawn by Batik. */
    @Setup
    public void setUp(Drawings d) throws Exception {
      out = Files.createDirectories(d.folder.resolve("out-" + workers));
      engine = BatchProcessor.builder()
          .processor(d.processor)
          .concurrency(SvgProcessor.ID, Concurrency.cpuBound(workers))
          .cache(ResultCache.disabled())
          .workspaceRoot(Files.createDirectories(d.folder.resolve("workspaces")))
          .outputDirectory(out)
          .build();
      input = BatchInput.of(d.svgs);
      BatchResult check = engine.process(input);
      if (check.successfulFiles() != FILES) {
        throw new IllegalStateException("expected " + FILES + " converted drawings, got " + check);
      }
      for (FileResult f : check.files()) {
        SvgConversion c = f.payload(SvgConversion.class);
        if (c.renderer() != SvgRenderer.BATIK || c.width() != SvgDrawings.WIDTH) {
          throw new IllegalStateException("unexpected conversion " + c);
        }
      }
    }

    /** Removes the PNGs of the iteration's batches, outside the timing: each batch writes new ones. */
    @TearDown(Level.Iteration)
    public void emptyOutput() throws Exception {
      Folders.delete(out);
      Files.createDirectories(out);
    }

    /** Closes the engine. */
    @TearDown
    public void tearDown() {
      engine.close();
    }
  }

  /** The twenty drawings as one batch through the engine. */
  @Benchmark
  public BatchResult engine(Engine e) {
    BatchResult r = e.engine.process(e.input);
    if (r.successfulFiles() != FILES) {
      throw new IllegalStateException("a drawing failed: " + r);
    }
    return r;
  }

  /** The same processor called on each file in turn: screening, Batik, PNG encoding, no engine. */
  @Benchmark
  public List<SvgConversion> processorDirect(Drawings d) throws Exception {
    List<SvgConversion> done = new ArrayList<>(FILES);
    for (TestInputFile f : d.direct) {
      done.add(d.processor.process(f, d.context));
    }
    return done;
  }

  /**
   * The tighter baseline: Batik draws each file into an image (as the processor's renderer does) and the JDK's
   * ImageIO writes the PNG (as the processor's encoder does); no screening, no render thread, no engine.
   */
  @Benchmark
  public long bareImageIo(Drawings d) throws Exception {
    long bytes = 0;
    for (int i = 0; i < FILES; i++) {
      Path target = d.pngs.get(i);
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target))) {
        ImageIoPngTranscoder t = new ImageIoPngTranscoder(out);
        t.transcode(new TranscoderInput(d.svgs.get(i).toUri().toString()), new TranscoderOutput());
      }
      bytes += Files.size(target);
    }
    return bytes;
  }

  /** Batik's raster transcoder handing its image to ImageIO's PNG writer instead of Batik's own encoder. */
  static final class ImageIoPngTranscoder extends ImageTranscoder {
    private final OutputStream out;

    ImageIoPngTranscoder(OutputStream out) {
      this.out = out;
    }

    @Override
    public BufferedImage createImage(int w, int h) {
      return new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
    }

    @Override
    public void writeImage(BufferedImage img, TranscoderOutput output) throws TranscoderException {
      try {
        if (!ImageIO.write(img, "png", out)) {
          throw new TranscoderException("no PNG writer");
        }
      } catch (IOException e) {
        throw new TranscoderException(e);
      }
    }
  }

  /** The baseline the issue names: Batik's PNG transcoder (and its own PNG encoder) from each file to a file. */
  @Benchmark
  public long bare(Drawings d) throws Exception {
    long bytes = 0;
    for (int i = 0; i < FILES; i++) {
      PNGTranscoder t = new PNGTranscoder();
      Path target = d.pngs.get(i);
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target))) {
        t.transcode(new TranscoderInput(d.svgs.get(i).toUri().toString()), new TranscoderOutput(out));
      }
      bytes += Files.size(target);
    }
    return bytes;
  }
}
