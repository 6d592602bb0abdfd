package dev.filebatch.internal.fork;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.filebatch.BatchInput;
import dev.filebatch.BatchJob;
import dev.filebatch.BatchListener;
import dev.filebatch.BatchProcessor;
import dev.filebatch.BatchResult;
import dev.filebatch.ErrorCode;
import dev.filebatch.FileResult;
import dev.filebatch.FileStatus;
import dev.filebatch.Isolation;
import dev.filebatch.MediaType;
import dev.filebatch.spi.Concurrency;
import dev.filebatch.spi.InputFile;
import dev.filebatch.spi.ProcessingContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Forked isolation through the front door: hostile files end with their codes and the rest of the batch goes on. */
class ForkedBatchTest {
  private static final Isolation SMALL = Isolation.forked().withMaxHeap("64m");

  @TempDir Path tmp;

  private BatchProcessor.Builder builder() {
    return BatchProcessor.builder().workspaceRoot(tmp.resolve("ws")).outputDirectory(tmp.resolve("out"));
  }

  private static BatchInput texts(String... commands) {
    BatchInput.Builder in = BatchInput.builder();
    for (int i = 0; i < commands.length; i++) {
      in.bytes("file-" + i + ".txt", commands[i].getBytes(UTF_8));
    }
    return in.build();
  }

  private static void assertCountsAddUp(BatchResult r) {
    assertThat(r.successfulFiles() + r.failedFiles()).isEqualTo(r.totalFiles());
    assertThat(r.files()).extracting(FileResult::index)
        .containsExactlyElementsOf(IntStream.range(0, r.totalFiles()).boxed().toList());
  }

  private static String outcome(FileResult f) {
    return f.error() == null ? f.status().name() : f.status() + " " + f.error().code() + " " + f.error().message();
  }

  @Test
  void hostileFilesEndWithTheirCodesWhileTheirBatchAndConcurrentOnesGoOn() throws Exception {
    BatchResult hostile;
    BatchResult bystander;
    BatchResult looping;
    // two engines because the endless loop needs a short file time limit, and a worker booting on a busy machine
    // must not run into one; both run at once, beside a third batch
    try (BatchProcessor batches = builder()
            .processor(new ScriptedProcessor())
            .isolation("scripted", SMALL)
            .fileTimeout(Duration.ofSeconds(60))
            .build();
        BatchProcessor impatient = builder()
            .processor(new ScriptedProcessor())
            .isolation("scripted", SMALL)
            .fileTimeout(Duration.ofSeconds(2))
            .build()) {
      BatchJob loop = impatient.submit(texts("spin"));
      BatchJob job = batches.submit(texts("ok", "allocate", "exit", "halt", "recurse", "flaky",
          "artifact drawing.png", "partial", "refuse", "null"));
      bystander = batches.process(texts("ok", "ok", "ok"));
      hostile = job.toCompletableFuture().get(2, TimeUnit.MINUTES);
      looping = loop.toCompletableFuture().get(2, TimeUnit.MINUTES);
    }

    assertCountsAddUp(hostile);
    // code first, message after, so a failure shows what each file really said
    assertThat(hostile.files()).extracting(ForkedBatchTest::outcome).satisfiesExactly(
        f -> assertThat(f).isEqualTo("SUCCESS"),
        f -> assertThat(f).startsWith("FAILED OUT_OF_MEMORY").contains("64m"),
        f -> assertThat(f).startsWith("FAILED WORKER_CRASHED").contains("exit status 3"),
        f -> assertThat(f).startsWith("FAILED WORKER_CRASHED").contains("exit status 7"),
        f -> assertThat(f).startsWith("FAILED PROCESSING_FAILED").contains("stack overflow"),
        f -> assertThat(f).isEqualTo("SUCCESS"),
        f -> assertThat(f).isEqualTo("SUCCESS"),
        f -> assertThat(f).startsWith("PARTIAL SOME_PAGES_SKIPPED"),
        f -> assertThat(f).startsWith("FAILED NOT_WELCOME"),
        f -> assertThat(f).startsWith("FAILED PROCESSING_FAILED").contains("returned no result"));
    assertThat(hostile.files().get(0).payload()).isInstanceOf(ScriptedProcessor.Outcome.class);
    assertThat(hostile.files().get(5).attempts()).isEqualTo(2);
    ScriptedProcessor.Outcome drawn = hostile.files().get(6).payload(ScriptedProcessor.Outcome.class);
    Path artifact = Path.of(drawn.artifact());
    assertThat(artifact.getParent()).isEqualTo(tmp.resolve("out").resolve(hostile.batchId().toString()));
    assertThat(Files.readString(artifact)).isEqualTo("made by " + drawn.workerPid());
    assertCountsAddUp(bystander);
    assertThat(bystander.files()).extracting(ForkedBatchTest::outcome).containsOnly("SUCCESS");
    assertCountsAddUp(looping);
    assertThat(looping.files()).extracting(ForkedBatchTest::outcome).singleElement().asString()
        .startsWith("FAILED TIMEOUT").contains("2 s");
    assertThat(ForkedRunnerTest.workers()).isEmpty();
  }

  @Test
  void workersAreRecycledAfterTheirNumberOfFiles() {
    BatchResult r;
    try (BatchProcessor batches = builder()
        .processor(new ScriptedProcessor())
        .concurrency("scripted", Concurrency.sequential())
        .isolation("scripted", SMALL.withFilesPerWorker(2))
        .build()) {
      r = batches.process(texts("ok", "ok", "ok", "ok", "ok"));
    }

    assertThat(r.successfulFiles()).isEqualTo(5);
    List<Long> pids = r.files().stream()
        .map(f -> f.payload(ScriptedProcessor.Outcome.class).workerPid()).toList();
    assertThat(pids).doesNotContain(ProcessHandle.current().pid());
    assertThat(pids.stream().distinct().count()).isEqualTo(3);
  }

  @Test
  void closingDuringAnEndlessLoopCancelsTheFileAndLeavesNoProcess() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    BatchJob job;
    try (BatchProcessor batches = builder()
        .processor(new ScriptedProcessor())
        .isolation("scripted", SMALL)
        .listener(new BatchListener() {
          @Override
          public void fileStarted(UUID batchId, int index, String fileName, String processorId) {
            started.countDown();
          }
        })
        .build()) {
      job = batches.submit(texts("spin"));
      assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
      Thread.sleep(500); // let the worker get into its loop
    }

    BatchResult r = job.toCompletableFuture().get(30, TimeUnit.SECONDS);
    assertThat(r.files().get(0).error().code()).isEqualTo(ErrorCode.CANCELLED);
    assertThat(ForkedRunnerTest.workers()).isEmpty();
  }

  @Test
  void refusesForkedIsolationForAProcessorAWorkerCannotRecreate() {
    BatchProcessor.Builder b = builder()
        .processor(new dev.filebatch.spi.FileProcessor<String>() {
          @Override
          public String id() {
            return "inline";
          }

          @Override
          public Set<MediaType> supportedTypes() {
            return Set.of(MediaType.TEXT);
          }

          @Override
          public String process(InputFile file, ProcessingContext context) {
            return "";
          }
        })
        .isolation("inline", Isolation.forked());

    assertThatThrownBy(b::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'inline'")
        .hasMessageContaining("forked isolation");
  }
}
