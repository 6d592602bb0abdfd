package dev.filebatch;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where a processor's files run. {@linkplain #inProcess() In process} is fastest; {@linkplain #forked() forked} runs
 * each file in a pool of worker JVMs (as many as the lane's parallelism), so an endless loop, an
 * {@link OutOfMemoryError}, a stack overflow, {@code System.exit} or a native crash costs one worker, never the
 * host: the file ends {@code TIMEOUT}, {@code OUT_OF_MEMORY} or {@code WORKER_CRASHED} and the worker is replaced.
 *
 * @param mode in-process or forked
 * @param maxHeap the worker's {@code -Xmx}, e.g. {@code 512m} (forked only)
 * @param jvmOptions further options for the worker JVM (forked only)
 * @param filesPerWorker a worker is recycled after this many files (forked only)
 * @param hangTimeout a worker that sends no heartbeat for this long is treated as hung and killed (forked only)
 */
public record Isolation(Mode mode, String maxHeap, List<String> jvmOptions, int filesPerWorker, Duration hangTimeout) {
  /** Where files run. */
  public enum Mode {
    /** In the caller's JVM, on the engine's threads. */
    IN_PROCESS,
    /** In separate worker JVMs started from the same class path. */
    FORKED
  }

  /** Validates the settings. */
  public Isolation {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(maxHeap, "maxHeap");
    jvmOptions = List.copyOf(jvmOptions);
    Objects.requireNonNull(hangTimeout, "hangTimeout");
    if (!maxHeap.matches("[1-9][0-9]*[kKmMgG]?")) {
      throw new IllegalArgumentException("maxHeap must look like 512m or 2g, was '" + maxHeap + "'");
    }
    if (filesPerWorker < 1) {
      throw new IllegalArgumentException("filesPerWorker must be at least 1, was " + filesPerWorker);
    }
    if (hangTimeout.isNegative() || hangTimeout.isZero()) {
      throw new IllegalArgumentException("hangTimeout must be positive");
    }
  }

  /** Files run in this JVM. */
  public static Isolation inProcess() {
    return new Isolation(Mode.IN_PROCESS, "512m", List.of(), 1_000, Duration.ofSeconds(10));
  }

  /**
   * Files run in worker JVMs: 512 MB heap each, recycled every 1,000 files, hung after 10 s without a heartbeat.
   * Recycling is rare by default because a new worker pays JVM start-up and warm-up again (measured over the resvg
   * suite: recycling every 100 files cost more CPU than the conversions); a worker that dies is replaced anyway.
   */
  public static Isolation forked() {
    return new Isolation(Mode.FORKED, "512m", List.of(), 1_000, Duration.ofSeconds(10));
  }

  /** A copy with another worker heap size. */
  public Isolation withMaxHeap(String value) {
    return new Isolation(mode, value, jvmOptions, filesPerWorker, hangTimeout);
  }

  /** A copy with other worker JVM options. */
  public Isolation withJvmOptions(List<String> value) {
    return new Isolation(mode, maxHeap, value, filesPerWorker, hangTimeout);
  }

  /** A copy that recycles workers after another number of files. */
  public Isolation withFilesPerWorker(int value) {
    return new Isolation(mode, maxHeap, jvmOptions, value, hangTimeout);
  }

  /** A copy with another hang timeout. */
  public Isolation withHangTimeout(Duration value) {
    return new Isolation(mode, maxHeap, jvmOptions, filesPerWorker, value);
  }

  /** Whether files run in worker JVMs. */
  public boolean isForked() {
    return mode == Mode.FORKED;
  }
}
