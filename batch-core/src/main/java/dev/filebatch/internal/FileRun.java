package dev.filebatch.internal;

import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.failsafe.RetryPolicyBuilder;
import dev.filebatch.ErrorCode;
import dev.filebatch.FileError;
import dev.filebatch.FileResult;
import dev.filebatch.FileStatus;
import dev.filebatch.RetrySettings;
import dev.filebatch.internal.intake.StagedFile;
import dev.filebatch.internal.intake.Workspace;
import dev.filebatch.spi.CacheKey;
import dev.filebatch.spi.FileProcessingException;
import dev.filebatch.spi.FileProcessor;
import dev.filebatch.spi.ProcessingContext;
import dev.filebatch.spi.ResultCache;
import dev.filebatch.spi.TransientException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one file through its processor in its lane: cache lookup, attempts under the retry policy, the file
 * timeout, cancellation, and the translation of whatever happened into exactly one {@link FileResult}.
 *
 * <p>The result is claimed first-wins ({@link BatchRun#finish}): a timeout or a cancellation ends the file at once
 * even if its thread ignores the interrupt; whatever that thread returns later is discarded.
 */
final class FileRun implements Runnable, ProcessingContext {
  private static final Logger LOG = LoggerFactory.getLogger(FileRun.class);

  private final Engine engine;
  private final BatchRun batch;
  private final StagedFile file;
  private final Lane lane;
  private final Workspace workspace;
  private final OutputFolder outputs;
  private volatile long startNanos;
  private volatile Instant deadline;
  private volatile int attempt;
  private volatile FileError partial;
  private volatile Thread runner;
  private volatile boolean started;
  // set while this file counts as running in its batch's progress; cleared once, by whichever ends it first
  private final AtomicBoolean counted = new AtomicBoolean();
  private volatile Deadlines.Watch watch;
  private volatile Duration pendingRetryAfter;
  private volatile long lastFailureNanos;

  FileRun(Engine engine, BatchRun batch, StagedFile file, Lane lane, Workspace workspace, OutputFolder outputs) {
    this.engine = engine;
    this.batch = batch;
    this.file = file;
    this.lane = lane;
    this.workspace = workspace;
    this.outputs = outputs;
  }

  @Override
  public void run() {
    if (batch.isFinal(file.index())) {
      return; // ended while queued (cancel, batch timeout)
    }
    if (batch.stopping()) {
      stop(batch.stopReason() != null ? batch.stopReason() : BatchRun.StopReason.BATCH_TIMEOUT);
      return;
    }
    long start = System.nanoTime();
    startNanos = start;
    Instant fileDeadline = Instant.now().plus(engine.config().fileTimeout());
    deadline = fileDeadline.isBefore(batch.deadline) ? fileDeadline : batch.deadline;
    MDC.put("filebatch.batch_id", batch.idText);
    MDC.put("filebatch.file", file.name());
    synchronized (this) {
      runner = Thread.currentThread();
      started = true;
    }
    counted.set(true);
    batch.runningChanged(1);
    engine.forEachListener(l -> l.fileStarted(batch.id, file.index(), file.name(), lane.id()));
    watch = engine.deadlines().watch(start + Duration.between(Instant.now(), deadline).toNanos(), this::expire);
    try {
      FileResult fr = attempt(start);
      batch.finish(fr, this);
    } catch (VirtualMachineError e) {
      // never swallowed: the file still ends, then the error goes on up and the lane replaces the thread
      batch.finish(failed(start, vmErrorCode(e), describe(e), "The file exhausted the processor's resources; "
          + "run this processor with forked isolation to contain such files."), this);
      throw e;
    } finally {
      Deadlines.Watch w = watch;
      if (w != null) {
        w.cancel();
      }
      synchronized (this) {
        runner = null;
      }
      Thread.interrupted(); // a late interrupt must not leak into the lane thread's next file
      if (batch.stopReason() == BatchRun.StopReason.REJECTED) {
        // the coordinator discarded the batch's artifacts while this file may still have been writing one: now
        // that its processor has returned, discard again (reserved paths and the folder, idempotent)
        outputs.discard();
      }
      if (leaveRunning()) { // the result was claimed elsewhere first, by a path that does not release the count
        batch.runningChanged(-1);
      }
      MDC.remove("filebatch.batch_id");
      MDC.remove("filebatch.file");
    }
  }

  private FileResult attempt(long start) {
    FileProcessor<?> processor = lane.processor();
    ResultCache cache = engine.config().cache();
    // the key (processor id, version string, hash) is only built when the cache can be used
    String hash = processor.cacheable() ? sha256() : null;
    CacheKey key = hash != null ? new CacheKey(processor.id(), processor.version(), hash) : null;
    if (key != null) {
      Optional<?> hit = safeGet(cache, key, processor.resultType());
      if (hit.isPresent()) {
        LOG.debug("cache hit for {}", key.asString());
        return new FileResult(file.index(), file.name(), FileStatus.SUCCESS, hit.get(), null, 0,
            elapsed(start), processor.id(), lane.id(), file.detectedType(), file.size(), sha256(), true);
      }
    }
    try {
      Object payload = engine.retrying().get(ctx -> {
        int n = ctx.getAttemptCount() + 1;
        if (n > 1) {
          retried(n - 1, ctx.getLastException());
        }
        attempt = n;
        try {
          honourRetryAfter();
          checkCancelled();
          partial = null;
          Object value = lane.invoke(file, this);
          if (value == null) {
            throw new FileProcessingException(ErrorCode.PROCESSING_FAILED,
                "processor '" + processor.id() + "' returned no result for " + file.name(),
                "This is a bug in the processor; report it to its authors.");
          }
          return value;
        } catch (VirtualMachineError e) {
          throw e;
        } catch (Throwable e) {
          throw failedAttempt(e);
        }
      });
      FileError warn = partial;
      if (warn == null && key != null) {
        // held until intake has accepted the batch: a batch rejected later leaves nothing in the cache
        batch.whenAccepted(() -> safePut(cache, key, payload));
      }
      return new FileResult(file.index(), file.name(), warn == null ? FileStatus.SUCCESS : FileStatus.PARTIAL,
          payload, warn, attempt, elapsed(start), processor.id(), lane.id(), file.detectedType(), file.size(),
          sha256(), false);
    } catch (FailsafeException e) {
      return failure(start, unwrap(e.getCause() != null ? e.getCause() : e));
    } catch (NoMoreAttempts e) {
      return failure(start, e.getCause());
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      return failure(start, e);
    }
  }

  private FileResult failure(long start, Throwable e) {
    BatchRun.StopReason stop = batch.stopReason();
    if (e instanceof VirtualMachineError vme) {
      throw vme;
    }
    if (e instanceof FileProcessingException fpe) {
      LOG.info("file failed: {} ({})", fpe.code(), fpe.getMessage());
      return failed(start, fpe.error());
    }
    if (stop != null || e instanceof InterruptedException || e instanceof CancellationException) {
      FileError err = stopError(stop);
      return failed(start, err);
    }
    LOG.warn("processor '{}' failed on a file: {}", lane.id(), describe(e), e);
    return failed(start, new FileError(ErrorCode.PROCESSING_FAILED,
        "Processing failed: " + describe(e),
        "The file may be damaged or use features the processor does not support; check it and try again."));
  }

  private FileResult failed(long start, ErrorCode code, String message, String remediation) {
    return failed(start, new FileError(code, message, remediation));
  }

  private FileResult failed(long start, FileError error) {
    return new FileResult(file.index(), file.name(), FileStatus.FAILED, null, error, attempt, elapsed(start),
        lane.id(), lane.id(), file.detectedType(), file.size(), sha256(), false);
  }

  /**
   * The file's hash, computed on first use from its bytes ({@link StagedFile#sha256()}); {@code null}, and logged,
   * if its workspace copy can no longer be read, so that the file still gets a result.
   */
  private String sha256() {
    try {
      return file.sha256();
    } catch (UncheckedIOException e) {
      LOG.warn("could not hash {}: {}", file.name(), e.toString());
      return null;
    }
  }

  /**
   * Stops counting this file as running; true only for the first call after it started. A file stops running when
   * it gets its final result, even if a stopped processor's thread is still unwinding, so a finished batch's
   * progress never shows a file both done and running.
   */
  boolean leaveRunning() {
    return counted.compareAndSet(true, false);
  }

  /** Called by the scheduler when the file's deadline passes. */
  private void expire() {
    boolean fileLimit = deadline.isBefore(batch.deadline);
    FileError err = fileLimit
        ? new FileError(ErrorCode.TIMEOUT, "Processing " + file.name() + " took longer than the file time limit of "
            + human(engine.config().fileTimeout()) + ".",
            "Split or simplify the file, or raise the file timeout.")
        : stopError(BatchRun.StopReason.BATCH_TIMEOUT);
    end(err);
  }

  /** Ends this file early for the batch-level reason, interrupting its thread if it is running. */
  void stop(BatchRun.StopReason reason) {
    end(stopError(reason));
  }

  private void end(FileError err) {
    // a file ended while still queued took no processing time; a running one is timed from its start
    long began = startNanos;
    FileResult fr = new FileResult(file.index(), file.name(), FileStatus.FAILED, null, err, attempt,
        began == 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - began), lane.id(), lane.id(), file.detectedType(), file.size(),
        sha256(), false);
    if (batch.finish(fr, this)) {
      synchronized (this) {
        if (runner != null) {
          runner.interrupt();
        }
      }
    }
  }

  private FileError stopError(BatchRun.StopReason reason) {
    return stopError(reason, file.name(), engine.config());
  }

  /** Why a file ended when its batch was stopped for {@code reason} ({@code null}: the batch deadline passed). */
  static FileError stopError(BatchRun.StopReason reason, String fileName, EngineConfig config) {
    if (reason == BatchRun.StopReason.BATCH_TIMEOUT || reason == null) {
      return new FileError(ErrorCode.TIMEOUT, "The batch reached its time limit of "
          + human(config.batchTimeout()) + " before " + fileName + " finished.",
          "Send fewer or smaller files per batch, or raise the batch timeout.");
    }
    if (reason == BatchRun.StopReason.REJECTED) {
      return new FileError(ErrorCode.CANCELLED, "The batch was rejected while its files were being received, before "
          + fileName + " finished.", "Fix what the batch's rejection names, then submit the batch again.");
    }
    if (reason == BatchRun.StopReason.CLOSED) {
      return new FileError(ErrorCode.CANCELLED, "The batch processor was shut down before " + fileName
          + " finished.", "Submit the batch again.");
    }
    return new FileError(ErrorCode.CANCELLED, "The batch was cancelled before " + fileName + " finished.",
        "Submit the file again if you still need it.");
  }

  /**
   * The engine's retry policy: one per engine, since building a policy per file cost several microseconds of every
   * file's time. What is particular to a file is done by the attempt itself: it records its failure
   * ({@link #failedAttempt}), and announces a retry when it starts ({@link #retried}), which is when Failsafe's
   * {@code onRetry} would.
   */
  static RetryPolicy<Object> retryPolicy(RetrySettings s) {
    RetryPolicyBuilder<Object> b = RetryPolicy.builder()
        .handleIf((Throwable t) -> !(t instanceof NoMoreAttempts) && (t instanceof TransientException || safeTest(s, t)))
        .withMaxAttempts(s.maxAttempts());
    if (s.maxDelay().compareTo(s.initialDelay()) > 0) {
      b.withBackoff(s.initialDelay(), s.maxDelay());
    } else {
      b.withDelay(s.initialDelay());
    }
    if (s.jitterFactor() > 0) {
      b.withJitter(s.jitterFactor());
    }
    if (s.maxDuration().compareTo(s.initialDelay()) > 0) {
      b.withMaxDuration(s.maxDuration());
    }
    return b.build();
  }

  /**
   * Records a failed attempt for the retry-after hint, and ends the retries when the file was already ended or its
   * deadline has passed: what goes back to Failsafe is then a {@link NoMoreAttempts}, which it does not retry.
   */
  private Throwable failedAttempt(Throwable e) {
    lastFailureNanos = System.nanoTime();
    pendingRetryAfter = e instanceof TransientException te ? te.retryAfter().orElse(null) : null;
    if (batch.isFinal(file.index()) || Instant.now().isAfter(deadline)) {
      return new NoMoreAttempts(e);
    }
    return e;
  }

  private void retried(int failedAttempt, Throwable cause) {
    LOG.info("retrying file after attempt {}: {}", failedAttempt, describe(cause));
    engine.forEachListener(l -> l.fileRetried(batch.id, file.index(), file.name(), failedAttempt, cause));
  }

  private static Throwable unwrap(Throwable e) {
    return e instanceof NoMoreAttempts n ? n.getCause() : e;
  }

  /** A failure that must not be retried, carrying the processor's own exception. */
  private static final class NoMoreAttempts extends RuntimeException {
    NoMoreAttempts(Throwable cause) {
      super(cause.getMessage(), cause, false, false);
    }
  }

  /**
   * Waits out the rest of a retry-after hint: the back-off already waited part of it, so the total delay is the
   * longer of the two, capped by the file's deadline.
   */
  private void honourRetryAfter() throws InterruptedException {
    Duration hint = pendingRetryAfter;
    pendingRetryAfter = null;
    if (hint == null) {
      return;
    }
    long waited = System.nanoTime() - lastFailureNanos;
    long left = Math.min(hint.toNanos() - waited, Duration.between(Instant.now(), deadline()).toNanos());
    if (left > 0) {
      TimeUnit.NANOSECONDS.sleep(left);
    }
  }

  private static boolean safeTest(RetrySettings s, Throwable t) {
    try {
      return !(t instanceof FileProcessingException) && s.retryOn().test(t);
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static Optional<?> safeGet(ResultCache cache, CacheKey key, Class<?> type) {
    try {
      return cache.get(key, type);
    } catch (RuntimeException e) {
      LOG.warn("result cache lookup failed, processing instead: {}", e.toString());
      return Optional.empty();
    }
  }

  private static void safePut(ResultCache cache, CacheKey key, Object payload) {
    try {
      cache.put(key, payload);
    } catch (RuntimeException e) {
      LOG.warn("result cache write failed: {}", e.toString());
    }
  }

  private static ErrorCode vmErrorCode(VirtualMachineError e) {
    return e instanceof OutOfMemoryError ? ErrorCode.OUT_OF_MEMORY : ErrorCode.PROCESSING_FAILED;
  }

  static String describe(Throwable e) {
    String msg = e.getMessage();
    String type = e.getClass().getSimpleName();
    return msg == null || msg.isBlank() ? type : type + ": " + msg;
  }

  static String human(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
  }

  private static Duration elapsed(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }

  // ---- ProcessingContext ----

  @Override
  public UUID batchId() {
    return batch.id;
  }

  @Override
  public int attempt() {
    return Math.max(1, attempt);
  }

  @Override
  public Instant deadline() {
    Instant d = deadline;
    return d != null ? d : batch.deadline;
  }

  @Override
  public boolean isCancelled() {
    return batch.isFinal(file.index()) || batch.stopReason() != null || Instant.now().isAfter(deadline());
  }

  @Override
  public Path scratchDirectory() throws IOException {
    return workspace.scratch(file.index());
  }

  @Override
  public Path newArtifact(String fileName) throws IOException {
    return outputs.reserve(fileName);
  }

  @Override
  public void reportPartial(ErrorCode code, String message, String remediation) {
    partial = new FileError(code, message, remediation);
  }

  boolean started() {
    return started;
  }
}
