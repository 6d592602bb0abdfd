package dev.filebatch.benchmarks;

import dev.filebatch.BatchInput;
import dev.filebatch.BatchProcessor;
import dev.filebatch.BatchResult;
import dev.filebatch.FileInspection;
import dev.filebatch.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
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
 * Issue 2, target 3: intake streams a 100 MB ZIP of 30 random-data files (the largest batch the default limits
 * accept) into the workspace at no less than 0.8x the speed of copying the same bytes with {@link Files#copy}.
 * Each invocation is one batch ({@link Mode#SingleShotTime}); the archive is built once per trial.
 *
 * <p>The engine's figure includes everything a batch does with the bytes: writing the archive to the workspace,
 * checking its central directory, extracting each entry (CRC, SHA-256, type detection) into its own file, and
 * deleting the workspace. The copy's target is deleted after each invocation, outside the timing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
public class ZipIntakeBenchmark {
  /** How the entries are stored in the archive. */
  @Param({"stored", "deflated"})
  public String method;

  private Path folder;
  private Path zip;
  private Path copyTarget;
  private BatchProcessor engine;

  /** Builds the archive and the engine, and checks once that all 30 files come through. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    folder = Folders.temp("filebatch-bench-zip-");
    RandomZip spec = RandomZip.justUnderDefaults("stored".equals(method) ? ZipEntry.STORED : ZipEntry.DEFLATED);
    zip = spec.writeTo(folder.resolve("batch.zip"));
    copyTarget = folder.resolve("copy.zip");
    engine = BatchProcessor.builder().processor(new NoOpProcessor(MediaType.OCTET_STREAM)).build();
    BatchResult r = engine.process(BatchInput.of(zip));
    if (r.successfulFiles() != spec.files()) {
      throw new IllegalStateException("expected " + spec.files() + " successful files, got " + r);
    }
    System.out.printf("%n[zip] %s: %d bytes on disk, %d entries of %d bytes (%d content bytes)%n", method,
        Files.size(zip), spec.files(), spec.bytesPerFile(), spec.contentBytes());
  }

  /** Removes the copy made by the baseline. */
  @TearDown(Level.Invocation)
  public void removeCopy() throws IOException {
    Files.deleteIfExists(copyTarget);
  }

  /** Closes the engine and removes the archive. */
  @TearDown(Level.Trial)
  public void tearDown() {
    engine.close();
    Folders.delete(folder);
  }

  /** The whole batch with a no-op processor. */
  @Benchmark
  public BatchResult engineProcess() {
    return engine.process(BatchInput.of(zip));
  }

  /** Intake and routing only. */
  @Benchmark
  public List<FileInspection> engineInspect() {
    return engine.inspect(BatchInput.of(zip));
  }

  /** The baseline: one copy of the archive's bytes, file to file. */
  @Benchmark
  public Path filesCopy() throws IOException {
    return Files.copy(zip, copyTarget);
  }

  /** A second baseline: the archive copied from a stream, as an upload would arrive. */
  @Benchmark
  public long filesCopyFromStream() throws IOException {
    try (InputStream in = Files.newInputStream(zip)) {
      return Files.copy(in, copyTarget);
    }
  }
}
