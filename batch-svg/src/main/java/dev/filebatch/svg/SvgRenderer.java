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
   * Decided per file: JSVG for documents that use only what JSVG draws well, Batik for the rest (filters, text on a
   * path, style sheets, foreign objects, animation, {@code switch}) and whenever JSVG throws.
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
