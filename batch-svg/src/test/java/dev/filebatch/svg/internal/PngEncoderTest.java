package dev.filebatch.svg.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Node;

class PngEncoderTest {
  @Test
  void aDrawingDecodesToExactlyThePixelsImageIoWouldHaveWritten() throws IOException {
    BufferedImage drawing = drawing(333, 211);

    byte[] ours = encode(drawing);
    ByteArrayOutputStream reference = new ByteArrayOutputStream();
    ImageEncoding.imageIoPng(drawing, 96, reference);

    assertThat(argb(decode(ours))).isEqualTo(argb(drawing)).isEqualTo(argb(decode(reference.toByteArray())));
  }

  @Test
  void noiseThatNeedsSeveralDataChunksRoundTrips() throws IOException {
    BufferedImage noise = new BufferedImage(400, 300, BufferedImage.TYPE_INT_ARGB);
    Random random = new Random(7);
    for (int y = 0; y < noise.getHeight(); y++) {
      for (int x = 0; x < noise.getWidth(); x++) {
        noise.setRGB(x, y, random.nextInt());
      }
    }

    byte[] png = encode(noise);

    assertThat(png.length).isGreaterThan(2 * (1 << 16)); // incompressible: more than two 64 KB IDAT chunks
    assertThat(argb(decode(png))).isEqualTo(argb(noise));
  }

  @Test
  void aOnePixelImageAndAFullyTransparentOneRoundTrip() throws IOException {
    BufferedImage one = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
    one.setRGB(0, 0, 0x80ff0000);
    BufferedImage clear = new BufferedImage(50, 20, BufferedImage.TYPE_INT_ARGB);

    assertThat(argb(decode(encode(one)))).isEqualTo(argb(one));
    assertThat(argb(decode(encode(clear)))).isEqualTo(argb(clear));
  }

  @Test
  void theResolutionIsRecordedInPixelsPerMetre() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PngEncoder.write(drawing(20, 10), 300, out);
    byte[] png = out.toByteArray();

    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(png))) {
      ImageReader reader = ImageIO.getImageReaders(in).next();
      reader.setInput(in);
      Node root = reader.getImageMetadata(0).getAsTree("javax_imageio_png_1.0");
      IIOMetadataNode physical = (IIOMetadataNode) ((IIOMetadataNode) root).getElementsByTagName("pHYs").item(0);
      assertThat(physical.getAttribute("pixelsPerUnitXAxis")).isEqualTo("11811");
      assertThat(physical.getAttribute("pixelsPerUnitYAxis")).isEqualTo("11811");
      assertThat(physical.getAttribute("unitSpecifier")).isEqualTo("meter");
      IIOMetadataNode header = (IIOMetadataNode) ((IIOMetadataNode) root).getElementsByTagName("IHDR").item(0);
      assertThat(header.getAttribute("colorType")).isEqualTo("RGBAlpha");
      assertThat(header.getAttribute("bitDepth")).isEqualTo("8");
    }
  }

  @Test
  void imagesOfOtherLayoutsGoThroughImageIoWithTheSamePixels() throws IOException {
    BufferedImage rgb = new BufferedImage(30, 20, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = rgb.createGraphics();
    g.setColor(Color.ORANGE);
    g.fillOval(2, 2, 20, 15);
    g.dispose();
    BufferedImage part = drawing(40, 40).getSubimage(5, 5, 20, 20); // a translated view of a shared raster

    assertThat(PngEncoder.accepts(rgb)).isFalse();
    assertThat(PngEncoder.accepts(part)).isFalse();
    assertThat(argb(decode(encode(rgb)))).isEqualTo(argb(rgb));
    assertThat(argb(decode(encode(part)))).isEqualTo(argb(part));
    assertThatThrownBy(() -> PngEncoder.write(part, 96, new ByteArrayOutputStream()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TYPE_INT_ARGB");
  }

  private static BufferedImage drawing(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setPaint(new GradientPaint(0, 0, new Color(0, 128, 255, 40), width, height, new Color(255, 64, 0, 220)));
    g.fill(new Ellipse2D.Double(width * 0.1, height * 0.1, width * 0.8, height * 0.7));
    g.setColor(new Color(20, 160, 40, 200));
    g.fillRect(width / 3, height / 4, width / 4, height / 2);
    g.dispose();
    return image;
  }

  private static byte[] encode(BufferedImage image) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageEncoding.png(image, 96, out);
    return out.toByteArray();
  }

  private static BufferedImage decode(byte[] png) throws IOException {
    return ImageIO.read(new ByteArrayInputStream(png));
  }

  private static int[] argb(BufferedImage image) {
    return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
  }
}
