package dev.filebatch;

import dev.filebatch.internal.Engine;
import dev.filebatch.internal.EngineConfig;
import dev.filebatch.spi.BatchStore;
import dev.filebatch.spi.Concurrency;
import dev.filebatch.spi.FileProcessor;
import dev.filebatch.spi.ResultCache;
import dev.filebatch.spi.Summarizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;

/**
 * The front door: validates batches of untrusted files, routes each file to a {@link FileProcessor} by the type
 * detected from its content, runs the processors in lanes with their own limits, isolates every failure to its
 * file, retries transient failures, enforces timeouts and reports progress.
 *
 * <pre>{@code
 * try (BatchProcessor batches = BatchProcessor.builder()
 *     .processor(new MyCsvProcessor())
 *     .fileTimeout(Duration.ofSeconds(30))
 *     .build()) {
 *   BatchResult result = batches.process(BatchInput.of(Path.of("uploads")));
 *   System.out.println(result.successfulFiles() + " of " + result.totalFiles() + " files succeeded");
 * }
 * }</pre>
 *
 * <p>A built processor is immutable and thread-safe, serves any number of concurrent batches, and owns threads:
 * {@link #close()} it when done.
 */
public interface BatchProcessor extends AutoCloseable {

  /** Starts a builder with the origin spec's defaults. */
  static Builder builder() {
    return new Builder();
  }

  /**
   * Starts a batch and returns at once. Intake (streaming, archive expansion, validation) and processing run in the
   * background.
   *
   * @throws BatchRejectedException at once if declared sizes or counts already break a limit; later rejections
   *     complete the job exceptionally
   * @throws IllegalStateException if this processor is closed
   */
  BatchJob submit(BatchInput input);

  /**
   * Runs a batch to the end and returns its result.
   *
   * @throws BatchRejectedException if the batch is refused at intake
   * @throws IllegalStateException if this processor is closed
   */
  BatchResult process(BatchInput input);

  /**
   * Takes a batch through intake and routing only: what each file is, which processor would take it, or why it
   * would fail. Nothing is processed, stored or cached; the workspace is removed before this returns.
   *
   * @throws BatchRejectedException if the batch would be refused
   */
  List<FileInspection> inspect(BatchInput input);

  /** A stored batch by id, from the configured {@link BatchStore}. */
  java.util.Optional<BatchResult> find(java.util.UUID batchId);

  /**
   * Cancels running batches, stops the threads and removes every workspace. Idempotent. Batches still running end
   * with their unfinished files {@code CANCELLED}.
   */
  @Override
  void close();

  /**
   * Configures a {@link BatchProcessor}. Each setting may be given once; a repeated or conflicting setting is
   * refused with a message. Not thread-safe; build once and share the result.
   */
  final class Builder {
    private final Map<String, FileProcessor<?>> processors = new LinkedHashMap<>();
    private final Map<String, Concurrency> concurrencyOverrides = new LinkedHashMap<>();
    private final Map<String, Isolation> isolation = new LinkedHashMap<>();
    private final List<BatchListener> listeners = new ArrayList<>();
    private IntakeLimits intakeLimits;
    private ArchiveLimits archiveLimits;
    private RetrySettings retry;
    private Duration fileTimeout;
    private Duration batchTimeout;
    private Summarizer<?> summarizer;
    private BatchStore store;
    private ResultCache cache;
    private Path workspaceRoot;
    private Path outputDirectory;
    private Integer cpuThreads;
    private boolean discover;

    private Builder() {}

    private static void once(Object current, String what) {
      if (current != null) {
        throw new IllegalStateException(what + " was already set to " + current);
      }
    }

    /**
     * Registers a processor. Each id and each supported type may be registered once.
     *
     * @throws IllegalStateException if a processor with the same id is registered
     */
    public Builder processor(FileProcessor<?> processor) {
      Objects.requireNonNull(processor, "processor");
      Objects.requireNonNull(processor.id(), "processor.id()");
      if (processors.containsKey(processor.id())) {
        throw new IllegalStateException("a processor with id '" + processor.id() + "' is already registered");
      }
      processors.put(processor.id(), processor);
      return this;
    }

    /**
     * Also registers every processor found by {@link ServiceLoader} on the context class loader, at
     * {@link #build()}; explicitly registered processors win over discovered ones with the same id.
     */
    public Builder discoverProcessors() {
      if (discover) {
        throw new IllegalStateException("discoverProcessors() was already called");
      }
      discover = true;
      return this;
    }

    /** Overrides a processor's declared concurrency (its lane's limit). */
    public Builder concurrency(String processorId, Concurrency concurrency) {
      Objects.requireNonNull(processorId, "processorId");
      Objects.requireNonNull(concurrency, "concurrency");
      once(concurrencyOverrides.get(processorId), "concurrency of '" + processorId + "'");
      concurrencyOverrides.put(processorId, concurrency);
      return this;
    }

    /**
     * How files of one processor run: in this JVM (the default) or in forked worker JVMs that a hostile file cannot
     * hurt. See {@link Isolation}.
     */
    public Builder isolation(String processorId, Isolation setting) {
      Objects.requireNonNull(processorId, "processorId");
      Objects.requireNonNull(setting, "setting");
      once(isolation.get(processorId), "isolation of '" + processorId + "'");
      isolation.put(processorId, setting);
      return this;
    }

    /** File count and size limits; default {@link IntakeLimits#defaults()}. */
    public Builder intakeLimits(IntakeLimits limits) {
      once(intakeLimits, "intake limits");
      intakeLimits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /** Archive expansion guards; default {@link ArchiveLimits#defaults()}. */
    public Builder archiveLimits(ArchiveLimits limits) {
      once(archiveLimits, "archive limits");
      archiveLimits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /** Retry policy for transient failures; default {@link RetrySettings#defaults()}. */
    public Builder retry(RetrySettings settings) {
      once(retry, "retry settings");
      retry = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /** Time limit for one file, retries included; default 30 s. */
    public Builder fileTimeout(Duration timeout) {
      once(fileTimeout, "file timeout");
      fileTimeout = positive(timeout, "file timeout");
      return this;
    }

    /** Time limit for a whole batch, intake included; default 10 min. */
    public Builder batchTimeout(Duration timeout) {
      once(batchTimeout, "batch timeout");
      batchTimeout = positive(timeout, "batch timeout");
      return this;
    }

    /** Makes the batch summary from the file results; default none. */
    public Builder summarizer(Summarizer<?> value) {
      once(summarizer, "summarizer");
      summarizer = Objects.requireNonNull(value, "summarizer");
      return this;
    }

    /** Where finished batches are kept; default in memory, 1,000 batches, 24 h. */
    public Builder store(BatchStore value) {
      once(store, "store");
      store = Objects.requireNonNull(value, "store");
      return this;
    }

    /** Where successful results are cached; default in memory (Caffeine), 10,000 entries, 24 h. */
    public Builder cache(ResultCache value) {
      once(cache, "cache");
      cache = Objects.requireNonNull(value, "cache");
      return this;
    }

    /** Adds a listener; may be called several times. */
    public Builder listener(BatchListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /** Parent folder of the per-batch private workspaces; default {@code java.io.tmpdir}. */
    public Builder workspaceRoot(Path root) {
      once(workspaceRoot, "workspace root");
      workspaceRoot = Objects.requireNonNull(root, "root");
      return this;
    }

    /**
     * Parent folder of the per-batch output folders where processors write artifacts ({@code <dir>/<batch id>/});
     * default {@code java.io.tmpdir/filebatch-output}. Outputs are the caller's to keep or delete.
     */
    public Builder outputDirectory(Path dir) {
      once(outputDirectory, "output directory");
      outputDirectory = Objects.requireNonNull(dir, "dir");
      return this;
    }

    /** Size of the pool shared by CPU-bound lanes; default the number of cores. */
    public Builder cpuThreads(int threads) {
      once(cpuThreads, "CPU threads");
      if (threads < 1) {
        throw new IllegalArgumentException("CPU threads must be at least 1, was " + threads);
      }
      cpuThreads = threads;
      return this;
    }

    private static Duration positive(Duration d, String what) {
      Objects.requireNonNull(d, what);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be positive, was " + d);
      }
      return d;
    }

    /**
     * Builds the processor, checking that the settings fit together.
     *
     * @throws IllegalStateException if no processor is registered, two processors claim the same type, an
     *     override names an unknown processor, or the file timeout exceeds the batch timeout
     */
    public BatchProcessor build() {
      Map<String, FileProcessor<?>> all = new LinkedHashMap<>(processors);
      if (discover) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        for (FileProcessor<?> p : ServiceLoader.load(FileProcessor.class, loader)) {
          all.putIfAbsent(p.id(), p);
        }
      }
      if (all.isEmpty()) {
        throw new IllegalStateException(
            "no FileProcessor registered: call processor(...) or discoverProcessors() with one on the class path");
      }
      Map<MediaType, String> owners = new LinkedHashMap<>();
      for (FileProcessor<?> p : all.values()) {
        if (p.supportedTypes() == null || p.supportedTypes().isEmpty()) {
          throw new IllegalStateException("processor '" + p.id() + "' supports no media type");
        }
        for (MediaType t : p.supportedTypes()) {
          String previous = owners.putIfAbsent(t, p.id());
          if (previous != null) {
            throw new IllegalStateException(
                "processors '" + previous + "' and '" + p.id() + "' both claim " + t + ": each type routes to one");
          }
        }
      }
      for (String id : concurrencyOverrides.keySet()) {
        if (!all.containsKey(id)) {
          throw new IllegalStateException("concurrency override names unknown processor '" + id + "'");
        }
      }
      for (String id : isolation.keySet()) {
        if (!all.containsKey(id)) {
          throw new IllegalStateException("isolation setting names unknown processor '" + id + "'");
        }
        if (isolation.get(id).isForked()) {
          dev.filebatch.internal.fork.ForkedRunner.checkForkable(all.get(id)); // no recipe and no no-arg constructor
        }
      }
      Duration ft = fileTimeout != null ? fileTimeout : Duration.ofSeconds(30);
      Duration bt = batchTimeout != null ? batchTimeout : Duration.ofMinutes(10);
      if (ft.compareTo(bt) > 0) {
        throw new IllegalStateException("file timeout (" + ft + ") exceeds batch timeout (" + bt + ")");
      }
      Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
      EngineConfig config = new EngineConfig(
          List.copyOf(all.values()),
          Map.copyOf(concurrencyOverrides),
          Map.copyOf(isolation),
          intakeLimits != null ? intakeLimits : IntakeLimits.defaults(),
          archiveLimits != null ? archiveLimits : ArchiveLimits.defaults(),
          retry != null ? retry : RetrySettings.defaults(),
          ft,
          bt,
          summarizer,
          store != null ? store : BatchStore.inMemory(1_000, Duration.ofHours(24)),
          cache != null ? cache : ResultCache.inMemory(10_000, Duration.ofHours(24)),
          List.copyOf(listeners),
          workspaceRoot != null ? workspaceRoot : tmp,
          outputDirectory != null ? outputDirectory : tmp.resolve("filebatch-output"),
          cpuThreads != null ? cpuThreads : Runtime.getRuntime().availableProcessors());
      if (Files.exists(config.workspaceRoot()) && !Files.isDirectory(config.workspaceRoot())) {
        throw new IllegalStateException("workspace root is not a folder: " + config.workspaceRoot());
      }
      return new Engine(config);
    }
  }
}
