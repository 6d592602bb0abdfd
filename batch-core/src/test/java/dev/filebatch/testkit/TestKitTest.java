package dev.filebatch.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.filebatch.ErrorCode;
import dev.filebatch.FileError;
import dev.filebatch.MediaType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The processor test kit behaves like the engine where a processor can tell. */
class TestKitTest {
  @TempDir Path dir;

  @Test
  void sizeAndSha256ComeFromTheBytes() throws IOException {
    TestInputFile file = TestInputFile.write(dir.resolve("in"), "abc.txt", "abc", MediaType.TEXT);

    assertThat(file.size()).isEqualTo(3);
    assertThat(file.sha256()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(file.path()).hasContent("abc");
    assertThat(file.index()).isZero();
    assertThat(file.name()).isEqualTo("abc.txt");
    assertThat(file.detectedType()).isEqualTo(MediaType.TEXT);
    assertThat(file.declaredType()).isEmpty();
    assertThat(TestInputFile.of(file.path(), MediaType.TEXT).sha256()).isEqualTo(file.sha256());
    assertThat(file.withIndex(4).index()).isEqualTo(4);
    assertThatThrownBy(() -> file.withIndex(-1)).hasMessageContaining("index must be 0 or more");
  }

  @Test
  void artifactNamesNeverCollideLikeTheEngines() throws IOException {
    TestContext context = TestContext.in(dir);

    Path first = context.newArtifact("drawing.png");
    Path second = context.newArtifact("drawing.png");
    Files.writeString(dir.resolve("outputs").resolve("drawing (3).png"), "written by someone else");
    Path third = context.summaryContext().newArtifact("drawing.png");

    assertThat(first).isEqualTo(dir.resolve("outputs").resolve("drawing.png")).doesNotExist();
    assertThat(second.getFileName()).hasToString("drawing (2).png");
    assertThat(third.getFileName()).hasToString("drawing (4).png");
    assertThat(context.artifacts()).containsExactly(first, second, third);
    assertThatThrownBy(() -> context.newArtifact("../escape.png")).hasMessageContaining("escapes the output folder");
  }

  @Test
  void cancelsAfterTheGivenNumberOfProgressReports() {
    TestContext context = TestContext.in(dir).cancelAfterProgressReports(2);

    context.reportProgress(0.25);
    assertThat(context.isCancelled()).isFalse();
    context.reportProgress(0.5);

    assertThat(context.isCancelled()).isTrue();
    assertThatThrownBy(context::checkCancelled).isInstanceOf(CancellationException.class);
    assertThat(context.progress()).containsExactly(0.25, 0.5);
    assertThatThrownBy(() -> context.cancelAfterProgressReports(0)).hasMessageContaining("reports must be 1 or more");
  }

  @Test
  void cancelsWhenToldOrWhenTheDeadlineHasPassed() {
    TestContext told = TestContext.in(dir);
    assertThat(told.isCancelled()).isFalse();
    told.cancel();
    assertThat(told.isCancelled()).isTrue();

    TestContext late = TestContext.in(dir).deadlineIn(Duration.ZERO);
    assertThat(late.remaining()).isZero();
    assertThat(late.isCancelled()).isTrue();
    assertThatThrownBy(() -> late.deadlineIn(Duration.ofSeconds(-1))).hasMessageContaining("timeLeft must be zero");
  }

  @Test
  void recordsThePartialResultAndScratchRequests() throws IOException {
    TestContext context = TestContext.in(dir);
    assertThat(context.partial()).isNull();
    assertThat(dir.resolve("scratch")).doesNotExist();

    context.reportPartial(ErrorCode.of("FIRST"), "first", null);
    context.reportPartial(ErrorCode.of("PAGES_SKIPPED"), "Page 2 was skipped.", "Re-scan page 2.");
    Path scratch = context.scratchDirectory();

    assertThat(context.partial())
        .isEqualTo(new FileError(ErrorCode.of("PAGES_SKIPPED"), "Page 2 was skipped.", "Re-scan page 2."));
    assertThat(scratch).isEqualTo(dir.resolve("scratch")).isDirectory();
    assertThat(context.scratchRequests()).isEqualTo(1);
  }
}
