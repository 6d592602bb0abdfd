package dev.filebatch.internal.intake;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.filebatch.ArchiveLimits;
import dev.filebatch.BatchInput;
import dev.filebatch.ErrorCode;
import dev.filebatch.IntakeLimits;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bodies that end within the head intake reads anyway stay in memory; the workspace folder is only made when
 * something needs disk, and is removed whenever it was made.
 */
class InMemoryBodyTest {
  @TempDir Path tmp;
  private final Intake intake = new Intake(IntakeLimits.defaults(), ArchiveLimits.defaults());

  private static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  @Test
  void smallBodiesStayInMemoryAndNeverTouchTheDisk() throws Exception {
    byte[] text = "hello, batch".getBytes(UTF_8);
    byte[] pdf = Fixtures.pdf();
    try (Workspace ws = Workspace.lazy(tmp.resolve("work"), UUID.randomUUID())) {
      List<StagedFile> files = intake.stage(BatchInput.builder().bytes("a.txt", text)
          .stream("b.pdf", new java.io.ByteArrayInputStream(pdf)).build(), ws, () -> false);
      assertThat(files).allSatisfy(f -> assertThat(f.inMemory()).isTrue());
      assertThat(ws.isCreated()).as("no workspace folder for in-memory bodies").isFalse();
      assertThat(tmp.resolve("work")).doesNotExist();
      assertThat(files.get(0).size()).isEqualTo(text.length);
      assertThat(files.get(0).sha256()).isEqualTo(sha256(text));
      assertThat(files.get(1).sha256()).isEqualTo(sha256(pdf));
      try (InputStream in = files.get(1).openStream()) {
        assertThat(in.readAllBytes()).isEqualTo(pdf);
      }
      assertThat(ws.isCreated()).isFalse();
    }
  }

  @Test
  void aBodyOfExactlyTheHeadSizeOrMoreGoesToDisk() throws Exception {
    byte[] exact = Fixtures.random(TypeDetector.HEAD_BYTES, 1);
    byte[] under = Fixtures.random(TypeDetector.HEAD_BYTES - 1, 2);
    try (Workspace ws = Workspace.lazy(tmp.resolve("work"), UUID.randomUUID())) {
      List<StagedFile> files = intake.stage(BatchInput.builder().bytes("exact.bin", exact)
          .bytes("under.bin", under).build(), ws, () -> false);
      assertThat(files.get(0).inMemory()).isFalse();
      assertThat(files.get(0).path()).hasBinaryContent(exact);
      assertThat(files.get(1).inMemory()).isTrue();
      assertThat(files.get(1).sha256()).isEqualTo(sha256(under));
    }
  }

  @Test
  void pathWritesTheBodyOnceInsideTheWorkspaceEvenWhenManyThreadsAsk() throws Exception {
    byte[] text = "written on demand".getBytes(UTF_8);
    try (Workspace ws = Workspace.lazy(tmp.resolve("work"), UUID.randomUUID())) {
      StagedFile f = intake.stage(BatchInput.builder().bytes("a.txt", text).build(), ws, () -> false).get(0);
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        CountDownLatch go = new CountDownLatch(1);
        Set<Path> seen = ConcurrentHashMap.newKeySet();
        List<Future<?>> asks = new java.util.ArrayList<>();
        for (int i = 0; i < 32; i++) {
          asks.add(pool.submit(() -> {
            go.await();
            seen.add(f.path());
            return null;
          }));
        }
        go.countDown();
        for (Future<?> a : asks) {
          a.get(20, TimeUnit.SECONDS);
        }
        assertThat(seen).singleElement().satisfies(p -> {
          assertThat(p).startsWith(ws.root()).hasBinaryContent(text);
        });
      } finally {
        pool.shutdownNow();
      }
      try (Stream<Path> all = Files.walk(ws.root())) {
        assertThat(all.filter(Files::isRegularFile)).hasSize(1);
      }
      Path root = ws.root();
      ws.close();
      assertThat(root).doesNotExist();
    }
  }

  private static InputStream stream(String body) {
    return new java.io.ByteArrayInputStream(body.getBytes(UTF_8));
  }

  @Test
  void smallBodiesStillMeetEveryLimitAndCheck() throws Exception {
    Intake capped = new Intake(IntakeLimits.defaults().withMaxFileBytes(10).withMaxBatchBytes(15),
        ArchiveLimits.defaults());
    try (Workspace ws = Workspace.lazy(tmp.resolve("work"), UUID.randomUUID())) {
      List<StagedFile> files = capped.stage(BatchInput.builder()
          .stream("big.txt", stream("more than ten bytes"))
          .stream("empty.txt", stream(""))
          .stream("fake.png", stream("not a png"))
          .build(), ws, () -> false);
      assertThat(files).extracting(f -> f.error().code())
          .containsExactly(ErrorCode.FILE_TOO_LARGE, ErrorCode.EMPTY_FILE, ErrorCode.TYPE_MISMATCH);
      assertThat(files).allSatisfy(f -> assertThat(f.path()).isNull());
      assertThatThrownBy(() -> capped.stage(BatchInput.builder().stream("a.txt", stream("0123456789"))
          .stream("b.txt", stream("0123456789")).build(), ws, () -> false))
          .isInstanceOfSatisfying(dev.filebatch.BatchRejectedException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.BATCH_TOO_LARGE));
      assertThat(ws.isCreated()).isFalse();
    }
  }

  @Test
  void aClosedLazyWorkspaceIsNeverMadeAndLeavesNothing() throws Exception {
    int before = Workspace.openCount();
    Workspace ws = Workspace.lazy(tmp.resolve("work"), UUID.randomUUID());
    assertThat(Workspace.openCount()).isEqualTo(before + 1);
    ws.close();
    assertThat(Workspace.openCount()).isEqualTo(before);
    assertThatThrownBy(() -> ws.fileSlot(0)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ws.scratch(0)).isInstanceOf(IllegalStateException.class);
    assertThat(tmp.resolve("work")).doesNotExist();
  }

  @Test
  void aLazyWorkspaceMadeByAWriteIsRemovedOnClose() throws Exception {
    Workspace ws = Workspace.lazy(tmp.resolve("work"), UUID.randomUUID());
    Files.write(ws.fileSlot(0), new byte[] {1});
    assertThat(ws.isCreated()).isTrue();
    assertThat(ws.root()).isDirectory();
    Path root = ws.root();
    ws.close();
    assertThat(root).doesNotExist();
    try (Stream<Path> left = Files.list(tmp.resolve("work"))) {
      assertThat(left.toList()).isEmpty();
    }
  }
}
