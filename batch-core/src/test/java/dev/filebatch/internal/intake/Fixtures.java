package dev.filebatch.internal.intake;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;

/** Test inputs built in memory: minimal real files and hostile archives. */
final class Fixtures {
  private Fixtures() {}

  static byte[] pdf() {
    return ("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        + "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] svg() {
    return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect width=\"5\" height=\"5\"/></svg>\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  static byte[] png() {
    return image("png");
  }

  static byte[] jpeg() {
    return image("jpg");
  }

  private static byte[] image(String format) {
    BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, format, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  /** A ZIP of the given entries, in order (deflated; names ending in / are folders). */
  static byte[] zip(Map<String, byte[]> entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** A ZIP whose entries are STORED with sizes in their local headers (so flags can be patched in place). */
  static byte[] storedZip(Map<String, byte[]> entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        ZipEntry z = new ZipEntry(e.getKey());
        z.setMethod(ZipEntry.STORED);
        z.setSize(e.getValue().length);
        z.setCompressedSize(e.getValue().length);
        CRC32 crc = new CRC32();
        crc.update(e.getValue());
        z.setCrc(crc.getValue());
        zip.putNextEntry(z);
        zip.write(e.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Sets the "encrypted" bit (general purpose flag bit 0) of the named entry in its local and central headers. */
  static byte[] markEncrypted(byte[] zip, String entry) {
    byte[] out = zip.clone();
    byte[] name = entry.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i + 46 < out.length; i++) {
      int sig = b.getInt(i);
      if (sig == 0x04034b50 && nameAt(out, i + 30, b.getShort(i + 26) & 0xFFFF, name)) {
        out[i + 6] |= 1;
      } else if (sig == 0x02014b50 && nameAt(out, i + 46, b.getShort(i + 28) & 0xFFFF, name)) {
        out[i + 8] |= 1;
      }
    }
    return out;
  }

  private static boolean nameAt(byte[] data, int at, int len, byte[] name) {
    if (len != name.length || at + len > data.length) {
      return false;
    }
    for (int i = 0; i < len; i++) {
      if (data[at + i] != name[i]) {
        return false;
      }
    }
    return true;
  }

  /** Raw deflate of {@code n} zero bytes: a tiny kernel that inflates enormously. */
  static byte[] zeroKernel(int n) {
    Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
    d.setInput(new byte[n]);
    d.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[64 * 1024];
    while (!d.finished()) {
      out.write(buf, 0, d.deflate(buf));
    }
    d.end();
    return out.toByteArray();
  }

  /**
   * An overlapping-entry bomb in the style of zbsm.zip: {@code count} entries whose compressed data all end in the
   * same deflate kernel; each entry's data quotes the next entry's local header in a stored block, so the local
   * headers overlap the previous entries' data. With {@code withDirectory} the central directory lists every
   * entry at its (overlapping) offset; without it the archive is just the overlapping local part.
   */
  static byte[] overlappingBomb(int count, int kernelZeros, boolean withDirectory) {
    byte[] kernel = zeroKernel(kernelZeros);
    int n = count;
    byte[][] lfh = new byte[n][];
    long[] csize = new long[n];
    // build from the last entry backwards: entry i's data = quote(lfh[i+1]) + data of entry i+1
    long dataLen = kernel.length;
    long usize = kernelZeros;
    for (int i = n - 1; i >= 0; i--) {
      String name = String.format("%04d.txt", i);
      csize[i] = dataLen;
      lfh[i] = localHeader(name, dataLen, usize);
      if (i > 0) {
        dataLen += 5 + lfh[i].length;
        usize += lfh[i].length;
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long[] offsets = new long[n];
    long pos = 0;
    for (int i = 0; i < n; i++) {
      offsets[i] = pos;
      out.writeBytes(lfh[i]);
      pos += lfh[i].length;
      if (i + 1 < n) {
        int len = lfh[i + 1].length;
        out.write(0); // stored block, not final
        out.write(len & 0xFF);
        out.write(len >>> 8);
        out.write(~len & 0xFF);
        out.write((~len >>> 8) & 0xFF);
        pos += 5;
      }
    }
    out.writeBytes(kernel);
    pos += kernel.length;
    if (!withDirectory) {
      return out.toByteArray();
    }
    long cdStart = pos;
    for (int i = 0; i < n; i++) {
      String name = String.format("%04d.txt", i);
      byte[] nb = name.getBytes(StandardCharsets.US_ASCII);
      ByteBuffer c = ByteBuffer.allocate(46 + nb.length).order(ByteOrder.LITTLE_ENDIAN);
      c.putInt(0x02014b50).putShort((short) 20).putShort((short) 20).putShort((short) 0).putShort((short) 8)
          .putShort((short) 0).putShort((short) 0).putInt(0).putInt((int) csize[i]).putInt(0)
          .putShort((short) nb.length).putShort((short) 0).putShort((short) 0).putShort((short) 0)
          .putShort((short) 0).putInt(0).putInt((int) offsets[i]).put(nb);
      out.writeBytes(c.array());
    }
    long cdSize = out.size() - cdStart;
    ByteBuffer e = ByteBuffer.allocate(22).order(ByteOrder.LITTLE_ENDIAN);
    e.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) n).putShort((short) n)
        .putInt((int) cdSize).putInt((int) cdStart).putShort((short) 0);
    out.writeBytes(e.array());
    return out.toByteArray();
  }

  private static byte[] localHeader(String name, long csize, long usize) {
    byte[] nb = name.getBytes(StandardCharsets.US_ASCII);
    ByteBuffer b = ByteBuffer.allocate(30 + nb.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0x04034b50).putShort((short) 20).putShort((short) 0).putShort((short) 8).putShort((short) 0)
        .putShort((short) 0).putInt(0).putInt((int) csize).putInt((int) Math.min(usize, 0xFFFFFFFFL))
        .putShort((short) nb.length).putShort((short) 0).put(nb);
    return b.array();
  }

  /** A stream of {@code size} bytes (a PDF header, then zeros) made on the fly, counting what was read. */
  static final class Generated extends InputStream {
    private final long size;
    private final byte[] prefix = "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII);
    long read;
    boolean closed;

    Generated(long size) {
      this.size = size;
    }

    @Override
    public int read() {
      if (read >= size) {
        return -1;
      }
      int c = read < prefix.length ? prefix[(int) read] : 0;
      read++;
      return c;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (read >= size) {
        return -1;
      }
      int n = (int) Math.min(len, size - read);
      for (int i = 0; i < n; i++) {
        long p = read + i;
        b[off + i] = p < prefix.length ? prefix[(int) p] : 0;
      }
      read += n;
      return n;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  /** A stream that must never be read. */
  static final class Untouchable extends InputStream {
    boolean closed;

    @Override
    public int read() {
      throw new AssertionError("this stream must not be read");
    }

    @Override
    public int read(byte[] b, int off, int len) {
      throw new AssertionError("this stream must not be read");
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
