package dev.filebatch.internal.intake;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.filebatch.ArchiveLimits;
import dev.filebatch.BatchInput;
import dev.filebatch.ErrorCode;
import dev.filebatch.IntakeLimits;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A kept file is hashed when its SHA-256 is first asked for, from the workspace copy or the bytes in memory: the
 * hash is the one of the bytes received, the same from every thread, and a refused file still reports its hash.
 */
class LazyHashTest {
  @TempDir Path tmp;
  private final Intake intake = new Intake(IntakeLimits.defaults(), ArchiveLimits.defaults());

  private static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  private static byte[] zip(String name, byte[] body) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      z.putNextEntry(new ZipEntry(name));
      z.write(body);
      z.closeEntry();
    }
    return out.toByteArray();
  }

  @Test
  void hashesTheReceivedBytesOfFilesOnDiskFromArchivesAndInMemory() throws Exception {
    byte[] big = Fixtures.random(300_000, 7);
    byte[] entry = Fixtures.random(200_000, 8);
    byte[] small = "short note".getBytes(UTF_8);
    try (Workspace ws = Workspace.lazy(tmp.resolve("work"), UUID.randomUUID())) {
      List<StagedFile> files = intake.stage(BatchInput.builder().bytes("big.bin", big)
          .stream("inner.zip", new java.io.ByteArrayInputStream(zip("entry.bin", entry)))
          .bytes("note.txt", small).build(), ws, () -> false);
      assertThat(files).hasSize(3);
      assertThat(files.get(0).inMemory()).isFalse();
      assertThat(files.get(0).sha256()).isEqualTo(sha256(big));
      assertThat(files.get(1).sha256()).isEqualTo(sha256(entry));
      assertThat(files.get(2).sha256()).isEqualTo(sha256(small));
      assertThat(files.get(0).sha256()).as("memoized").isSameAs(files.get(0).sha256());
    }
  }

  @Test
  void givesEveryThreadTheSameHash() throws Exception {
    byte[] big = Fixtures.random(2_000_000, 9);
    try (Workspace ws = Workspace.lazy(tmp.resolve("work"), UUID.randomUUID())) {
      StagedFile f = intake.stage(BatchInput.builder().bytes("big.bin", big).build(), ws, () -> false).get(0);
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<String>> hashes = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
          hashes.add(pool.submit(f::sha256));
        }
        for (Future<String> h : hashes) {
          assertThat(h.get()).isEqualTo(sha256(big));
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void aFileThatIsNotWhatItClaimsStillReportsItsHash() throws Exception {
    byte[] pdfOnDisk = new byte[100_000];
    byte[] head = "%PDF-1.4\n".getBytes(UTF_8);
    System.arraycopy(head, 0, pdfOnDisk, 0, head.length);
    byte[] pdfInMemory = Fixtures.pdf();
    try (Workspace ws = Workspace.lazy(tmp.resolve("work"), UUID.randomUUID())) {
      List<StagedFile> files = intake.stage(BatchInput.builder().bytes("big.png", pdfOnDisk)
          .bytes("small.png", pdfInMemory).build(), ws, () -> false);
      assertThat(files).allSatisfy(f -> assertThat(f.error().code()).isEqualTo(ErrorCode.TYPE_MISMATCH));
      assertThat(files.get(0).sha256()).isEqualTo(sha256(pdfOnDisk));
      assertThat(files.get(1).sha256()).isEqualTo(sha256(pdfInMemory));
      assertThat(files.get(0).path()).isNull();
    }
  }
}
