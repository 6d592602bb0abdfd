package dev.filebatch.vision.internal;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * Turns a photo or scan into what OCR reads best: an 8-bit greyscale image of a sensible size with black text on
 * white, even where the light was uneven.
 *
 * <ol>
 *   <li>Greyscale, over white (transparent PNG backgrounds would otherwise turn black).
 *   <li>Scale: small images up (text a few pixels high is below what Tesseract's models saw in training), huge ones
 *       down (time grows with pixels; a page at ~250 dpi is plenty).
 *   <li>Contrast stretch between the 1st and 99th percentile, so faint or greyish captures use the full range.
 *   <li>Adaptive threshold (Bradley-Roth): a pixel is ink when darker than its neighbourhood's mean by 15%. Unlike a
 *       global (Otsu) threshold this keeps text in a photo's shadowed corner.
 * </ol>
 * Deskew is left out: Tesseract tolerates a few degrees of skew itself.
 */
public final class OcrPreprocessing {
  /** Below this longer side, images are scaled up. */
  static final int SMALL_SIDE = 1000;
  /** Small images are scaled so their longer side reaches this (at most 4x). */
  static final int TARGET_SMALL_SIDE = 1800;
  /** Above this longer side, images are scaled down to it. */
  static final int LARGE_SIDE = 3000;

  private static final double BRADLEY_T = 0.15;

  private OcrPreprocessing() {}

  /** The image prepared for OCR, as {@link BufferedImage#TYPE_BYTE_GRAY}. */
  public static BufferedImage prepare(BufferedImage image) {
    BufferedImage grey = greyscaleScaled(image, scaleFor(image.getWidth(), image.getHeight()));
    byte[] pixels = ((DataBufferByte) grey.getRaster().getDataBuffer()).getData();
    stretchContrast(pixels);
    byte[] binary = threshold(pixels, grey.getWidth(), grey.getHeight());
    System.arraycopy(binary, 0, pixels, 0, pixels.length);
    return grey;
  }

  /** The image as 8-bit greyscale over white, unscaled: what OCR gets when preprocessing is off. */
  public static BufferedImage greyscale(BufferedImage image) {
    return image.getType() == BufferedImage.TYPE_BYTE_GRAY ? image : greyscaleScaled(image, 1.0);
  }

  static double scaleFor(int width, int height) {
    int longer = Math.max(width, height);
    if (longer < SMALL_SIDE) {
      return Math.min(4.0, (double) TARGET_SMALL_SIDE / longer);
    }
    if (longer > LARGE_SIDE) {
      return (double) LARGE_SIDE / longer;
    }
    return 1.0;
  }

  private static BufferedImage greyscaleScaled(BufferedImage image, double scale) {
    int w = Math.max(1, (int) Math.round(image.getWidth() * scale));
    int h = Math.max(1, (int) Math.round(image.getHeight() * scale));
    BufferedImage grey = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = grey.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, w, h);
      if (scale != 1.0) {
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      }
      g.drawImage(image, 0, 0, w, h, null);
    } finally {
      g.dispose();
    }
    return grey;
  }

  static void stretchContrast(byte[] pixels) {
    int[] histogram = new int[256];
    for (byte p : pixels) {
      histogram[p & 0xFF]++;
    }
    long cut = pixels.length / 100;
    int low = 0;
    for (long seen = histogram[0]; seen <= cut && low < 255; seen += histogram[++low]) {
      // walk up to the 1st percentile
    }
    int high = 255;
    for (long seen = histogram[255]; seen <= cut && high > 0; seen += histogram[--high]) {
      // walk down to the 99th percentile
    }
    if (high - low < 16) {
      return; // nearly flat: stretching would only amplify noise
    }
    byte[] map = new byte[256];
    for (int v = 0; v < 256; v++) {
      int mapped = (int) Math.round((v - low) * 255.0 / (high - low));
      map[v] = (byte) Math.max(0, Math.min(255, mapped));
    }
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = map[pixels[i] & 0xFF];
    }
  }

  /**
   * Bradley-Roth threshold into a new array (one byte per pixel). The neighbourhood mean comes from running column
   * sums over a window of rows, so the extra memory beyond the output is O(width) whatever the image size.
   */
  static byte[] threshold(byte[] pixels, int width, int height) {
    int window = Math.max(15, Math.min(101, Math.max(width, height) / 24)) | 1;
    int r = window / 2;
    int keepPercent = (int) Math.round(100 - BRADLEY_T * 100);
    byte[] out = new byte[pixels.length];
    int[] columnSums = new int[width];
    int top = 0; // rows [top, bottom] are summed into columnSums
    int bottom = -1;
    for (int y = 0; y < height; y++) {
      int wantTop = Math.max(0, y - r);
      int wantBottom = Math.min(height - 1, y + r);
      while (bottom < wantBottom) {
        addRow(pixels, width, ++bottom, columnSums, 1);
      }
      while (top < wantTop) {
        addRow(pixels, width, top++, columnSums, -1);
      }
      int rows = bottom - top + 1;
      // A running sum along the row over the column sums gives each pixel's window sum.
      long sum = 0;
      int left = 0;
      int right = -1;
      int row = y * width;
      for (int x = 0; x < width; x++) {
        int wantLeft = Math.max(0, x - r);
        int wantRight = Math.min(width - 1, x + r);
        while (right < wantRight) {
          sum += columnSums[++right];
        }
        while (left < wantLeft) {
          sum -= columnSums[left++];
        }
        long count = (long) rows * (right - left + 1);
        long value = pixels[row + x] & 0xFF;
        out[row + x] = value * count * 100 < sum * keepPercent ? 0 : (byte) 255;
      }
    }
    return out;
  }

  private static void addRow(byte[] pixels, int width, int y, int[] columnSums, int sign) {
    int row = y * width;
    for (int x = 0; x < width; x++) {
      columnSums[x] += sign * (pixels[row + x] & 0xFF);
    }
  }
}
