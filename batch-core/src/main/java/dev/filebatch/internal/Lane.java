package dev.filebatch.internal;

import dev.filebatch.spi.Concurrency;
import dev.filebatch.spi.FileProcessor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One processor's lane: its own fixed set of threads, as many as its concurrency, shared by every batch of the
 * engine in FIFO order. Lanes never share threads, so a slow lane cannot starve another; CPU-bound lanes also take
 * a permit of the engine-wide CPU semaphore around each attempt so they never oversubscribe the cores together.
 */
final class Lane {
  private final FileProcessor<?> processor;
  private final Concurrency concurrency;
  private final ThreadPoolExecutor executor;
  private final Semaphore cpuPermits;
  private volatile Runner runner;

  Lane(FileProcessor<?> processor, Concurrency concurrency, Semaphore cpuPermits) {
    this.processor = processor;
    this.concurrency = concurrency;
    this.cpuPermits = concurrency.cpuBound() ? cpuPermits : null;
    AtomicInteger n = new AtomicInteger();
    ThreadFactory threads = r -> {
      Thread t = new Thread(r, "filebatch-" + processor.id() + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    int size = concurrency.maxParallel();
    this.executor = new ThreadPoolExecutor(size, size, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
    this.executor.allowCoreThreadTimeOut(true);
    this.runner = (file, ctx) -> processor.process(file, ctx);
  }

  /**
   * Runs one attempt of a file: by default the processor in this thread; forked isolation installs a runner that
   * sends the file to a worker JVM instead.
   */
  @FunctionalInterface
  interface Runner extends AutoCloseable {
    Object run(dev.filebatch.internal.intake.StagedFile file, dev.filebatch.spi.ProcessingContext ctx)
        throws Exception;

    @Override
    default void close() {}
  }

  void runner(Runner value) {
    this.runner = value;
  }

  /** One attempt through the lane's runner, holding a CPU permit if CPU-bound. */
  Object invoke(dev.filebatch.internal.intake.StagedFile file, dev.filebatch.spi.ProcessingContext ctx)
      throws Exception {
    Runner r = runner;
    return withCpu(() -> r.run(file, ctx));
  }

  FileProcessor<?> processor() {
    return processor;
  }

  String id() {
    return processor.id();
  }

  Concurrency concurrency() {
    return concurrency;
  }

  void execute(Runnable task) {
    executor.execute(task);
  }

  /** Runs the action holding a CPU permit if this lane is CPU-bound. */
  <T> T withCpu(CheckedSupplier<T> action) throws Exception {
    if (cpuPermits == null) {
      return action.get();
    }
    cpuPermits.acquire();
    try {
      return action.get();
    } finally {
      cpuPermits.release();
    }
  }

  void shutdownNow() {
    executor.shutdownNow();
    runner.close();
  }

  boolean awaitTermination(long millis) throws InterruptedException {
    return executor.awaitTermination(millis, TimeUnit.MILLISECONDS);
  }

  @FunctionalInterface
  interface CheckedSupplier<T> {
    T get() throws Exception;
  }
}
