package dev.filebatch.internal;

import dev.filebatch.BatchJob;
import dev.filebatch.BatchRejectedException;
import dev.filebatch.BatchResult;
import dev.filebatch.FileResult;
import dev.filebatch.FileStatus;
import dev.filebatch.Progress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The state of one batch: its files' final results (each set exactly once), progress counters, cancellation and
 * the job handle given to the caller.
 */
final class BatchRun implements BatchJob {
  /** Why unfinished files are being ended early. */
  enum StopReason { CANCELLED, BATCH_TIMEOUT, CLOSED, REJECTED }

  final UUID id = UUID.randomUUID();
  /** {@link #id} as text, made once: it is put in the logging context for every file. */
  final String idText = id.toString();
  final Instant createdAt = Instant.now();
  final long startNanos = System.nanoTime();
  final Instant deadline;
  /**
   * {@link #deadline} on the {@link System#nanoTime()} clock: {@link #stopping()} is asked on every read intake makes
   * (twice per 512 bytes of a ZIP entry), and {@code Instant.now()} costs a native call each time.
   */
  private final long deadlineNanos;
  private final CompletableFuture<BatchResult> result = new CompletableFuture<>();
  private final CompletableFuture<Void> allDone = new CompletableFuture<>();
  private volatile StopReason stopReason;
  // Files are added while intake still runs (each is dispatched as soon as it is staged), so these grow; a file's
  // result is set once, first-wins.
  private final ConcurrentHashMap<Integer, FileResult> files = new ConcurrentHashMap<>();
  private final List<FileRun> runs = new ArrayList<>(); // guarded by this
  private final AtomicInteger done = new AtomicInteger();
  private final AtomicInteger succeeded = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicInteger running = new AtomicInteger();
  private final int expected;
  private volatile int staged;
  private volatile boolean intakeEnded;
  // Work that must only happen for an accepted batch (result cache writes): held while intake runs, dropped if the
  // batch is rejected.
  private List<Runnable> onAccept = new ArrayList<>(); // guarded by this; null once accepted or rejected
  private boolean accepted; // guarded by this
  private final Engine engine;

  /**
   * @param expected how many files the batch holds as far as is known before reading (see {@link #progress()})
   */
  BatchRun(Engine engine, Duration batchTimeout, int expected) {
    this.engine = engine;
    this.deadline = createdAt.plus(batchTimeout);
    this.deadlineNanos = startNanos + saturatedNanos(batchTimeout);
    this.expected = expected;
  }

  /** Counts a file intake has just staged; called in index order, on the coordinator thread, before it can finish. */
  void staged(int index) {
    staged = index + 1;
  }

  /** Registers a dispatched file so a stop reaches it; a file attached after a stop is stopped at once. */
  void attach(FileRun run) {
    StopReason reason;
    synchronized (this) {
      runs.add(run);
      reason = stopReason;
    }
    if (reason != null) {
      run.stop(reason);
    }
  }

  /** Intake accepted the batch: its file count is final, held cache writes go ahead. */
  void intakeEnded() {
    List<Runnable> held;
    synchronized (this) {
      intakeEnded = true;
      accepted = true;
      held = onAccept;
      onAccept = null;
    }
    if (held != null) {
      held.forEach(Runnable::run);
    }
    checkAllDone();
  }

  /** Runs {@code action} once the batch is accepted (now, if it already is); never, if it is rejected. */
  void whenAccepted(Runnable action) {
    synchronized (this) {
      if (!accepted) {
        if (onAccept != null) {
          onAccept.add(action);
        }
        return;
      }
    }
    action.run();
  }

  /**
   * A batch-level rejection after files were dispatched: every file still unfinished ends (running ones are
   * interrupted), and held cache writes are dropped. Results of this batch are never returned or stored.
   */
  void rejectedDuringIntake() {
    synchronized (this) {
      onAccept = null;
      intakeEnded = true; // no more files: the progress total is the count staged
    }
    stop(StopReason.REJECTED);
  }

  /** Records a final result for a file that never started; see {@link #finish(FileResult, FileRun)}. */
  boolean finish(FileResult fr) {
    return finish(fr, null);
  }

  /**
   * Records a file's final result unless it already has one; returns whether this call set it. If {@code run} still
   * counts as running, it stops counting before the file counts as done, so no snapshot taken after the batch ends
   * shows a file both done and running.
   */
  boolean finish(FileResult fr, FileRun run) {
    if (files.putIfAbsent(fr.index(), fr) != null) {
      return false;
    }
    if (run != null && run.leaveRunning()) {
      running.decrementAndGet();
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
    checkAllDone();
    return true;
  }

  private void checkAllDone() {
    // both sides update their state before calling, so at least one of them sees both
    if (intakeEnded && done.get() >= staged) {
      allDone.complete(null);
    }
  }

  boolean isFinal(int index) {
    return files.containsKey(index);
  }

  FileResult resultOf(int index) {
    return files.get(index);
  }

  void runningChanged(int delta) {
    running.addAndGet(delta);
    fireProgress();
  }

  private void fireProgress() {
    if (engine.hasListeners()) { // twice per file: no snapshot when nobody listens
      Progress p = progress();
      engine.forEachListener(l -> l.progress(id, p));
    }
  }

  /** Completes once intake has ended and every staged file has its final result. */
  CompletableFuture<Void> allFilesDone() {
    return allDone;
  }

  /** Ends every unfinished file early, interrupting the ones running. Returns whether this call stopped it. */
  boolean stop(StopReason reason) {
    List<FileRun> toStop;
    synchronized (this) {
      if (stopReason != null || result.isDone()) {
        return false;
      }
      stopReason = reason;
      toStop = List.copyOf(runs);
    }
    for (FileRun run : toStop) {
      run.stop(reason);
    }
    return true;
  }

  StopReason stopReason() {
    return stopReason;
  }

  boolean stopping() {
    return stopReason != null || System.nanoTime() - deadlineNanos > 0;
  }

  /** {@code d} in nanoseconds, capped at about 146 years (a longer timeout never passes in practice). */
  private static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE / 2;
    }
  }

  void complete(BatchResult value) {
    result.complete(value);
  }

  void reject(BatchRejectedException e) {
    result.completeExceptionally(e);
  }

  /**
   * The total shown in progress: exact once intake has ended; while it runs, the count known before reading (files
   * given and found in folders, each archive as one) or, once more files than that have been staged, one more than
   * those staged, since an archive's entries are only counted as they are read. So it only grows while intake
   * runs, is never reached by {@code done} before intake ends, and settles on the real count.
   */
  int total() {
    int n = staged;
    if (intakeEnded) {
      return n;
    }
    return Math.max(expected, n + 1);
  }

  @Override
  public UUID id() {
    return id;
  }

  @Override
  public Progress progress() {
    return new Progress(total(), done.get(), succeeded.get(), failed.get(), Math.max(0, running.get()),
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
