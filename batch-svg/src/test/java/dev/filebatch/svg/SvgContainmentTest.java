package dev.filebatch.svg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.filebatch.ErrorCode;
import dev.filebatch.MediaType;
import dev.filebatch.spi.FileProcessingException;
import dev.filebatch.testkit.TestContext;
import dev.filebatch.testkit.TestInputFile;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What happens when content gets past the caps: renderer stack overflows and runaway renderings are contained. */
class SvgContainmentTest {
  @TempDir Path root;
  TestContext context;
  ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

  @BeforeEach
  void setUp() throws Exception {
    context = TestContext.in(root);
  }

  @AfterEach
  void tearDown() {
    timer.shutdownNow();
  }

  /** So deep that the renderers' recursion overflows the stack, with the caps raised so the analyzer lets it by. */
  static String abyss() {
    int depth = 60_000;
    return Drawings.svg("<g>".repeat(depth) + "<rect width=\"9\" height=\"9\"/>" + "</g>".repeat(depth));
  }

  /** Heavy enough to still be rendering when the test cancels it. */
  static String heavy() {
    StringBuilder b = new StringBuilder("<svg " + Drawings.NS + " width=\"4000\" height=\"4000\">"
        + "<filter id=\"b\" x=\"-50%\" y=\"-50%\" width=\"200%\" height=\"200%\"><feGaussianBlur stdDeviation=\"60\"/>"
        + "<feMorphology radius=\"40\"/><feTurbulence baseFrequency=\"0.01\" numOctaves=\"8\"/></filter>");
    for (int i = 0; i < 400; i++) {
      b.append("<rect x=\"").append(i * 9).append("\" y=\"").append(i * 9)
          .append("\" width=\"3000\" height=\"3000\" filter=\"url(#b)\" opacity=\"0.5\"/>");
    }
    return b.append("</svg>").toString();
  }

  @ParameterizedTest
  @EnumSource(value = SvgRenderer.class, names = {"BATIK", "JSVG"})
  void rendererStackOverflowEndsAsUnsafeContent(SvgRenderer renderer) throws Exception {
    SvgProcessor processor = SvgProcessor.builder().renderer(renderer).maxDepth(1_000_000).maxElements(1_000_000)
        .build();

    Throwable failure = catchThrowable(
        () -> processor.process(TestInputFile.write(root, "abyss.svg", abyss(), MediaType.SVG), context));

    assertThat(failure).isInstanceOf(FileProcessingException.class);
    assertThat(((FileProcessingException) failure).code()).isEqualTo(ErrorCode.UNSAFE_CONTENT);
    assertThat(context.outputs()).isEmptyDirectory();
  }

  @ParameterizedTest
  @EnumSource(value = SvgRenderer.class, names = {"BATIK", "JSVG"})
  void cancellationStopsARunawayRendering(SvgRenderer renderer) throws Exception {
    SvgProcessor processor = SvgProcessor.builder().renderer(renderer).build();
    timer.schedule(context::cancel, 300, TimeUnit.MILLISECONDS);

    Throwable failure = catchThrowable(
        () -> processor.process(TestInputFile.write(root, "heavy.svg", heavy(), MediaType.SVG), context));

    assertThat(failure).isInstanceOf(CancellationException.class);
    assertThat(context.outputs()).isEmptyDirectory();
  }
}
