package dev.filebatch;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * A batch under way, returned at once by {@link BatchProcessor#submit(BatchInput)}. Thread-safe.
 */
public interface BatchJob {
  /** The batch's id, also {@link BatchResult#batchId()}. */
  UUID id();

  /** A snapshot of how far the batch is. */
  Progress progress();

  /**
   * Cancels the batch: files not yet final end {@code CANCELLED}, running workers are interrupted, and the job
   * still completes with a full {@link BatchResult}. Returns whether this call cancelled it (false if already done).
   */
  boolean cancel();

  /** Whether the batch has finished (completed, cancelled or rejected). */
  boolean isDone();

  /**
   * Waits for the result.
   *
   * @throws TimeoutException if the batch is not done within {@code timeout} (the batch goes on)
   * @throws BatchRejectedException if the batch was rejected at intake
   * @throws InterruptedException if the waiting thread is interrupted
   */
  BatchResult await(Duration timeout) throws TimeoutException, InterruptedException;

  /**
   * A future view of the result: completes normally with the {@link BatchResult}, or exceptionally with a
   * {@link BatchRejectedException}. Cancelling this future does not cancel the batch; call {@link #cancel()}.
   */
  CompletableFuture<BatchResult> toCompletableFuture();
}
