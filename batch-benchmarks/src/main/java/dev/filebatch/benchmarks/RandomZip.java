package dev.filebatch.benchmarks;

import dev.filebatch.IntakeLimits;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a ZIP of files full of seeded random bytes, so it is as large as it says (random data does not compress).
 * Written in 64 KB chunks: building it needs no more heap than that, which matters under {@code -Xmx64m}.
 *
 * @param files how many entries
 * @param bytesPerFile the size of each entry
 * @param method {@link ZipEntry#STORED} or {@link ZipEntry#DEFLATED}
 */
public record RandomZip(int files, long bytesPerFile, int method) {
  private static final int CHUNK = 64 * 1024;

  /**
   * 30 entries whose sizes add up to just under {@link IntakeLimits#DEFAULT_MAX_BATCH_BYTES} (100 MiB), with 64 KiB
   * to spare for the archive's own headers, so the archive also fits the batch cap while it is received: the
   * biggest batch the default limits accept.
   */
  public static RandomZip justUnderDefaults(int method) {
    long perFile = (IntakeLimits.DEFAULT_MAX_BATCH_BYTES - 64 * 1024) / 30 / 1000 * 1000;
    return new RandomZip(30, perFile, method);
  }

  /** The bytes in all entries together. */
  public long contentBytes() {
    return files * bytesPerFile;
  }

  /** {@code stored} or {@code deflated}. */
  public String methodName() {
    return method == ZipEntry.STORED ? "stored" : "deflated";
  }

  /** Writes the archive to {@code zip}, entries named {@code part-NN.bin}. */
  public Path writeTo(Path zip) throws IOException {
    byte[] chunk = new byte[CHUNK];
    try (ZipOutputStream out = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(zip), CHUNK))) {
      out.setLevel(Deflater.BEST_SPEED); // the content does not compress; spend no time trying hard
      for (int i = 0; i < files; i++) {
        ZipEntry e = new ZipEntry(String.format("part-%02d.bin", i));
        e.setMethod(method);
        if (method == ZipEntry.STORED) {
          // stored entries need their size and CRC in the local header: one pass to compute, one to write
          CRC32 crc = new CRC32();
          fill(i, chunk, (b, n) -> crc.update(b, 0, n));
          e.setSize(bytesPerFile);
          e.setCompressedSize(bytesPerFile);
          e.setCrc(crc.getValue());
        }
        out.putNextEntry(e);
        fill(i, chunk, (b, n) -> out.write(b, 0, n));
        out.closeEntry();
      }
    }
    return zip;
  }

  private interface Sink {
    void accept(byte[] b, int n) throws IOException;
  }

  private void fill(int entry, byte[] chunk, Sink sink) throws IOException {
    Random random = new Random(1_000L + entry); // the same bytes on every pass and every run
    long left = bytesPerFile;
    while (left > 0) {
      int n = (int) Math.min(chunk.length, left);
      random.nextBytes(chunk);
      sink.accept(chunk, n);
      left -= n;
    }
  }
}
