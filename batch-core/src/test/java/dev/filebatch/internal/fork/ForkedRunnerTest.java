package dev.filebatch.internal.fork;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.filebatch.ErrorCode;
import dev.filebatch.FileError;
import dev.filebatch.Isolation;
import dev.filebatch.MediaType;
import dev.filebatch.internal.intake.StagedFile;
import dev.filebatch.spi.FileProcessingException;
import dev.filebatch.spi.FileProcessor;
import dev.filebatch.spi.InputFile;
import dev.filebatch.spi.ProcessingContext;
import dev.filebatch.spi.TransientException;
import dev.filebatch.testkit.TestContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The forked runner on its own, with a small context of the test's making (the engine has its own tests). */
class ForkedRunnerTest {
  private static final Isolation SMALL = Isolation.forked().withMaxHeap("64m");

  @TempDir Path tmp;
  private final List<ForkedRunner> runners = new ArrayList<>();
  private final AtomicInteger index = new AtomicInteger();

  @AfterEach
  void closeRunners() {
    runners.forEach(ForkedRunner::close);
  }

  private ForkedRunner runner(Isolation isolation, int workers) {
    return runner(new ScriptedProcessor(), isolation, workers);
  }

  private ForkedRunner runner(FileProcessor<?> processor, Isolation isolation, int workers) {
    ForkedRunner r = new ForkedRunner(processor, isolation, workers, Duration.ofSeconds(2));
    runners.add(r);
    return r;
  }

  private StagedFile file(String command) throws IOException {
    int i = index.getAndIncrement();
    Path p = tmp.resolve("file-" + i);
    Files.writeString(p, command, UTF_8);
    return new StagedFile(i, "file-" + i + ".txt", "file-" + i + ".txt", Optional.of("text/plain"), MediaType.TEXT,
        Files.size(p), "0".repeat(64), p, null);
  }

  private TestContext context(Duration timeLimit) {
    return TestContext.in(tmp).deadlineIn(timeLimit);
  }

  private ScriptedProcessor.Outcome ok(ForkedRunner r, String command) throws Exception {
    return (ScriptedProcessor.Outcome) r.run(file(command), context(Duration.ofSeconds(30)));
  }

  private static FileError failure(ForkedRunner r, StagedFile file, TestContext ctx) {
    try {
      Object result = r.run(file, ctx);
      throw new AssertionError("expected a failure, got " + result);
    } catch (FileProcessingException e) {
      return e.error();
    } catch (Exception e) {
      throw new AssertionError("expected a FileProcessingException", e);
    }
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  @Test
  void returnsThePayloadAsTheResultTypeAndKeepsTheWorkerWarm() throws Exception {
    ForkedRunner r = runner(SMALL, 1);

    ScriptedProcessor.Outcome first = ok(r, "ok");
    ScriptedProcessor.Outcome second = ok(r, "ok");

    assertThat(first.workerPid()).isNotEqualTo(ProcessHandle.current().pid());
    assertThat(second.workerPid()).isEqualTo(first.workerPid());
    assertThat(first.command()).isEqualTo("ok");
    assertThat(first.attempt()).isEqualTo(1);
  }

  @Test
  void recyclesAWorkerAfterItsNumberOfFiles() throws Exception {
    ForkedRunner r = runner(SMALL.withFilesPerWorker(2), 1);

    List<Long> pids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      pids.add(ok(r, "ok").workerPid());
    }

    assertThat(pids.get(1)).isEqualTo(pids.get(0));
    assertThat(pids.get(2)).isNotEqualTo(pids.get(1));
    assertThat(pids.get(3)).isEqualTo(pids.get(2));
    assertThat(pids.get(4)).isNotIn(pids.get(0), pids.get(2));
  }

  @Test
  void aReplacementJoinsTheIdleWorkersOnlyOnceReadyAndTheNextFileWaitsForItInsteadOfStartingAnother()
      throws Exception {
    ForkedRunner r = runner(SMALL.withFilesPerWorker(1), 1);

    long first = ok(r, "ok").workerPid();
    // the first worker is retired and its replacement is booting: it must not be offered yet
    boolean readyRightAfterRecycling = r.idleWorkersAreReady();
    long second = ok(r, "ok").workerPid();

    assertThat(readyRightAfterRecycling).isTrue();
    assertThat(second).isNotEqualTo(first);
    // the first worker, the replacement that ran the second file, and that one's replacement; no extra JVM
    assertThat(r.workersStarted()).isEqualTo(3);
  }

  @Test
  void anIdleWorkerIsRetiredSoAQuietLaneGivesItsMemoryBack() throws Exception {
    ForkedRunner r = new ForkedRunner(new ScriptedProcessor(), SMALL, 1, Duration.ofSeconds(2), Duration.ofMillis(200));
    runners.add(r);
    long pid = ok(r, "ok").workerPid();

    ProcessHandle.of(pid).ifPresent(p -> p.onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join());

    assertThat(alive(pid)).isFalse();
    assertThat(ok(r, "ok").workerPid()).isNotEqualTo(pid);
  }

  @Test
  void anEndlessLoopEndsWithTimeoutAndTheNextFileGetsAFreshWorker() throws Exception {
    ForkedRunner r = runner(SMALL, 1);
    long before = ok(r, "ok").workerPid();

    FileError error = failure(r, file("spin"), context(Duration.ofSeconds(1)));

    assertThat(error.code()).isEqualTo(ErrorCode.TIMEOUT);
    assertThat(error.message()).contains("file-1.txt", "2 s");
    assertThat(alive(before)).isFalse();
    assertThat(ok(r, "ok").workerPid()).isNotEqualTo(before);
  }

  @Test
  void anInterruptKillsTheWorkerAtOnce() throws Exception {
    ForkedRunner r = runner(SMALL, 1);
    long pid = ok(r, "ok").workerPid();
    StagedFile spin = file("spin");
    CompletableFuture<Throwable> outcome = new CompletableFuture<>();
    Thread lane = new Thread(() -> {
      try {
        r.run(spin, context(Duration.ofMinutes(5)));
        outcome.complete(null);
      } catch (Throwable e) {
        outcome.complete(e);
      }
    });
    lane.start();
    Thread.sleep(300);
    lane.interrupt();

    assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
    assertThat(alive(pid)).isFalse();
  }

  @Test
  void unboundedAllocationEndsWithOutOfMemory() throws Exception {
    ForkedRunner r = runner(SMALL, 1);

    FileError error = failure(r, file("allocate"), context(Duration.ofSeconds(30)));

    assertThat(error.code()).isEqualTo(ErrorCode.OUT_OF_MEMORY);
    assertThat(error.message()).contains("64m");
    assertThat(ok(r, "ok").command()).isEqualTo("ok");
  }

  @Test
  void systemExitEndsWithWorkerCrashedNamingTheStatus() throws Exception {
    ForkedRunner r = runner(SMALL, 1);

    FileError error = failure(r, file("exit"), context(Duration.ofSeconds(30)));

    assertThat(error.code()).isEqualTo(ErrorCode.WORKER_CRASHED);
    assertThat(error.message()).contains("exit status 3");
  }

  @Test
  void haltEndsWithWorkerCrashedNamingTheStatus() throws Exception {
    ForkedRunner r = runner(SMALL, 1);

    FileError error = failure(r, file("halt"), context(Duration.ofSeconds(30)));

    assertThat(error.code()).isEqualTo(ErrorCode.WORKER_CRASHED);
    assertThat(error.message()).contains("exit status 7");
    assertThat(ok(r, "ok").command()).isEqualTo("ok");
  }

  @Test
  void aSurvivedStackOverflowFailsTheFileAndRetiresTheWorker() throws Exception {
    ForkedRunner r = runner(SMALL, 1);
    long before = ok(r, "ok").workerPid();

    FileError error = failure(r, file("recurse"), context(Duration.ofSeconds(30)));

    assertThat(error.code()).isEqualTo(ErrorCode.PROCESSING_FAILED);
    assertThat(error.message()).contains("stack overflow");
    assertThat(ok(r, "ok").workerPid()).isNotEqualTo(before);
  }

  @Test
  @EnabledOnOs({OS.LINUX, OS.MAC}) // freezes itself with kill -STOP
  void aWorkerThatFallsSilentIsKilledAsCrashed() throws Exception {
    ForkedRunner r = runner(SMALL.withHangTimeout(Duration.ofMillis(800)), 1);

    FileError error = failure(r, file("freeze"), context(Duration.ofSeconds(30)));

    assertThat(error.code()).isEqualTo(ErrorCode.WORKER_CRASHED);
    assertThat(error.message()).contains("stopped responding", "800 ms");
  }

  @Test
  void artifactsAreNamedByTheHostAndWrittenByTheWorker() throws Exception {
    ForkedRunner r = runner(SMALL, 1);
    TestContext ctx = context(Duration.ofSeconds(30));

    ScriptedProcessor.Outcome out = (ScriptedProcessor.Outcome) r.run(file("artifact drawing.png"), ctx);

    Path artifact = Path.of(out.artifact());
    assertThat(artifact.getParent()).isEqualTo(tmp.resolve("outputs"));
    assertThat(Files.readString(artifact)).isEqualTo("made by " + out.workerPid());
    assertThat(ctx.artifacts()).containsExactly(artifact);
    assertThat(tmp.resolve("scratch").resolve("note.txt")).hasContent("scratch");
  }

  @Test
  void aProcessorFailureKeepsItsCodeAndTheWorker() throws Exception {
    ForkedRunner r = runner(SMALL, 1);
    long before = ok(r, "ok").workerPid();

    FileError error = failure(r, file("refuse"), context(Duration.ofSeconds(30)));

    assertThat(error).isEqualTo(FileError.of(ErrorCode.of("NOT_WELCOME"), "This file is not welcome.",
        "Send another file."));
    assertThat(ok(r, "ok").workerPid()).isEqualTo(before);
  }

  @Test
  void aTransientFailureComesBackAsTransientSoTheEngineRetries() throws Exception {
    ForkedRunner r = runner(SMALL, 1);

    assertThatThrownBy(() -> r.run(file("flaky"), context(Duration.ofSeconds(30))))
        .isInstanceOfSatisfying(TransientException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
          assertThat(e.retryAfter()).contains(Duration.ofMillis(10));
        });
  }

  @Test
  void partialReportsAndProgressReachTheHost() throws Exception {
    ForkedRunner r = runner(SMALL, 1);
    TestContext ctx = context(Duration.ofSeconds(30));

    r.run(file("partial"), ctx);

    assertThat(ctx.partial()).isEqualTo(FileError.of(ErrorCode.of("SOME_PAGES_SKIPPED"), "Page 2 was skipped.",
        "Re-scan page 2."));
    assertThat(ctx.progress()).last().isEqualTo(0.5);
  }

  @Test
  void whatAProcessorPrintsCannotForgeAResult() throws Exception {
    ForkedRunner r = runner(SMALL, 1);

    ScriptedProcessor.Outcome out = ok(r, "print");

    assertThat(out.command()).isEqualTo("print");
    assertThat(ok(r, "ok").workerPid()).isEqualTo(out.workerPid());
  }

  @Test
  void aRecipeCarriesTheProcessorsSettingsIntoTheWorker() throws Exception {
    ForkedRunner r = runner(LabelledProcessorFactory.labelled("from-recipe"), SMALL, 1);

    assertThat(ok(r, "ok").label()).isEqualTo("from-recipe");
  }

  @Test
  void refusesAProcessorAWorkerCannotRecreate() {
    FileProcessor<String> anonymous = new FileProcessor<>() {
      @Override
      public String id() {
        return "anonymous";
      }

      @Override
      public Set<MediaType> supportedTypes() {
        return Set.of(MediaType.TEXT);
      }

      @Override
      public String process(InputFile file, ProcessingContext context) {
        return "";
      }
    };

    assertThatThrownBy(() -> ForkedRunner.checkForkable(anonymous))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'anonymous'")
        .hasMessageContaining("recipe()")
        .hasMessageContaining("public no-argument constructor");
  }

  @Test
  void concurrentFilesRunInSeparateWorkersAndCloseLeavesNoProcess() throws Exception {
    ForkedRunner r = runner(SMALL, 2);
    StagedFile a = file("meet " + tmp.resolve("meeting") + " 2");
    StagedFile b = file("meet " + tmp.resolve("meeting") + " 2");
    ExecutorService lanes = Executors.newFixedThreadPool(3);

    Future<Object> first = lanes.submit(() -> r.run(a, context(Duration.ofSeconds(60))));
    Future<Object> second = lanes.submit(() -> r.run(b, context(Duration.ofSeconds(60))));
    long pidA = ((ScriptedProcessor.Outcome) first.get()).workerPid();
    long pidB = ((ScriptedProcessor.Outcome) second.get()).workerPid();
    StagedFile spin = file("spin");
    Future<Object> stuck = lanes.submit(() -> r.run(spin, context(Duration.ofSeconds(60))));
    Thread.sleep(300);
    r.close();
    lanes.shutdown();

    assertThat(pidA).isNotEqualTo(pidB);
    assertThat(r.workerPids()).isEmpty();
    assertThat(workers()).isEmpty();
    assertThatThrownBy(stuck::get).isInstanceOf(ExecutionException.class);
    assertThatThrownBy(() -> r.run(file("ok"), context(Duration.ofSeconds(5))))
        .isInstanceOf(java.util.concurrent.CancellationException.class);
  }

  /** Worker JVMs among this JVM's descendants. */
  static List<ProcessHandle> workers() {
    return ProcessHandle.current().descendants()
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.info().commandLine().orElse("").contains(WorkerMain.class.getName())
            || p.info().arguments().map(a -> List.of(a).contains(WorkerMain.class.getName())).orElse(false))
        .toList();
  }
}
