package dev.filebatch.spi;

import java.util.Optional;

/**
 * Remembers successful results so an identical file is not processed twice. Implementations must be thread-safe,
 * and must never fail a batch: an unavailable cache behaves as a miss.
 */
public interface ResultCache {
  /**
   * Looks a result up.
   *
   * @param key processor id, version and SHA-256
   * @param type the processor's result type, for caches that store serialised forms
   * @return the cached payload, or empty on a miss
   */
  <T> Optional<T> get(CacheKey key, Class<T> type);

  /** Stores a successful result. */
  void put(CacheKey key, Object payload);

  /** Removes one entry, if present. */
  void invalidate(CacheKey key);

  /**
   * A bounded in-memory cache (Caffeine): at most {@code maxEntries} results, each for at most {@code retention}
   * after it was written.
   */
  static ResultCache inMemory(long maxEntries, java.time.Duration retention) {
    return new dev.filebatch.internal.InMemoryResultCache(maxEntries, retention);
  }

  /** A cache that never holds anything. */
  static ResultCache disabled() {
    return new ResultCache() {
      @Override
      public <T> Optional<T> get(CacheKey key, Class<T> type) {
        return Optional.empty();
      }

      @Override
      public void put(CacheKey key, Object payload) {}

      @Override
      public void invalidate(CacheKey key) {}
    };
  }
}
