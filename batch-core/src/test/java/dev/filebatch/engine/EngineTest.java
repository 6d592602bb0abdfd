package dev.filebatch.engine;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.filebatch.BatchInput;
import dev.filebatch.BatchJob;
import dev.filebatch.BatchJson;
import dev.filebatch.BatchListener;
import dev.filebatch.BatchProcessor;
import dev.filebatch.BatchRejectedException;
import dev.filebatch.BatchResult;
import dev.filebatch.BatchStatus;
import dev.filebatch.ErrorCode;
import dev.filebatch.FileResult;
import dev.filebatch.FileStatus;
import dev.filebatch.IntakeLimits;
import dev.filebatch.Progress;
import dev.filebatch.RetrySettings;
import dev.filebatch.internal.intake.Workspace;
import dev.filebatch.spi.Concurrency;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineTest {
  @TempDir Path tmp;
  private final List<BatchProcessor> toClose = new ArrayList<>();

  @AfterEach
  void closeAll() {
    toClose.forEach(BatchProcessor::close);
  }

  private BatchProcessor.Builder builder() {
    return BatchProcessor.builder().workspaceRoot(tmp.resolve("ws")).outputDirectory(tmp.resolve("out"));
  }

  private BatchProcessor build(BatchProcessor.Builder b) {
    BatchProcessor p = b.build();
    toClose.add(p);
    return p;
  }

  private static BatchInput texts(String... commands) {
    BatchInput.Builder in = BatchInput.builder();
    for (int i = 0; i < commands.length; i++) {
      in.bytes("file-" + i + ".txt", commands[i].getBytes(UTF_8));
    }
    return in.build();
  }

  private void assertNoWorkspaceLeft() throws IOException {
    Leftovers.assertNoneIn(tmp.resolve("ws"));
  }

  private static void assertCountsAddUp(BatchResult r) {
    assertThat(r.successfulFiles() + r.failedFiles()).isEqualTo(r.totalFiles());
    assertThat(r.files()).extracting(FileResult::index)
        .containsExactlyElementsOf(java.util.stream.IntStream.range(0, r.totalFiles()).boxed().toList());
  }

  @Test
  void processesEveryFileAndReturnsResultsInInputOrder() throws Exception {
    var p = new TestProcessors.Scripted();
    BatchProcessor batches = build(builder().processor(p));
    BatchResult r = batches.process(texts("sleep 60", "ok", "sleep 20", "ok"));
    assertThat(r.status()).isEqualTo(BatchStatus.COMPLETED);
    assertThat(r.files()).extracting(FileResult::fileName)
        .containsExactly("file-0.txt", "file-1.txt", "file-2.txt", "file-3.txt");
    assertThat(r.files()).extracting(FileResult::payload)
        .containsExactly("ok:file-0.txt", "ok:file-1.txt", "ok:file-2.txt", "ok:file-3.txt");
    assertThat(r.files()).allSatisfy(f -> {
      assertThat(f.attempts()).isEqualTo(1);
      assertThat(f.processor()).isEqualTo("scripted");
      assertThat(f.lane()).isEqualTo("scripted");
      assertThat(f.sha256()).hasSize(64);
    });
    assertCountsAddUp(r);
    assertNoWorkspaceLeft();
  }

  @Test
  void isolatesExceptionsAndErrorsToTheirFile() throws Exception {
    BatchProcessor batches = build(builder().processor(new TestProcessors.Scripted()));
    BatchResult r = batches.process(texts("ok", "boom", "fail", "error", "partial", "ok"));
    assertThat(r.status()).isEqualTo(BatchStatus.PARTIAL);
    assertThat(r.files()).extracting(FileResult::status).containsExactly(FileStatus.SUCCESS, FileStatus.FAILED,
        FileStatus.FAILED, FileStatus.FAILED, FileStatus.PARTIAL, FileStatus.SUCCESS);
    assertThat(r.files().get(1).error().code()).isEqualTo(ErrorCode.PROCESSING_FAILED);
    assertThat(r.files().get(1).error().message()).contains("boom");
    assertThat(r.files().get(2).error().code()).isEqualTo(ErrorCode.of("SCRIPTED_FAILURE"));
    assertThat(r.files().get(3).error().code()).isEqualTo(ErrorCode.PROCESSING_FAILED);
    assertThat(r.files().get(4).error().code()).isEqualTo(ErrorCode.of("SOME_MISSING"));
    assertThat(r.files().get(4).payload()).isEqualTo("ok:file-4.txt");
    assertThat(r.successfulFiles()).isEqualTo(3);
    assertThat(r.partialFiles()).isEqualTo(1);
    assertThat(r.failedFiles()).isEqualTo(3);
    assertCountsAddUp(r);
  }

  @Test
  void lanesHonourTheirParallelismLimit() {
    var p = new TestProcessors.Scripted("two-at-a-time", Concurrency.parallel(2));
    BatchProcessor batches = build(builder().processor(p));
    BatchResult r = batches.process(texts("sleep 50", "sleep 50", "sleep 50", "sleep 50", "sleep 50", "sleep 50"));
    assertThat(r.status()).isEqualTo(BatchStatus.COMPLETED);
    assertThat(p.maxInFlight.get()).isEqualTo(2);
  }

  @Test
  void sequentialLaneRunsOneFileAtATimeAcrossConcurrentBatches() throws Exception {
    var p = new TestProcessors.Scripted("seq", Concurrency.sequential());
    BatchProcessor batches = build(builder().processor(p));
    BatchJob a = batches.submit(texts("sleep 30", "sleep 30"));
    BatchJob b = batches.submit(texts("sleep 30", "sleep 30"));
    assertThat(a.await(Duration.ofSeconds(20)).status()).isEqualTo(BatchStatus.COMPLETED);
    assertThat(b.await(Duration.ofSeconds(20)).status()).isEqualTo(BatchStatus.COMPLETED);
    assertThat(p.maxInFlight.get()).isEqualTo(1);
  }

  @Test
  void manyConcurrentBatchesOnOneProcessorAllComplete() throws Exception {
    var p = new TestProcessors.Scripted("shared", Concurrency.parallel(3));
    BatchProcessor batches = build(builder().processor(p));
    ExecutorService callers = Executors.newFixedThreadPool(8);
    try {
      List<Future<BatchResult>> results = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        results.add(callers.submit(() -> batches.process(texts("sleep 5", "ok", "fail", "sleep 2"))));
      }
      for (Future<BatchResult> f : results) {
        BatchResult r = f.get(60, TimeUnit.SECONDS);
        assertCountsAddUp(r);
        assertThat(r.totalFiles()).isEqualTo(4);
        assertThat(r.failedFiles()).isEqualTo(1);
      }
    } finally {
      callers.shutdownNow();
    }
    assertThat(p.maxInFlight.get()).isLessThanOrEqualTo(3);
    assertNoWorkspaceLeft();
  }

  @Test
  void aSlowLaneDoesNotStarveAnotherLane() throws Exception {
    var slow = new TestProcessors.Scripted("slow", Concurrency.sequential());
    var fast = new FastPng();
    BatchProcessor batches = build(builder().processor(slow).processor(fast));
    BatchJob slowJob = batches.submit(texts("sleep 1500"));
    BatchResult fastResult = batches.process(BatchInput.builder().bytes("a.png", FastPng.PNG).build());
    assertThat(fastResult.status()).isEqualTo(BatchStatus.COMPLETED);
    assertThat(slowJob.isDone()).as("fast batch finished while the slow lane was still busy").isFalse();
    slowJob.await(Duration.ofSeconds(10));
  }

  @Test
  void retriesTransientFailuresAndRecordsAttempts() {
    List<Integer> retried = new CopyOnWriteArrayList<>();
    BatchListener listener = new BatchListener() {
      @Override
      public void fileRetried(java.util.UUID id, int index, String name, int failedAttempt, Throwable cause) {
        retried.add(failedAttempt);
      }
    };
    BatchProcessor batches = build(builder().processor(new TestProcessors.Scripted()).listener(listener)
        .retry(RetrySettings.defaults().withMaxAttempts(4).withBackoff(Duration.ofMillis(10), Duration.ofMillis(40))));
    BatchResult r = batches.process(texts("flaky 3", "always-transient"));
    assertThat(r.files().get(0).status()).isEqualTo(FileStatus.SUCCESS);
    assertThat(r.files().get(0).attempts()).isEqualTo(3);
    assertThat(r.files().get(1).status()).isEqualTo(FileStatus.FAILED);
    assertThat(r.files().get(1).attempts()).isEqualTo(4);
    assertThat(r.files().get(1).error().code()).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(retried).hasSize(2 + 3);
  }

  @Test
  void honoursRetryAfterHint() {
    BatchProcessor batches = build(builder().processor(new TestProcessors.Scripted())
        .retry(RetrySettings.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(2)).withJitter(0)));
    BatchResult r = batches.process(texts("retryafter"));
    assertThat(r.files().get(0).status()).isEqualTo(FileStatus.SUCCESS);
    assertThat(r.files().get(0).attempts()).isEqualTo(2);
    // the 300 ms hint replaced the 1 ms back-off
    assertThat(r.files().get(0).duration()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void retriesWhatTheConfiguredPredicateAccepts() {
    var p = new TestProcessors.Scripted();
    BatchProcessor batches = build(builder().processor(p).retry(RetrySettings.defaults()
        .withBackoff(Duration.ofMillis(1), Duration.ofMillis(2))
        .withRetryOn(t -> t instanceof IllegalStateException)));
    BatchResult r = batches.process(texts("boom"));
    assertThat(r.files().get(0).attempts()).isEqualTo(3);
    assertThat(r.files().get(0).error().code()).isEqualTo(ErrorCode.PROCESSING_FAILED);
  }

  @Test
  void noAttemptStartsAfterTheFileTimedOutEvenWhenItsFailureIsRetryable() throws Exception {
    var p = new TestProcessors.Scripted();
    BatchProcessor batches = build(builder().processor(p).fileTimeout(Duration.ofMillis(250))
        .retry(RetrySettings.defaults().withMaxAttempts(100).withBackoff(Duration.ofMillis(1), Duration.ofMillis(2))
            .withMaxDuration(Duration.ofMinutes(1))));
    BatchResult r = batches.process(texts("slow-transient 100"));
    assertThat(r.files().get(0).error().code()).isEqualTo(ErrorCode.TIMEOUT);
    int attemptsAtEnd = p.attemptsByFile.get("file-0.txt").get();
    Thread.sleep(500); // a retry loop still running would have made about five more attempts by now
    assertThat(p.attemptsByFile.get("file-0.txt").get()).isEqualTo(attemptsAtEnd).isLessThanOrEqualTo(4);
  }

  @Test
  void aFileThatAlreadyTimedOutDoesNotHoldItsLaneForTheBackOff() throws Exception {
    java.util.concurrent.CountDownLatch secondStarted = new java.util.concurrent.CountDownLatch(1);
    BatchListener listener = new BatchListener() {
      @Override
      public void fileStarted(java.util.UUID id, int index, String name, String processorId) {
        if (index == 1) {
          secondStarted.countDown();
        }
      }
    };
    BatchProcessor batches = build(builder().processor(new TestProcessors.Scripted("seq", Concurrency.sequential()))
        .listener(listener).fileTimeout(Duration.ofMillis(250))
        .retry(RetrySettings.defaults().withMaxAttempts(3).withBackoff(Duration.ofSeconds(30), Duration.ofSeconds(30))
            .withJitter(0).withMaxDuration(Duration.ofMinutes(5))));
    // the first file swallows the timeout's interrupt and fails as retryable 150 ms after its deadline: retrying it
    // would mean waiting out a 30 s back-off on the sequential lane's only thread first
    BatchJob job = batches.submit(texts("slow-transient 400", "ok"));
    assertThat(secondStarted.await(10, TimeUnit.SECONDS)).as("the second file started").isTrue();
    BatchResult r = job.await(Duration.ofSeconds(10));
    assertThat(r.files().get(0).error().code()).isEqualTo(ErrorCode.TIMEOUT);
    assertThat(r.files().get(1).status()).isEqualTo(FileStatus.SUCCESS);
  }

  @Test
  void fileTimeoutEndsTheFileAndTheOthersGoOn() throws Exception {
    BatchProcessor batches = build(builder().processor(new TestProcessors.Scripted())
        .fileTimeout(Duration.ofMillis(300)).retry(RetrySettings.none()));
    BatchResult r = batches.process(texts("hang", "ok", "spin 5000", "ok"));
    assertThat(r.files()).extracting(FileResult::status)
        .containsExactly(FileStatus.FAILED, FileStatus.SUCCESS, FileStatus.FAILED, FileStatus.SUCCESS);
    assertThat(r.files().get(0).error().code()).isEqualTo(ErrorCode.TIMEOUT);
    assertThat(r.files().get(2).error().code()).isEqualTo(ErrorCode.TIMEOUT);
    assertCountsAddUp(r);
    assertNoWorkspaceLeft();
  }

  @Test
  void aTimedOutFileIsTimedFromItsStartNotFromWhenItWasQueued() {
    BatchProcessor batches = build(builder().processor(new TestProcessors.Scripted("seq", Concurrency.sequential()))
        .fileTimeout(Duration.ofMillis(1500)).retry(RetrySettings.none()));
    BatchResult r = batches.process(texts("sleep 1200", "hang"));
    FileResult hung = r.files().get(1);
    assertThat(hung.error().code()).isEqualTo(ErrorCode.TIMEOUT);
    // it waited ~1.2 s in the queue behind the first file; that wait is not its processing time
    assertThat(hung.duration()).isLessThan(r.files().get(0).duration().plus(Duration.ofMillis(1500)));
  }

  @Test
  void batchTimeoutEndsEveryUnfinishedFileAndStillReturnsAFullResult() throws Exception {
    BatchProcessor batches = build(builder()
        .processor(new TestProcessors.Scripted("seq", Concurrency.sequential()))
        .fileTimeout(Duration.ofMillis(700)).batchTimeout(Duration.ofMillis(700)));
    BatchResult r = batches.process(texts("ok", "hang", "hang", "hang"));
    assertThat(r.totalFiles()).isEqualTo(4);
    assertThat(r.files().get(0).status()).isEqualTo(FileStatus.SUCCESS);
    assertThat(r.files().subList(1, 4)).allSatisfy(f -> {
      assertThat(f.status()).isEqualTo(FileStatus.FAILED);
      assertThat(f.error().code()).isEqualTo(ErrorCode.TIMEOUT);
      assertThat(f.error().message()).contains("batch reached its time limit");
    });
    assertCountsAddUp(r);
    assertNoWorkspaceLeft();
  }

  @Test
  void cancellationEndsUnfinishedFilesCancelledWithConsistentCounts() throws Exception {
    BatchProcessor batches = build(builder().processor(new TestProcessors.Scripted("seq", Concurrency.sequential())));
    BatchJob job = batches.submit(texts("ok", "hang", "ok", "ok"));
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (job.progress().running() == 0 || job.progress().done() == 0) {
      assertThat(System.nanoTime()).isLessThan(until);
      Thread.sleep(5);
    }
    assertThat(job.cancel()).isTrue();
    BatchResult r = job.await(Duration.ofSeconds(10));
    assertThat(r.files().get(0).status()).isEqualTo(FileStatus.SUCCESS);
    assertThat(r.files().subList(1, 4)).allSatisfy(f -> assertThat(f.error().code()).isEqualTo(ErrorCode.CANCELLED));
    assertThat(job.cancel()).isFalse();
    assertThat(job.progress().isFinished()).isTrue();
    assertCountsAddUp(r);
    assertNoWorkspaceLeft();
  }

  @Test
  void aFileEndedWhileItsProcessorIgnoresTheInterruptNoLongerCountsAsRunning() throws Exception {
    var spinning = new TestProcessors.Scripted("seq", Concurrency.sequential());
    BatchProcessor batches = build(builder().processor(spinning));
    BatchJob job = batches.submit(texts("spin 5000"));
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (spinning.inFlight.get() == 0) { // inside process(), past reading the file, where an interrupt would tell
      assertThat(System.nanoTime()).isLessThan(until);
      Thread.sleep(5);
    }
    Thread.sleep(200); // and past Files.readString, which an interrupt would end early
    while (job.progress().running() == 0) {
      assertThat(System.nanoTime()).isLessThan(until);
      Thread.sleep(5);
    }
    assertThat(job.cancel()).isTrue();
    BatchResult r = job.await(Duration.ofSeconds(10));
    assertThat(r.files().get(0).error().code()).isEqualTo(ErrorCode.CANCELLED);
    assertThat(spinning.inFlight.get()).as("the processor is still spinning").isEqualTo(1);
    Progress after = job.progress();
    assertThat(after.running()).as("an ended file is done, not running").isZero();
    assertThat(after.done()).isEqualTo(after.total()).isEqualTo(1);
  }

  @Test
  void submitReturnsAtOnceWithProgress() throws Exception {
    BatchProcessor batches = build(builder().processor(new TestProcessors.Scripted()));
    BatchJob job = batches.submit(texts("sleep 300", "sleep 300"));
    assertThat(job.isDone()).isFalse();
    assertThat(job.id()).isNotNull();
    CompletableFuture<BatchResult> future = job.toCompletableFuture();
    BatchResult r = future.get(10, TimeUnit.SECONDS);
    assertThat(r.batchId()).isEqualTo(job.id());
    assertThat(job.progress().percent()).isEqualTo(100.0);
    assertThat(job.progress().succeeded()).isEqualTo(2);
    assertThat(job.progress().estimatedTimeLeft()).contains(Duration.ZERO);
  }

  @Test
  void awaitTimesOutWithoutStoppingTheBatch() throws Exception {
    BatchProcessor batches = build(builder().processor(new TestProcessors.Scripted()));
    BatchJob job = batches.submit(texts("sleep 300"));
    assertThatThrownBy(() -> job.await(Duration.ofMillis(10))).isInstanceOf(java.util.concurrent.TimeoutException.class);
    assertThat(job.await(Duration.ofSeconds(10)).status()).isEqualTo(BatchStatus.COMPLETED);
  }

  @Test
  void listenersSeeEveryEvent() {
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    BatchListener l = new BatchListener() {
      @Override
      public void fileStarted(java.util.UUID id, int index, String name, String processor) {
        events.add("started " + name);
      }

      @Override
      public void fileFinished(java.util.UUID id, FileResult r) {
        events.add("finished " + r.fileName());
      }

      @Override
      public void fileFailed(java.util.UUID id, FileResult r) {
        events.add("failed " + r.fileName());
      }

      @Override
      public void batchFinished(BatchResult r) {
        events.add("batch " + r.totalFiles());
      }
    };
    BatchProcessor batches = build(builder().processor(new TestProcessors.Scripted()).listener(l)
        .listener(new BatchListener() {
          @Override
          public void fileStarted(java.util.UUID id, int index, String name, String processor) {
            throw new IllegalStateException("a broken listener must not break the batch");
          }
        }));
    BatchResult r = batches.process(texts("ok", "fail"));
    assertThat(r.totalFiles()).isEqualTo(2);
    assertThat(events).contains("started file-0.txt", "started file-1.txt", "finished file-0.txt",
        "failed file-1.txt");
    assertThat(events.get(events.size() - 1)).isEqualTo("batch 2");
  }

  @Test
  void identicalContentIsProcessedOnceThanksToTheCache() {
    var p = new TestProcessors.Scripted().cached();
    BatchProcessor batches = build(builder().processor(p));
    BatchResult first = batches.process(texts("ok"));
    BatchResult second = batches.process(texts("ok"));
    assertThat(p.calls.get()).isEqualTo(1);
    assertThat(first.files().get(0).cached()).isFalse();
    assertThat(second.files().get(0).cached()).isTrue();
    assertThat(second.files().get(0).payload()).isEqualTo("ok:file-0.txt");
  }

  @Test
  void finishedBatchesCanBeFoundInTheStore() {
    BatchProcessor batches = build(builder().processor(new TestProcessors.Scripted()));
    BatchResult r = batches.process(texts("ok"));
    assertThat(batches.find(r.batchId())).contains(r);
  }

  @Test
  void unsupportedTypeFailsOnlyThatFile() {
    BatchProcessor batches = build(builder().processor(new TestProcessors.Scripted()));
    BatchResult r = batches.process(BatchInput.builder().bytes("a.txt", "ok".getBytes(UTF_8))
        .bytes("b.png", FastPng.PNG).build());
    assertThat(r.files().get(0).status()).isEqualTo(FileStatus.SUCCESS);
    assertThat(r.files().get(1).error().code()).isEqualTo(ErrorCode.UNSUPPORTED_TYPE);
    assertThat(r.files().get(1).attempts()).isZero();
  }

  @Test
  void rejectsTooManyFilesBeforeProcessingAnything() throws Exception {
    var p = new TestProcessors.Scripted();
    BatchProcessor batches = build(builder().processor(p).intakeLimits(IntakeLimits.defaults().withMaxFiles(2)));
    assertThatThrownBy(() -> batches.process(texts("ok", "ok", "ok")))
        .isInstanceOfSatisfying(BatchRejectedException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.TOO_MANY_FILES));
    assertThat(p.calls.get()).isZero();
    assertNoWorkspaceLeft();
  }

  @Test
  void zipEntriesBecomeFilesAndSkippedEntriesAreReported() throws Exception {
    var zipBytes = new java.io.ByteArrayOutputStream();
    try (var zip = new java.util.zip.ZipOutputStream(zipBytes)) {
      for (String name : List.of("notes/a.txt", "__MACOSX/notes/._a.txt", "b.txt")) {
        zip.putNextEntry(new java.util.zip.ZipEntry(name));
        zip.write("ok".getBytes(UTF_8));
        zip.closeEntry();
      }
    }
    BatchProcessor batches = build(builder().processor(new TestProcessors.Scripted()));
    BatchResult r = batches.process(BatchInput.builder().bytes("upload.zip", zipBytes.toByteArray()).build());
    assertThat(r.files()).extracting(FileResult::fileName).containsExactly("a.txt", "b.txt");
    assertThat(r.status()).isEqualTo(BatchStatus.COMPLETED);
    assertThat(r.skipped()).singleElement().asString().contains("__MACOSX");
    assertThat(BatchJson.write(r)).contains("\"skipped\"");
  }

  @Test
  void rejectsAnEmptyBatch() {
    BatchProcessor batches = build(builder().processor(new TestProcessors.Scripted()));
    assertThatThrownBy(() -> batches.process(BatchInput.builder().build()))
        .isInstanceOfSatisfying(BatchRejectedException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_FILES));
  }

  @Test
  void artifactsOutliveTheWorkspaceWithUniqueNames() throws Exception {
    BatchProcessor batches = build(builder().processor(new TestProcessors.Scripted()));
    BatchResult r = batches.process(BatchInput.builder().bytes("x.txt", "artifact".getBytes(UTF_8))
        .bytes("x.txt", "artifact ".getBytes(UTF_8)).build());
    Path out = tmp.resolve("out").resolve(r.batchId().toString());
    try (Stream<Path> s = Files.list(out)) {
      assertThat(s.map(f -> f.getFileName().toString()).sorted().toList())
          .containsExactly("x (2).txt.out", "x.txt.out");
    }
    assertNoWorkspaceLeft();
  }

  @Test
  void closeCancelsRunningBatchesAndReleasesThreads() throws Exception {
    BatchProcessor batches = builder().processor(new TestProcessors.Scripted("closing", Concurrency.parallel(2)))
        .build();
    BatchJob job = batches.submit(texts("hang", "hang"));
    while (job.progress().running() < 2) {
      Thread.sleep(5);
    }
    batches.close();
    BatchResult r = job.await(Duration.ofSeconds(10));
    assertThat(r.files()).allSatisfy(f -> assertThat(f.error().code()).isEqualTo(ErrorCode.CANCELLED));
    assertThatThrownBy(() -> batches.submit(texts("ok"))).isInstanceOf(IllegalStateException.class);
    Thread.sleep(200);
    assertThat(Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
        .filter(n -> n.startsWith("filebatch-closing-")).filter(n -> true).toList())
        .as("lane threads after close").isEmpty();
    assertNoWorkspaceLeft();
    assertThat(Workspace.openCount()).isGreaterThanOrEqualTo(0);
  }
}
