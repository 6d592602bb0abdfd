package dev.filebatch.benchmarks;

import java.util.Locale;
import java.util.Random;

/**
 * Generated SVG drawings of moderate complexity, like a designer's export: a background gradient, a radial-gradient
 * badge, a group of filled Bézier paths under a transform, a line chart with a stroked polyline, and a few lines of
 * text. Deterministic for a seed; {@value #WIDTH} x {@value #HEIGHT} CSS pixels; no DOCTYPE, no external reference.
 */
final class SvgDrawings {
  static final int WIDTH = 640;
  static final int HEIGHT = 480;

  private SvgDrawings() {}

  /** Drawing number {@code seed}. */
  static String drawing(long seed) {
    Random r = new Random(seed * 7919 + 17);
    StringBuilder s = new StringBuilder(8_000);
    s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
        .append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT).append("\">\n");
    s.append("  <defs>\n");
    s.append("    <linearGradient id=\"sky\" x1=\"0\" y1=\"0\" x2=\"0\" y2=\"1\">\n")
        .append("      <stop offset=\"0\" stop-color=\"").append(colour(r)).append("\"/>\n")
        .append("      <stop offset=\"1\" stop-color=\"").append(colour(r)).append("\"/>\n")
        .append("    </linearGradient>\n");
    s.append("    <radialGradient id=\"badge\" cx=\"0.4\" cy=\"0.35\" r=\"0.7\">\n")
        .append("      <stop offset=\"0\" stop-color=\"#ffffff\"/>\n")
        .append("      <stop offset=\"0.6\" stop-color=\"").append(colour(r)).append("\"/>\n")
        .append("      <stop offset=\"1\" stop-color=\"").append(colour(r)).append("\"/>\n")
        .append("    </radialGradient>\n");
    for (int g = 0; g < 3; g++) {
      s.append("    <linearGradient id=\"leaf").append(g).append("\" x1=\"0\" y1=\"0\" x2=\"1\" y2=\"1\">\n")
          .append("      <stop offset=\"0\" stop-color=\"").append(colour(r)).append("\"/>\n")
          .append("      <stop offset=\"1\" stop-color=\"").append(colour(r)).append("\"/>\n")
          .append("    </linearGradient>\n");
    }
    s.append("  </defs>\n");
    s.append("  <rect width=\"100%\" height=\"100%\" fill=\"url(#sky)\"/>\n");
    // shapes: closed cubic Bézier blobs under a rotation
    s.append("  <g transform=\"translate(320 250) rotate(").append(r.nextInt(30) - 15).append(")\">\n");
    for (int i = 0; i < 24; i++) {
      double cx = r.nextDouble() * 400 - 200;
      double cy = r.nextDouble() * 260 - 130;
      double size = 20 + r.nextDouble() * 50;
      s.append("    <path d=\"M").append(f(cx)).append(',').append(f(cy));
      for (int k = 0; k < 4; k++) {
        s.append(" C").append(f(cx + rnd(r, size))).append(',').append(f(cy + rnd(r, size)))
            .append(' ').append(f(cx + rnd(r, size))).append(',').append(f(cy + rnd(r, size)))
            .append(' ').append(f(cx + rnd(r, size * 0.7))).append(',').append(f(cy + rnd(r, size * 0.7)));
      }
      s.append(" Z\" fill=\"url(#leaf").append(i % 3).append(")\" stroke=\"").append(colour(r))
          .append("\" stroke-width=\"").append(f(0.5 + r.nextDouble() * 2)).append("\"/>\n");
    }
    s.append("  </g>\n");
    s.append("  <circle cx=\"540\" cy=\"90\" r=\"60\" fill=\"url(#badge)\" stroke=\"#333\" stroke-width=\"2\"/>\n");
    // a chart: axes and a polyline of 40 points
    s.append("  <g stroke=\"#222\" stroke-width=\"1.5\" fill=\"none\">\n")
        .append("    <path d=\"M40 440 H600 M40 440 V300\"/>\n")
        .append("    <polyline stroke=\"").append(colour(r)).append("\" stroke-width=\"2.5\" stroke-linejoin=\"round\" "
            + "points=\"");
    for (int i = 0; i < 40; i++) {
      s.append(f(40 + i * 14)).append(',').append(f(430 - r.nextDouble() * 120)).append(' ');
    }
    s.append("\"/>\n  </g>\n");
    // text in two faces
    s.append("  <text x=\"40\" y=\"50\" font-family=\"sans-serif\" font-size=\"28\" font-weight=\"bold\" fill=\"#111\">")
        .append("Quarterly drawing ").append(seed).append("</text>\n");
    for (int line = 0; line < 3; line++) {
      s.append("  <text x=\"40\" y=\"").append(85 + line * 20).append("\" font-family=\"serif\" font-size=\"15\" "
          + "fill=\"#333\">Line ").append(line + 1).append(": the quick brown fox jumps over the lazy dog</text>\n");
    }
    s.append("</svg>\n");
    return s.toString();
  }

  private static double rnd(Random r, double size) {
    return (r.nextDouble() * 2 - 1) * size;
  }

  private static String f(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  private static String colour(Random r) {
    return String.format(Locale.ROOT, "#%06x", r.nextInt(0x1000000));
  }
}
