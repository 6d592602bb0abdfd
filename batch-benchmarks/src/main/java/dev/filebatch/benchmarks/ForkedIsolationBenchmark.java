package dev.filebatch.benchmarks;

import dev.filebatch.BatchInput;
import dev.filebatch.BatchProcessor;
import dev.filebatch.BatchResult;
import dev.filebatch.Isolation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * Issue 9: what forked isolation adds per file on warm workers (target at most 2 ms). A batch of 30 small text files
 * goes through {@link ForkableNoOpProcessor} (two at a time, so two workers) in process or in worker JVMs; the
 * workers are started and warmed by batches run in {@link #setUp}. Per-file overhead = (forked - inProcess) / 30.
 *
 * <ul>
 *   <li>{@code inProcess}: {@link Isolation#inProcess()}, the default;
 *   <li>{@code forked}: {@link Isolation#forked()} as it came when measured: each worker recycled after 100 files, so a
 *       worker start (a new JVM) every 100 files per worker is part of the figure;
 *   <li>{@code forkedWarm}: {@code Isolation.forked().withFilesPerWorker(1_000_000)}: the same workers all along,
 *       the steady state the target speaks of.
 * </ul>
 *
 * <p>Workers are started from {@code java.class.path}: the shaded benchmarks jar itself.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
public class ForkedIsolationBenchmark {
  /** Files per batch. */
  public static final int FILES = 30;
  /** Batches run before measuring, so both workers have started and their JIT has seen the protocol. */
  private static final int WARM_UP_BATCHES = 10;

  /** Where the files run. */
  @Param({"inProcess", "forked", "forkedWarm"})
  public String isolation;

  private final List<byte[]> contents = new ArrayList<>();
  private BatchProcessor engine;
  private Path folder;

  /** Builds the engine and warms it (and its workers) with a few batches. */
  @Setup
  public void setUp() throws Exception {
    folder = Folders.temp("filebatch-bench-forked-");
    for (int i = 0; i < FILES; i++) {
      contents.add(("Note " + i + ": the quick brown fox jumps over the lazy dog.\n").getBytes(StandardCharsets.UTF_8));
    }
    ForkableNoOpProcessor processor = new ForkableNoOpProcessor();
    BatchProcessor.Builder b = BatchProcessor.builder()
        .processor(processor)
        .workspaceRoot(Files.createDirectories(folder.resolve("workspaces")))
        .outputDirectory(Files.createDirectories(folder.resolve("out")));
    switch (isolation) {
      case "inProcess" -> { } // the default
      case "forked" -> b.isolation(processor.id(), Isolation.forked());
      case "forkedWarm" -> b.isolation(processor.id(), Isolation.forked().withFilesPerWorker(1_000_000));
      default -> throw new IllegalArgumentException("unknown isolation " + isolation);
    }
    engine = b.build();
    for (int i = 0; i < WARM_UP_BATCHES; i++) {
      BatchResult check = engine.process(input());
      if (check.successfulFiles() != FILES) {
        throw new IllegalStateException("expected " + FILES + " successful files, got " + check);
      }
    }
  }

  /** Closes the engine (ending the workers) and removes the files. */
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

  /** One batch of 30 files. */
  @Benchmark
  public BatchResult batch() {
    BatchResult r = engine.process(input());
    if (r.successfulFiles() != FILES) {
      throw new IllegalStateException("a file failed: " + r);
    }
    return r;
  }
}
