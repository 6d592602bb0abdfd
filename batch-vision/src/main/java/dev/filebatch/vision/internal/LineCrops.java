package dev.filebatch.vision.internal;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Crops of one text line for a second reading. Each scale resamples the same pixels a little differently, so
 * Tesseract's errors in the rereadings are partly independent of each other and of the page reading, which is what
 * a vote needs (measured on generated knowledge-test photos: see docs/benchmarks.md, "Photo accuracy").
 */
public final class LineCrops {
  /** The scales each wanted line is read at. */
  public static final double[] SCALES = {1.0, 1.25, 1.5, 0.85};

  private LineCrops() {}

  /**
   * The line's box, widened by a third of its height on every side (so ascenders, descenders and the first and
   * last strokes are whole), clipped to the image, scaled, as 8-bit greyscale.
   */
  public static BufferedImage crop(BufferedImage grey, int left, int top, int right, int bottom, double scale) {
    int pad = Math.max(2, (bottom - top) / 3);
    int x0 = Math.max(0, left - pad);
    int y0 = Math.max(0, top - pad);
    int x1 = Math.min(grey.getWidth(), right + pad);
    int y1 = Math.min(grey.getHeight(), bottom + pad);
    int w = Math.max(1, (int) Math.round((x1 - x0) * scale));
    int h = Math.max(1, (int) Math.round((y1 - y0) * scale));
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = out.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, w, h);
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
      if (x1 > x0 && y1 > y0) {
        g.drawImage(grey, 0, 0, w, h, x0, y0, x1, y1, null);
      }
    } finally {
      g.dispose();
    }
    return out;
  }
}
