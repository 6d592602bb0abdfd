package dev.filebatch.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.filebatch.BatchInput;
import dev.filebatch.BatchJson;
import dev.filebatch.BatchProcessor;
import dev.filebatch.BatchResult;
import dev.filebatch.ErrorCode;
import dev.filebatch.FileStatus;
import dev.filebatch.MediaType;
import dev.filebatch.examples.WordCountProcessor.Count;
import dev.filebatch.spi.InputFile;
import dev.filebatch.testkit.TestContext;
import dev.filebatch.testkit.TestInputFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the example of docs/writing-a-processor.md and proves the document shows this very code. */
class WritingAProcessorTest {
  @TempDir Path tmp;

  @Test
  void theGuideShowsTheExampleVerbatim() throws Exception {
    Path guide = Path.of("..", "docs", "writing-a-processor.md");
    Path source = Path.of("src", "test", "java", "dev", "filebatch", "examples", "WordCountProcessor.java");
    assertThat(Files.readString(guide, UTF_8)).contains(Files.readString(source, UTF_8).strip());
  }

  @Test
  void theExampleCanBeCalledDirectlyWithTheTestKit(@TempDir Path tempDir) throws Exception {
    TestContext context = TestContext.in(tempDir);
    InputFile blank = TestInputFile.write(tempDir, "blank.txt", "  \n", MediaType.TEXT);
    Count count = new WordCountProcessor().process(blank, context);
    assertThat(context.partial().code()).isEqualTo(ErrorCode.of("NO_WORDS"));

    assertThat(count).isEqualTo(new Count(1, 0));
    assertThat(Files.readString(Path.of("..", "docs", "writing-a-processor.md"), UTF_8)).contains("""
        TestContext context = TestContext.in(tempDir);
        InputFile blank = TestInputFile.write(tempDir, "blank.txt", "  \\n", MediaType.TEXT);
        Count count = new WordCountProcessor().process(blank, context);
        assertThat(context.partial().code()).isEqualTo(ErrorCode.of("NO_WORDS"));
        """);
  }

  @Test
  void theExampleRunsThroughTheEngine() {
    try (BatchProcessor batches = BatchProcessor.builder()
        .processor(new WordCountProcessor())
        .summarizer(new WordCountProcessor.Summary())
        .workspaceRoot(tmp)
        .build()) {
      BatchResult result = batches.process(BatchInput.builder()
          .bytes("a.txt", "one two three\nfour".getBytes(UTF_8))
          .bytes("b.txt", "   \n".getBytes(UTF_8))
          .bytes("c.txt", new byte[] {(byte) 0xC3, 0x28, ' ', 'x'})
          .build());
      System.out.println(BatchJson.writePretty(result));
      assertThat(result.files()).extracting(f -> f.status())
          .containsExactly(FileStatus.SUCCESS, FileStatus.PARTIAL, FileStatus.FAILED);
      assertThat(result.files().get(0).payload()).isEqualTo(new WordCountProcessor.Count(2, 4));
      assertThat(result.files().get(1).error().code()).isEqualTo(ErrorCode.of("NO_WORDS"));
      assertThat(result.summary()).isEqualTo(new WordCountProcessor.Total(2, 4));
      assertThat(BatchJson.write(result)).contains("\"total_words\":4");
    }
  }
}
