package dev.filebatch.internal;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.filebatch.BatchInput;
import dev.filebatch.BatchJob;
import dev.filebatch.BatchListener;
import dev.filebatch.BatchProcessor;
import dev.filebatch.BatchRejectedException;
import dev.filebatch.BatchResult;
import dev.filebatch.ErrorCode;
import dev.filebatch.FileError;
import dev.filebatch.FileInspection;
import dev.filebatch.FileResult;
import dev.filebatch.FileStatus;
import dev.filebatch.MediaType;
import dev.filebatch.internal.fork.ForkedRunner;
import dev.filebatch.internal.intake.Intake;
import dev.filebatch.internal.intake.IntakeReport;
import dev.filebatch.internal.intake.StagedFile;
import dev.filebatch.internal.intake.Workspace;
import dev.filebatch.spi.FileProcessor;
import dev.filebatch.spi.SummaryContext;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The engine behind {@link BatchProcessor}.
 *
 * <p>Design: each batch gets a coordinator thread (from a cached pool) that runs intake into the batch's private
 * workspace, routes each staged file to its processor's {@link Lane}, waits for every file to reach a final state,
 * then summarises, stores and cleans up. Files run on lane threads; a single scheduler thread enforces file and
 * batch deadlines by ending files first-wins and interrupting their threads, so a batch always completes with
 * every file accounted for, even when a processor ignores interrupts.
 */
public final class Engine implements BatchProcessor {
  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

  private final EngineConfig config;
  private final Map<MediaType, Lane> routes = new LinkedHashMap<>();
  private final Map<String, Lane> lanes = new LinkedHashMap<>();
  private final ExecutorService coordinators;
  private final ScheduledExecutorService scheduler;
  private final Deadlines deadlines;
  private final FailsafeExecutor<Object> retrying;
  private final Intake intake;
  private final Set<BatchRun> active = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /** An engine for a validated configuration. */
  public Engine(EngineConfig config) {
    this.config = config;
    Semaphore cpu = new Semaphore(config.cpuThreads(), true);
    for (FileProcessor<?> p : config.processors()) {
      Lane lane = new Lane(p, config.concurrencyOf(p), cpu);
      if (config.isolationOf(p).isForked()) {
        ForkedRunner forked = new ForkedRunner(p, config.isolationOf(p), lane.concurrency().maxParallel(),
            config.fileTimeout());
        lane.runner(new Lane.Runner() {
          @Override
          public Object run(StagedFile file, dev.filebatch.spi.ProcessingContext ctx) throws Exception {
            return forked.run(file, ctx);
          }

          @Override
          public void close() {
            forked.close();
          }
        });
      }
      lanes.put(p.id(), lane);
      for (MediaType t : p.supportedTypes()) {
        routes.put(t, lane);
      }
    }
    AtomicInteger n = new AtomicInteger();
    this.coordinators = Executors.newCachedThreadPool(r -> daemon(r, "filebatch-batch-" + n.incrementAndGet()));
    ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, r -> daemon(r, "filebatch-deadlines"));
    s.setRemoveOnCancelPolicy(true);
    this.scheduler = s;
    this.deadlines = new Deadlines(s);
    this.retrying = Failsafe.with(FileRun.retryPolicy(config.retry()));
    this.intake = new Intake(config.intakeLimits(), config.archiveLimits());
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  EngineConfig config() {
    return config;
  }

  /** Runs a file's attempts under the engine's retry policy. */
  FailsafeExecutor<Object> retrying() {
    return retrying;
  }

  /** The file and batch deadlines, watched by the scheduler thread. */
  Deadlines deadlines() {
    return deadlines;
  }

  boolean hasListeners() {
    return !config.listeners().isEmpty();
  }

  void forEachListener(Consumer<BatchListener> call) {
    for (BatchListener l : config.listeners()) {
      try {
        call.accept(l);
      } catch (RuntimeException e) {
        LOG.warn("batch listener {} threw; ignored", l.getClass().getName(), e);
      }
    }
  }

  @Override
  public BatchJob submit(BatchInput input) {
    ensureOpen();
    int expected = intake.precheck(input);
    BatchRun run = new BatchRun(this, config.batchTimeout(), expected);
    active.add(run);
    try {
      coordinators.execute(() -> coordinate(run, input));
    } catch (RuntimeException e) {
      active.remove(run);
      throw new IllegalStateException("batch processor is closed", e);
    }
    return run;
  }

  @Override
  public BatchResult process(BatchInput input) {
    BatchJob job = submit(input);
    try {
      return job.toCompletableFuture().join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw e;
    }
  }

  private void coordinate(BatchRun run, BatchInput input) {
    MDC.put("filebatch.batch_id", run.idText);
    Workspace workspace = null;
    Deadlines.Watch batchTimer = null;
    try {
      workspace = Workspace.lazy(config.workspaceRoot(), run.id); // made on first need: small bodies stay in memory
      batchTimer = deadlines.watch(System.nanoTime() + Duration.between(Instant.now(), run.deadline).toNanos(),
          () -> run.stop(BatchRun.StopReason.BATCH_TIMEOUT));
      OutputFolder outputs = new OutputFolder(
          input.outputDirectory().orElse(config.outputDirectory().resolve(run.idText)));
      Workspace ws = workspace;
      IntakeReport report;
      try {
        // Each file goes to its lane as soon as it is staged, so intake overlaps processing.
        report = intake.stageReport(input, workspace, run::stopping, f -> dispatch(run, f, ws, outputs));
      } catch (BatchRejectedException e) {
        LOG.info("batch rejected: {}", e.getMessage());
        // Files already dispatched are ended and their results, artifacts and cache writes discarded: a rejected
        // batch leaves nothing behind, as when it was rejected before any file started.
        run.rejectedDuringIntake();
        outputs.discard();
        workspace.close();
        workspace = null;
        forEachListener(l -> l.batchRejected(run.id, e.error()));
        run.reject(e);
        return;
      }
      List<StagedFile> staged = report.files();
      List<String> skipped = report.skipped();
      run.intakeEnded();
      run.allFilesDone().join();
      List<FileResult> results = new ArrayList<>(staged.size());
      for (int i = 0; i < staged.size(); i++) {
        results.add(run.resultOf(i));
      }
      Object summary = summarize(run, results, outputs);
      BatchResult result = new BatchResult(run.id, BatchResult.statusOf(results), run.createdAt,
          Duration.ofNanos(System.nanoTime() - run.startNanos), results, summary, skipped);
      try {
        config.store().save(result);
      } catch (RuntimeException e) {
        LOG.error("batch store failed to save batch; the result is still returned", e);
      }
      workspace.close();
      workspace = null;
      forEachListener(l -> l.batchFinished(result));
      LOG.info("batch finished: {} files, {} ok, {} failed, {} ms", result.totalFiles(), result.successfulFiles(),
          result.failedFiles(), result.processingTimeMillis());
      run.complete(result);
    } catch (Workspace.Unavailable e) {
      run.rejectedDuringIntake();
      run.reject(new BatchRejectedException(new FileError(ErrorCode.UNREADABLE_INPUT,
          "The batch workspace could not be created: " + e.getCause().getMessage(),
          "Check that the workspace folder exists, is writable and has free space."), e));
    } catch (RuntimeException | Error e) {
      LOG.error("batch coordinator failed", e);
      run.rejectedDuringIntake();
      run.reject(new BatchRejectedException(new FileError(ErrorCode.PROCESSING_FAILED,
          "The batch failed unexpectedly: " + FileRun.describe(e), "Report this as a bug in Filebatch."), e));
      if (e instanceof VirtualMachineError vme) {
        throw vme;
      }
    } finally {
      if (batchTimer != null) {
        batchTimer.cancel();
      }
      if (workspace != null) {
        workspace.close();
      }
      active.remove(run);
      MDC.remove("filebatch.batch_id");
    }
  }

  /** Sends one staged file to its lane, or ends it at once when intake failed it or no processor claims it. */
  private void dispatch(BatchRun run, StagedFile f, Workspace workspace, OutputFolder outputs) {
    run.staged(f.index());
    if (f.failed()) {
      // a file intake did not receive because the batch was stopped ends for the stop's reason, like the others
      boolean notReceived = f.error().code() == ErrorCode.CANCELLED && run.stopping();
      run.finish(notReceived ? intakeFailure(f, FileRun.stopError(run.stopReason(), f.name(), config))
          : intakeFailure(f));
      return;
    }
    Lane lane = routes.get(f.detectedType());
    if (lane == null) {
      run.finish(intakeFailure(f, new FileError(ErrorCode.UNSUPPORTED_TYPE,
          f.name() + " is " + f.detectedType() + ", which no processor here handles.",
          "Upload one of: " + supportedTypes() + ".")));
      return;
    }
    FileRun fileRun = new FileRun(this, run, f, lane, workspace, outputs);
    run.attach(fileRun);
    if (!run.isFinal(f.index())) {
      lane.execute(fileRun);
    }
  }

  private Object summarize(BatchRun run, List<FileResult> results, OutputFolder outputs) {
    if (config.summarizer() == null) {
      return null;
    }
    SummaryContext ctx = new SummaryContext() {
      @Override
      public UUID batchId() {
        return run.id;
      }

      @Override
      public Path newArtifact(String fileName) throws IOException {
        return outputs.reserve(fileName);
      }
    };
    try {
      return config.summarizer().summarize(Collections.unmodifiableList(results), ctx);
    } catch (Exception | LinkageError | AssertionError e) {
      LOG.error("summarizer failed; the batch keeps its file results", e);
      Map<String, Object> error = new LinkedHashMap<>();
      error.put("code", ErrorCode.PROCESSING_FAILED.name());
      error.put("message", "The batch summary could not be made: " + FileRun.describe(e));
      error.put("remediation", "The file results are complete; report the summary failure as a bug.");
      return Map.of("error", error);
    }
  }

  private static FileResult intakeFailure(StagedFile f) {
    return intakeFailure(f, f.error());
  }

  private static FileResult intakeFailure(StagedFile f, FileError error) {
    return new FileResult(f.index(), f.name(), FileStatus.FAILED, null, error, 0, Duration.ZERO, null, null,
        f.detectedType(), f.size(), f.sha256(), false);
  }

  private String supportedTypes() {
    return String.join(", ", routes.keySet().stream().map(MediaType::toString).toList());
  }

  @Override
  public List<FileInspection> inspect(BatchInput input) {
    ensureOpen();
    intake.precheck(input);
    UUID id = UUID.randomUUID();
    try (Workspace ws = Workspace.lazy(config.workspaceRoot(), id)) {
      List<StagedFile> staged = intake.stagePrechecked(input, ws, () -> closed);
      List<FileInspection> out = new ArrayList<>(staged.size());
      for (StagedFile f : staged) {
        Lane lane = f.failed() ? null : routes.get(f.detectedType());
        FileError error = f.error();
        if (error == null && lane == null) {
          error = new FileError(ErrorCode.UNSUPPORTED_TYPE,
              f.name() + " is " + f.detectedType() + ", which no processor here handles.",
              "Upload one of: " + supportedTypes() + ".");
        }
        out.add(new FileInspection(f.index(), f.name(), f.origin(), f.detectedType(), f.size(), f.sha256(),
            lane == null ? null : lane.id(), error));
      }
      return out;
    } catch (Workspace.Unavailable e) {
      throw new BatchRejectedException(new FileError(ErrorCode.UNREADABLE_INPUT,
          "The workspace could not be created: " + e.getCause().getMessage(),
          "Check that the workspace folder exists, is writable and has free space."), e);
    }
  }

  @Override
  public Optional<BatchResult> find(UUID batchId) {
    return config.store().find(batchId);
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("batch processor is closed");
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (BatchRun run : active) {
      run.stop(BatchRun.StopReason.CLOSED);
    }
    // let coordinators finish their bookkeeping (summary, store, workspace removal) briefly
    coordinators.shutdown();
    try {
      if (!coordinators.awaitTermination(5, TimeUnit.SECONDS)) {
        coordinators.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Lane lane : lanes.values()) {
      lane.shutdownNow();
    }
    scheduler.shutdownNow();
  }

  /** The lanes by processor id, for diagnostics and tests. */
  Map<String, Lane> lanes() {
    return Collections.unmodifiableMap(lanes);
  }
}
