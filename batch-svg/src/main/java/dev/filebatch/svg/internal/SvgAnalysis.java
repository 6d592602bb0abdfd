package dev.filebatch.svg.internal;

import java.util.Set;
import org.w3c.dom.Document;

/**
 * An SVG document that passed every safety check: its DOM (parsed with DTDs and external entities off), the raw
 * bytes (for embedding in decks), its intrinsic size in CSS pixels and the features it uses (for choosing a renderer).
 *
 * @param document the parsed DOM; renderers must not mutate it (each clones or re-parses)
 * @param bytes the validated source bytes, without the DOCTYPE if the source had one (otherwise as uploaded)
 * @param width intrinsic width in CSS pixels (96 per inch)
 * @param height intrinsic height in CSS pixels
 * @param features the features the document uses
 */
public record SvgAnalysis(Document document, byte[] bytes, double width, double height, Set<Feature> features) {
  /**
   * Features one of the renderers handles poorly; the analysis reports which ones a document uses. The first group
   * JSVG 2.0.0 draws wrongly, the last group (SVG 2 / CSS 3) Batik 1.19 draws wrongly.
   */
  public enum Feature {
    FILTER,
    MASK,
    CLIP_PATH,
    PATTERN,
    MARKER,
    TEXT,
    TEXT_PATH,
    IMAGE,
    USE,
    STYLE_SHEET,
    FOREIGN_OBJECT,
    ANIMATION,
    SWITCH,
    GROUP_OPACITY,
    VERTICAL_TEXT,
    CSS3_COLOR,
    PAINT_ORDER,
    VECTOR_EFFECT,
    /**
     * An {@code feGaussianBlur} with a negative {@code stdDeviation} (an error in SVG): JSVG 2.0.0 does not finish
     * drawing it (17-33 s for a 200 x 200 drawing, an endless loop in practice), Batik rejects it at once.
     */
    NEGATIVE_BLUR
  }
}
