package dev.filebatch.svg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.filebatch.BatchJson;
import dev.filebatch.MediaType;
import dev.filebatch.spi.InputFile;
import dev.filebatch.testkit.TestContext;
import dev.filebatch.testkit.TestInputFile;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.pdfparser.PDFStreamParser;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.poi.sl.usermodel.PictureData.PictureType;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFPictureShape;
import org.apache.poi.xslf.usermodel.XSLFShape;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFTextShape;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SvgConversionTest {
  @TempDir Path root;
  TestContext context;

  @BeforeEach
  void setUp() throws Exception {
    context = TestContext.in(root);
  }

  static BufferedImage read(Path path) throws Exception {
    BufferedImage image = ImageIO.read(path.toFile());
    assertThat(image).as("decodable image at %s", path).isNotNull();
    return image;
  }

  static long drawnPixels(BufferedImage image) {
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

  @ParameterizedTest
  @EnumSource(SvgRenderer.class)
  void convertsToPngOfTheDrawingsSizeWithDrawnPixels(SvgRenderer renderer) throws Exception {
    SvgProcessor processor = SvgProcessor.builder().renderer(renderer).build();
    SvgConversion result = processor
        .process(TestInputFile.write(root, "logo.svg", Drawings.simple(), MediaType.SVG), context);

    assertThat(result.format()).isEqualTo(SvgFormat.PNG);
    assertThat(result.outputFile()).isEqualTo("logo.png");
    assertThat(result.width()).isEqualTo(200);
    assertThat(result.height()).isEqualTo(100);
    assertThat(result.unit()).isEqualTo("px");
    BufferedImage image = read(Path.of(result.path()));
    assertThat(image.getWidth()).isEqualTo(200);
    assertThat(image.getHeight()).isEqualTo(100);
    assertThat(drawnPixels(image)).isGreaterThan(5000);
    // red square at left, blue circle at right, transparent corner
    Color square = new Color(image.getRGB(50, 50), true);
    assertThat(square.getRed()).isGreaterThan(200);
    Color circle = new Color(image.getRGB(150, 50), true);
    assertThat(circle.getBlue()).isGreaterThan(180);
    assertThat(image.getRGB(199, 0) >>> 24).isZero();
    assertThat(result.bytes()).isEqualTo(Files.size(Path.of(result.path())));
  }

  @Test
  void autoUsesJsvgForPlainShapesAndBatikForFilters() throws Exception {
    SvgProcessor processor = SvgProcessor.builder().renderer(SvgRenderer.AUTO).build();
    SvgConversion plain = processor
        .process(TestInputFile.write(root, "plain.svg", Drawings.shapes(), MediaType.SVG), context);
    String filtered = Drawings.svg("<filter id=\"b\"><feGaussianBlur stdDeviation=\"2\"/></filter>"
        + "<rect x=\"10\" y=\"10\" width=\"80\" height=\"80\" fill=\"#333\" filter=\"url(#b)\"/>");
    SvgConversion blurred = processor.process(TestInputFile.write(root, "blur.svg", filtered, MediaType.SVG), context);

    assertThat(plain.renderer()).isEqualTo(SvgRenderer.JSVG);
    assertThat(blurred.renderer()).isEqualTo(SvgRenderer.BATIK);
    assertThat(drawnPixels(read(Path.of(blurred.path())))).isGreaterThan(5000);
  }

  @Test
  void autoSendsWhatJsvgDrawsWronglyToBatikAndWhatBatikDrawsWronglyToJsvg() throws Exception {
    SvgProcessor processor = SvgProcessor.create();
    String groupOpacity = Drawings.svg("<g opacity=\"0.5\"><rect width=\"60\" height=\"60\" fill=\"red\"/>"
        + "<rect x=\"30\" y=\"30\" width=\"60\" height=\"60\" fill=\"blue\"/></g>");
    String marker = Drawings.svg("<marker id=\"m\" markerWidth=\"4\" markerHeight=\"4\"><rect width=\"4\""
        + " height=\"4\"/></marker><line x1=\"5\" y1=\"5\" x2=\"90\" y2=\"90\" stroke=\"#000\""
        + " marker-end=\"url(#m)\"/>");
    String rgba = Drawings.svg("<rect width=\"80\" height=\"80\" fill=\"rgba(255, 0, 0, 0.5)\"/>");

    SvgConversion a = processor.process(TestInputFile.write(root, "group.svg", groupOpacity, MediaType.SVG), context);
    SvgConversion b = processor.process(TestInputFile.write(root, "marker.svg", marker, MediaType.SVG), context);
    SvgConversion c = processor.process(TestInputFile.write(root, "rgba.svg", rgba, MediaType.SVG), context);

    assertThat(a.renderer()).isEqualTo(SvgRenderer.BATIK);
    assertThat(b.renderer()).isEqualTo(SvgRenderer.BATIK);
    assertThat(c.renderer()).isEqualTo(SvgRenderer.JSVG);
    // half-transparent red, not Batik's opaque black
    Color pixel = new Color(read(Path.of(c.path())).getRGB(40, 40), true);
    assertThat(pixel.getRed()).isGreaterThan(200);
    assertThat(pixel.getAlpha()).isBetween(100, 160);
  }

  @Test
  void honoursRequestedWidthKeepingTheAspectRatio() throws Exception {
    SvgConversion result = SvgProcessor.builder().width(400).build()
        .process(TestInputFile.write(root, "logo.svg", Drawings.simple(), MediaType.SVG), context);

    BufferedImage image = read(Path.of(result.path()));
    assertThat(image.getWidth()).isEqualTo(400);
    assertThat(image.getHeight()).isEqualTo(200);
    assertThat(drawnPixels(image)).isGreaterThan(20000);
  }

  @ParameterizedTest
  @EnumSource(value = SvgRenderer.class, names = {"BATIK", "JSVG"})
  void honoursWidthAndHeightScaleAndDpi(SvgRenderer renderer) throws Exception {
    InputFile file = TestInputFile.write(root, "logo.svg", Drawings.simple(), MediaType.SVG);
    BufferedImage both = read(Path.of(SvgProcessor.builder().renderer(renderer).width(300).height(300).build()
        .process(file, context).path()));
    BufferedImage scaled = read(Path.of(SvgProcessor.builder().renderer(renderer).scale(0.5).build()
        .process(file, context).path()));
    BufferedImage dpi = read(Path.of(SvgProcessor.builder().renderer(renderer).dpi(192).build()
        .process(file, context).path()));

    assertThat(both.getWidth()).isEqualTo(300);
    assertThat(both.getHeight()).isEqualTo(300);
    assertThat(drawnPixels(both)).isGreaterThan(10000);
    assertThat(scaled.getWidth()).isEqualTo(100);
    assertThat(scaled.getHeight()).isEqualTo(50);
    assertThat(dpi.getWidth()).isEqualTo(400);
    assertThat(dpi.getHeight()).isEqualTo(200);
  }

  @Test
  void recordsTheDpiInThePng() throws Exception {
    SvgConversion result = SvgProcessor.builder().dpi(300).build()
        .process(TestInputFile.write(root, "logo.svg", Drawings.simple(), MediaType.SVG), context);

    try (var in = ImageIO.createImageInputStream(Path.of(result.path()).toFile())) {
      var reader = ImageIO.getImageReaders(in).next();
      reader.setInput(in);
      var standard = (javax.imageio.metadata.IIOMetadataNode) reader.getImageMetadata(0)
          .getAsTree("javax_imageio_1.0");
      var size = (javax.imageio.metadata.IIOMetadataNode) standard.getElementsByTagName("HorizontalPixelSize").item(0);
      // millimetres per pixel: 25.4 / 300
      assertThat(Double.parseDouble(size.getAttribute("value"))).isCloseTo(25.4 / 300,
          org.assertj.core.data.Offset.offset(0.001));
      reader.dispose();
    }
  }

  @Test
  void sizesFromPhysicalUnitsAndViewBox() throws Exception {
    String inches = "<svg " + Drawings.NS + " width=\"1in\" height=\"0.5in\"><rect width=\"100%\" height=\"100%\"/></svg>";
    String viewBoxOnly = "<svg " + Drawings.NS + " viewBox=\"0 0 64 32\"><rect width=\"64\" height=\"32\"/></svg>";

    SvgConversion a = SvgProcessor.create().process(TestInputFile.write(root, "a.svg", inches, MediaType.SVG), context);
    SvgConversion b = SvgProcessor.create()
        .process(TestInputFile.write(root, "b.svg", viewBoxOnly, MediaType.SVG), context);

    assertThat(read(Path.of(a.path())).getWidth()).isEqualTo(96);
    assertThat(read(Path.of(a.path())).getHeight()).isEqualTo(48);
    assertThat(read(Path.of(b.path())).getWidth()).isEqualTo(64);
    assertThat(drawnPixels(read(Path.of(b.path())))).isEqualTo(64 * 32);
  }

  @ParameterizedTest
  @EnumSource(value = SvgRenderer.class, names = {"BATIK", "JSVG"})
  void drawsSvg2PlainHrefAsWellAsXlinkHref(SvgRenderer renderer) throws Exception {
    String plain = Drawings.svg("<defs><rect id=\"r\" width=\"40\" height=\"40\" fill=\"#d00\"/></defs>"
        + "<use href=\"#r\" x=\"10\" y=\"10\"/>");
    String xlink = Drawings.svg("<defs><rect id=\"r\" width=\"40\" height=\"40\" fill=\"#d00\"/></defs>"
        + "<use xlink:href=\"#r\" x=\"10\" y=\"10\"/>");
    SvgProcessor processor = SvgProcessor.builder().renderer(renderer).build();

    for (String svg : List.of(plain, xlink)) {
      BufferedImage image = read(Path.of(processor
          .process(TestInputFile.write(root, "use.svg", svg, MediaType.SVG), context).path()));
      assertThat(drawnPixels(image)).isEqualTo(40 * 40);
      assertThat(new Color(image.getRGB(30, 30), true).getRed()).isGreaterThan(200);
    }
  }

  @Test
  void acceptsLargeDrawingsThatShareOneGradient() throws Exception {
    StringBuilder body = new StringBuilder("<linearGradient id=\"g\"><stop offset=\"0\" stop-color=\"#f00\"/>"
        + "<stop offset=\"1\" stop-color=\"#00f\"/></linearGradient>");
    for (int i = 0; i < 60_000; i++) {
      body.append("<rect x=\"").append(i % 100).append("\" width=\"1\" height=\"1\" fill=\"url(#g)\"/>");
    }

    SvgConversion result = SvgProcessor.create()
        .process(TestInputFile.write(root, "many.svg", Drawings.svg(body.toString()), MediaType.SVG),
        context);

    assertThat(drawnPixels(read(Path.of(result.path())))).isGreaterThan(90);
  }

  @Test
  void drawsEmbeddedDataUriImages() throws Exception {
    BufferedImage tile = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
    java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
    ImageIO.write(tile, "png", png);
    String data = "data:image/png;base64," + java.util.Base64.getEncoder().encodeToString(png.toByteArray());
    String svg = Drawings.svg("<image width=\"50\" height=\"50\" xlink:href=\"" + data + "\"/>");

    for (SvgRenderer renderer : List.of(SvgRenderer.BATIK, SvgRenderer.JSVG)) {
      SvgConversion result = SvgProcessor.builder().renderer(renderer).build()
          .process(TestInputFile.write(root, "img.svg", svg, MediaType.SVG), context);
      assertThat(drawnPixels(read(Path.of(result.path())))).as(renderer.name()).isGreaterThan(2000);
    }
  }

  @Test
  void convertsToJpegOnTheBackgroundColour() throws Exception {
    SvgConversion result = SvgProcessor.builder().format(SvgFormat.JPEG).background("#00ff00").jpegQuality(0.8f)
        .build().process(TestInputFile.write(root, "logo.svg", Drawings.simple(), MediaType.SVG), context);

    assertThat(result.outputFile()).isEqualTo("logo.jpg");
    BufferedImage image = read(Path.of(result.path()));
    assertThat(image.getWidth()).isEqualTo(200);
    Color corner = new Color(image.getRGB(198, 2));
    assertThat(corner.getGreen()).isGreaterThan(200);
    assertThat(corner.getRed()).isLessThan(60);
    assertThat(new Color(image.getRGB(50, 50)).getRed()).isGreaterThan(180);
  }

  @Test
  void pngBackgroundFillsTransparentAreas() throws Exception {
    SvgConversion result = SvgProcessor.builder().background(Color.WHITE).build()
        .process(TestInputFile.write(root, "logo.svg", Drawings.simple(), MediaType.SVG), context);

    assertThat(read(Path.of(result.path())).getRGB(199, 0)).isEqualTo(0xffffffff);
  }

  @ParameterizedTest
  @EnumSource(SvgRenderer.class)
  void convertsToPdfWithVectorPathsAndRealText(SvgRenderer renderer) throws Exception {
    SvgConversion result = SvgProcessor.builder().format(SvgFormat.PDF).renderer(renderer).build()
        .process(TestInputFile.write(root, "logo.svg", Drawings.simple(), MediaType.SVG), context);

    assertThat(result.outputFile()).isEqualTo("logo.pdf");
    assertThat(result.width()).isEqualTo(150);
    assertThat(result.height()).isEqualTo(75);
    assertThat(result.unit()).isEqualTo("pt");
    try (PDDocument pdf = Loader.loadPDF(Path.of(result.path()).toFile())) {
      assertThat(pdf.getNumberOfPages()).isEqualTo(1);
      PDPage page = pdf.getPage(0);
      assertThat(page.getMediaBox().getWidth()).isCloseTo(150f, org.assertj.core.data.Offset.offset(1f));
      List<String> operators = operators(page);
      assertThat(operators).as("path construction").containsAnyOf("re", "l", "c", "m");
      assertThat(operators).as("path painting").containsAnyOf("f", "f*", "F", "B", "b", "S");
      assertThat(operators).as("text kept as text").containsAnyOf("Tj", "TJ");
      assertThat(operators).as("no raster images").doesNotContain("BI");
      assertThat(page.getResources().getXObjectNames()).isEmpty();
      assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(pdf)).contains("Hello");
    }
  }

  static List<String> operators(PDPage page) throws Exception {
    List<String> ops = new ArrayList<>();
    PDFStreamParser parser = new PDFStreamParser(page);
    for (Object token = parser.parseNextToken(); token != null; token = parser.parseNextToken()) {
      if (token instanceof Operator op) {
        ops.add(op.getName());
      }
    }
    return ops;
  }

  @ParameterizedTest
  @EnumSource(SvgRenderer.class)
  void convertsToPptxWithTheSvgAsVectorPictureAndPngFallback(SvgRenderer renderer) throws Exception {
    SvgConversion result = SvgProcessor.builder().format(SvgFormat.PPTX).renderer(renderer).build()
        .process(TestInputFile.write(root, "logo.svg", Drawings.simple(), MediaType.SVG), context);

    assertThat(result.outputFile()).isEqualTo("logo.pptx");
    assertThat(result.width()).isEqualTo(720);
    assertThat(result.height()).isEqualTo(540);
    try (InputStream in = Files.newInputStream(Path.of(result.path()));
        XMLSlideShow show = new XMLSlideShow(in)) {
      assertThat(show.getPageSize().getWidth()).isEqualTo(720);
      assertThat(show.getSlides()).hasSize(1);
      XSLFSlide slide = show.getSlides().get(0);
      assertSlide(slide, "logo");
    }
  }

  static void assertSlide(XSLFSlide slide, String title) throws Exception {
    XSLFPictureShape picture = null;
    String text = "";
    for (XSLFShape shape : slide.getShapes()) {
      if (shape instanceof XSLFPictureShape p) {
        picture = p;
      } else if (shape instanceof XSLFTextShape t) {
        text += t.getText();
      }
    }
    assertThat(text).isEqualTo(title);
    assertThat(picture).as("picture on slide").isNotNull();
    assertThat(picture.getPictureData().getType()).isEqualTo(PictureType.PNG);
    assertThat(picture.getSvgImage()).as("svgBlip extension").isNotNull();
    assertThat(picture.getSvgImage().getType()).isEqualTo(PictureType.SVG);
    assertThat(new String(picture.getSvgImage().getData(), java.nio.charset.StandardCharsets.UTF_8)).contains("<svg");
    BufferedImage fallback = ImageIO.read(new java.io.ByteArrayInputStream(picture.getPictureData().getData()));
    assertThat(drawnPixels(fallback)).isGreaterThan(1000);
    // fitted inside a 10 x 7.5 in slide, centred horizontally
    java.awt.geom.Rectangle2D box = picture.getAnchor();
    assertThat(box.getMinX()).isGreaterThanOrEqualTo(0);
    assertThat(box.getMaxX()).isLessThanOrEqualTo(720);
    assertThat(box.getMaxY()).isLessThanOrEqualTo(540);
    assertThat(box.getCenterX()).isCloseTo(360, org.assertj.core.data.Offset.offset(1.0));
  }

  @Test
  void honoursSlideSize() throws Exception {
    SvgConversion result = SvgProcessor.builder().format(SvgFormat.PPTX).slideSize(SlideSize.widescreen()).build()
        .process(TestInputFile.write(root, "logo.svg", Drawings.simple(), MediaType.SVG), context);

    try (InputStream in = Files.newInputStream(Path.of(result.path()));
        XMLSlideShow show = new XMLSlideShow(in)) {
      assertThat(show.getPageSize().getWidth()).isEqualTo(960);
    }
  }

  @Test
  void outputNamesNeverCollide() throws Exception {
    SvgProcessor processor = SvgProcessor.create();
    SvgConversion first = processor
        .process(TestInputFile.write(root, "same.svg", Drawings.shapes(), MediaType.SVG), context);
    SvgConversion second = processor
        .process(TestInputFile.write(root, "same.svg", Drawings.shapes(), MediaType.SVG), context);

    assertThat(first.outputFile()).isNotEqualTo(second.outputFile());
    assertThat(Path.of(first.path())).exists();
    assertThat(Path.of(second.path())).exists();
  }

  @Test
  void stopsWhenCancelled() throws Exception {
    context.cancel();

    assertThatThrownBy(
        () -> SvgProcessor.create().process(TestInputFile.write(root, "a.svg", Drawings.shapes(), MediaType.SVG), context))
        .isInstanceOf(CancellationException.class);
  }

  @Test
  void resultSerialisesToSnakeCaseJson() throws Exception {
    SvgConversion result = SvgProcessor.builder().renderer(SvgRenderer.BATIK).build()
        .process(TestInputFile.write(root, "logo.svg", Drawings.simple(), MediaType.SVG), context);

    String json = BatchJson.mapper().writeValueAsString(result);

    assertThat(json).contains("\"output_file\":\"logo.png\"", "\"format\":\"png\"", "\"renderer\":\"batik\"",
        "\"width\":200", "\"unit\":\"px\"");
    assertThat(BatchJson.mapper().readValue(json, SvgConversion.class)).isEqualTo(result);
  }

  @Test
  void refusesContradictoryOrOutOfRangeOptions() {
    assertThatThrownBy(() -> SvgProcessor.builder().width(100).scale(2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scale");
    assertThatThrownBy(() -> SvgProcessor.builder().dpi(5)).hasMessageContaining("dpi");
    assertThatThrownBy(() -> SvgProcessor.builder().jpegQuality(2)).hasMessageContaining("jpegQuality");
    assertThatThrownBy(() -> SvgProcessor.builder().width(-1)).hasMessageContaining("width");
    assertThatThrownBy(() -> SvgProcessor.builder().background("blue-ish")).hasMessageContaining("background");
    assertThatThrownBy(() -> SlideSize.parse("100x1")).hasMessageContaining("56");
    assertThatThrownBy(() -> SvgFormat.parse("gif")).hasMessageContaining("png, jpeg, pdf or pptx");
    assertThatThrownBy(() -> SvgRenderer.parse("inkscape")).hasMessageContaining("batik, jsvg or auto");
    assertThat(SlideSize.parse("10x7.5")).isEqualTo(SlideSize.standard());
    assertThat(SvgFormat.parse("JPG")).isEqualTo(SvgFormat.JPEG);
  }

  @Test
  void documentsTheOriginSpecBatchDefaults() {
    SvgBatchDefaults defaults = SvgProcessor.conversionDefaults();

    assertThat(defaults.intakeLimits().maxFiles()).isEqualTo(20);
    assertThat(defaults.intakeLimits().maxFileBytes()).isEqualTo(10L * 1024 * 1024);
    assertThat(defaults.intakeLimits().maxBatchBytes()).isEqualTo(100L * 1024 * 1024);
    assertThat(defaults.fileTimeout()).hasSeconds(30);
    assertThat(defaults.batchTimeout()).hasMinutes(10);
    assertThat(defaults.workers()).isEqualTo(4);
    assertThat(SvgProcessor.create().concurrency().maxParallel()).isEqualTo(4);
    assertThat(SvgProcessor.create().cacheable()).isFalse();
  }
}
