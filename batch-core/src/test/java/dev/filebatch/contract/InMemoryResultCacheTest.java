package dev.filebatch.contract;

import dev.filebatch.spi.ResultCache;
import java.time.Duration;

class InMemoryResultCacheTest extends ResultCacheContract {
  @Override
  protected ResultCache newCache() {
    return ResultCache.inMemory(1_000, Duration.ofHours(24));
  }
}
