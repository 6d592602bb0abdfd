package dev.filebatch.svg;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Which engine draws raster output (PNG, JPEG and the PNG fallback inside PPTX). PDF is always drawn by Batik
 * through FOP, whatever the choice, and the SVG inside a PPTX is the source itself.
 */
public enum SvgRenderer {
  /** Apache Batik: the reference renderer, the most complete (filters, text, CSS). */
  BATIK,
  /** JSVG: faster and leaner than Batik but draws some features (notably filters) wrongly rather than failing. */
  JSVG,
  /**
   * Decided per file from the features the document uses (the default): JSVG when the document uses SVG 2 / CSS 3
   * that Batik draws wrongly (rgba()/hsl() colours, paint-order, non-scaling strokes); otherwise Batik when it uses
   * something JSVG draws wrongly (filters, markers, group opacity, vertical text, style sheets, text on a path,
   * {@code switch}, foreign objects, animation); otherwise JSVG. Batik takes over whenever JSVG fails, and JSVG
   * whenever Batik fails on the content (never when a security wall stopped it).
   */
  AUTO;

  /** The lower-case name used in JSON and on the command line. */
  @JsonValue
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code batik}, {@code jsvg} or {@code auto}, ignoring case.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static SvgRenderer parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown SVG renderer '" + text + "': use batik, jsvg or auto", e);
    }
  }
}
