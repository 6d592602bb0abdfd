package dev.filebatch.vision;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * The text read from one image.
 *
 * <p>In JSON (through {@code BatchJson}): {@code {"text": "...", "mean_confidence": 0.91, "recognizer":
 * "tesseract:eng", "width": 1200, "height": 1600, "orientation": 6}}; {@code mean_confidence} is left out when the
 * recognizer gives none.
 *
 * @param text the recognised text, lines separated by {@code \n}; empty when none was found
 * @param meanConfidence the recognizer's mean word confidence from 0 to 1, or {@code null} when it reports none
 *     (remote vision models do not)
 * @param recognizer the id of the {@link TextRecognizer} that read it, e.g. {@code tesseract:eng}
 * @param width the image's width in pixels as displayed (after the EXIF orientation), before OCR scaling
 * @param height the image's height in pixels as displayed
 * @param orientation the EXIF orientation that was applied, 1 to 8; 1 means the pixels were used as stored
 */
public record RecognizedText(
    String text,
    @JsonInclude(JsonInclude.Include.NON_NULL) Double meanConfidence, String recognizer, int width, int height, int orientation) {

  /** Validates the values. */
  public RecognizedText {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(recognizer, "recognizer");
    if (meanConfidence != null && !(meanConfidence >= 0.0 && meanConfidence <= 1.0)) {
      throw new IllegalArgumentException("meanConfidence must be between 0 and 1, was " + meanConfidence);
    }
    if (width < 0 || height < 0) {
      throw new IllegalArgumentException("width and height must not be negative, were " + width + "x" + height);
    }
    if (orientation < 1 || orientation > 8) {
      throw new IllegalArgumentException("orientation must be an EXIF orientation from 1 to 8, was " + orientation);
    }
  }

  /**
   * Text read by a recognizer from an image of the given size, with no orientation applied: what a
   * {@link TextRecognizer} returns. {@link VisionProcessor} then records the source image's own size and
   * orientation.
   */
  public static RecognizedText of(String text, Double meanConfidence, String recognizer, int width, int height) {
    return new RecognizedText(text, meanConfidence, recognizer, width, height, 1);
  }

  /** A copy describing the source image: its displayed size and the EXIF orientation applied to it. */
  public RecognizedText withImage(int width, int height, int orientation) {
    return new RecognizedText(text, meanConfidence, recognizer, width, height, orientation);
  }

  /** Whether any non-blank text was found. */
  public boolean hasText() {
    return !text.isBlank();
  }
}
