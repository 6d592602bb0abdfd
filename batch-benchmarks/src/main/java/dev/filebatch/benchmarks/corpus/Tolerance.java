package dev.filebatch.benchmarks.corpus;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * When a rendering counts as matching its reference: both images are composited over white (the reference PNGs
 * are partly transparent and a PNG viewer shows them over a background), the rendering is scaled to the
 * reference's size if it differs, and a pixel differs when any of its red, green or blue values differs by more
 * than {@code channelThreshold}; the rendering passes when at most {@code maxDifferingFraction} of the pixels
 * differ.
 *
 * <p>Why these and not resvg's own check: resvg's regression test compares resvg with resvg and allows a channel
 * difference of 1 and no differing pixel at all. Between two renderers, anti-aliasing alone changes every edge pixel:
 * a 500 px test with its 1-unit frame and a few outlined shapes has 1-2% of its pixels on an edge. The threshold
 * ignores coverage differences of a quarter of the range or less along those edges; the fraction lets a whole
 * outline shift by half a pixel, but not a missing or wrongly filled shape larger than about 1.5% of the canvas (a
 * 60 x 60 px square at 500 px, i.e. 24 x 24 user units of the 200 x 200 test). {@link CompareWithReference}
 * reports the fractions at several thresholds and the agreement with the manual Batik verdicts of
 * {@code results.csv}, so the choice can be checked.
 *
 * @param channelThreshold largest per-channel difference (0-255) that still counts as the same pixel
 * @param maxDifferingFraction largest fraction of differing pixels (0-1) that still counts as a pass
 */
record Tolerance(int channelThreshold, double maxDifferingFraction) {
  /** Thresholds reported for every comparison, so other tolerances can be evaluated from the details file. */
  static final int[] REPORTED_THRESHOLDS = {8, 16, 32, 64, 128};

  static final Tolerance DEFAULT = new Tolerance(64, 0.015);

  Tolerance {
    if (channelThreshold < 0 || channelThreshold > 255) {
      throw new IllegalArgumentException("channel threshold must be 0..255, was " + channelThreshold);
    }
    if (maxDifferingFraction < 0 || maxDifferingFraction > 1) {
      throw new IllegalArgumentException("differing fraction must be 0..1, was " + maxDifferingFraction);
    }
  }

  /** Whether a comparison passes. */
  boolean passes(Difference d) {
    return d.fractionAbove(channelThreshold) <= maxDifferingFraction;
  }

  /** How two images differ, at every reported threshold and at {@code extra}. */
  record Difference(int width, int height, boolean resized, int extraThreshold, double[] fractions,
      double extraFraction) {
    double fractionAbove(int threshold) {
      if (threshold == extraThreshold) {
        return extraFraction;
      }
      for (int i = 0; i < REPORTED_THRESHOLDS.length; i++) {
        if (REPORTED_THRESHOLDS[i] == threshold) {
          return fractions[i];
        }
      }
      throw new IllegalArgumentException("threshold not measured: " + threshold);
    }
  }

  /** Compares {@code actual} with {@code reference} after compositing both over white. */
  Difference compare(BufferedImage actual, BufferedImage reference) {
    int w = reference.getWidth();
    int h = reference.getHeight();
    boolean resized = actual.getWidth() != w || actual.getHeight() != h;
    int[] a = overWhite(actual, w, h);
    int[] r = overWhite(reference, w, h);
    long[] counts = new long[REPORTED_THRESHOLDS.length];
    long extra = 0;
    for (int i = 0; i < a.length; i++) {
      int d = maxChannelDifference(a[i], r[i]);
      for (int t = 0; t < REPORTED_THRESHOLDS.length; t++) {
        if (d > REPORTED_THRESHOLDS[t]) {
          counts[t]++;
        }
      }
      if (d > channelThreshold) {
        extra++;
      }
    }
    double n = (double) a.length;
    double[] fractions = new double[counts.length];
    for (int t = 0; t < counts.length; t++) {
      fractions[t] = counts[t] / n;
    }
    return new Difference(w, h, resized, channelThreshold, fractions, extra / n);
  }

  private static int maxChannelDifference(int p, int q) {
    int dr = Math.abs(((p >> 16) & 0xff) - ((q >> 16) & 0xff));
    int dg = Math.abs(((p >> 8) & 0xff) - ((q >> 8) & 0xff));
    int db = Math.abs((p & 0xff) - (q & 0xff));
    return Math.max(dr, Math.max(dg, db));
  }

  /** The image as opaque RGB pixels over white, scaled (bilinear) to {@code w} x {@code h} if needed. */
  static int[] overWhite(BufferedImage img, int w, int h) {
    BufferedImage argb = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = argb.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(img, 0, 0, w, h, null);
    } finally {
      g.dispose();
    }
    int[] px = argb.getRGB(0, 0, w, h, null, 0, w);
    for (int i = 0; i < px.length; i++) {
      int p = px[i];
      int alpha = (p >>> 24) & 0xff;
      int red = blend((p >> 16) & 0xff, alpha);
      int green = blend((p >> 8) & 0xff, alpha);
      int blue = blend(p & 0xff, alpha);
      px[i] = (red << 16) | (green << 8) | blue;
    }
    return px;
  }

  private static int blend(int channel, int alpha) {
    return (channel * alpha + 255 * (255 - alpha) + 127) / 255;
  }
}
