package dev.filebatch.vision.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ExifOrientationTest {
  /** A 3x2 image whose pixels are numbered 1..6 row by row: {@code 1 2 3 / 4 5 6}. */
  private static BufferedImage numbered() {
    BufferedImage image = new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY);
    for (int i = 0; i < 6; i++) {
      image.getRaster().setSample(i % 3, i / 3, 0, (i + 1) * 10);
    }
    return image;
  }

  private static String rows(BufferedImage image) {
    StringBuilder out = new StringBuilder();
    for (int y = 0; y < image.getHeight(); y++) {
      if (y > 0) {
        out.append('/');
      }
      for (int x = 0; x < image.getWidth(); x++) {
        out.append(image.getRaster().getSample(x, y, 0) / 10);
      }
    }
    return out.toString();
  }

  @ParameterizedTest(name = "orientation {0}")
  @CsvSource({
      "1, 123/456",
      "2, 321/654",
      "3, 654/321",
      "4, 456/123",
      "5, 14/25/36",
      "6, 41/52/63",
      "7, 63/52/41",
      "8, 36/25/14"})
  void turnsPixelsAsEachExifOrientationSays(int orientation, String expected) {
    assertThat(rows(ExifOrientation.apply(numbered(), orientation))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "orientation {0}")
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
  void readsTheOrientationTagInEitherByteOrder(int orientation) throws Exception {
    byte[] jpeg = jpeg();
    assertThat(ExifOrientation.read(new ByteArrayInputStream(withExif(jpeg, orientation, true))))
        .isEqualTo(orientation);
    assertThat(ExifOrientation.read(new ByteArrayInputStream(withExif(jpeg, orientation, false))))
        .isEqualTo(orientation);
  }

  @Test
  void treatsMissingOrMalformedExifAsUpright() throws Exception {
    byte[] jpeg = jpeg();
    assertThat(ExifOrientation.read(new ByteArrayInputStream(jpeg))).isEqualTo(1);
    assertThat(ExifOrientation.read(new ByteArrayInputStream(withExif(jpeg, 42, true)))).isEqualTo(1);
    // An IFD offset pointing far past the segment.
    byte[] broken = withExif(jpeg, 6, true);
    broken[6 + 6 + 4] = 0x7F;
    assertThat(ExifOrientation.read(new ByteArrayInputStream(broken))).isEqualTo(1);
    assertThat(ExifOrientation.read(new ByteArrayInputStream(new byte[] {(byte) 0xFF, (byte) 0xD8}))).isEqualTo(1);
    assertThat(ExifOrientation.read(new ByteArrayInputStream(new byte[] {1, 2, 3}))).isEqualTo(1);
  }

  private static byte[] jpeg() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "jpeg", out);
    return out.toByteArray();
  }

  /** Same layout as the fixture in the public tests: APP1 after SOI with IFD0 holding only 0x0112. */
  private static byte[] withExif(byte[] jpeg, int orientation, boolean bigEndian) {
    java.nio.ByteBuffer tiff = java.nio.ByteBuffer.allocate(26)
        .order(bigEndian ? java.nio.ByteOrder.BIG_ENDIAN : java.nio.ByteOrder.LITTLE_ENDIAN);
    tiff.put((byte) (bigEndian ? 'M' : 'I')).put((byte) (bigEndian ? 'M' : 'I')).putShort((short) 42).putInt(8);
    tiff.putShort((short) 1).putShort((short) 0x0112).putShort((short) 3).putInt(1)
        .putShort((short) orientation).putShort((short) 0).putInt(0);
    byte[] body = new byte[6 + 26];
    System.arraycopy(new byte[] {'E', 'x', 'i', 'f', 0, 0}, 0, body, 0, 6);
    System.arraycopy(tiff.array(), 0, body, 6, 26);
    byte[] out = new byte[jpeg.length + 4 + body.length];
    out[0] = (byte) 0xFF;
    out[1] = (byte) 0xD8;
    out[2] = (byte) 0xFF;
    out[3] = (byte) 0xE1;
    out[4] = (byte) ((body.length + 2) >> 8);
    out[5] = (byte) (body.length + 2);
    System.arraycopy(body, 0, out, 6, body.length);
    System.arraycopy(jpeg, 2, out, 6 + body.length, jpeg.length - 2);
    return out;
  }
}
