package dev.filebatch.spi;

/**
 * How many files of one processor may run at once, across every batch of a {@link dev.filebatch.BatchProcessor}:
 * the processor's lane. Lanes have separate limits and never starve each other.
 *
 * @param maxParallel files in flight at once in this lane, at least 1
 * @param cpuBound whether the work is CPU-bound: CPU-bound lanes also share one pool sized to the cores, so two
 *     CPU-heavy processors together never oversubscribe the machine
 */
public record Concurrency(int maxParallel, boolean cpuBound) {
  /** Validates the limit. */
  public Concurrency {
    if (maxParallel < 1) {
      throw new IllegalArgumentException("maxParallel must be at least 1, was " + maxParallel);
    }
  }

  /** One file at a time. */
  public static Concurrency sequential() {
    return new Concurrency(1, false);
  }

  /** Up to {@code n} files at a time, for work that mostly waits (I/O, remote calls). */
  public static Concurrency parallel(int n) {
    return new Concurrency(n, false);
  }

  /** Up to {@code n} files at a time, also bounded by the shared CPU pool. */
  public static Concurrency cpuBound(int n) {
    return new Concurrency(n, true);
  }

  /** A copy with another parallelism, keeping the CPU-bound flag. */
  public Concurrency withMaxParallel(int n) {
    return new Concurrency(n, cpuBound);
  }
}
