package dev.filebatch.svg.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.filebatch.svg.LoopbackListener;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;

/**
 * The second wall: the renderers themselves, fed hostile documents that skip the analyzer, must still contact
 * nothing. Whether they then draw or fail does not matter here; only the listener's count does.
 */
class RendererWallTest {
  static LoopbackListener listener;

  @BeforeAll
  static void listen() throws Exception {
    listener = new LoopbackListener();
  }

  @AfterAll
  static void stop() throws Exception {
    listener.close();
  }

  static final String NS = "xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"";

  record Hostile(String name, Function<LoopbackListener, String> svg) {
    @Override
    public String toString() {
      return name;
    }
  }

  static String svg(String body) {
    return "<svg " + NS + " width=\"50\" height=\"50\">" + body + "</svg>";
  }

  static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  static List<Hostile> documents() {
    List<Hostile> d = new ArrayList<>();
    d.add(new Hostile("image xlink:href", l -> svg("<image width=\"9\" height=\"9\" xlink:href=\"" + l.url("a.png") + "\"/>")));
    d.add(new Hostile("image plain href", l -> svg("<image width=\"9\" height=\"9\" href=\"" + l.url("b.png") + "\"/>")));
    d.add(new Hostile("image svg", l -> svg("<image width=\"9\" height=\"9\" xlink:href=\"" + l.url("c.svg") + "\"/>")));
    d.add(new Hostile("use external", l -> svg("<use xlink:href=\"" + l.url("d.svg") + "#x\" href=\"" + l.url("d2.svg") + "#x\"/>")));
    d.add(new Hostile("feImage", l -> svg("<filter id=\"f\"><feImage xlink:href=\"" + l.url("e.png")
        + "\" href=\"" + l.url("e2.png") + "\"/></filter><rect width=\"9\" height=\"9\" filter=\"url(#f)\"/>")));
    d.add(new Hostile("fill url", l -> svg("<rect width=\"9\" height=\"9\" fill=\"url(" + l.url("f.svg") + "#p)\"/>")));
    d.add(new Hostile("css import", l -> svg("<style>@import url(" + l.url("g.css") + ");</style><rect width=\"9\" height=\"9\"/>")));
    d.add(new Hostile("css font-face", l -> svg("<style>@font-face { font-family: x; src: url(" + l.url("h.woff")
        + "); }</style><text y=\"20\" font-family=\"x\">a</text>")));
    d.add(new Hostile("font-face-uri", l -> svg("<font-face font-family=\"x\"><font-face-src><font-face-uri xlink:href=\""
        + l.url("i.svg") + "#f\"/></font-face-src></font-face><text y=\"20\" font-family=\"x\">a</text>")));
    d.add(new Hostile("script", l -> svg("<script type=\"application/ecmascript\" xlink:href=\"" + l.url("j.js")
        + "\"/><script type=\"text/ecmascript\">new java.net.URL('" + l.url("j2") + "').openStream();</script>")));
    d.add(new Hostile("onload", l -> "<svg " + NS + " onload=\"new java.net.URL('" + l.url("k") + "').openStream()\"/>"));
    d.add(new Hostile("nested svg with external image", l -> svg("<image width=\"9\" height=\"9\" xlink:href=\"data:image/svg+xml;base64,"
        + b64("<svg " + NS + " width=\"9\" height=\"9\"><image width=\"9\" height=\"9\" xlink:href=\"" + l.url("m.png") + "\"/></svg>") + "\"/>")));
    d.add(new Hostile("nested svg with xxe", l -> svg("<image width=\"9\" height=\"9\" xlink:href=\"data:image/svg+xml;base64,"
        + b64("<!DOCTYPE svg [<!ENTITY x SYSTEM \"" + l.url("n") + "\">]><svg " + NS + "><text>&x;</text></svg>") + "\"/>")));
    d.add(new Hostile("nested svg with external dtd", l -> svg("<image width=\"9\" height=\"9\" xlink:href=\"data:image/svg+xml;base64,"
        + b64("<!DOCTYPE svg SYSTEM \"" + l.url("o.dtd") + "\"><svg " + NS + "/>") + "\"/>")));
    d.add(new Hostile("xml:base", l -> "<svg " + NS + " xml:base=\"" + l.url("") + "\"><image width=\"9\" height=\"9\" xlink:href=\"p.png\"/></svg>"));
    d.add(new Hostile("relative image", l -> svg("<image width=\"9\" height=\"9\" xlink:href=\"q.png\"/>")));
    return d;
  }

  static SvgAnalysis unscreened(String svg) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    return new SvgAnalysis(document, svg.getBytes(StandardCharsets.UTF_8), 50, 50, Set.of());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("documents")
  void batikRasterContactsNothingEvenUnscreened(Hostile hostile) throws Exception {
    int before = listener.requests();
    try {
      BatikRendering.raster(unscreened(hostile.svg().apply(listener)), 50, 50, null);
    } catch (Exception refused) {
      // refusing is fine; fetching is not
    }
    assertThat(listener.requests()).isEqualTo(before);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("documents")
  void batikPdfContactsNothingEvenUnscreened(Hostile hostile) throws Exception {
    int before = listener.requests();
    try {
      BatikRendering.pdf(unscreened(hostile.svg().apply(listener)), 50, 50, new ByteArrayOutputStream());
    } catch (Exception refused) {
      // refusing is fine; fetching is not
    }
    assertThat(listener.requests()).isEqualTo(before);
  }

  static List<Hostile> jsvgDocuments() {
    List<Hostile> d = new ArrayList<>(documents());
    d.add(new Hostile("xxe", l -> "<!DOCTYPE svg [<!ENTITY x SYSTEM \"" + l.url("r") + "\">]><svg " + NS + "><text>&x;</text></svg>"));
    d.add(new Hostile("external dtd", l -> "<!DOCTYPE svg SYSTEM \"" + l.url("s.dtd") + "\"><svg " + NS + "/>"));
    d.add(new Hostile("parameter entity", l -> "<!DOCTYPE svg [<!ENTITY % p SYSTEM \"" + l.url("t") + "\"> %p;]><svg " + NS + "/>"));
    return d;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jsvgDocuments")
  void jsvgContactsNothingEvenUnscreened(Hostile hostile) throws Exception {
    int before = listener.requests();
    byte[] bytes = hostile.svg().apply(listener).getBytes(StandardCharsets.UTF_8);
    try {
      JsvgRendering.raster(new SvgAnalysis(null, bytes, 50, 50, Set.of()), 50, 50, null, 100, 10_000);
    } catch (Exception refused) {
      // refusing is fine; fetching is not
    }
    assertThat(listener.requests()).isEqualTo(before);
  }
}
