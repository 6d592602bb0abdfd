package dev.filebatch.svg.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.filebatch.svg.SvgOptions;
import dev.filebatch.svg.SvgRenderer;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;

class AutoFallbackTest {
  @Test
  void autoFallsBackToBatikWhenJsvgFails() throws Exception {
    String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"40\"><rect width=\"40\" height=\"40\"/></svg>";
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    var document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    // the DOM Batik draws is fine; the bytes JSVG parses are not
    SvgAnalysis analysis = new SvgAnalysis(document, "<svg".getBytes(StandardCharsets.UTF_8), 40, 40, Set.of());
    SvgOptions options = SvgOptions.defaults();
    assertThat(options.renderer()).isEqualTo(SvgRenderer.AUTO);

    SvgConverter.Rendered rendered = new SvgConverter(options).render(analysis, 40, 40);

    assertThat(rendered.renderer()).isEqualTo(SvgRenderer.BATIK);
    assertThat(rendered.image().getRGB(20, 20) >>> 24).isEqualTo(255);
  }

  @Test
  void autoDoesNotHandASecurityRefusalByBatikToJsvg() throws Exception {
    // routed to Batik (a filter is declared), unscreened, with an external reference Batik's user agent refuses;
    // JSVG would draw this document without complaint, so a fallback would hide the refusal
    String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\""
        + " width=\"40\" height=\"40\"><rect width=\"40\" height=\"40\"/>"
        + "<use xlink:href=\"http://127.0.0.1:9/d.svg#x\"/></svg>";
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    var document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    SvgAnalysis analysis = new SvgAnalysis(document, svg.getBytes(StandardCharsets.UTF_8), 40, 40,
        Set.of(SvgAnalysis.Feature.FILTER));

    Throwable failure = catchThrowable(() -> new SvgConverter(SvgOptions.defaults()).render(analysis, 40, 40));

    assertThat(failure).isNotNull().isNotInstanceOf(RenderFailure.class);
    assertThat(RenderFailure.isRefusal(failure)).isTrue();
  }
}
