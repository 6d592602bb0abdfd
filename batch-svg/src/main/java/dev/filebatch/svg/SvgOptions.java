package dev.filebatch.svg;

import java.awt.Color;
import java.util.Locale;
import java.util.Objects;

/**
 * How {@link SvgProcessor} converts each SVG. Immutable; built with {@link SvgProcessor#builder()}.
 *
 * <p>Output size: with neither {@code width} nor {@code height}, a raster is the drawing's intrinsic size (its
 * {@code width}/{@code height}, else its {@code viewBox}, else 300 x 150 CSS pixels) times {@code dpi / 96} times
 * {@code scale}. With one of them the other follows the drawing's aspect ratio; with both the drawing is fitted and
 * centred. PDF pages follow the same rule without {@code dpi}, in points (a CSS pixel is 0.75 pt). A PPTX slide
 * has {@code slideSize}; the drawing is fitted below the title and centred, and its PNG fallback is rendered at
 * {@code dpi} for the size it has on the slide ({@code width}, {@code height} and {@code scale} do not apply).
 *
 * @param format the output format; default {@link SvgFormat#PNG}
 * @param width output width in pixels, 0 for "from the drawing"; default 0
 * @param height output height in pixels, 0 for "from the drawing"; default 0
 * @param scale factor on the intrinsic size when width and height are 0, above 0 and at most 100; default 1
 * @param background fill behind the drawing, {@code null} for transparent (PNG, PPTX fallback) or white (JPEG);
 *     ignored for PDF; default {@code null}
 * @param dpi resolution for physical units (in, mm, pt) and the intrinsic size of raster output, 10 to 2400;
 *     default 96 (1 CSS pixel = 1 output pixel)
 * @param jpegQuality JPEG quality from 0 (smallest) to 1 (best); default 0.9
 * @param slideSize the PPTX slide size; default 10 x 7.5 in
 * @param renderer which engine draws raster output; default {@link SvgRenderer#AUTO}: on a 43-document feature
 *     corpus it matched Batik's pixels wherever Batik is right, beat it where Batik 1.19 is wrong (rgba()/hsl()
 *     colours, paint-order, non-scaling strokes) and took about half Batik's time
 * @param maxOutputPixels cap on width x height of any raster output (and embedded image); default 16,777,216
 *     (4096 x 4096, 64 MB of ARGB)
 * @param maxElements cap on elements, both as written and as expanded through {@code use}/references; default
 *     200,000
 * @param maxDepth cap on element nesting depth; default 100
 */
public record SvgOptions(
    SvgFormat format,
    int width,
    int height,
    double scale,
    Color background,
    int dpi,
    float jpegQuality,
    SlideSize slideSize,
    SvgRenderer renderer,
    long maxOutputPixels,
    int maxElements,
    int maxDepth) {
  /** Default cap on output pixels: 4096 x 4096. */
  public static final long DEFAULT_MAX_OUTPUT_PIXELS = 4096L * 4096L;
  /** Default cap on (expanded) elements. */
  public static final int DEFAULT_MAX_ELEMENTS = 200_000;
  /** Default cap on nesting depth. */
  public static final int DEFAULT_MAX_DEPTH = 100;

  /** Validates every option with a message naming it. */
  public SvgOptions {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(slideSize, "slideSize");
    Objects.requireNonNull(renderer, "renderer");
    if (width < 0 || height < 0) {
      throw new IllegalArgumentException("width and height must be positive (or 0 for 'from the drawing'), were "
          + width + " x " + height);
    }
    if (!(scale > 0 && scale <= 100)) {
      throw new IllegalArgumentException("scale must be above 0 and at most 100, was " + scale);
    }
    if (scale != 1 && (width > 0 || height > 0)) {
      throw new IllegalArgumentException("set either scale or width/height, not both");
    }
    if (dpi < 10 || dpi > 2400) {
      throw new IllegalArgumentException("dpi must be between 10 and 2400, was " + dpi);
    }
    if (!(jpegQuality >= 0 && jpegQuality <= 1)) {
      throw new IllegalArgumentException("jpegQuality must be between 0 and 1, was " + jpegQuality);
    }
    if (maxOutputPixels < 1) {
      throw new IllegalArgumentException("maxOutputPixels must be positive, was " + maxOutputPixels);
    }
    if (maxElements < 1) {
      throw new IllegalArgumentException("maxElements must be positive, was " + maxElements);
    }
    if (maxDepth < 2) {
      throw new IllegalArgumentException("maxDepth must be at least 2, was " + maxDepth);
    }
    if ((long) width * Math.max(height, 1) > maxOutputPixels) {
      throw new IllegalArgumentException(
          "width x height (" + width + " x " + height + ") exceeds maxOutputPixels " + maxOutputPixels);
    }
  }

  /** Every default: PNG at the drawing's own size, 96 dpi, AUTO renderer, transparent. */
  public static SvgOptions defaults() {
    return new SvgOptions(SvgFormat.PNG, 0, 0, 1, null, 96, 0.9f, SlideSize.standard(), SvgRenderer.AUTO,
        DEFAULT_MAX_OUTPUT_PIXELS, DEFAULT_MAX_ELEMENTS, DEFAULT_MAX_DEPTH);
  }

  /**
   * Parses a colour for {@code background}: {@code #rgb}, {@code #rrggbb}, {@code #rrggbbaa}, {@code transparent},
   * {@code white} or {@code black}.
   *
   * @return the colour, or {@code null} for transparent
   * @throws IllegalArgumentException for anything else
   */
  public static Color parseColor(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    switch (t) {
      case "transparent", "none":
        return null;
      case "white":
        return Color.WHITE;
      case "black":
        return Color.BLACK;
      default:
        break;
    }
    if (t.matches("#[0-9a-f]{3}")) {
      t = "#" + t.charAt(1) + t.charAt(1) + t.charAt(2) + t.charAt(2) + t.charAt(3) + t.charAt(3);
    }
    if (t.matches("#[0-9a-f]{6}")) {
      return new Color(Integer.parseInt(t.substring(1), 16));
    }
    if (t.matches("#[0-9a-f]{8}")) {
      long v = Long.parseLong(t.substring(1), 16);
      return new Color((int) (v >> 24) & 0xff, (int) (v >> 16) & 0xff, (int) (v >> 8) & 0xff, (int) v & 0xff);
    }
    throw new IllegalArgumentException(
        "background must be #rgb, #rrggbb, #rrggbbaa, transparent, white or black, was '" + text + "'");
  }
}
