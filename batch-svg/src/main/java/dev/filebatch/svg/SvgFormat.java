package dev.filebatch.svg;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What an SVG is converted to. */
public enum SvgFormat {
  /** A PNG image, transparent unless a background is set (the default format). */
  PNG("png"),
  /** A JPEG image; transparent areas become the background (white unless set). */
  JPEG("jpg"),
  /** A one-page PDF drawn with FOP's PDF transcoder: vectors stay vectors and text stays text. */
  PDF("pdf"),
  /**
   * A one-slide PowerPoint deck holding the SVG as a vector picture with a PNG fallback for viewers that do not
   * render SVG.
   */
  PPTX("pptx");

  private final String extension;

  SvgFormat(String extension) {
    this.extension = extension;
  }

  /** The file extension of outputs in this format, without the dot. */
  public String extension() {
    return extension;
  }

  /** The lower-case name used in JSON and on the command line. */
  @JsonValue
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a format name such as {@code png} or {@code jpg}, ignoring case.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static SvgFormat parse(String text) {
    String t = text.trim().toUpperCase(Locale.ROOT);
    if (t.equals("JPG")) {
      return JPEG;
    }
    try {
      return valueOf(t);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown SVG output format '" + text + "': use png, jpeg, pdf or pptx", e);
    }
  }
}
