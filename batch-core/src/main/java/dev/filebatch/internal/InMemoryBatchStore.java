package dev.filebatch.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.filebatch.BatchResult;
import dev.filebatch.spi.BatchStore;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** {@link BatchStore} on a bounded, expiring Caffeine map. */
public final class InMemoryBatchStore implements BatchStore {
  private final Cache<UUID, BatchResult> batches;

  /** A store of at most {@code maxBatches} batches, each kept for {@code retention}. */
  public InMemoryBatchStore(int maxBatches, Duration retention) {
    if (maxBatches < 1) {
      throw new IllegalArgumentException("maxBatches must be positive, was " + maxBatches);
    }
    Objects.requireNonNull(retention, "retention");
    // same-thread maintenance: eviction is deterministic and needs no pool
    this.batches = Caffeine.newBuilder().executor(Runnable::run).maximumSize(maxBatches)
        .expireAfterWrite(retention).build();
  }

  @Override
  public void save(BatchResult result) {
    batches.put(result.batchId(), result);
  }

  @Override
  public Optional<BatchResult> find(UUID batchId) {
    return Optional.ofNullable(batches.getIfPresent(batchId));
  }

  @Override
  public boolean delete(UUID batchId) {
    return batches.asMap().remove(batchId) != null;
  }
}
