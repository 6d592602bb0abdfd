package dev.filebatch.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.filebatch.spi.CacheKey;
import dev.filebatch.spi.ResultCache;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** {@link ResultCache} on a bounded, expiring Caffeine cache holding payload objects as they are. */
public final class InMemoryResultCache implements ResultCache {
  private final Cache<CacheKey, Object> entries;

  /** A cache of at most {@code maxEntries} results, each kept for {@code retention}. */
  public InMemoryResultCache(long maxEntries, Duration retention) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be positive, was " + maxEntries);
    }
    Objects.requireNonNull(retention, "retention");
    // same-thread maintenance: eviction is deterministic and needs no pool
    this.entries = Caffeine.newBuilder().executor(Runnable::run).maximumSize(maxEntries)
        .expireAfterWrite(retention).build();
  }

  @Override
  public <T> Optional<T> get(CacheKey key, Class<T> type) {
    Object value = entries.getIfPresent(key);
    return type.isInstance(value) ? Optional.of(type.cast(value)) : Optional.empty();
  }

  @Override
  public void put(CacheKey key, Object payload) {
    entries.put(key, Objects.requireNonNull(payload, "payload"));
  }

  @Override
  public void invalidate(CacheKey key) {
    entries.invalidate(key);
  }
}
