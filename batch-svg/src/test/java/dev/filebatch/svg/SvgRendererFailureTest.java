package dev.filebatch.svg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.filebatch.ErrorCode;
import dev.filebatch.MediaType;
import dev.filebatch.spi.FileProcessingException;
import dev.filebatch.testkit.TestContext;
import dev.filebatch.testkit.TestInputFile;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A renderer throwing on a document's content is that document's fault: a typed failure naming the renderer. */
class SvgRendererFailureTest {
  /** Batik 1.19 throws a DOMException on this SVG 2 filter primitive. */
  static final String DROP_SHADOW = Drawings.svg("<filter id=\"f\" x=\"0\" y=\"0\" width=\"100\" height=\"100\""
      + " filterUnits=\"userSpaceOnUse\"><feDropShadow dx=\"5\" dy=\"5\" stdDeviation=\"3\"/></filter>"
      + "<circle cx=\"50\" cy=\"50\" r=\"30\" fill=\"seagreen\" filter=\"url(#f)\"/>");

  /** JSVG 2.0.0 throws an IllegalArgumentException on a negative dash length. */
  static final String NEGATIVE_DASH = Drawings.svg("<rect x=\"20\" y=\"20\" width=\"60\" height=\"60\" fill=\"none\""
      + " stroke=\"green\" stroke-width=\"5\" stroke-dasharray=\"20 40 -20\"/>");

  @TempDir Path root;
  TestContext context;

  @BeforeEach
  void setUp() throws Exception {
    context = TestContext.in(root);
  }

  private FileProcessingException failure(SvgRenderer renderer, SvgFormat format, String svg) throws Exception {
    SvgProcessor processor = SvgProcessor.builder().renderer(renderer).format(format).build();
    return catchThrowableOfType(FileProcessingException.class,
        () -> processor.process(TestInputFile.write(root, "drawing.svg", svg, MediaType.SVG), context));
  }

  @Test
  void jsvgThrowingOnNegativeDashIsCorruptFileNamingJsvg() throws Exception {
    FileProcessingException failure = failure(SvgRenderer.JSVG, SvgFormat.PNG, NEGATIVE_DASH);

    assertThat(failure).isNotNull();
    assertThat(failure.code()).isEqualTo(ErrorCode.CORRUPT_FILE);
    assertThat(failure.getMessage()).contains("JSVG renderer").contains("IllegalArgumentException");
    assertThat(failure.error().remediation()).contains("batik renderer");
    assertThat(context.outputs()).isEmptyDirectory();
  }

  @Test
  void batikThrowingOnDropShadowIsCorruptFileNamingBatik() throws Exception {
    FileProcessingException failure = failure(SvgRenderer.BATIK, SvgFormat.PNG, DROP_SHADOW);

    assertThat(failure).isNotNull();
    assertThat(failure.code()).isEqualTo(ErrorCode.CORRUPT_FILE);
    assertThat(failure.getMessage()).contains("Batik renderer");
    assertThat(failure.error().remediation()).contains("jsvg renderer");
    assertThat(context.outputs()).isEmptyDirectory();
  }

  @Test
  void batikThrowingWhileWritingPdfIsCorruptFileNamingBatik() throws Exception {
    FileProcessingException failure = failure(SvgRenderer.AUTO, SvgFormat.PDF, DROP_SHADOW);

    assertThat(failure).isNotNull();
    assertThat(failure.code()).isEqualTo(ErrorCode.CORRUPT_FILE);
    assertThat(failure.getMessage()).contains("Batik renderer");
    assertThat(failure.error().remediation()).isNotBlank().doesNotContain("jsvg renderer");
    assertThat(context.outputs()).isEmptyDirectory();
  }

  @Test
  void autoHandsADrawingBatikThrowsOnToJsvg() throws Exception {
    SvgProcessor processor = SvgProcessor.builder().renderer(SvgRenderer.AUTO).format(SvgFormat.PNG).build();

    SvgConversion result = processor
        .process(TestInputFile.write(root, "shadow.svg", DROP_SHADOW, MediaType.SVG), context);

    assertThat(result.renderer()).isEqualTo(SvgRenderer.JSVG);
    assertThat(result.bytes()).isPositive();
  }

  @Test
  void autoReportsBothRenderersWhenNeitherCanDraw() throws Exception {
    String both = DROP_SHADOW.replace("</svg>", "<rect x=\"20\" y=\"20\" width=\"60\" height=\"60\" fill=\"none\""
        + " stroke=\"green\" stroke-width=\"5\" stroke-dasharray=\"20 40 -20\"/></svg>");

    FileProcessingException failure = failure(SvgRenderer.AUTO, SvgFormat.PNG, both);

    assertThat(failure).isNotNull();
    assertThat(failure.code()).isEqualTo(ErrorCode.CORRUPT_FILE);
    assertThat(failure.getMessage()).contains("Batik renderer").contains("JSVG renderer failed too");
    assertThat(failure.error().remediation()).doesNotContain("jsvg renderer");
    assertThat(context.outputs()).isEmptyDirectory();
  }
}
