package dev.filebatch.testkit;

import dev.filebatch.ErrorCode;
import dev.filebatch.FileError;
import dev.filebatch.spi.ProcessingContext;
import dev.filebatch.spi.SummaryContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link ProcessingContext} for calling a {@link dev.filebatch.spi.FileProcessor} directly in a test, recording what
 * the processor reports. Everything lives under one folder: the scratch folder {@code scratch/} (made when first asked
 * for) and the artifacts in {@code outputs/}, named uniquely like the engine names them ({@code drawing.png}, then
 * {@code drawing (2).png}). Attempt 1, a random batch id, a deadline an hour away unless {@link #deadlineIn} says
 * otherwise; cancelled by {@link #cancel()}, after {@link #cancelAfterProgressReports} reports, or once the deadline
 * is reached. Safe to use from several threads.
 *
 * <pre>{@code
 * TestContext context = TestContext.in(tempDir);
 * Count count = new WordCountProcessor().process(file, context);
 * assertThat(context.partial()).isNull();
 * }</pre>
 */
public final class TestContext implements ProcessingContext {
  private final UUID batchId = UUID.randomUUID();
  private final Path scratch;
  private final Path outputs;
  private final AtomicInteger scratchRequests = new AtomicInteger();
  private final List<Double> progress = new CopyOnWriteArrayList<>();
  private final List<Path> artifacts = new ArrayList<>();
  private final Set<Path> taken = new HashSet<>();
  /** The last number used per lower-cased name, so a long-lived context finds a free name in one step. */
  private final Map<String, Integer> lastNumber = new HashMap<>();
  private volatile Instant deadline = Instant.now().plus(Duration.ofHours(1));
  private volatile int cancelAfterProgressReports = Integer.MAX_VALUE;
  private volatile boolean cancelled;
  private volatile FileError partial;

  private TestContext(Path folder) {
    this.scratch = folder.resolve("scratch");
    this.outputs = folder.resolve("outputs");
  }

  /**
   * A context whose scratch folder is {@code folder/scratch} and whose artifacts go to {@code folder/outputs}.
   *
   * @param folder the test's folder, e.g. its {@code @TempDir}; need not exist yet
   */
  public static TestContext in(Path folder) {
    return new TestContext(Objects.requireNonNull(folder, "folder"));
  }

  /**
   * Moves the deadline to {@code timeLeft} from now; once it is reached, {@link #isCancelled()} is true, as in the
   * engine.
   *
   * @param timeLeft time until the deadline, zero or more
   * @return this context
   * @throws IllegalArgumentException if {@code timeLeft} is negative
   */
  public TestContext deadlineIn(Duration timeLeft) {
    if (timeLeft.isNegative()) {
      throw new IllegalArgumentException("timeLeft must be zero or more, was " + timeLeft);
    }
    deadline = Instant.now().plus(timeLeft);
    return this;
  }

  /**
   * Cancels this context as soon as the processor has reported progress {@code reports} times, to test that it stops
   * part-way.
   *
   * @param reports how many progress reports to allow, 1 or more
   * @return this context
   * @throws IllegalArgumentException if {@code reports} is less than 1
   */
  public TestContext cancelAfterProgressReports(int reports) {
    if (reports < 1) {
      throw new IllegalArgumentException("reports must be 1 or more, was " + reports);
    }
    cancelAfterProgressReports = reports;
    return this;
  }

  /** Cancels the work, as a caller cancelling the batch would: {@link #isCancelled()} is true from now on. */
  public void cancel() {
    cancelled = true;
  }

  /** The last partial result the processor reported, or {@code null} if it reported none. */
  public FileError partial() {
    return partial;
  }

  /** The progress fractions the processor reported, in order. */
  public List<Double> progress() {
    return Collections.unmodifiableList(progress);
  }

  /** How many times the processor asked for its scratch folder. */
  public int scratchRequests() {
    return scratchRequests.get();
  }

  /** The artifact paths handed out so far, in order. */
  public synchronized List<Path> artifacts() {
    return List.copyOf(artifacts);
  }

  /**
   * The folder artifacts go to, {@code outputs/} under this context's folder; made by this call if missing, so a test
   * can assert that a failed file left it empty.
   *
   * @throws UncheckedIOException if the folder cannot be made
   */
  public Path outputs() {
    try {
      return Files.createDirectories(outputs);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A context for calling a {@link dev.filebatch.spi.Summarizer} directly: the same batch id, and artifacts named
   * uniquely together with this context's.
   */
  public SummaryContext summaryContext() {
    return new SummaryContext() {
      @Override
      public UUID batchId() {
        return batchId;
      }

      @Override
      public Path newArtifact(String fileName) throws IOException {
        return TestContext.this.newArtifact(fileName);
      }
    };
  }

  @Override
  public UUID batchId() {
    return batchId;
  }

  @Override
  public int attempt() {
    return 1;
  }

  @Override
  public Instant deadline() {
    return deadline;
  }

  @Override
  public boolean isCancelled() {
    return cancelled || !Instant.now().isBefore(deadline);
  }

  @Override
  public Path scratchDirectory() throws IOException {
    scratchRequests.incrementAndGet();
    return Files.createDirectories(scratch);
  }

  /**
   * {@inheritDoc} The name is kept as given; a name already handed out or already in the folder gets a number, and a
   * name that would leave the folder is refused.
   */
  @Override
  public synchronized Path newArtifact(String fileName) throws IOException {
    Files.createDirectories(outputs);
    String stem = fileName;
    String ext = "";
    int dot = fileName.lastIndexOf('.');
    if (dot > 0) {
      stem = fileName.substring(0, dot);
      ext = fileName.substring(dot);
    }
    String key = fileName.toLowerCase(Locale.ROOT);
    Integer last = lastNumber.get(key);
    int n = last == null ? 1 : last + 1;
    Path path = outputs.resolve(n == 1 ? fileName : stem + " (" + n + ")" + ext).normalize();
    while (taken.contains(path) || Files.exists(path)) {
      n++;
      path = outputs.resolve(stem + " (" + n + ")" + ext).normalize();
    }
    if (!outputs.normalize().equals(path.getParent())) {
      throw new IOException("artifact name escapes the output folder: " + fileName);
    }
    lastNumber.put(key, n);
    taken.add(path);
    artifacts.add(path);
    return path;
  }

  @Override
  public void reportPartial(ErrorCode code, String message, String remediation) {
    partial = new FileError(code, message, remediation);
  }

  @Override
  public void reportProgress(double fraction) {
    progress.add(fraction);
    if (progress.size() >= cancelAfterProgressReports) {
      cancelled = true;
    }
  }
}
