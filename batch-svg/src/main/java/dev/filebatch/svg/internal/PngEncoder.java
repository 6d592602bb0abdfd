package dev.filebatch.svg.internal;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.SinglePixelPackedSampleModel;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A PNG writer for the renderers' own images ({@code TYPE_INT_ARGB}), at about half of ImageIO's CPU and with about
 * a quarter smaller files: it reads the pixel array directly instead of through the sample model, checksums with
 * the JDK's intrinsic {@link CRC32}, and filters every row with Up (ImageIO writes unfiltered rows; on rendered
 * drawings Up compresses about as well as choosing per row among all five filters, measured over the resvg suite,
 * for a fraction of the work). Output is 8-bit RGBA, non-interlaced, like ImageIO's for this image type, so every
 * decoder reads the same pixels.
 *
 * <p>Why not a library: pngencoder 0.15.0 ({@code com.pngencoder}, the maintained fast Java encoder) was tried in
 * its place, single-threaded at the same level. Over the resvg suite it needed 40.8 s of CPU against 35.0 s and
 * wrote 26 MB of PNGs against 19 MB without its predictor, and twice this encoder's time with it (see
 * docs/benchmarks.md, issue 10, second pass).
 */
final class PngEncoder {
  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  /** ImageIO's PNG writer deflates at this level by default; the same keeps file sizes comparable. */
  static final int DEFLATE_LEVEL = 4;
  private static final int IDAT_CHUNK = 1 << 16;

  private PngEncoder() {}

  /** Whether {@link #write} can take the image as it is (an unshared, untranslated {@code TYPE_INT_ARGB} raster). */
  static boolean accepts(BufferedImage image) {
    if (image.getType() != BufferedImage.TYPE_INT_ARGB) {
      return false;
    }
    WritableRaster raster = image.getRaster();
    return raster.getDataBuffer() instanceof DataBufferInt data && data.getNumBanks() == 1 && data.getOffset() == 0
        && raster.getSampleModel() instanceof SinglePixelPackedSampleModel model
        && raster.getSampleModelTranslateX() == 0 && raster.getSampleModelTranslateY() == 0
        && raster.getMinX() == 0 && raster.getMinY() == 0
        && (long) model.getScanlineStride() * image.getHeight() <= data.getSize();
  }

  /**
   * Writes the image as a PNG with a pHYs chunk for {@code dpi}.
   *
   * @throws IllegalArgumentException if the image is not one {@link #accepts} takes
   */
  static void write(BufferedImage image, int dpi, OutputStream out) throws IOException {
    if (!accepts(image)) {
      throw new IllegalArgumentException("not an unshared TYPE_INT_ARGB image: " + image);
    }
    int width = image.getWidth();
    int height = image.getHeight();
    int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    int stride = ((SinglePixelPackedSampleModel) image.getRaster().getSampleModel()).getScanlineStride();

    out.write(SIGNATURE);
    byte[] header = new byte[13];
    putInt(header, 0, width);
    putInt(header, 4, height);
    header[8] = 8; // bits per channel
    header[9] = 6; // RGBA
    chunk(out, "IHDR", header, header.length);
    byte[] physical = new byte[9];
    int pixelsPerMetre = (int) Math.round(dpi / 0.0254);
    putInt(physical, 0, pixelsPerMetre);
    putInt(physical, 4, pixelsPerMetre);
    physical[8] = 1; // the unit is the metre
    chunk(out, "pHYs", physical, physical.length);

    byte[] row = new byte[1 + width * 4];
    row[0] = 2; // filter type Up: each byte minus the one above it
    byte[] idat = new byte[IDAT_CHUNK];
    Deflater deflater = new Deflater(DEFLATE_LEVEL);
    int filled = 0;
    try {
      for (int y = 0; y < height; y++) {
        upRow(pixels, y * stride, y == 0 ? -1 : (y - 1) * stride, width, row);
        deflater.setInput(row, 0, row.length);
        filled = deflate(deflater, idat, filled, out, false);
      }
      deflater.finish();
      filled = deflate(deflater, idat, filled, out, true);
      if (filled > 0) {
        chunk(out, "IDAT", idat, filled);
      }
    } finally {
      deflater.end();
    }
    chunk(out, "IEND", idat, 0);
  }

  /**
   * Deflates until the deflater has used its input (or, when finishing, has finished), writing an IDAT chunk
   * whenever the buffer is full; returns how much of the buffer is filled.
   */
  private static int deflate(Deflater deflater, byte[] idat, int filled, OutputStream out, boolean finishing)
      throws IOException {
    while (true) {
      int n = deflater.deflate(idat, filled, idat.length - filled);
      filled += n;
      if (filled == idat.length) {
        chunk(out, "IDAT", idat, filled);
        filled = 0;
      } else if (finishing ? deflater.finished() : n == 0 && deflater.needsInput()) {
        return filled;
      }
    }
  }

  /** Row {@code at} as RGBA bytes minus row {@code above} (none: {@code -1}), after the filter type byte. */
  private static void upRow(int[] pixels, int at, int above, int width, byte[] row) {
    if (above < 0) {
      for (int x = 0, b = 1; x < width; x++, b += 4) {
        int argb = pixels[at + x];
        row[b] = (byte) (argb >>> 16);
        row[b + 1] = (byte) (argb >>> 8);
        row[b + 2] = (byte) argb;
        row[b + 3] = (byte) (argb >>> 24);
      }
      return;
    }
    for (int x = 0, b = 1; x < width; x++, b += 4) {
      int argb = pixels[at + x];
      int up = pixels[above + x];
      row[b] = (byte) ((argb >>> 16) - (up >>> 16));
      row[b + 1] = (byte) ((argb >>> 8) - (up >>> 8));
      row[b + 2] = (byte) (argb - up);
      row[b + 3] = (byte) ((argb >>> 24) - (up >>> 24));
    }
  }

  private static void chunk(OutputStream out, String type, byte[] data, int length) throws IOException {
    byte[] head = new byte[8];
    putInt(head, 0, length);
    byte[] name = type.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(name, 0, head, 4, 4);
    out.write(head);
    out.write(data, 0, length);
    CRC32 crc = new CRC32();
    crc.update(name);
    crc.update(data, 0, length);
    byte[] tail = new byte[4];
    putInt(tail, 0, (int) crc.getValue());
    out.write(tail);
  }

  private static void putInt(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }
}
