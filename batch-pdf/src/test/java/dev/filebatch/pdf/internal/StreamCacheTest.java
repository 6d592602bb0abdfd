package dev.filebatch.pdf.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.filebatch.ErrorCode;
import dev.filebatch.spi.ProcessingContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.pdfbox.io.RandomAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PDFBox's per-document cache: no scratch folder until a buffer is needed, bounded heap, then temp files there. */
class StreamCacheTest {
  @TempDir Path dir;

  /** Counts how often the scratch folder is asked for. */
  private final class Ctx implements ProcessingContext {
    final AtomicInteger scratchCalls = new AtomicInteger();

    @Override
    public UUID batchId() {
      return new UUID(0, 2);
    }

    @Override
    public int attempt() {
      return 1;
    }

    @Override
    public Instant deadline() {
      return Instant.now().plusSeconds(60);
    }

    @Override
    public boolean isCancelled() {
      return false;
    }

    @Override
    public Path scratchDirectory() throws IOException {
      scratchCalls.incrementAndGet();
      return Files.createDirectories(dir.resolve("scratch"));
    }

    @Override
    public Path newArtifact(String fileName) {
      throw new UnsupportedOperationException("these tests never write artifacts");
    }

    @Override
    public void reportPartial(ErrorCode code, String message, String remediation) {}
  }

  private static long filesIn(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(folder)) {
      return s.count();
    }
  }

  @Test
  void asksForNoScratchFolderUntilABufferIsNeeded() throws IOException {
    Ctx ctx = new Ctx();
    StreamCache cache = (StreamCache) StreamCache.forFile(ctx).create();
    cache.close();
    assertThat(cache.used()).isFalse();
    assertThat(ctx.scratchCalls).hasValue(0);
    assertThat(dir.resolve("scratch")).doesNotExist();
  }

  @Test
  void keepsSmallStreamsInMemoryAndSpillsPastTheBoundToTheScratchFolder() throws IOException {
    Ctx ctx = new Ctx();
    Path scratch = dir.resolve("scratch");
    try (StreamCache cache = new StreamCache(ctx, 64 * 1024)) {
      try (RandomAccess small = cache.createBuffer()) {
        small.write(new byte[16 * 1024]);
        assertThat(filesIn(scratch)).as("16 KB stays within the 64 KB of heap").isZero();
      }
      try (RandomAccess big = cache.createBuffer()) {
        byte[] chunk = new byte[64 * 1024];
        for (int i = 0; i < 16; i++) {
          chunk[0] = (byte) i;
          big.write(chunk);
        }
        assertThat(filesIn(scratch)).as("1 MB past a 64 KB bound went to a temp file").isEqualTo(1);
        big.seek(15L * 64 * 1024);
        assertThat(big.read()).isEqualTo(15);
      }
    }
    assertThat(ctx.scratchCalls).hasValue(1);
    assertThat(filesIn(scratch)).as("the temp file is deleted with the cache").isZero();
  }
}
