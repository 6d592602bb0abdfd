package dev.filebatch.internal.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.filebatch.MediaType;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class TypeDetectorTest {
  private final TypeDetector types = new TypeDetector();

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] gif() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(3, 3, BufferedImage.TYPE_INT_RGB), "gif", out);
    return out.toByteArray();
  }

  private static Map<String, byte[]> one(String name, byte[] body) {
    Map<String, byte[]> m = new LinkedHashMap<>();
    m.put(name, body);
    return m;
  }

  /** Heads the signature check answers itself. */
  private static Map<String, byte[]> common() throws IOException {
    Map<String, byte[]> m = new LinkedHashMap<>();
    m.put("pdf", Fixtures.pdf());
    m.put("png", Fixtures.png());
    m.put("jpeg", Fixtures.jpeg());
    m.put("gif", gif());
    m.put("zip", Fixtures.zip(one("a.txt", utf8("hello"))));
    m.put("stored zip", Fixtures.storedZip(one("b.pdf", Fixtures.pdf())));
    m.put("svg with declaration", Fixtures.svg());
    m.put("svg without declaration", utf8("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" height=\"1\"/>"));
    m.put("svg as exported by editors", utf8("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
        + "<!-- Created with Inkscape (http://www.inkscape.org/) -->\n"
        + "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n"
        + "<svg xmlns:svg=\"http://www.w3.org/2000/svg\" xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\">"
        + "<g/></svg>\n"));
    return m;
  }

  /** Heads left to Tika: look-alikes of the common types, text, other XML, unknown binary. */
  private static Map<String, byte[]> leftToTika() {
    Map<String, byte[]> m = new LinkedHashMap<>();
    m.put("opendocument", Fixtures.storedZip(one("mimetype", utf8("application/vnd.oasis.opendocument.text"))));
    m.put("ooxml", Fixtures.zip(one("[Content_Types].xml", utf8("<Types/>"))));
    m.put("epub", Fixtures.storedZip(one("mimetype", utf8("application/epub+zip"))));
    m.put("text", utf8("Note 1: the quick brown fox jumps over the lazy dog.\n"));
    m.put("csv", utf8("a,b,c\n1,2,3\n"));
    m.put("html", utf8("<!DOCTYPE html><html><body>hi</body></html>"));
    m.put("xml", utf8("<?xml version=\"1.0\"?><note><to>x</to></note>"));
    m.put("svg without namespace", utf8("<svg width=\"1\" height=\"1\"></svg>"));
    m.put("svg root in another namespace", utf8("<?xml version=\"1.0\"?><svg xmlns=\"urn:other\"/>"));
    m.put("pdf after a byte order mark", utf8("\uFEFF%PDF-1.4\n"));
    m.put("binary", Fixtures.random(200, 7));
    m.put("truncated png", new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    return m;
  }

  @Test
  void recognisesCommonSignaturesWithTheSameAnswerAsTika() throws IOException {
    common().forEach((what, body) -> {
      org.apache.tika.mime.MediaType fast = types.bySignature(body, body.length);
      assertThat(fast).as(what).isNotNull().isEqualTo(types.byTika(body, body.length));
    });
  }

  @Test
  void leavesEverythingElseToTika() {
    leftToTika().forEach((what, body) ->
        assertThat(types.bySignature(body, body.length)).as(what).isNull());
  }

  @Test
  void typesZipBasedDocumentsAndSvgWithoutNamespaceAsTikaDoes() {
    byte[] odt = leftToTika().get("opendocument");
    assertThat(types.detect(odt, odt.length, "letter.odt").toString())
        .isEqualTo("application/vnd.oasis.opendocument.text");
    byte[] bare = leftToTika().get("svg without namespace");
    assertThat(types.detect(bare, bare.length, "logo.txt")).isEqualTo(MediaType.TEXT);
  }
}
