package dev.filebatch.spi;

import dev.filebatch.BatchResult;
import java.util.Optional;
import java.util.UUID;

/**
 * Keeps finished batches so they can be fetched again by id. Implementations must be thread-safe. The engine saves
 * every accepted batch once, with all its file results and its summary, after the last file is final.
 */
public interface BatchStore {
  /** Saves a finished batch, replacing any earlier save of the same id. */
  void save(BatchResult result);

  /** The batch with this id, unless unknown or expired. */
  Optional<BatchResult> find(UUID batchId);

  /** Removes a batch; returns whether it was there. */
  boolean delete(UUID batchId);

  /**
   * A bounded in-memory store: keeps at most {@code maxBatches} batches (least recently used go first) for at most
   * {@code retention} after they were saved.
   */
  static BatchStore inMemory(int maxBatches, java.time.Duration retention) {
    return new dev.filebatch.internal.InMemoryBatchStore(maxBatches, retention);
  }
}
