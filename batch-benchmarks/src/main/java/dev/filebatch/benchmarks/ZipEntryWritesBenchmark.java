package dev.filebatch.benchmarks;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Why {@link ZipIntakeBenchmark}'s engine figure is far from the copy: the extraction loop re-enacted outside the
 * engine. {@code ZipArchiveInputStream} (opened as the engine opens it) returns at most 512 bytes per
 * {@code read}, whatever buffer it is given, for stored and deflated entries alike; a loop that writes what each
 * read returns straight to an unbuffered {@link Files#newOutputStream} makes one 512-byte {@code write(2)} per read
 * (about 205,000 for 100 MB). {@link #writeEachRead} does that, as the engine's {@code Staging.copy} does;
 * {@link #writeBuffered} is the same loop with a 64 KB {@link BufferedOutputStream} in between. Both hash with
 * SHA-256 and write each entry to its own file, then delete them (inside the timing, as the engine does).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
public class ZipEntryWritesBenchmark {
  /** How the entries are stored in the archive. */
  @Param({"stored", "deflated"})
  public String method;

  private Path folder;
  private Path zip;
  private Path out;

  /** Builds the archive. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    folder = Folders.temp("filebatch-bench-entries-");
    zip = RandomZip.justUnderDefaults("stored".equals(method) ? ZipEntry.STORED : ZipEntry.DEFLATED)
        .writeTo(folder.resolve("batch.zip"));
    out = Files.createDirectories(folder.resolve("out"));
  }

  /** Removes the archive. */
  @TearDown(Level.Trial)
  public void tearDown() {
    Folders.delete(folder);
  }

  /** Each read's bytes written at once, unbuffered: the engine's pattern. */
  @Benchmark
  public long writeEachRead() throws Exception {
    return extract(false);
  }

  /** The same with a 64 KB buffer before the file. */
  @Benchmark
  public long writeBuffered() throws Exception {
    return extract(true);
  }

  private long extract(boolean buffered) throws Exception {
    byte[] buf = new byte[64 * 1024];
    long total = 0;
    int index = 0;
    try (ZipArchiveInputStream zis = new ZipArchiveInputStream(
        new BufferedInputStream(Files.newInputStream(zip), 64 * 1024), "UTF-8", true, false)) {
      while (zis.getNextEntry() != null) {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        Path target = out.resolve(Integer.toString(index++));
        OutputStream file = Files.newOutputStream(target);
        try (OutputStream o = buffered ? new BufferedOutputStream(file, 64 * 1024) : file) {
          int r;
          while ((r = zis.read(buf)) >= 0) {
            sha.update(buf, 0, r);
            o.write(buf, 0, r);
            total += r;
          }
        }
        total += sha.digest()[0];
      }
    }
    for (int i = 0; i < index; i++) {
      Files.delete(out.resolve(Integer.toString(i)));
    }
    return total;
  }
}
