package dev.filebatch.benchmarks;

import dev.filebatch.BatchInput;
import dev.filebatch.BatchProcessor;
import dev.filebatch.BatchResult;
import dev.filebatch.FileResult;
import dev.filebatch.MediaType;
import dev.filebatch.acs.AcsCatalogue;
import dev.filebatch.acs.AktrMapper;
import dev.filebatch.acs.AktrParser;
import dev.filebatch.acs.KnowledgeTestAnalysis;
import dev.filebatch.acs.fixtures.AktrGenerator;
import dev.filebatch.spi.Concurrency;
import dev.filebatch.spi.FileProcessor;
import dev.filebatch.spi.ResultCache;
import dev.filebatch.testkit.TestContext;
import dev.filebatch.testkit.TestInputFile;
import dev.filebatch.vision.RecognizedText;
import dev.filebatch.vision.TesseractRecognizer;
import dev.filebatch.vision.VisionProcessor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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

/**
 * Issue 3, photo target: AKTR photos per second with the image lane's default concurrency (five at once, CPU-bound,
 * so the shared CPU pool lets as many run as there are cores) against one at a time ({@code Concurrency.sequential()}),
 * with real Tesseract and the bundled English model. Six generated phone-photo JPEGs
 * ({@link AktrGenerator#generatePhoto}) go through the engine as one batch per invocation, with the processor the
 * command line's {@code analyze} builds (VisionProcessor with its defaults, then {@code AktrMapper}); the result
 * cache is disabled so every batch really reads every photo.
 *
 * <p>Tesseract must run single-threaded, as in production: start with {@code OMP_THREAD_LIMIT=1 java -jar ...}.
 * {@code @Fork(jvmArgsAppend)} cannot set an environment variable; the JMH fork inherits the launching shell's, and
 * {@link #setUp} refuses to measure without it. Score: seconds per batch of {@value #PHOTOS}; photos per second =
 * {@value #PHOTOS} / score.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Djava.awt.headless=true", "-Xmx2g"})
public class AktrPhotoLaneBenchmark {
  /** Photos per batch: few, so that a run ends in minutes. */
  public static final int PHOTOS = 6;

  /**
   * {@code parallel}: the lane's default (5 at once, CPU-bound); {@code sequential}: one at a time;
   * {@code pool1}/{@code pool2}: the control, no engine: the same processor called on the photos from a plain fixed
   * pool of 1 or 2 threads, which shows what a second thread gets from the machine at that moment.
   */
  @Param({"parallel", "sequential", "pool1", "pool2"})
  public String lane;

  /**
   * Whether Tesseract rereads the lines of ACS codes ({@code analyze --ocr-reread-codes}, on by default):
   * {@code false} measures what the second reading costs.
   */
  @Param({"true"})
  public boolean rereadCodes = true;

  private final List<TestInputFile> direct = new ArrayList<>();
  private FileProcessor<?> processor;
  private ExecutorService pool;
  private TestContext context;

  private final List<Path> photos = new ArrayList<>();
  private VisionProcessor vision;
  private BatchProcessor engine;
  private Path folder;

  private TesseractRecognizer recognizer() {
    TesseractRecognizer.Builder b = TesseractRecognizer.builder().language("eng").pageSegmentationMode(3);
    if (rereadCodes) {
      b.rereadLines(KnowledgeTestAnalysis.create().codeLineReread());
    }
    return b.build();
  }

  /** Writes the photos, builds the engine, and runs one batch so Tesseract engines and the JIT are warm. */
  @Setup
  public void setUp() throws Exception {
    if (!"1".equals(System.getenv("OMP_THREAD_LIMIT"))) {
      throw new IllegalStateException("run with OMP_THREAD_LIMIT=1 in the environment (as production does), e.g. "
          + "OMP_THREAD_LIMIT=1 java -jar batch-benchmarks/target/benchmarks.jar AktrPhotoLaneBenchmark ...");
    }
    folder = Folders.temp("filebatch-bench-aktr-photo-");
    Path in = Files.createDirectories(folder.resolve("in"));
    for (int i = 0; i < PHOTOS; i++) {
      long seed = 2000 + i;
      byte[] jpeg = AktrGenerator.generatePhoto(AktrGenerator.randomTruth(seed), seed);
      Path p = Files.write(in.resolve("aktr-photo-" + i + ".jpg"), jpeg);
      photos.add(p);
      direct.add(TestInputFile.of(p, MediaType.JPEG).withIndex(i));
    }
    context = TestContext.in(Files.createDirectories(folder.resolve("direct")));
    AktrParser parser = AktrParser.create(AcsCatalogue.standard(), AktrParser.DEFAULT_PASSING_SCORE);
    // As batch-cli's Analysis.image builds it with every flag at its default.
    vision = VisionProcessor.builder()
        .maxPixels(40_000_000L)
        .preprocessing(true)
        .parallelism(5)
        .recognizer(recognizer())
        .build();
    processor = vision.andThen(AktrMapper.<RecognizedText>of(parser, RecognizedText::text));
    BatchProcessor.Builder b = BatchProcessor.builder()
        .processor(processor)
        .cache(ResultCache.disabled())
        .fileTimeout(Duration.ofMinutes(2))
        .batchTimeout(Duration.ofMinutes(10))
        .workspaceRoot(Files.createDirectories(folder.resolve("workspaces")))
        .outputDirectory(Files.createDirectories(folder.resolve("out")));
    switch (lane) {
      case "parallel" -> { } // the processor's own concurrency
      case "sequential" -> b.concurrency(processor.id(), Concurrency.sequential());
      case "pool1" -> pool = Executors.newFixedThreadPool(1);
      case "pool2" -> pool = Executors.newFixedThreadPool(2);
      default -> throw new IllegalArgumentException("unknown lane " + lane);
    }
    engine = b.build();
    if (pool != null) {
      batch(); // warm Tesseract engines on the pool's threads
    }
    BatchResult check = engine.process(BatchInput.of(photos));
    Map<String, Integer> outcomes = new TreeMap<>();
    for (FileResult f : check.files()) {
      String key = f.status() + (f.error() != null ? " " + f.error().code() : "");
      outcomes.merge(key, 1, Integer::sum);
    }
    System.out.println("[" + lane + "] first batch: " + outcomes + " in "
        + check.duration().toMillis() + " ms");
    if (check.totalFiles() != PHOTOS) {
      throw new IllegalStateException("expected " + PHOTOS + " files, got " + check);
    }
  }

  /** Closes the engine, the pool and Tesseract, and removes the files. */
  @TearDown
  public void tearDown() {
    engine.close();
    if (pool != null) {
      pool.shutdownNow();
    }
    vision.close();
    Folders.delete(folder);
  }

  /** One batch of the photos (through the engine, or for the control through the plain pool). */
  @Benchmark
  public Object batch() throws Exception {
    if (pool == null) {
      return engine.process(BatchInput.of(photos));
    }
    List<Future<?>> done = new ArrayList<>(PHOTOS);
    for (TestInputFile f : direct) {
      done.add(pool.submit(() -> processor.process(f, context)));
    }
    List<Object> results = new ArrayList<>(PHOTOS);
    for (Future<?> f : done) {
      try {
        results.add(f.get());
      } catch (ExecutionException e) {
        results.add(e.getCause()); // an unreadable photo fails the same way through the engine
      }
    }
    return results;
  }
}
