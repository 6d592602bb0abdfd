package dev.filebatch.benchmarks;

import dev.filebatch.BatchInput;
import dev.filebatch.BatchProcessor;
import dev.filebatch.BatchResult;
import dev.filebatch.FileInspection;
import dev.filebatch.MediaType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
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
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
public class EngineOverheadBenchmark {
  /** Files per batch, the origin spec's maximum. */
  public static final int FILES = 30;

  private final List<byte[]> contents = new ArrayList<>();
  private final List<DirectFile> direct = new ArrayList<>();
  private final NoOpProcessor processor = new NoOpProcessor(MediaType.TEXT);
  private BatchProcessor engine;
  private DirectContext context;
  private Path folder;

  /** Makes the files and the engine, and checks once that every file succeeds through it. */
  @Setup
  public void setUp() throws Exception {
    folder = Folders.temp("filebatch-bench-overhead-");
    context = new DirectContext(folder);
    for (int i = 0; i < FILES; i++) {
      byte[] b = ("Note " + i + ": the quick brown fox jumps over the lazy dog.\n").getBytes(StandardCharsets.UTF_8);
      contents.add(b);
      Path p = Files.write(folder.resolve("note-" + i + ".txt"), b);
      String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
      direct.add(new DirectFile(i, p.getFileName().toString(), MediaType.TEXT, b.length, sha, p));
    }
    engine = BatchProcessor.builder().processor(processor).build();
    BatchResult check = engine.process(input());
    if (check.successfulFiles() != FILES) {
      throw new IllegalStateException("expected " + FILES + " successful files, got " + check);
    }
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
      b.bytes("note-" + i + ".txt", contents.get(i));
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
    for (DirectFile f : direct) {
      bh.consume(processor.process(f, context));
    }
  }
}
