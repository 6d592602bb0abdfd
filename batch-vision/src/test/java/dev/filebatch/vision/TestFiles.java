package dev.filebatch.vision;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Fixture images made with Java2D. */
final class TestFiles {
  private TestFiles() {}

  /** Black lines of text on white, in a bold sans-serif large enough for any OCR. */
  static BufferedImage text(int width, int height, String... lines) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setColor(Color.BLACK);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 40));
    int y = 70;
    for (String line : lines) {
      g.drawString(line, 40, y);
      y += 70;
    }
    g.dispose();
    return image;
  }

  static byte[] png(BufferedImage image) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  static byte[] jpeg(BufferedImage image) throws IOException {
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
    ImageWriter writer = writers.next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
      writer.setOutput(stream);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(0.95f);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  /** A JPEG with an EXIF APP1 segment holding only the orientation tag, inserted right after SOI. */
  static byte[] withExifOrientation(byte[] jpeg, int orientation, boolean bigEndian) {
    ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 12 + 4)
        .order(bigEndian ? java.nio.ByteOrder.BIG_ENDIAN : java.nio.ByteOrder.LITTLE_ENDIAN);
    tiff.put(bigEndian ? (byte) 'M' : (byte) 'I').put(bigEndian ? (byte) 'M' : (byte) 'I');
    tiff.putShort((short) 42).putInt(8); // magic, IFD0 right after the header
    tiff.putShort((short) 1); // one entry
    tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
    tiff.putInt(0); // no next IFD
    byte[] exif = new byte[6 + tiff.capacity()];
    System.arraycopy(new byte[] {'E', 'x', 'i', 'f', 0, 0}, 0, exif, 0, 6);
    System.arraycopy(tiff.array(), 0, exif, 6, tiff.capacity());
    int length = exif.length + 2;
    byte[] out = new byte[jpeg.length + 4 + exif.length];
    out[0] = (byte) 0xFF;
    out[1] = (byte) 0xD8;
    out[2] = (byte) 0xFF;
    out[3] = (byte) 0xE1;
    out[4] = (byte) (length >> 8);
    out[5] = (byte) length;
    System.arraycopy(exif, 0, out, 6, exif.length);
    System.arraycopy(jpeg, 2, out, 6 + exif.length, jpeg.length - 2);
    return out;
  }

  /** A PNG that is only a signature, an IHDR claiming the given size, and IEND: no pixel data at all. */
  static byte[] pngHeaderOnly(int width, int height) {
    ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height)
        .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0); // 8-bit RGB
    ByteBuffer png = ByteBuffer.allocate(8 + 25 + 12);
    png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
    chunk(png, "IHDR", ihdr.array());
    chunk(png, "IEND", new byte[0]);
    return png.array();
  }

  private static void chunk(ByteBuffer out, String type, byte[] data) {
    byte[] typeBytes = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data);
    out.putInt(data.length).put(typeBytes).put(data).putInt((int) crc.getValue());
  }

  /**
   * A baseline JPEG whose SOF0 claims the given size, then a start of scan with no scan data (the JDK reader reads
   * markers up to SOS before it reports a size).
   */
  static byte[] jpegHeaderOnly(int width, int height) {
    return new byte[] {
      (byte) 0xFF, (byte) 0xD8,
      (byte) 0xFF, (byte) 0xC0, 0, 11, 8,
      (byte) (height >> 8), (byte) height, (byte) (width >> 8), (byte) width,
      1, 1, 0x11, 0,
      (byte) 0xFF, (byte) 0xDA, 0, 8, 1, 1, 0, 0, 0x3F, 0,
      (byte) 0xFF, (byte) 0xD9};
  }

  /** A reread named {@code test} that wants the lines holding a 7; the test says how it settles them. */
  abstract static class RereadOfSevens implements LineReread {
    @Override
    public String id() {
      return "test";
    }

    @Override
    public boolean wants(String line) {
      return line.contains("7");
    }
  }
}
