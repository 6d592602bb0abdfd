package dev.filebatch.vision.internal;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * Turns a photo or scan into what OCR reads best: an 8-bit greyscale image, level, with text at the size Tesseract's
 * models read best.
 *
 * <ol>
 *   <li>Deskew ({@link Deskew}): the angle is found on a reduced copy and the page turned level, so text columns
 *       across the page stay on their rows.
 *   <li>Scale by text size: the height of the text lines is measured on the reduced, levelled copy (projection
 *       profile of an adaptive threshold), and the image is scaled so a line is about {@value #TARGET_LINE_HEIGHT}
 *       pixels high (x-height about 20-25 px, where Tesseract's LSTM models make the fewest errors; measured on
 *       generated report photos in a serif face, 1.5x scaling cut code errors by two thirds). When no lines are
 *       found, small images are scaled up and huge ones down by their size alone.
 *   <li>Greyscale, over white (transparent PNG backgrounds would otherwise turn black), one resampling.
 *   <li>Contrast stretch between the 1st and 99th percentile, so faint or greyish captures use the full range.
 * </ol>
 * No hard threshold by default: Tesseract binarises itself, and a threshold here ate thin serif strokes ("II" read
 * as "I"). {@link #prepare(BufferedImage, boolean)} can still apply an adaptive (Bradley-Roth) one.
 */
public final class OcrPreprocessing {
  /** Below this longer side, images are scaled up (when no text lines could be measured). */
  static final int SMALL_SIDE = 1000;
  /** Small images are scaled so their longer side reaches this (at most 4x). */
  static final int TARGET_SMALL_SIDE = 1800;
  /** Above this longer side, images are scaled down to it (when no text lines could be measured). */
  static final int LARGE_SIDE = 3000;
  /** The text line height (ascender to descender, in pixels) images are scaled to. */
  static final int TARGET_LINE_HEIGHT = 38;
  /** The largest image handed to OCR, as its longer side: bounds time and memory whatever the text size. */
  static final int MAX_SIDE = 4000;
  /** The reduced copy the angle and line height are measured on. */
  private static final int MEASURE_SIDE = 1400;

  private static final double BRADLEY_T = 0.15;

  private OcrPreprocessing() {}

  /** The image prepared for OCR, as {@link BufferedImage#TYPE_BYTE_GRAY}: level, scaled, stretched, not binarised. */
  public static BufferedImage prepare(BufferedImage image) {
    return prepare(image, false);
  }

  /**
   * The image prepared for OCR, as {@link BufferedImage#TYPE_BYTE_GRAY}.
   *
   * @param binarize whether to finish with an adaptive threshold (black text on white)
   */
  public static BufferedImage prepare(BufferedImage image, boolean binarize) {
    double reduce = Math.min(1.0, (double) MEASURE_SIDE / Math.max(image.getWidth(), image.getHeight()));
    BufferedImage small = greyscaleScaled(image, reduce);
    double angle = Deskew.angle(small);
    BufferedImage level = Deskew.straighten(small, angle);
    double lineHeight = lineHeight(level) / reduce;
    double scale = lineHeight > 0 ? TARGET_LINE_HEIGHT / lineHeight : scaleFor(image.getWidth(), image.getHeight());
    scale = Math.min(scale, (double) MAX_SIDE / Math.max(image.getWidth(), image.getHeight()));
    scale = Math.max(0.25, Math.min(4.0, scale));
    BufferedImage grey = Deskew.straighten(greyscaleScaled(image, scale), angle);
    byte[] pixels = ((DataBufferByte) grey.getRaster().getDataBuffer()).getData();
    stretchContrast(pixels);
    if (binarize) {
      byte[] binary = threshold(pixels, grey.getWidth(), grey.getHeight());
      System.arraycopy(binary, 0, pixels, 0, pixels.length);
    }
    return grey;
  }

  /**
   * The median height in pixels of the text lines of a level greyscale image, or 0 when it shows no lines: rows
   * holding ink (after an adaptive threshold) form bands, one per line of text.
   */
  static double lineHeight(BufferedImage grey) {
    int w = grey.getWidth();
    int h = grey.getHeight();
    byte[] px = ((DataBufferByte) grey.getRaster().getDataBuffer()).getData().clone();
    stretchContrast(px);
    byte[] ink = threshold(px, w, h);
    int[] rows = new int[h];
    int most = 0;
    for (int y = 0; y < h; y++) {
      int n = 0;
      for (int x = 0; x < w; x++) {
        if (ink[y * w + x] == 0) {
          n++;
        }
      }
      rows[y] = n;
      most = Math.max(most, n);
    }
    // a row is in a text band when it holds a fair share of the inkiest row's ink (specks and noise do not)
    int floor = Math.max(2, most / 12);
    java.util.List<Integer> bands = new java.util.ArrayList<>();
    int run = 0;
    for (int y = 0; y <= h; y++) {
      if (y < h && rows[y] >= floor) {
        run++;
      } else {
        if (run >= 3) {
          bands.add(run);
        }
        run = 0;
      }
    }
    if (bands.size() < 3) {
      return 0;
    }
    java.util.Collections.sort(bands);
    return bands.get(bands.size() / 2);
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
