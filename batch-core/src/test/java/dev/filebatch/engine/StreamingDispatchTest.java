package dev.filebatch.engine;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.filebatch.ArchiveLimits;
import dev.filebatch.BatchInput;
import dev.filebatch.BatchJob;
import dev.filebatch.BatchListener;
import dev.filebatch.BatchProcessor;
import dev.filebatch.BatchRejectedException;
import dev.filebatch.BatchResult;
import dev.filebatch.BatchStatus;
import dev.filebatch.ErrorCode;
import dev.filebatch.FileError;
import dev.filebatch.FileResult;
import dev.filebatch.IntakeLimits;
import dev.filebatch.Progress;
import dev.filebatch.spi.Concurrency;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files go to their lanes as soon as intake has staged them, while later files are still being received. A
 * batch-level rejection found after that must still reject the whole batch and leave nothing behind.
 */
class StreamingDispatchTest {
  @TempDir Path tmp;
  private final List<BatchProcessor> toClose = new ArrayList<>();

  @AfterEach
  void closeAll() {
    toClose.forEach(BatchProcessor::close);
  }

  private BatchProcessor build(BatchProcessor.Builder b) {
    BatchProcessor p = b.workspaceRoot(tmp.resolve("ws")).outputDirectory(tmp.resolve("out")).build();
    toClose.add(p);
    return p;
  }

  private BatchProcessor sequential(Events events) {
    return build(BatchProcessor.builder().processor(new TestProcessors.Scripted("seq", Concurrency.sequential()))
        .listener(events));
  }

  private void assertNothingLeft() throws IOException {
    Leftovers.assertNoneIn(tmp.resolve("ws"));
    Leftovers.assertNoneIn(tmp.resolve("out"));
  }

  /** A stream of unknown size that gives nothing until {@code gate} opens, then {@code body}. */
  private static InputStream gated(CountDownLatch gate, byte[] body) {
    return new InputStream() {
      private final InputStream in = new ByteArrayInputStream(body);

      private void await() throws IOException {
        try {
          if (!gate.await(20, TimeUnit.SECONDS)) {
            throw new IOException("gate never opened");
          }
        } catch (InterruptedException e) {
          throw new InterruptedIOException();
        }
      }

      @Override
      public int read() throws IOException {
        await();
        return in.read();
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        await();
        return in.read(b, off, len);
      }
    };
  }

  /** Records events, and opens a gate when a file starts or finishes. */
  private static final class Events implements BatchListener {
    final List<String> seen = Collections.synchronizedList(new ArrayList<>());
    final CountDownLatch started = new CountDownLatch(1);
    final CountDownLatch finished = new CountDownLatch(1);

    @Override
    public void fileStarted(UUID id, int index, String name, String processor) {
      seen.add("started " + index);
      started.countDown();
    }

    @Override
    public void fileFinished(UUID id, FileResult r) {
      seen.add("finished " + r.index());
      finished.countDown();
    }

    @Override
    public void fileFailed(UUID id, FileResult r) {
      seen.add("failed " + r.index() + " " + r.error().code());
    }

    @Override
    public void batchFinished(BatchResult r) {
      seen.add("batch finished");
    }

    @Override
    public void batchRejected(UUID id, FileError error) {
      seen.add("rejected " + error.code());
    }

    /** Every started file ended exactly once, and the rejection came last. */
    void assertConsistentRejection(ErrorCode code) {
      List<String> copy = List.copyOf(seen);
      assertThat(copy.get(copy.size() - 1)).isEqualTo("rejected " + code);
      for (String e : copy) {
        if (e.startsWith("started ")) {
          String index = e.substring("started ".length());
          assertThat(copy.stream().filter(x -> x.equals("finished " + index) || x.startsWith("failed " + index + " ")))
              .as("end events of file " + index).hasSize(1);
        }
      }
      assertThat(copy).doesNotContain("batch finished");
    }
  }

  private static InputStream text(String body) {
    return new ByteArrayInputStream(body.getBytes(UTF_8));
  }

  @Test
  void theFirstFileStartsWhileLaterOnesAreStillBeingReceived() throws Exception {
    Events events = new Events();
    BatchProcessor batches = sequential(events);
    CountDownLatch gate = new CountDownLatch(1);
    BatchJob job = batches.submit(BatchInput.builder().stream("a.txt", text("ok")).stream("b.txt", text("ok"))
        .stream("c.txt", gated(gate, "ok".getBytes(UTF_8))).build());
    // c.txt cannot be read until a.txt has been processed: this only completes if dispatch does not wait for intake
    assertThat(events.finished.await(20, TimeUnit.SECONDS)).isTrue();
    Progress during = job.progress();
    assertThat(during.done()).isGreaterThanOrEqualTo(1);
    assertThat(during.total()).as("the total stays ahead of done while intake runs").isGreaterThan(during.done());
    assertThat(during.isFinished()).isFalse();
    assertThat(job.isDone()).isFalse();
    gate.countDown();
    BatchResult r = job.await(Duration.ofSeconds(20));
    assertThat(r.status()).isEqualTo(BatchStatus.COMPLETED);
    assertThat(r.files()).extracting(FileResult::fileName).containsExactly("a.txt", "b.txt", "c.txt");
    assertThat(job.progress().total()).isEqualTo(3);
    assertThat(job.progress().isFinished()).isTrue();
    assertNothingLeft();
  }

  @Test
  void byteCapPassedByTheFifthFileRejectsTheBatchAndEndsTheFileAlreadyRunning() throws Exception {
    var slow = new TestProcessors.Scripted("slow", Concurrency.sequential());
    Events events = new Events();
    BatchProcessor batches = build(BatchProcessor.builder().processor(slow).listener(events)
        .intakeLimits(IntakeLimits.defaults().withMaxFileBytes(1000).withMaxBatchBytes(1000)));
    CountDownLatch gate = new CountDownLatch(1);
    BatchInput.Builder in = BatchInput.builder().stream("0.txt", text("artifact")).stream("1.txt", text("hang"));
    in.stream("2.txt", text("ok")).stream("3.txt", text("ok"));
    in.stream("4.txt", gated(gate, ("ok" + " ".repeat(997)).getBytes(UTF_8)));
    BatchJob job = batches.submit(in.build());
    assertThat(events.finished.await(20, TimeUnit.SECONDS)).isTrue(); // 0.txt done, 1.txt hanging in the lane
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!events.seen.contains("started 1")) {
      assertThat(System.nanoTime()).isLessThan(until);
      Thread.sleep(5);
    }
    gate.countDown();
    assertThatThrownBy(() -> job.await(Duration.ofSeconds(20)))
        .isInstanceOfSatisfying(BatchRejectedException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.BATCH_TOO_LARGE));
    assertThat(job.isDone()).isTrue();
    assertThat(batches.find(job.id())).as("a rejected batch is not stored").isEmpty();
    Progress after = job.progress();
    assertThat(after.done()).isEqualTo(after.total());
    assertThat(after.succeeded() + after.failed()).isEqualTo(after.done());
    assertThat(after.running()).isZero();
    // the hanging file was interrupted and ended
    until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (slow.inFlight.get() > 0) {
      assertThat(System.nanoTime()).isLessThan(until);
      Thread.sleep(5);
    }
    events.assertConsistentRejection(ErrorCode.BATCH_TOO_LARGE);
    assertThat(events.seen).contains("finished 0", "failed 1 CANCELLED");
    assertNothingLeft(); // 0.txt's artifact is gone with the batch
  }

  @Test
  void tooManyFilesFoundInAStreamedArchiveRejectsTheBatchAfterDispatch() throws Exception {
    byte[] zip = zip("x.txt", "ok".getBytes(UTF_8), "y.txt", "ok".getBytes(UTF_8), "z.txt", "ok".getBytes(UTF_8));
    assertRejectedWhileTheFirstFileRuns(BatchProcessor.builder().intakeLimits(IntakeLimits.defaults().withMaxFiles(3)),
        zip, ErrorCode.TOO_MANY_FILES);
  }

  @Test
  void anArchiveBombAfterEarlierFilesStartedRejectsTheBatch() throws Exception {
    byte[] bomb = zip("zeros.txt", new byte[4 * 1024 * 1024]);
    assertRejectedWhileTheFirstFileRuns(
        BatchProcessor.builder().archiveLimits(ArchiveLimits.defaults().withMaxCompressionRatio(10)), bomb,
        ErrorCode.ARCHIVE_BOMB);
  }

  /** A hanging text file starts first; only then is {@code archive} received, and it must reject the batch. */
  private void assertRejectedWhileTheFirstFileRuns(BatchProcessor.Builder builder, byte[] archive, ErrorCode code)
      throws Exception {
    Events events = new Events();
    BatchProcessor batches = build(builder.processor(new TestProcessors.Scripted("seq", Concurrency.sequential()))
        .listener(events));
    CountDownLatch gate = new CountDownLatch(1);
    BatchJob job = batches.submit(BatchInput.builder().stream("a.txt", text("hang"))
        .stream("more.zip", gated(gate, archive)).build());
    assertThat(events.started.await(20, TimeUnit.SECONDS)).isTrue();
    gate.countDown();
    assertThatThrownBy(() -> job.await(Duration.ofSeconds(20)))
        .isInstanceOfSatisfying(BatchRejectedException.class, e -> assertThat(e.code()).isEqualTo(code));
    events.assertConsistentRejection(code);
    assertThat(events.seen).contains("failed 0 CANCELLED");
    assertNothingLeft();
  }

  @Test
  void tooFewFilesKnownOnlyAtTheEndRejectsAfterTheFilesWereProcessed() throws Exception {
    var p = new TestProcessors.Scripted();
    Events events = new Events();
    BatchProcessor batches = build(BatchProcessor.builder().processor(p).listener(events)
        .intakeLimits(IntakeLimits.defaults().withMinFiles(3)));
    byte[] zip = zip("x.txt", "artifact".getBytes(UTF_8), "y.txt", "ok".getBytes(UTF_8));
    assertThatThrownBy(() -> batches.process(BatchInput.builder().bytes("two.zip", zip).build()))
        .isInstanceOfSatisfying(BatchRejectedException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.TOO_FEW_FILES));
    events.assertConsistentRejection(ErrorCode.TOO_FEW_FILES);
    assertNothingLeft();
  }

  @Test
  void anArtifactWrittenAfterTheRejectionIsStillDiscarded() throws Exception {
    Path own = Files.createDirectories(tmp.resolve("callers-folder")); // the caller's: not removed, only emptied
    CountDownLatch reserved = new CountDownLatch(1);
    CountDownLatch rejected = new CountDownLatch(1);
    CountDownLatch returned = new CountDownLatch(1);
    dev.filebatch.spi.FileProcessor<String> late = new dev.filebatch.spi.FileProcessor<>() {
      @Override
      public String id() {
        return "late-writer";
      }

      @Override
      public java.util.Set<dev.filebatch.MediaType> supportedTypes() {
        return java.util.Set.of(dev.filebatch.MediaType.TEXT);
      }

      @Override
      public Class<?> resultType() {
        return String.class;
      }

      @Override
      public String process(dev.filebatch.spi.InputFile file, dev.filebatch.spi.ProcessingContext ctx)
          throws Exception {
        try {
          Path artifact = ctx.newArtifact(file.name() + ".out");
          reserved.countDown();
          // ignores the interrupt and writes once the batch has been rejected and its artifacts discarded
          long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
          while (rejected.getCount() > 0 && System.nanoTime() < until) {
            Thread.onSpinWait();
          }
          Thread.interrupted();
          Files.writeString(artifact, "too late");
          return "written";
        } finally {
          returned.countDown();
        }
      }
    };
    BatchListener onRejection = new BatchListener() {
      @Override
      public void batchRejected(UUID id, FileError error) {
        rejected.countDown();
      }
    };
    BatchProcessor batches = build(BatchProcessor.builder().processor(late).listener(onRejection)
        .intakeLimits(IntakeLimits.defaults().withMinFiles(3)));
    CountDownLatch gate = new CountDownLatch(1);
    BatchJob job = batches.submit(BatchInput.builder().stream("a.txt", text("one"))
        .stream("more.zip", gated(gate, zip("y.txt", "two".getBytes(UTF_8)))).outputDirectory(own).build());
    assertThat(reserved.await(20, TimeUnit.SECONDS)).isTrue();
    gate.countDown(); // two files in all, three needed: rejected once intake ends, while a.txt is running
    assertThatThrownBy(() -> job.await(Duration.ofSeconds(20)))
        .isInstanceOfSatisfying(BatchRejectedException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.TOO_FEW_FILES));
    assertThat(returned.await(20, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(200); // the lane thread's clean-up runs right after the processor returns
    assertThat(own).isEmptyDirectory();
  }

  @Test
  void resultsOfARejectedBatchNeverReachTheCache() throws Exception {
    var p = new TestProcessors.Scripted("seq", Concurrency.sequential()).cached();
    Events events = new Events();
    BatchProcessor batches = build(BatchProcessor.builder().processor(p).listener(events)
        .intakeLimits(IntakeLimits.defaults().withMaxFileBytes(1000).withMaxBatchBytes(1000)));
    CountDownLatch gate = new CountDownLatch(1);
    BatchJob job = batches.submit(BatchInput.builder().stream("a.txt", text("ok"))
        .stream("big.txt", gated(gate, ("ok" + " ".repeat(997)).getBytes(UTF_8))).build());
    assertThat(events.finished.await(20, TimeUnit.SECONDS)).isTrue();
    gate.countDown();
    assertThatThrownBy(() -> job.await(Duration.ofSeconds(20))).isInstanceOf(BatchRejectedException.class);
    assertThat(p.calls.get()).isEqualTo(1);
    BatchResult again = batches.process(BatchInput.builder().bytes("a.txt", "ok".getBytes(UTF_8)).build());
    assertThat(again.files().get(0).cached()).as("the rejected batch's result was not cached").isFalse();
    assertThat(p.calls.get()).isEqualTo(2);
  }

  @Test
  void cancellingBeforeAnyFileIsHandedOverStillRejects() throws Exception {
    BatchProcessor batches = build(BatchProcessor.builder().processor(new TestProcessors.Scripted()));
    CountDownLatch gate = new CountDownLatch(1);
    BatchJob job = batches.submit(BatchInput.builder().stream("a.txt", gated(gate, "ok".getBytes(UTF_8))).build());
    assertThat(job.cancel()).isTrue();
    gate.countDown();
    assertThatThrownBy(() -> job.await(Duration.ofSeconds(20)))
        .isInstanceOfSatisfying(BatchRejectedException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CANCELLED));
    assertNothingLeft();
  }

  @Test
  void cancellingWhileFilesAreStillBeingReceivedEndsEveryFileCancelled() throws Exception {
    Events events = new Events();
    BatchProcessor batches = sequential(events);
    CountDownLatch gate = new CountDownLatch(1);
    Path folder = Files.createDirectories(tmp.resolve("in"));
    Files.writeString(folder.resolve("d1.txt"), "ok");
    Files.writeString(folder.resolve("d2.txt"), "ok");
    BatchJob job = batches.submit(BatchInput.builder().stream("a.txt", text("ok")).stream("b.txt", text("hang"))
        .stream("c.txt", gated(gate, "ok".getBytes(UTF_8))).path(folder).bytes("e.txt", "ok".getBytes(UTF_8))
        .build());
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!events.seen.contains("started 1")) {
      assertThat(System.nanoTime()).isLessThan(until);
      Thread.sleep(5);
    }
    assertThat(job.cancel()).isTrue();
    gate.countDown();
    BatchResult r = job.await(Duration.ofSeconds(20));
    assertThat(r.files()).extracting(FileResult::fileName)
        .containsExactly("a.txt", "b.txt", "c.txt", "d1.txt", "d2.txt", "e.txt");
    assertThat(r.files().get(0).status()).isEqualTo(dev.filebatch.FileStatus.SUCCESS);
    assertThat(r.files().subList(1, 6)).allSatisfy(f -> assertThat(f.error().code()).isEqualTo(ErrorCode.CANCELLED));
    assertThat(r.successfulFiles() + r.failedFiles()).isEqualTo(r.totalFiles());
    assertThat(job.progress().isFinished()).isTrue();
    assertThat(job.progress().total()).isEqualTo(6);
    assertThat(events.seen.get(events.seen.size() - 1)).isEqualTo("batch finished");
    assertNothingLeft();
  }

  @Test
  void aBatchTimeoutWhileFilesAreStillBeingReceivedEndsTheRestTimedOut() throws Exception {
    var p = new TestProcessors.Scripted("seq", Concurrency.sequential());
    BatchProcessor batches = build(BatchProcessor.builder().processor(p).batchTimeout(Duration.ofMillis(800))
        .fileTimeout(Duration.ofMillis(800)));
    CountDownLatch gate = new CountDownLatch(1);
    BatchJob job = batches.submit(BatchInput.builder().stream("a.txt", text("hang"))
        .stream("b.txt", gated(gate, "ok".getBytes(UTF_8))).build());
    // the gate stays shut past the deadline: intake is blocked in the caller's stream, as with a slow upload
    Thread.sleep(1200);
    gate.countDown();
    BatchResult r = job.await(Duration.ofSeconds(20));
    assertThat(r.files()).extracting(FileResult::fileName).containsExactly("a.txt", "b.txt");
    assertThat(r.files()).allSatisfy(f -> assertThat(f.error().code()).isEqualTo(ErrorCode.TIMEOUT));
    assertNothingLeft();
  }

  private static byte[] zip(Object... namesAndBodies) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (int i = 0; i < namesAndBodies.length; i += 2) {
        zip.putNextEntry(new ZipEntry((String) namesAndBodies[i]));
        zip.write((byte[]) namesAndBodies[i + 1]);
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }
}
