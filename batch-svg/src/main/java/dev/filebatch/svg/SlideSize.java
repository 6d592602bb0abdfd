package dev.filebatch.svg;

/**
 * The size of a PowerPoint slide, in inches. The drawing is fitted inside it, below the title, and centred.
 *
 * @param widthInches slide width, 1 to 56 inches (PowerPoint's range)
 * @param heightInches slide height, 1 to 56 inches
 */
public record SlideSize(double widthInches, double heightInches) {
  /** Validates the size against PowerPoint's limits. */
  public SlideSize {
    check("widthInches", widthInches);
    check("heightInches", heightInches);
  }

  private static void check(String name, double value) {
    if (!(value >= 1 && value <= 56)) {
      throw new IllegalArgumentException(name + " must be between 1 and 56 inches, was " + value);
    }
  }

  /** 10 x 7.5 inches: PowerPoint's classic 4:3 slide, the default. */
  public static SlideSize standard() {
    return new SlideSize(10, 7.5);
  }

  /** 13.333 x 7.5 inches: PowerPoint's 16:9 widescreen slide. */
  public static SlideSize widescreen() {
    return new SlideSize(13.333, 7.5);
  }

  /**
   * Parses {@code WIDTHxHEIGHT} in inches, e.g. {@code 10x7.5}, or {@code standard} / {@code widescreen}.
   *
   * @throws IllegalArgumentException when the text is neither
   */
  public static SlideSize parse(String text) {
    String t = text.trim().toLowerCase(java.util.Locale.ROOT);
    if (t.equals("standard")) {
      return standard();
    }
    if (t.equals("widescreen")) {
      return widescreen();
    }
    String[] parts = t.split("x");
    if (parts.length == 2) {
      try {
        return new SlideSize(Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim()));
      } catch (NumberFormatException e) {
        // fall through to the message below
      }
    }
    throw new IllegalArgumentException(
        "slide size must look like 10x7.5 (inches), 'standard' or 'widescreen', was '" + text + "'");
  }

  /** Width in points (72 per inch). */
  public double widthPoints() {
    return widthInches * 72;
  }

  /** Height in points (72 per inch). */
  public double heightPoints() {
    return heightInches * 72;
  }
}
