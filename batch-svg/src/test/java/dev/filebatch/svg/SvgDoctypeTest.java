package dev.filebatch.svg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.filebatch.ErrorCode;
import dev.filebatch.MediaType;
import dev.filebatch.spi.FileProcessingException;
import dev.filebatch.svg.internal.SvgAnalysis;
import dev.filebatch.svg.internal.SvgConverter;
import dev.filebatch.testkit.TestContext;
import dev.filebatch.testkit.TestInputFile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFPictureShape;
import org.apache.poi.xslf.usermodel.XSLFShape;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real-world exports (Illustrator, older Inkscape and CAD tools) start with the standard SVG DOCTYPE. Every common form
 * converts with every renderer and format, and its DTD is never fetched: each system id points at a listener on
 * 127.0.0.1, which must receive zero requests.
 */
class SvgDoctypeTest {
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

  record Form(String name, Function<LoopbackListener, String> prolog) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final String BODY = "<svg " + Drawings.NS + " " + Drawings.XLINK + " width=\"120\" height=\"60\">"
      + "<rect width=\"120\" height=\"60\" fill=\"#0a0\"/><circle cx=\"60\" cy=\"30\" r=\"20\" fill=\"#fff\"/>"
      + "<text x=\"5\" y=\"55\" font-size=\"9\">&#169; A&amp;B &lt;ok&gt; &quot;q&quot; &apos;a&apos;</text></svg>";

  static List<Form> forms() {
    List<Form> f = new ArrayList<>();
    f.add(new Form("svg 1.1 public", l -> "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"" + l.url("svg11.dtd") + "\">\n"));
    f.add(new Form("svg 1.0 public", l -> "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>\n"
        + "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 20010904//EN\"\n  \"" + l.url("svg10.dtd") + "\">\n"));
    f.add(new Form("svg tiny 1.1", l -> "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1 Tiny//EN\" \""
        + l.url("svg11-tiny.dtd") + "\">"));
    f.add(new Form("svg basic 1.1", l -> "<!DOCTYPE svg PUBLIC '-//W3C//DTD SVG 1.1 Basic//EN' '"
        + l.url("svg11-basic.dtd") + "'>"));
    f.add(new Form("illustrator export", l -> "<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n"
        + "<!-- Generator: Adobe Illustrator 16.0.0, SVG Export Plug-In . SVG Version: 6.00 Build 0)  -->\r\n"
        + "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"" + l.url("Graphics/SVG/1.1/DTD/svg11.dtd") + "\">\r\n"));
    f.add(new Form("system id only, standalone no", l -> "<?xml version=\"1.0\" standalone=\"no\"?>"
        + "<!DOCTYPE svg SYSTEM \"" + l.url("svg.dtd") + "\">"));
    f.add(new Form("standalone yes", l -> "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
        + "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"" + l.url("svg11.dtd") + "\">"));
    f.add(new Form("system id with query and ampersand", l -> "<!DOCTYPE svg SYSTEM \"" + l.url("d.dtd?a=1&b=2")
        + "\">"));
    f.add(new Form("bare name", l -> "<!DOCTYPE svg>"));
    f.add(new Form("utf-8 bom", l -> "\uFEFF<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"" + l.url("bom.dtd")
        + "\">"));
    return f;
  }

  static List<Arguments> conversions() {
    List<Arguments> cases = new ArrayList<>();
    for (Form form : forms()) {
      for (SvgRenderer renderer : SvgRenderer.values()) {
        cases.add(Arguments.of(form, renderer, SvgFormat.PNG));
      }
      cases.add(Arguments.of(form, SvgRenderer.AUTO, SvgFormat.PDF));
      cases.add(Arguments.of(form, SvgRenderer.JSVG, SvgFormat.PPTX));
      cases.add(Arguments.of(form, SvgRenderer.BATIK, SvgFormat.PPTX));
    }
    return cases;
  }

  @ParameterizedTest(name = "{0} with {1} to {2}")
  @MethodSource("conversions")
  void convertsDrawingsWithTheStandardDoctypeAndNeverFetchesTheDtd(Form form, SvgRenderer renderer, SvgFormat format)
      throws Exception {
    int before = listener.requests();
    // ASCII apart from the BOM, so UTF-8 bytes are also valid for the form that declares ISO-8859-1
    byte[] svg = (form.prolog().apply(listener) + BODY).getBytes(StandardCharsets.UTF_8);

    SvgConversion result = SvgProcessor.builder().renderer(renderer).format(format).build()
        .process(TestInputFile.write(root, "exported.svg", svg, MediaType.SVG), context);

    Path output = Path.of(result.path());
    switch (format) {
      case PNG -> assertThat(drawnPixels(ImageIO.read(output.toFile()))).isGreaterThan(3000);
      case PDF -> {
        try (PDDocument pdf = Loader.loadPDF(output.toFile())) {
          assertThat(pdf.getNumberOfPages()).isEqualTo(1);
          BufferedImage page = new PDFRenderer(pdf).renderImageWithDPI(0, 144);
          assertThat(nonWhitePixels(page)).isGreaterThan(3000);
        }
      }
      case PPTX -> {
        try (InputStream in = Files.newInputStream(output); XMLSlideShow show = new XMLSlideShow(in)) {
          XSLFPictureShape picture = null;
          for (XSLFShape shape : show.getSlides().get(0).getShapes()) {
            if (shape instanceof XSLFPictureShape p) {
              picture = p;
            }
          }
          assertThat(picture).isNotNull();
          BufferedImage fallback = ImageIO.read(new ByteArrayInputStream(picture.getPictureData().getData()));
          assertThat(drawnPixels(fallback)).isGreaterThan(3000);
          String embedded = new String(picture.getSvgImage().getData(), StandardCharsets.UTF_8);
          assertThat(embedded).as("the deck carries the drawing without its DOCTYPE").contains("<svg")
              .doesNotContain("DOCTYPE").doesNotContain(listener.hostPort());
        }
      }
      default -> throw new IllegalStateException();
    }
    assertThat(listener.requests()).as("requests to the loopback listener").isEqualTo(before);
  }

  @Test
  void removesOnlyTheDoctypeKeepingEveryOtherByte() throws Exception {
    String prolog = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- <!DOCTYPE in a comment> & -->\n";
    String doctype = "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"" + listener.url("svg11.dtd") + "\">";
    String body = "\n<svg " + Drawings.NS + " width=\"10\" height=\"10\"><style><![CDATA[ rect { fill: red } /* & */"
        + " ]]></style><rect width=\"10\" height=\"10\"/><text>caf\u00e9 &#x263A;</text></svg>\n";

    SvgAnalysis analysis = new SvgConverter(SvgOptions.defaults())
        .analyze((prolog + doctype + body).getBytes(StandardCharsets.UTF_8));

    assertThat(new String(analysis.bytes(), StandardCharsets.UTF_8)).isEqualTo(prolog + body);
    assertThat(analysis.document().getDoctype()).isNull();
  }

  @Test
  void keepsTheEncodingOfUtf16Drawings() throws Exception {
    String text = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \""
        + listener.url("svg11.dtd") + "\">" + BODY;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write(new byte[] {(byte) 0xFF, (byte) 0xFE});
    bytes.write(text.getBytes(StandardCharsets.UTF_16LE));
    int before = listener.requests();

    SvgConversion result = SvgProcessor.builder().renderer(SvgRenderer.JSVG).build()
        .process(TestInputFile.write(root, "utf16.svg", bytes.toByteArray(), MediaType.SVG), context);

    assertThat(drawnPixels(ImageIO.read(Path.of(result.path()).toFile()))).isGreaterThan(3000);
    SvgAnalysis analysis = new SvgConverter(SvgOptions.defaults()).analyze(bytes.toByteArray());
    assertThat(analysis.bytes()).startsWith((byte) 0xFF, (byte) 0xFE);
    assertThat(new String(analysis.bytes(), StandardCharsets.UTF_16LE)).doesNotContain("DOCTYPE").contains("<svg");
    assertThat(listener.requests()).isEqualTo(before);
  }

  @Test
  void refusesAnInternalSubsetEvenWithoutEntityDeclarations() throws Exception {
    String svg = "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"" + listener.url("svg11.dtd") + "\""
        + " [<!ATTLIST svg width CDATA \"10\">]>" + BODY;

    FileProcessingException failure = catchThrowableOfType(FileProcessingException.class,
        () -> SvgProcessor.create().process(TestInputFile.write(root, "subset.svg", svg, MediaType.SVG), context));

    assertThat(failure.code()).isEqualTo(ErrorCode.UNSAFE_CONTENT);
    assertThat(failure.getMessage()).contains("internal subset");
  }

  @Test
  void refusesAnUndeclaredEntityInAnAttributeThatTheParsersWouldSilentlyDrop() throws Exception {
    String svg = "<!DOCTYPE svg SYSTEM \"" + listener.url("svg.dtd") + "\">"
        + "<svg " + Drawings.NS + " width=\"1&w;0\" height=\"10\"/>";

    FileProcessingException failure = catchThrowableOfType(FileProcessingException.class,
        () -> SvgProcessor.create().process(TestInputFile.write(root, "entity.svg", svg, MediaType.SVG), context));

    assertThat(failure.code()).isEqualTo(ErrorCode.UNSAFE_CONTENT);
    assertThat(failure.getMessage()).contains("&w;");
  }

  static long drawnPixels(BufferedImage image) {
    assertThat(image).isNotNull();
    long drawn = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) >>> 24) != 0) {
          drawn++;
        }
      }
    }
    return drawn;
  }

  static long nonWhitePixels(BufferedImage image) {
    long drawn = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
          drawn++;
        }
      }
    }
    return drawn;
  }
}
