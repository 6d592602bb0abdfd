package dev.filebatch.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.filebatch.spi.BatchStore;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InMemoryBatchStoreTest extends BatchStoreContract {
  @Override
  protected BatchStore newStore() {
    return BatchStore.inMemory(100, Duration.ofHours(24));
  }

  @Test
  void isBoundedInSize() {
    BatchStore small = BatchStore.inMemory(2, Duration.ofHours(24));
    var ids = java.util.stream.IntStream.range(0, 50).mapToObj(i -> {
      var b = sampleBatch();
      small.save(b);
      return b.batchId();
    }).toList();
    long kept = ids.stream().filter(id -> small.find(id).isPresent()).count();
    assertThat(kept).isLessThanOrEqualTo(2);
  }

  @Test
  void expiresAfterRetention() throws Exception {
    BatchStore shortLived = BatchStore.inMemory(10, Duration.ofMillis(50));
    var b = sampleBatch();
    shortLived.save(b);
    Thread.sleep(120);
    assertThat(shortLived.find(b.batchId())).isEmpty();
  }
}
