package dev.filebatch.engine;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.filebatch.BatchInput;
import dev.filebatch.BatchJob;
import dev.filebatch.BatchProcessor;
import dev.filebatch.BatchResult;
import dev.filebatch.BatchStatus;
import dev.filebatch.ErrorCode;
import dev.filebatch.FileResult;
import dev.filebatch.MediaType;
import dev.filebatch.RetrySettings;
import dev.filebatch.spi.Concurrency;
import dev.filebatch.spi.FileProcessor;
import dev.filebatch.spi.InputFile;
import dev.filebatch.spi.ProcessingContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch's workspace folder is made only when something needs disk; whether a processor made it (by asking for
 * a path or a scratch folder) or not, nothing is left after success, timeout, cancellation or close.
 */
class LazyWorkspaceTest {
  @TempDir Path tmp;
  private final List<BatchProcessor> toClose = new ArrayList<>();

  @AfterEach
  void closeAll() {
    toClose.forEach(BatchProcessor::close);
  }

  /** Reads the body as a stream; "path" asks for the file's path first, "hang" then waits to be interrupted. */
  private static final class Streaming implements FileProcessor<String> {
    @Override
    public String id() {
      return "streaming";
    }

    @Override
    public Set<MediaType> supportedTypes() {
      return Set.of(MediaType.TEXT);
    }

    @Override
    public Concurrency concurrency() {
      return Concurrency.parallel(2);
    }

    @Override
    public String process(InputFile file, ProcessingContext ctx) throws Exception {
      String text;
      try (InputStream in = file.openStream()) {
        text = new String(in.readAllBytes(), UTF_8);
      }
      if (text.contains("path")) {
        assertThat(file.path()).exists();
      }
      if (text.contains("scratch")) {
        Files.writeString(ctx.scratchDirectory().resolve("x"), "x");
      }
      if (text.contains("hang")) {
        Thread.sleep(60_000);
      }
      return text;
    }
  }

  private BatchProcessor build(BatchProcessor.Builder b) {
    BatchProcessor p = b.processor(new Streaming()).workspaceRoot(tmp.resolve("ws"))
        .outputDirectory(tmp.resolve("out")).build();
    toClose.add(p);
    return p;
  }

  private static BatchInput texts(String... bodies) {
    BatchInput.Builder in = BatchInput.builder();
    for (int i = 0; i < bodies.length; i++) {
      in.bytes(i + ".txt", bodies[i].getBytes(UTF_8));
    }
    return in.build();
  }

  private void assertNoWorkspaceLeft() throws IOException {
    Leftovers.assertNoneIn(tmp.resolve("ws"));
  }

  @Test
  void aBatchOfSmallBodiesReadAsStreamsNeverMakesAWorkspaceFolder() throws Exception {
    BatchResult r = build(BatchProcessor.builder()).process(texts("one", "two", "three"));
    assertThat(r.status()).isEqualTo(BatchStatus.COMPLETED);
    assertThat(r.files()).extracting(FileResult::payload).containsExactly("one", "two", "three");
    assertThat(tmp.resolve("ws")).as("the workspace root was never needed").doesNotExist();
  }

  @Test
  void aWorkspaceMadeByAProcessorAskingForAPathIsRemovedAfterSuccess() throws Exception {
    BatchResult r = build(BatchProcessor.builder()).process(texts("path", "scratch", "plain"));
    assertThat(r.status()).isEqualTo(BatchStatus.COMPLETED);
    assertThat(tmp.resolve("ws")).isDirectory();
    assertNoWorkspaceLeft();
  }

  @Test
  void aWorkspaceMadeByAProcessorIsRemovedAfterATimeout() throws Exception {
    BatchResult r = build(BatchProcessor.builder().fileTimeout(Duration.ofMillis(300)).retry(RetrySettings.none()))
        .process(texts("path hang", "scratch hang"));
    assertThat(r.files()).allSatisfy(f -> assertThat(f.error().code()).isEqualTo(ErrorCode.TIMEOUT));
    assertNoWorkspaceLeft();
  }

  @Test
  void aWorkspaceMadeByAProcessorIsRemovedAfterCancellationAndClose() throws Exception {
    BatchProcessor batches = build(BatchProcessor.builder());
    BatchJob cancelled = batches.submit(texts("path hang"));
    awaitRunning(cancelled);
    cancelled.cancel();
    assertThat(cancelled.await(Duration.ofSeconds(20)).files().get(0).error().code()).isEqualTo(ErrorCode.CANCELLED);
    assertNoWorkspaceLeft();

    BatchJob closed = batches.submit(texts("scratch hang"));
    awaitRunning(closed);
    batches.close();
    assertThat(closed.await(Duration.ofSeconds(20)).files().get(0).error().code()).isEqualTo(ErrorCode.CANCELLED);
    assertNoWorkspaceLeft();
  }

  private static void awaitRunning(BatchJob job) throws InterruptedException {
    long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (job.progress().running() == 0) {
      assertThat(System.nanoTime()).isLessThan(until);
      Thread.sleep(5);
    }
    Thread.sleep(100); // let the processor make its path or scratch folder
  }
}
