package dev.filebatch.svg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.filebatch.BatchInput;
import dev.filebatch.BatchProcessor;
import dev.filebatch.BatchResult;
import dev.filebatch.ErrorCode;
import dev.filebatch.FileStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The processor and batch outputs inside the real engine, with the origin spec's limits. */
class SvgEngineTest {
  @TempDir Path root;

  @Test
  void convertsABatchIntoADeckThroughTheEngine() throws Exception {
    Path in = Files.createDirectories(root.resolve("in"));
    Path a = Files.writeString(in.resolve("first.svg"), Drawings.simple());
    Path b = Files.writeString(in.resolve("hostile.svg"), Drawings.svg("<script>alert(1)</script>"));
    Path c = Files.writeString(in.resolve("second.svg"), Drawings.shapes());
    SvgBatchDefaults defaults = SvgProcessor.conversionDefaults();

    BatchResult result;
    try (BatchProcessor batch = BatchProcessor.builder()
        .processor(SvgProcessor.builder().format(SvgFormat.PPTX).build())
        .summarizer(new SvgDeckSummarizer())
        .intakeLimits(defaults.intakeLimits())
        .fileTimeout(defaults.fileTimeout())
        .batchTimeout(defaults.batchTimeout())
        .workspaceRoot(Files.createDirectories(root.resolve("work")))
        .outputDirectory(Files.createDirectories(root.resolve("out")))
        .build()) {
      result = batch.process(BatchInput.of(a, b, c));
    }

    assertThat(result.files()).extracting(f -> f.status())
        .containsExactly(FileStatus.SUCCESS, FileStatus.FAILED, FileStatus.SUCCESS);
    assertThat(result.files().get(1).error().code()).isEqualTo(ErrorCode.UNSAFE_CONTENT);
    assertThat(result.files().get(0).payload()).isInstanceOf(SvgConversion.class);
    SvgDeckSummary deck = (SvgDeckSummary) result.summary();
    assertThat(deck.slides()).isEqualTo(2);
    assertThat(Path.of(deck.path())).exists();
    assertThat(Duration.ofSeconds(30)).isEqualTo(defaults.fileTimeout());
  }

  @Test
  void forkedWorkersConvertAndContainARunawayRendering() throws Exception {
    Path in = Files.createDirectories(root.resolve("in"));
    Path good = Files.writeString(in.resolve("good.svg"), Drawings.simple());
    Path heavy = Files.writeString(in.resolve("heavy.svg"), SvgContainmentTest.heavy());
    SvgProcessor processor = SvgProcessor.builder().renderer(SvgRenderer.BATIK).background("#ffffff80").build();

    BatchResult result;
    try (BatchProcessor batch = BatchProcessor.builder()
        .processor(processor)
        .isolation(SvgProcessor.ID, dev.filebatch.Isolation.forked())
        .fileTimeout(Duration.ofSeconds(20)) // room for a cold worker JVM; the heavy file needs minutes
        .workspaceRoot(Files.createDirectories(root.resolve("work")))
        .outputDirectory(Files.createDirectories(root.resolve("out")))
        .build()) {
      result = batch.process(BatchInput.of(good, heavy));
    }

    assertThat(result.files().get(0).status()).as("%s", result.files().get(0).error())
        .isEqualTo(FileStatus.SUCCESS);
    Object payload = result.files().get(0).payload();
    SvgConversion conversion = payload instanceof SvgConversion c ? c
        : dev.filebatch.BatchJson.mapper().convertValue(payload, SvgConversion.class);
    assertThat(Path.of(conversion.path())).exists();
    assertThat(conversion.renderer()).isEqualTo(SvgRenderer.BATIK);
    assertThat(result.files().get(1).status()).isEqualTo(FileStatus.FAILED);
    assertThat(result.files().get(1).error().code()).isIn(ErrorCode.TIMEOUT, ErrorCode.CANCELLED);
  }

  @Test
  void recipeRecreatesTheSameOptions() throws Exception {
    SvgProcessor processor = SvgProcessor.builder().format(SvgFormat.JPEG).width(640).background("#102030")
        .dpi(150).jpegQuality(0.7f).slideSize(SlideSize.widescreen()).renderer(SvgRenderer.JSVG)
        .maxOutputPixels(1_000_000).maxElements(5000).maxDepth(40).build();

    var recipe = processor.recipe().orElseThrow();
    var factory = (dev.filebatch.spi.ProcessorFactory) Class.forName(recipe.factoryClass())
        .getConstructor().newInstance();

    assertThat(((SvgProcessor) factory.create(recipe.options())).options()).isEqualTo(processor.options());
  }
}
