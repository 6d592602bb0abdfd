package dev.filebatch.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.filebatch.spi.CacheKey;
import dev.filebatch.spi.ResultCache;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ResultCache} adapter must show. An adapter's test class extends this and supplies a
 * fresh, empty cache; this ships in batch-core's test-jar.
 */
public abstract class ResultCacheContract {
  protected ResultCache cache;

  /** A fresh, empty cache for one test. */
  protected abstract ResultCache newCache() throws Exception;

  /** A JSON-friendly payload type adapters must round-trip. */
  public record Payload(String name, int score) {}

  @BeforeEach
  void setUpCache() throws Exception {
    cache = newCache();
  }

  private static CacheKey key(String sha) {
    return new CacheKey("proc", "1", sha);
  }

  @Test
  void returnsWhatWasPut() {
    cache.put(key("aa"), new Payload("x", 3));
    assertThat(cache.get(key("aa"), Payload.class)).contains(new Payload("x", 3));
  }

  @Test
  void missesUnknownKeys() {
    assertThat(cache.get(key("nothing"), Payload.class)).isEmpty();
  }

  @Test
  void keysDifferByProcessorVersion() {
    cache.put(new CacheKey("proc", "1", "aa"), new Payload("v1", 1));
    assertThat(cache.get(new CacheKey("proc", "2", "aa"), Payload.class)).isEmpty();
    assertThat(cache.get(new CacheKey("other", "1", "aa"), Payload.class)).isEmpty();
  }

  @Test
  void invalidateRemovesTheEntry() {
    cache.put(key("bb"), new Payload("y", 2));
    cache.invalidate(key("bb"));
    assertThat(cache.get(key("bb"), Payload.class)).isEmpty();
  }

  @Test
  void laterPutReplacesEarlier() {
    cache.put(key("cc"), new Payload("old", 1));
    cache.put(key("cc"), new Payload("new", 2));
    assertThat(cache.get(key("cc"), Payload.class)).contains(new Payload("new", 2));
  }
}
