package dev.filebatch.benchmarks;

import dev.filebatch.BatchInput;
import dev.filebatch.BatchProcessor;
import dev.filebatch.BatchResult;
import dev.filebatch.spi.Concurrency;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * Issue 2, target 2: lanes deliver the parallelism they promise. Each invocation is one batch of 30 files, timed
 * end to end ({@link Mode#SingleShotTime}).
 *
 * <ul>
 *   <li>{@link #waiting}: a processor that sleeps 100 ms in a {@code parallel(5)} lane; ideal 30 / 5 x 100 ms =
 *       600 ms.
 *   <li>{@link #cpu}: a processor that hashes for about 20 ms per file (fixed work), {@code sequential()} versus
 *       {@code cpuBound(2)}; on 2 cores the second should take about half the time.
 *   <li>{@link #cpuControl}: the same jobs on a plain 1- or 2-thread pool, to tell engine from machine.
 *   <li>{@link #oneHashingFile}: the hashing work of one file, called directly, to show what "about 20 ms" is.
 * </ul>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
public class LaneBenchmark {
  static final int FILES = 30;
  /** SHA-256 rounds over a 16 KB file: about 20 ms on the reference machine (see docs/benchmarks.md). */
  static final int HASH_ROUNDS = 2_000;
  static final byte[] TEXT = text(16 * 1024);

  static byte[] text(int size) {
    StringBuilder sb = new StringBuilder(size);
    while (sb.length() < size) {
      sb.append("The quick brown fox jumps over the lazy dog. ");
    }
    sb.setLength(size);
    return sb.toString().getBytes(StandardCharsets.US_ASCII);
  }

  static BatchInput batch() {
    BatchInput.Builder b = BatchInput.builder();
    for (int i = 0; i < FILES; i++) {
      b.bytes("page-" + i + ".txt", TEXT);
    }
    return b.build();
  }

  static BatchResult checked(BatchResult r) {
    if (r.successfulFiles() != FILES) {
      throw new IllegalStateException("expected " + FILES + " successful files, got " + r);
    }
    return r;
  }

  /** An engine with the sleeping processor in a parallel(5) lane. */
  @State(Scope.Benchmark)
  public static class Waiting {
    BatchProcessor engine;

    /** Builds the engine. */
    @Setup
    public void setUp() {
      engine = BatchProcessor.builder()
          .processor(new WaitingProcessor(Duration.ofMillis(100), Concurrency.parallel(5))).build();
    }

    /** Closes the engine. */
    @TearDown
    public void tearDown() {
      engine.close();
    }
  }

  /** An engine with the hashing processor in a sequential or a cpuBound(2) lane. */
  @State(Scope.Benchmark)
  public static class Hashing {
    /** The lane's concurrency. */
    @Param({"sequential", "cpuBound2"})
    public String lane;

    BatchProcessor engine;

    /** Builds the engine. */
    @Setup
    public void setUp() {
      Concurrency c = switch (lane) {
        case "sequential" -> Concurrency.sequential();
        case "cpuBound2" -> Concurrency.cpuBound(2);
        default -> throw new IllegalArgumentException("unknown lane " + lane);
      };
      engine = BatchProcessor.builder().processor(new HashingProcessor(HASH_ROUNDS, c)).build();
    }

    /** Closes the engine. */
    @TearDown
    public void tearDown() {
      engine.close();
    }
  }

  /**
   * The control for {@link #cpu}: the same 30 hashing jobs on a plain pool of 1 or 2 threads, no engine. When this
   * shows no 2-thread speed-up, the machine has no second core to give (other load), and neither can the engine.
   */
  @State(Scope.Benchmark)
  public static class RawPool {
    /** Threads in the pool. */
    @Param({"1", "2"})
    public int threads;

    ExecutorService pool;

    /** Starts the pool. */
    @Setup
    public void setUp() {
      pool = Executors.newFixedThreadPool(threads);
    }

    /** Stops the pool. */
    @TearDown
    public void tearDown() {
      pool.shutdownNow();
    }
  }

  /** 30 files that each wait 100 ms, five at a time. */
  @Benchmark
  public BatchResult waiting(Waiting s) {
    return checked(s.engine.process(batch()));
  }

  /** 30 files that each hash for about 20 ms, in the lane given by the parameter. */
  @Benchmark
  public BatchResult cpu(Hashing s) {
    return checked(s.engine.process(batch()));
  }

  /** 30 hashing jobs on a plain thread pool: what the machine can do in parallel right now. */
  @Benchmark
  public int cpuControl(RawPool s) throws Exception {
    List<Future<byte[]>> jobs = new ArrayList<>(FILES);
    for (int i = 0; i < FILES; i++) {
      jobs.add(s.pool.submit(() -> HashingProcessor.hash(TEXT, HASH_ROUNDS)));
    }
    int sum = 0;
    for (Future<byte[]> f : jobs) {
      sum += f.get()[0];
    }
    return sum;
  }

  /** One file's hashing work, no engine. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  public byte[] oneHashingFile() throws Exception {
    return HashingProcessor.hash(TEXT, HASH_ROUNDS);
  }
}
