package dev.filebatch.svg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.filebatch.ErrorCode;
import dev.filebatch.MediaType;
import dev.filebatch.spi.FileProcessingException;
import dev.filebatch.testkit.TestContext;
import dev.filebatch.testkit.TestInputFile;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every security rule, for every renderer and output format: a hostile SVG built here, pointing only at a listener on
 * 127.0.0.1, must fail with its typed code, and the listener must receive zero requests.
 */
class SvgSecurityTest {
  static LoopbackListener listener;

  @TempDir Path root;
  TestContext context;

  @BeforeAll
  static void listen() throws Exception {
    listener = new LoopbackListener();
  }

  @AfterAll
  static void stop() throws Exception {
    listener.close();
  }

  @BeforeEach
  void setUp() throws Exception {
    context = TestContext.in(root);
  }

  record Payload(String name, ErrorCode code, Function<LoopbackListener, String> svg) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final ErrorCode UNSAFE = ErrorCode.UNSAFE_CONTENT;

  static List<Payload> payloads() {
    List<Payload> p = new ArrayList<>();
    // XML-level attacks
    p.add(new Payload("xxe external entity", UNSAFE, l -> "<?xml version=\"1.0\"?><!DOCTYPE svg ["
        + "<!ENTITY x SYSTEM \"" + l.url("xxe") + "\">]><svg " + Drawings.NS + "><text>&x;</text></svg>"));
    p.add(new Payload("xxe parameter entity", UNSAFE, l -> "<!DOCTYPE svg [<!ENTITY % p SYSTEM \""
        + l.url("param") + "\"> %p;]><svg " + Drawings.NS + "/>"));
    p.add(new Payload("xxe file entity", UNSAFE, l -> "<!DOCTYPE svg [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        + "<svg " + Drawings.NS + "><text>&x;</text></svg>"));
    p.add(new Payload("xxe entity behind a public dtd", UNSAFE, l -> "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\""
        + " \"" + l.url("svg11.dtd") + "\" [<!ENTITY x SYSTEM \"" + l.url("xxe2") + "\">]>"
        + "<svg " + Drawings.NS + "><text>&x;</text></svg>"));
    p.add(new Payload("xxe entity in an attribute", UNSAFE, l -> "<!DOCTYPE svg [<!ENTITY x SYSTEM \""
        + l.url("xxe3") + "\">]><svg " + Drawings.NS + " fill=\"&x;\"/>"));
    p.add(new Payload("parameter entity pulling a dtd", UNSAFE, l -> "<!DOCTYPE svg [<!ENTITY % d SYSTEM \""
        + l.url("pe.dtd") + "\"> %d; <!ENTITY % q \"x\">]><svg " + Drawings.NS + "/>"));
    p.add(new Payload("illustrator namespace entities", UNSAFE, l -> "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \""
        + l.url("svg11.dtd") + "\" [<!ENTITY ns_svg \"http://www.w3.org/2000/svg\">]>"
        + "<svg xmlns=\"&ns_svg;\"/>"));
    p.add(new Payload("internal subset without entities", UNSAFE, l -> "<!DOCTYPE svg [<!ATTLIST svg width CDATA"
        + " \"10\">]><svg " + Drawings.NS + " height=\"10\"><rect width=\"5\" height=\"5\"/></svg>"));
    p.add(new Payload("empty internal subset", UNSAFE, l -> "<!DOCTYPE svg SYSTEM \"" + l.url("e.dtd") + "\" []>"
        + "<svg " + Drawings.NS + "/>"));
    p.add(new Payload("undeclared entity behind an external dtd", UNSAFE, l -> "<!DOCTYPE svg SYSTEM \""
        + l.url("u.dtd") + "\"><svg " + Drawings.NS + "><text>&ent;</text></svg>"));
    p.add(new Payload("undeclared entity in an attribute behind an external dtd", UNSAFE, l -> "<!DOCTYPE svg PUBLIC"
        + " \"-//W3C//DTD SVG 1.1//EN\" \"" + l.url("v.dtd") + "\"><svg " + Drawings.NS + " width=\"1&w;0\"/>"));
    p.add(new Payload("billion laughs", UNSAFE, l -> "<!DOCTYPE svg [<!ENTITY a \"lol\">"
        + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
        + "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">]>"
        + "<svg " + Drawings.NS + "><text>&e;</text></svg>"));
    p.add(new Payload("undeclared entity", UNSAFE, l -> "<svg " + Drawings.NS + ">&nope;</svg>"));
    p.add(new Payload("not well-formed", ErrorCode.CORRUPT_FILE, l -> "<svg " + Drawings.NS + "><rect></svg>"));
    p.add(new Payload("not xml at all", ErrorCode.CORRUPT_FILE, l -> "GIF89a not an svg"));
    p.add(new Payload("html root", SvgProcessor.NOT_SVG, l -> "<html><body><img src=\"" + l.url("i") + "\"/></body></html>"));
    p.add(new Payload("svg without namespace", SvgProcessor.NOT_SVG, l -> "<svg><rect width=\"5\" height=\"5\"/></svg>"));
    p.add(new Payload("svg in foreign namespace", SvgProcessor.NOT_SVG, l -> "<svg xmlns=\"urn:other\"/>"));
    p.add(new Payload("xinclude", UNSAFE, l -> Drawings.svg("<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\""
        + " href=\"" + l.url("xinclude") + "\"/>")));
    // external resources, every way a renderer might load one
    p.add(new Payload("image xlink:href http", UNSAFE, l -> Drawings.svg("<image width=\"10\" height=\"10\""
        + " xlink:href=\"" + l.url("a.png") + "\"/>")));
    p.add(new Payload("image plain href http", UNSAFE, l -> Drawings.svg("<image width=\"10\" height=\"10\" href=\""
        + l.url("b.png") + "\"/>")));
    p.add(new Payload("image https", UNSAFE, l -> Drawings.svg("<image width=\"10\" height=\"10\" href=\"https://"
        + l.hostPort() + "/c.png\"/>")));
    p.add(new Payload("image protocol-relative", UNSAFE, l -> Drawings.svg("<image width=\"10\" height=\"10\" href=\"//"
        + l.hostPort() + "/d.png\"/>")));
    p.add(new Payload("image file", UNSAFE, l -> Drawings.svg("<image width=\"10\" height=\"10\""
        + " href=\"file:///etc/passwd\"/>")));
    p.add(new Payload("image jar", UNSAFE, l -> Drawings.svg("<image width=\"10\" height=\"10\" href=\"jar:"
        + l.url("e.jar") + "!/x.png\"/>")));
    p.add(new Payload("image relative path", UNSAFE, l -> Drawings.svg("<image width=\"10\" height=\"10\""
        + " href=\"../../secret.png\"/>")));
    p.add(new Payload("use external document", UNSAFE, l -> Drawings.svg("<use xlink:href=\"" + l.url("f.svg")
        + "#x\"/>")));
    p.add(new Payload("feImage external", UNSAFE, l -> Drawings.svg("<filter id=\"f\"><feImage xlink:href=\""
        + l.url("g.png") + "\"/></filter><rect width=\"9\" height=\"9\" filter=\"url(#f)\"/>")));
    p.add(new Payload("fill url external", UNSAFE, l -> Drawings.svg("<rect width=\"9\" height=\"9\" fill=\"url("
        + l.url("h.svg") + "#p)\"/>")));
    p.add(new Payload("style attribute url", UNSAFE, l -> Drawings.svg("<rect width=\"9\" height=\"9\""
        + " style=\"fill: url('" + l.url("i.svg") + "#p')\"/>")));
    p.add(new Payload("css import", UNSAFE, l -> Drawings.svg("<style>@import url(" + l.url("j.css")
        + ");</style><rect width=\"9\" height=\"9\"/>")));
    p.add(new Payload("css import string", UNSAFE, l -> Drawings.svg("<style>@import \"" + l.url("k.css")
        + "\";</style><rect width=\"9\" height=\"9\"/>")));
    p.add(new Payload("xml-stylesheet instruction", UNSAFE, l -> "<?xml-stylesheet type=\"text/css\" href=\""
        + l.url("ss.css") + "\"?>" + Drawings.svg("<rect width=\"9\" height=\"9\"/>")));
    p.add(new Payload("xml-stylesheet instruction to a fragment", UNSAFE, l -> "<?xml-stylesheet type=\"text/css\""
        + " href=\"#sheet\"?>" + Drawings.svg("<style id=\"sheet\">rect { fill: #0a0 }</style>"
        + "<rect width=\"9\" height=\"9\"/>")));
    p.add(new Payload("xml-stylesheet instruction, single quotes", UNSAFE, l -> "<?xml-stylesheet href='"
        + l.url("ss2.css") + "' type='text/css'?>" + Drawings.svg("<rect width=\"9\" height=\"9\"/>")));
    p.add(new Payload("css font-face", UNSAFE, l -> Drawings.svg("<style>@font-face { font-family: x; src: url("
        + l.url("l.woff") + "); }</style><text font-family=\"x\">a</text>")));
    p.add(new Payload("css escaped url", UNSAFE, l -> Drawings.svg("<style>rect { fill: u\\72 l(\""
        + l.url("esc.svg") + "#p\") }</style><rect width=\"9\" height=\"9\"/>")));
    p.add(new Payload("css escaped import", UNSAFE, l -> Drawings.svg("<style>@\\69mport '" + l.url("esc.css")
        + "';</style><rect width=\"9\" height=\"9\"/>")));
    p.add(new Payload("css comment inside url", UNSAFE, l -> Drawings.svg("<rect width=\"9\" height=\"9\""
        + " style=\"fill:u/**/rl(" + l.url("cmt.svg") + "#p)\"/>")));
    p.add(new Payload("css background image", UNSAFE, l -> Drawings.svg("<style>rect { fill: url(\""
        + l.url("m.svg") + "#p\") }</style><rect width=\"9\" height=\"9\"/>")));
    p.add(new Payload("svg font-face-uri", UNSAFE, l -> Drawings.svg("<font-face font-family=\"x\"><font-face-src>"
        + "<font-face-uri xlink:href=\"" + l.url("n.svg") + "#f\"/></font-face-src></font-face>")));
    p.add(new Payload("color-profile", UNSAFE, l -> Drawings.svg("<color-profile name=\"p\" xlink:href=\""
        + l.url("o.icc") + "\"/>")));
    p.add(new Payload("xml:base", UNSAFE, l -> "<svg " + Drawings.NS + " " + Drawings.XLINK + " xml:base=\""
        + l.url("") + "\"><image width=\"9\" height=\"9\" xlink:href=\"#x\"/></svg>"));
    p.add(new Payload("nested svg in data uri", UNSAFE, l -> Drawings.svg("<image width=\"9\" height=\"9\""
        + " href=\"data:image/svg+xml;base64," + Base64.getEncoder().encodeToString(("<svg " + Drawings.NS + " "
            + Drawings.XLINK + "><image xlink:href=\"" + l.url("q.png") + "\"/></svg>").getBytes()) + "\"/>")));
    p.add(new Payload("javascript uri", UNSAFE, l -> Drawings.svg("<a href=\"javascript:fetch('" + l.url("r")
        + "')\"><rect width=\"9\" height=\"9\"/></a>")));
    p.add(new Payload("javascript uri split by a tab", UNSAFE, l -> Drawings.svg("<a xlink:href=\" java&#9;script:fetch('"
        + l.url("r2") + "')\"><rect width=\"9\" height=\"9\"/></a>")));
    p.add(new Payload("html data uri on a link", UNSAFE, l -> Drawings.svg("<a href=\"data:text/html,&lt;script&gt;"
        + "fetch('" + l.url("r3") + "')&lt;/script&gt;\"><rect width=\"9\" height=\"9\"/></a>")));
    // scripts
    p.add(new Payload("script element", UNSAFE, l -> Drawings.svg("<script type=\"application/ecmascript\">"
        + "new java.net.URL('" + l.url("s") + "').openStream(); fetch('" + l.url("s2") + "');</script>"
        + "<rect width=\"9\" height=\"9\"/>")));
    p.add(new Payload("external script", UNSAFE, l -> Drawings.svg("<script xlink:href=\"" + l.url("t.js")
        + "\"/>")));
    p.add(new Payload("onload attribute", UNSAFE, l -> "<svg " + Drawings.NS + " onload=\"fetch('" + l.url("u")
        + "')\"><rect width=\"9\" height=\"9\"/></svg>"));
    p.add(new Payload("onclick attribute", UNSAFE, l -> Drawings.svg("<rect width=\"9\" height=\"9\""
        + " onclick=\"fetch('" + l.url("v") + "')\"/>")));
    p.add(new Payload("handler element", UNSAFE, l -> Drawings.svg("<handler xmlns:ev=\"http://www.w3.org/2001/xml-events\""
        + " ev:event=\"load\">fetch('" + l.url("w") + "')</handler>")));
    // denial of service
    p.add(new Payload("self-referencing use", UNSAFE, l -> Drawings.svg("<g id=\"a\"><use href=\"#a\"/></g>")));
    p.add(new Payload("mutually recursive use", UNSAFE, l -> Drawings.svg("<g id=\"a\"><use xlink:href=\"#b\"/></g>"
        + "<g id=\"b\"><use xlink:href=\"#a\"/></g>")));
    p.add(new Payload("use of the root", UNSAFE, l -> "<svg " + Drawings.NS + " id=\"r\"><use href=\"#r\"/></svg>"));
    p.add(new Payload("recursive pattern", UNSAFE, l -> Drawings.svg("<pattern id=\"p\" width=\"5\" height=\"5\">"
        + "<rect width=\"5\" height=\"5\" fill=\"url(#p)\"/></pattern><rect width=\"9\" height=\"9\" fill=\"url(#p)\"/>")));
    p.add(new Payload("use fan-out bomb", UNSAFE, l -> {
      StringBuilder b = new StringBuilder("<defs><rect id=\"l0\" width=\"1\" height=\"1\"/>");
      for (int level = 1; level <= 12; level++) {
        b.append("<g id=\"l").append(level).append("\">");
        for (int i = 0; i < 10; i++) {
          b.append("<use href=\"#l").append(level - 1).append("\"/>");
        }
        b.append("</g>");
      }
      return Drawings.svg(b.append("</defs><use href=\"#l12\"/>").toString());
    }));
    p.add(new Payload("deep nesting", UNSAFE, l -> Drawings.svg("<g>".repeat(500) + "</g>".repeat(500))));
    p.add(new Payload("too many elements", UNSAFE, l -> Drawings.svg("<rect/>".repeat(200_001))));
    p.add(new Payload("huge canvas", ErrorCode.IMAGE_TOO_LARGE, l -> "<svg " + Drawings.NS
        + " width=\"100000\" height=\"100000\"><rect width=\"10\" height=\"10\"/></svg>"));
    p.add(new Payload("huge embedded image", ErrorCode.IMAGE_TOO_LARGE, l -> Drawings.svg(
        "<image width=\"9\" height=\"9\" href=\"data:image/png;base64," + hugePngHeader() + "\"/>")));
    return p;
  }

  /** A PNG whose header claims 100000 x 100000 pixels: a decompression bomb that is refused before decoding. */
  static String hugePngHeader() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
      ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
      DataOutputStream h = new DataOutputStream(ihdr);
      h.writeBytes("IHDR");
      h.writeInt(100_000);
      h.writeInt(100_000);
      h.write(new byte[] {8, 6, 0, 0, 0});
      out.writeInt(13);
      out.write(ihdr.toByteArray());
      CRC32 crc = new CRC32();
      crc.update(ihdr.toByteArray());
      out.writeInt((int) crc.getValue());
      return Base64.getEncoder().encodeToString(bytes.toByteArray());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (Payload payload : payloads()) {
      for (SvgRenderer renderer : SvgRenderer.values()) {
        cases.add(Arguments.of(payload, renderer, SvgFormat.PNG));
      }
      cases.add(Arguments.of(payload, SvgRenderer.BATIK, SvgFormat.PDF));
      if (payload.code() != ErrorCode.IMAGE_TOO_LARGE || payload.name().contains("embedded")) {
        // a slide fits any canvas into its own bounded size, so only a huge embedded image fails a deck
        cases.add(Arguments.of(payload, SvgRenderer.JSVG, SvgFormat.PPTX));
      }
    }
    return cases;
  }

  static List<Arguments> hyperlinkCases() {
    List<Arguments> cases = new ArrayList<>();
    for (String attribute : List.of("xlink:href", "href")) {
      for (SvgRenderer renderer : SvgRenderer.values()) {
        cases.add(Arguments.of(attribute, renderer, SvgFormat.PNG));
      }
      cases.add(Arguments.of(attribute, SvgRenderer.BATIK, SvgFormat.PDF));
      cases.add(Arguments.of(attribute, SvgRenderer.AUTO, SvgFormat.PPTX));
      cases.add(Arguments.of(attribute, SvgRenderer.BATIK, SvgFormat.PPTX));
    }
    return cases;
  }

  @ParameterizedTest(name = "{0} with {1} to {2}")
  @MethodSource("hyperlinkCases")
  void drawsHyperlinksWithoutEverFollowingThem(String attribute, SvgRenderer renderer, SvgFormat format)
      throws Exception {
    int before = listener.requests();
    SvgProcessor processor = SvgProcessor.builder().renderer(renderer).format(format).build();
    String svg = Drawings.svg("<a " + attribute + "=\"" + listener.url("page") + "\"><rect width=\"90\" height=\"90\""
        + " fill=\"#00c\"/></a><a " + attribute + "=\"https://" + listener.hostPort() + "/other\" target=\"_blank\">"
        + "<text x=\"5\" y=\"95\" font-size=\"9\">link</text></a>"
        + "<a " + attribute + "=\"mailto:someone@example.invalid\"><circle cx=\"50\" cy=\"50\" r=\"9\"/></a>"
        // an <a> outside the SVG namespace, as in resvg's structure/svg/mixed-namespaces: no renderer draws it
        + "<text x=\"5\" y=\"50\"><a xmlns=\"http://example.org/notsvg\" xmlns:n=\"http://example.org/notxlink\""
        + " n:href=\"" + listener.url("foreign") + "\">x</a></text>");

    SvgConversion result = processor.process(TestInputFile.write(root, "links.svg", svg, MediaType.SVG), context);

    assertThat(result.bytes()).isPositive();
    assertThat(listener.requests()).as("requests to the loopback listener").isEqualTo(before);
  }

  @org.junit.jupiter.api.Test
  void listenerCountsARealFetch() throws Exception {
    int before = listener.requests();
    try (java.io.InputStream in = java.net.URI.create(listener.url("control")).toURL().openStream()) {
      assertThat(in.readAllBytes()).isNotEmpty();
    }
    assertThat(listener.requests()).isEqualTo(before + 1);
  }

  @ParameterizedTest(name = "{0} with {1} to {2}")
  @MethodSource("cases")
  void refusesHostileSvgWithItsCodeAndContactsNothing(Payload payload, SvgRenderer renderer, SvgFormat format)
      throws Exception {
    int before = listener.requests();
    SvgProcessor processor = SvgProcessor.builder().renderer(renderer).format(format).build();

    FileProcessingException failure = catchThrowableOfType(FileProcessingException.class,
        () -> processor
            .process(TestInputFile.write(root, "hostile.svg", payload.svg().apply(listener), MediaType.SVG), context));

    assertThat(failure).as("typed failure").isNotNull();
    assertThat(failure.code()).isEqualTo(payload.code());
    assertThat(failure.error().remediation()).isNotBlank();
    assertThat(listener.requests()).as("requests to the loopback listener").isEqualTo(before);
    assertThat(context.outputs()).isEmptyDirectory();
  }
}
