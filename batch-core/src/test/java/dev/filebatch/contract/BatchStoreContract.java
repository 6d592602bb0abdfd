package dev.filebatch.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.filebatch.BatchResult;
import dev.filebatch.BatchStatus;
import dev.filebatch.ErrorCode;
import dev.filebatch.FileError;
import dev.filebatch.FileResult;
import dev.filebatch.FileStatus;
import dev.filebatch.MediaType;
import dev.filebatch.spi.BatchStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link BatchStore} adapter must show. An adapter's test class extends this and supplies a
 * fresh, empty store; this ships in batch-core's test-jar.
 */
public abstract class BatchStoreContract {
  protected BatchStore store;

  /** A fresh, empty store for one test. */
  protected abstract BatchStore newStore() throws Exception;

  @BeforeEach
  void setUpStore() throws Exception {
    store = newStore();
  }

  /** A batch with one success, one partial and one failure, in that order. */
  protected static BatchResult sampleBatch() {
    Instant created = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    List<FileResult> files = List.of(
        new FileResult(0, "a.pdf", FileStatus.SUCCESS, Map.of("score", 88), null, 1, Duration.ofMillis(12),
            "pdf-text", "pdf-text", MediaType.PDF, 1234, "a".repeat(64), false),
        new FileResult(1, "b.png", FileStatus.PARTIAL, Map.of("score", 70),
            FileError.of(ErrorCode.of("LOW_CONFIDENCE"), "blurry", "retake the photo"), 2, Duration.ofMillis(40),
            "vision-ocr", "vision-ocr", MediaType.PNG, 4321, "b".repeat(64), false),
        new FileResult(2, "c.exe", FileStatus.FAILED, null,
            FileError.of(ErrorCode.UNSUPPORTED_TYPE, "not supported", "upload a PDF"), 0, Duration.ZERO, null,
            null, MediaType.OCTET_STREAM, 10, "c".repeat(64), false));
    return new BatchResult(UUID.randomUUID(), BatchStatus.PARTIAL, created, Duration.ofMillis(55), files,
        Map.of("pass_rate", 0.5));
  }

  @Test
  void findsASavedBatchWithEveryFileInOrder() {
    BatchResult batch = sampleBatch();
    store.save(batch);
    BatchResult found = store.find(batch.batchId()).orElseThrow();
    assertThat(found.batchId()).isEqualTo(batch.batchId());
    assertThat(found.status()).isEqualTo(BatchStatus.PARTIAL);
    assertThat(found.totalFiles()).isEqualTo(3);
    assertThat(found.successfulFiles()).isEqualTo(2);
    assertThat(found.failedFiles()).isEqualTo(1);
    assertThat(found.files()).extracting(FileResult::fileName).containsExactly("a.pdf", "b.png", "c.exe");
    assertThat(found.files().get(1).error().code()).isEqualTo(ErrorCode.of("LOW_CONFIDENCE"));
    assertThat(found.files().get(2).error().remediation()).isEqualTo("upload a PDF");
  }

  @Test
  void unknownBatchIsEmpty() {
    assertThat(store.find(UUID.randomUUID())).isEmpty();
  }

  @Test
  void savingTheSameIdAgainReplacesIt() {
    BatchResult batch = sampleBatch();
    store.save(batch);
    BatchResult again = new BatchResult(batch.batchId(), BatchStatus.FAILED, batch.createdAt(), batch.duration(),
        batch.files().subList(2, 3), null);
    store.save(again);
    assertThat(store.find(batch.batchId()).orElseThrow().totalFiles()).isEqualTo(1);
  }

  @Test
  void deleteRemovesOnlyThatBatch() {
    BatchResult a = sampleBatch();
    BatchResult b = sampleBatch();
    store.save(a);
    store.save(b);
    assertThat(store.delete(a.batchId())).isTrue();
    assertThat(store.delete(a.batchId())).isFalse();
    assertThat(store.find(a.batchId())).isEmpty();
    assertThat(store.find(b.batchId())).isPresent();
  }

  @Test
  void concurrentSavesAreAllKept() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<UUID>> ids = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        ids.add(pool.submit(() -> {
          BatchResult r = sampleBatch();
          store.save(r);
          return r.batchId();
        }));
      }
      for (Future<UUID> id : ids) {
        assertThat(store.find(id.get())).isPresent();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
