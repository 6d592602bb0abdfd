package dev.filebatch.internal;

import dev.filebatch.BatchJob;
import dev.filebatch.BatchRejectedException;
import dev.filebatch.BatchResult;
import dev.filebatch.FileResult;
import dev.filebatch.FileStatus;
import dev.filebatch.Progress;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The state of one batch: its files' final results (each set exactly once), progress counters, cancellation and
 * the job handle given to the caller.
 */
final class BatchRun implements BatchJob {
  /** Why unfinished files are being ended early. */
  enum StopReason { CANCELLED, BATCH_TIMEOUT, CLOSED }

  final UUID id = UUID.randomUUID();
  final Instant createdAt = Instant.now();
  final long startNanos = System.nanoTime();
  final Instant deadline;
  private final CompletableFuture<BatchResult> result = new CompletableFuture<>();
  private volatile StopReason stopReason;
  private volatile AtomicReferenceArray<FileResult> files;
  private volatile CompletableFuture<?>[] fileDone = new CompletableFuture<?>[0];
  private volatile FileRun[] runs = new FileRun[0];
  private final AtomicInteger done = new AtomicInteger();
  private final AtomicInteger succeeded = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicInteger running = new AtomicInteger();
  private volatile int total;
  private final Engine engine;

  BatchRun(Engine engine, Duration batchTimeout) {
    this.engine = engine;
    this.deadline = createdAt.plus(batchTimeout);
  }

  /** Sizes the batch once intake knows how many files there are. */
  synchronized void begin(int count) {
    files = new AtomicReferenceArray<>(count);
    CompletableFuture<?>[] done = new CompletableFuture<?>[count];
    for (int i = 0; i < count; i++) {
      done[i] = new CompletableFuture<>();
    }
    fileDone = done;
    runs = new FileRun[count];
    total = count;
  }

  void attach(int index, FileRun run) {
    runs[index] = run;
  }

  /** Records a file's final result unless it already has one; returns whether this call set it. */
  boolean finish(FileResult fr) {
    if (!files.compareAndSet(fr.index(), null, fr)) {
      return false;
    }
    done.incrementAndGet();
    if (fr.status() == FileStatus.FAILED) {
      failed.incrementAndGet();
    } else {
      succeeded.incrementAndGet();
    }
    engine.forEachListener(l -> {
      if (fr.status() == FileStatus.FAILED) {
        l.fileFailed(id, fr);
      } else {
        l.fileFinished(id, fr);
      }
    });
    fireProgress();
    fileDone[fr.index()].complete(null);
    return true;
  }

  boolean isFinal(int index) {
    return files.get(index) != null;
  }

  FileResult resultOf(int index) {
    return files.get(index);
  }

  void runningChanged(int delta) {
    running.addAndGet(delta);
    fireProgress();
  }

  private void fireProgress() {
    Progress p = progress();
    engine.forEachListener(l -> l.progress(id, p));
  }

  CompletableFuture<Void> allFilesDone() {
    return CompletableFuture.allOf(fileDone);
  }

  /** Ends every unfinished file early, interrupting the ones running. Returns whether this call stopped it. */
  boolean stop(StopReason reason) {
    synchronized (this) {
      if (stopReason != null || result.isDone()) {
        return false;
      }
      stopReason = reason;
    }
    for (FileRun run : runs) {
      if (run != null) {
        run.stop(reason);
      }
    }
    return true;
  }

  StopReason stopReason() {
    return stopReason;
  }

  boolean stopping() {
    return stopReason != null || Instant.now().isAfter(deadline);
  }

  void complete(BatchResult value) {
    result.complete(value);
  }

  void reject(BatchRejectedException e) {
    result.completeExceptionally(e);
  }

  int total() {
    return total;
  }

  @Override
  public UUID id() {
    return id;
  }

  @Override
  public Progress progress() {
    return new Progress(total, done.get(), succeeded.get(), failed.get(), Math.max(0, running.get()),
        Duration.ofNanos(System.nanoTime() - startNanos));
  }

  @Override
  public boolean cancel() {
    return stop(StopReason.CANCELLED);
  }

  @Override
  public boolean isDone() {
    return result.isDone();
  }

  @Override
  public BatchResult await(Duration timeout) throws TimeoutException, InterruptedException {
    try {
      return result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    }
  }

  @Override
  public CompletableFuture<BatchResult> toCompletableFuture() {
    // a copy, so a caller completing or cancelling it cannot touch the batch
    return result.copy();
  }
}
