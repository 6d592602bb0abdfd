package dev.filebatch.pdf.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.filebatch.testkit.TestContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.pdfbox.io.RandomAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PDFBox's per-document cache: no scratch folder until a buffer is needed, bounded heap, then temp files there. */
class StreamCacheTest {
  @TempDir Path dir;

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
    TestContext ctx = TestContext.in(dir);
    StreamCache cache = (StreamCache) StreamCache.forFile(ctx).create();
    cache.close();
    assertThat(cache.used()).isFalse();
    assertThat(ctx.scratchRequests()).isEqualTo(0);
    assertThat(dir.resolve("scratch")).doesNotExist();
  }

  @Test
  void keepsSmallStreamsInMemoryAndSpillsPastTheBoundToTheScratchFolder() throws IOException {
    TestContext ctx = TestContext.in(dir);
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
    assertThat(ctx.scratchRequests()).isEqualTo(1);
    assertThat(filesIn(scratch)).as("the temp file is deleted with the cache").isZero();
  }
}
