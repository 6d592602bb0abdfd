package dev.filebatch.benchmarks;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypes;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The steps the engine takes for each small file, one by one, with the same libraries and calls the engine's
 * internals use (they are not public, so they are re-enacted here): where the per-file overhead of
 * {@link EngineOverheadBenchmark} goes. Read together with a {@code -prof stack} run of that benchmark.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
public class IntakeStepsBenchmark {
  private static final int HEAD_BYTES = 64 * 1024; // the engine's TypeDetector.HEAD_BYTES

  private final byte[] content =
      "Note 7: the quick brown fox jumps over the lazy dog.\n".getBytes(StandardCharsets.UTF_8);
  private final MimeTypes mimeTypes = MimeTypes.getDefaultMimeTypes();
  private final byte[] head = new byte[HEAD_BYTES];
  private Path folder;
  private ExecutorService lane;
  private ScheduledThreadPoolExecutor scheduler;
  private long counter;

  /** Makes the folder, a one-thread lane and a scheduler like the engine's. */
  @Setup
  public void setUp() {
    folder = Folders.temp("filebatch-bench-steps-");
    System.arraycopy(content, 0, head, 0, content.length);
    lane = Executors.newFixedThreadPool(1);
    scheduler = new ScheduledThreadPoolExecutor(1);
    scheduler.setRemoveOnCancelPolicy(true);
  }

  /** Stops the threads and removes the folder. */
  @TearDown
  public void tearDown() {
    lane.shutdownNow();
    scheduler.shutdownNow();
    Folders.delete(folder);
  }

  /** A fresh 64 KB head buffer per body, filled from the stream. */
  @Benchmark
  public byte[] headBuffer() {
    byte[] h = new byte[HEAD_BYTES];
    System.arraycopy(content, 0, h, 0, content.length);
    return h;
  }

  /** Tika magic and text detection over the head. */
  @Benchmark
  public MediaType typeByContent() throws IOException {
    return mimeTypes.detect(new ByteArrayInputStream(head, 0, content.length), new Metadata());
  }

  /** Tika detection by file name (done for routing and again for the mismatch check). */
  @Benchmark
  public MediaType typeByName() throws IOException {
    Metadata md = new Metadata();
    md.set(TikaCoreProperties.RESOURCE_NAME_KEY, "note-7.txt");
    return mimeTypes.detect(null, md);
  }

  /** SHA-256 of the body and its hex form. */
  @Benchmark
  public String sha256() throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update(content);
    return HexFormat.of().formatHex(sha.digest());
  }

  /** Writing the body to its own new file in the workspace, and deleting it at cleanup. */
  @Benchmark
  public Path writeAndDeleteFile() throws IOException {
    Path p = folder.resolve(Long.toString(counter++));
    try (OutputStream out = Files.newOutputStream(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      out.write(content);
    }
    Files.delete(p);
    return p;
  }

  /** Once per batch: the private workspace folder with owner-only permissions, its files folder, and removal. */
  @Benchmark
  public Path workspaceFolder() throws IOException {
    Path dir = Files.createTempDirectory(folder, "ws-",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Path files = Files.createDirectories(dir.resolve("files"));
    Files.delete(files);
    Files.delete(dir);
    return dir;
  }

  /** Handing a file to a lane thread and learning that it finished. */
  @Benchmark
  public Object laneHandoff() throws Exception {
    return lane.submit(() -> content.length).get();
  }

  /** Arming the file's timeout on the deadline scheduler and disarming it. */
  @Benchmark
  public boolean timeoutTimer() {
    ScheduledFuture<?> f = scheduler.schedule(() -> { }, 30, TimeUnit.SECONDS);
    return f.cancel(false);
  }

  /** Building the file's retry policy and running one successful attempt through Failsafe. */
  @Benchmark
  public Object retryPolicy() {
    RetryPolicy<Object> policy = RetryPolicy.builder()
        .handleIf((Throwable t) -> t instanceof IllegalStateException)
        .withMaxAttempts(3)
        .withBackoff(Duration.ofMillis(200), Duration.ofSeconds(5))
        .withJitter(0.25)
        .withMaxDuration(Duration.ofSeconds(30))
        .build();
    return Failsafe.with(policy).get(ctx -> content.length);
  }
}
