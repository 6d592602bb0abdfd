package dev.filebatch.svg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.filebatch.BatchJson;
import dev.filebatch.FileError;
import dev.filebatch.FileResult;
import dev.filebatch.FileStatus;
import dev.filebatch.MediaType;
import dev.filebatch.spi.FileProcessingException;
import dev.filebatch.spi.InputFile;
import dev.filebatch.testkit.TestContext;
import dev.filebatch.testkit.TestInputFile;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class SvgBatchOutputTest {
  @TempDir Path root;
  TestContext context;

  @BeforeEach
  void setUp() throws Exception {
    context = TestContext.in(root);
  }

  /** Runs the processor over named inputs the way the engine would, producing one final result per file. */
  List<FileResult> run(SvgProcessor processor, Map<String, String> inputs) throws Exception {
    List<FileResult> results = new ArrayList<>();
    for (Map.Entry<String, String> input : inputs.entrySet()) {
      InputFile file = TestInputFile.write(root, input.getKey(), input.getValue(), MediaType.SVG)
          .withIndex(results.size());
      try {
        SvgConversion conversion = processor.process(file, context);
        results.add(new FileResult(file.index(), file.name(), FileStatus.SUCCESS, conversion, null, 1,
            Duration.ofMillis(5), SvgProcessor.ID, SvgProcessor.ID, MediaType.SVG, file.size(), file.sha256(), false));
      } catch (FileProcessingException e) {
        results.add(new FileResult(file.index(), file.name(), FileStatus.FAILED, null, e.error(), 1,
            Duration.ofMillis(5), SvgProcessor.ID, SvgProcessor.ID, MediaType.SVG, file.size(), file.sha256(), false));
      }
    }
    return results;
  }

  static Map<String, String> mixedInputs() {
    Map<String, String> inputs = new LinkedHashMap<>();
    inputs.put("zebra.svg", Drawings.simple());
    inputs.put("broken.svg", "<svg");
    inputs.put("apple.svg", Drawings.shapes());
    return inputs;
  }

  @Test
  void deckHasOneSlidePerSuccessInInputOrderTitledFromTheFileName() throws Exception {
    List<FileResult> results = run(SvgProcessor.builder().format(SvgFormat.PPTX).build(), mixedInputs());

    SvgDeckSummary summary = new SvgDeckSummarizer().summarize(results, context.summaryContext());

    assertThat(summary.outputFile()).isEqualTo("drawings.pptx");
    assertThat(summary.slides()).isEqualTo(2);
    assertThat(summary.skipped()).containsExactly("broken.svg");
    try (InputStream in = Files.newInputStream(Path.of(summary.path()));
        XMLSlideShow deck = new XMLSlideShow(in)) {
      assertThat(deck.getSlides()).hasSize(2);
      SvgConversionTest.assertSlide(deck.getSlides().get(0), "zebra");
      SvgConversionTest.assertSlide(deck.getSlides().get(1), "apple");
    }
    assertThat(BatchJson.mapper().writeValueAsString(summary)).contains("\"slides\":2", "\"output_file\"");
  }

  @Test
  void zipHoldsEachOutputAndAManifestOfEveryInput() throws Exception {
    Map<String, String> inputs = mixedInputs();
    List<FileResult> results = run(SvgProcessor.create(), inputs);

    SvgArchiveSummary summary = new SvgZipSummarizer().summarize(results, context.summaryContext());

    assertThat(summary.outputs()).isEqualTo(2);
    Map<String, byte[]> entries = unzip(Path.of(summary.path()));
    assertThat(entries.keySet()).containsExactly("zebra.png", "apple.png", "manifest.json");
    JsonNode manifest = BatchJson.mapper().readTree(entries.get("manifest.json"));
    JsonNode list = manifest.get("files");
    assertThat(list).hasSize(3);
    assertThat(list.get(0).get("input").asString()).isEqualTo("zebra.svg");
    assertThat(list.get(0).get("output").asString()).isEqualTo("zebra.png");
    assertThat(list.get(0).get("status").asString()).isEqualTo("success");
    assertThat(list.get(1).get("input").asString()).isEqualTo("broken.svg");
    assertThat(list.get(1).get("output").isNull()).isTrue();
    assertThat(list.get(1).get("status").asString()).isEqualTo("failed");
    assertThat(list.get(1).get("error").get("code").asString()).isEqualTo("CORRUPT_FILE");
    assertThat(list.get(2).get("output").asString()).isEqualTo("apple.png");
    assertThat(SvgConversionTest.drawnPixels(javax.imageio.ImageIO.read(
        new java.io.ByteArrayInputStream(entries.get("zebra.png"))))).isGreaterThan(1000);
  }

  @Test
  void zipEntryNamesNeverCollide() throws Exception {
    List<FileResult> results = run(SvgProcessor.create(), Map.of("a.svg", Drawings.shapes()));
    FileResult first = results.get(0);
    SvgConversion same = (SvgConversion) first.payload();
    // two results whose outputs carry the same name, and one named like the manifest
    Path manifestLike = Files.copy(Path.of(same.path()), context.outputs().resolve("manifest.json"));
    SvgConversion clash = new SvgConversion("manifest.json", manifestLike.toString(), SvgFormat.PNG, 1, 1, "px",
        SvgRenderer.BATIK, 1);
    FileResult third = new FileResult(2, "manifest.svg", FileStatus.SUCCESS, clash, null, 1, Duration.ZERO,
        SvgProcessor.ID, SvgProcessor.ID, MediaType.SVG, 1, "x", false);
    FileResult second = new FileResult(1, "a-copy.svg", FileStatus.SUCCESS, same, null, 1, Duration.ZERO,
        SvgProcessor.ID, SvgProcessor.ID, MediaType.SVG, 1, "x", false);

    SvgArchiveSummary summary = new SvgZipSummarizer().summarize(List.of(first, second, third), context.summaryContext());

    assertThat(unzip(Path.of(summary.path())).keySet())
        .containsExactly("a.png", "a-2.png", "manifest-2.json", "manifest.json");
  }

  @Test
  void batchOutputsRefuseWrongFileNames() {
    assertThatThrownBy(() -> new SvgZipSummarizer("out.tar")).hasMessageContaining(".zip");
    assertThatThrownBy(() -> new SvgDeckSummarizer("out.ppt", SlideSize.standard())).hasMessageContaining(".pptx");
  }

  static Map<String, byte[]> unzip(Path zip) throws Exception {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        entries.put(entry.getName(), in.readAllBytes());
      }
    }
    return entries;
  }

  @Test
  void failedFilesKeepTheirErrorInTheManifest() throws Exception {
    FileError error = FileError.of(dev.filebatch.ErrorCode.UNSAFE_CONTENT, "script", "remove it");
    FileResult failed = new FileResult(0, "x.svg", FileStatus.FAILED, null, error, 1, Duration.ZERO,
        SvgProcessor.ID, SvgProcessor.ID, MediaType.SVG, 1, "x", false);

    SvgArchiveSummary summary = new SvgZipSummarizer().summarize(List.of(failed), context.summaryContext());

    assertThat(summary.outputs()).isZero();
    assertThat(summary.files().get(0).error().code()).isEqualTo(dev.filebatch.ErrorCode.UNSAFE_CONTENT);
  }
}
