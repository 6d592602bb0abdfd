package dev.filebatch.svg.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.filebatch.spi.FileProcessingException;
import dev.filebatch.svg.SvgOptions;
import dev.filebatch.svg.SvgRenderer;
import dev.filebatch.svg.internal.SvgAnalysis.Feature;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** JSVG 2.0.0 does not finish a blur with a negative stdDeviation: such documents never reach it. */
class NegativeBlurTest {
  private static String blurred(String stdDeviation) {
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 200 200\"><filter id=\"f\">"
        + "<feGaussianBlur stdDeviation=\"" + stdDeviation + "\"/></filter>"
        + "<rect x=\"20\" y=\"20\" width=\"160\" height=\"160\" fill=\"seagreen\" filter=\"url(#f)\"/></svg>";
  }

  private static SvgAnalysis analysis(String svg) throws FileProcessingException {
    return new SvgConverter(SvgOptions.defaults()).analyze(svg.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theAnalysisNotesANegativeStdDeviationAndNothingElse() throws Exception {
    assertThat(analysis(blurred("-50")).features()).contains(Feature.NEGATIVE_BLUR);
    assertThat(analysis(blurred("4 -2")).features()).contains(Feature.NEGATIVE_BLUR);
    assertThat(analysis(blurred(" -.5")).features()).contains(Feature.NEGATIVE_BLUR);
    assertThat(analysis(blurred("4")).features()).doesNotContain(Feature.NEGATIVE_BLUR).contains(Feature.FILTER);
    assertThat(analysis(blurred("1e-5")).features()).doesNotContain(Feature.NEGATIVE_BLUR);
    assertThat(analysis(blurred("0")).features()).doesNotContain(Feature.NEGATIVE_BLUR);
  }

  @Test
  void jsvgRefusesItAsCorruptFileInsteadOfSpinning() throws Exception {
    SvgOptions d = SvgOptions.defaults();
    SvgOptions jsvg = new SvgOptions(d.format(), d.width(), d.height(), d.scale(), d.background(), d.dpi(),
        d.jpegQuality(), d.slideSize(), SvgRenderer.JSVG, d.maxOutputPixels(), d.maxElements(), d.maxDepth());
    SvgConverter converter = new SvgConverter(jsvg);

    Exception failure = catchThrowableOfType(RenderFailure.class,
        () -> converter.render(analysis(blurred("-50")), 100, 100));

    assertThat(failure).isNotNull().hasMessageContaining("negative stdDeviation");
  }

  @Test
  void autoLeavesItToBatikAndDoesNotFallBackToJsvg() throws Exception {
    SvgConverter converter = new SvgConverter(SvgOptions.defaults());
    assertThat(SvgOptions.defaults().renderer()).isEqualTo(SvgRenderer.AUTO);

    Exception failure = catchThrowableOfType(Exception.class,
        () -> converter.render(analysis(blurred("-1")), 100, 100));

    // Batik rejects the primitive, and JSVG, its fallback, refuses at once: one failure naming both
    assertThat(failure).isInstanceOf(RenderFailure.class);
    assertThat(((RenderFailure) failure).renderer()).isEqualTo(SvgRenderer.BATIK);
    assertThat(((RenderFailure) failure).otherTried()).isTrue();
    assertThat(failure.getSuppressed()[0]).hasMessageContaining("negative stdDeviation");
  }
}
