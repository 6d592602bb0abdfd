package dev.filebatch.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.filebatch.BatchInput;
import dev.filebatch.BatchJson;
import dev.filebatch.BatchProcessor;
import dev.filebatch.BatchResult;
import dev.filebatch.ErrorCode;
import dev.filebatch.FileResult;
import dev.filebatch.FileStatus;
import dev.filebatch.pdf.internal.PdfTextRecipe;
import dev.filebatch.spi.Concurrency;
import dev.filebatch.spi.ProcessorRecipe;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The processor inside the real engine: each kind of PDF ends in its own final state with its own code. */
class PdfTextInBatchTest {
  @TempDir Path dir;

  @Test
  void endsEachPdfOfABatchInItsOwnStateWithItsCode() throws Exception {
    Path typed = PdfFixtures.textPdf(dir.resolve("typed.pdf"), List.of("Knowledge test report text"));
    Path locked = PdfFixtures.encryptedPdf(dir.resolve("locked.pdf"), List.of("secret"), "o", "u",
        new AccessPermission());
    Path scan = PdfFixtures.scannedPdf(dir.resolve("scan.pdf"), List.of("SCAN"));

    BatchResult result;
    try (BatchProcessor batches = BatchProcessor.builder()
        .processor(PdfTextProcessor.create())
        .workspaceRoot(dir.resolve("ws"))
        .outputDirectory(dir.resolve("out"))
        .build()) {
      result = batches.process(BatchInput.of(typed, locked, scan));
    } catch (UnsupportedOperationException e) {
      // The engine is still being written; this test runs as soon as the installed batch-core can process.
      Assumptions.abort("engine not available yet: " + e.getMessage());
      return;
    }

    List<FileResult> files = result.files();
    assertThat(files).extracting(FileResult::status)
        .containsExactly(FileStatus.SUCCESS, FileStatus.FAILED, FileStatus.PARTIAL);
    assertThat(files.get(0).payload(PdfText.class).text()).isEqualTo("Knowledge test report text");
    assertThat(files.get(0).lane()).isEqualTo("pdf-text");
    assertThat(files.get(1).error().code()).isEqualTo(ErrorCode.ENCRYPTED_FILE);
    assertThat(files.get(2).error().code()).isEqualTo(PdfTextProcessor.NO_TEXT_LAYER);

    JsonNode json = BatchJson.mapper().readTree(BatchJson.write(result));
    JsonNode first = json.get("files").get(0).get("result");
    assertThat(first.get("page_count").asInt()).isEqualTo(1);
    assertThat(first.get("pages").get(0).get("source").asString()).isEqualTo("text-layer");
  }

  @Test
  void rebuildsTheSameSettingsFromItsRecipeForForkedWorkers() throws Exception {
    PdfTextProcessor original = PdfTextProcessor.builder().maxPages(7).sortByPosition(false).minTextCharsPerPage(3)
        .scanDpi(150).maxScanPixels(1_000_000).concurrency(Concurrency.parallel(2)).build();

    ProcessorRecipe recipe = original.recipe().orElseThrow();
    Object rebuilt = ((dev.filebatch.spi.ProcessorFactory) Class.forName(recipe.factoryClass())
        .getConstructor().newInstance()).create(recipe.options());

    assertThat(rebuilt).isInstanceOf(PdfTextProcessor.class);
    assertThat(((PdfTextProcessor) rebuilt).options()).isEqualTo(original.options());
    assertThat(((PdfTextProcessor) rebuilt).version()).isEqualTo(original.version());
    assertThat(recipe.factoryClass()).isEqualTo(PdfTextRecipe.class.getName());
  }

  @Test
  void hasNoRecipeWhenAScanRecognizerIsConfigured() {
    assertThat(PdfTextProcessor.builder().scanRecognizer((page, ctx) -> "x").build().recipe()).isEmpty();
  }
}
