package dev.filebatch;

import java.util.Locale;
import java.util.Objects;

/**
 * A media type without parameters, such as {@code application/pdf}, compared case-insensitively.
 *
 * @param type the top-level type, lower case
 * @param subtype the subtype, lower case
 */
public record MediaType(String type, String subtype) {
  /** {@code application/pdf}. */
  public static final MediaType PDF = new MediaType("application", "pdf");
  /** {@code image/png}. */
  public static final MediaType PNG = new MediaType("image", "png");
  /** {@code image/jpeg}. */
  public static final MediaType JPEG = new MediaType("image", "jpeg");
  /** {@code image/svg+xml}. */
  public static final MediaType SVG = new MediaType("image", "svg+xml");
  /** {@code application/zip}. */
  public static final MediaType ZIP = new MediaType("application", "zip");
  /** {@code text/plain}. */
  public static final MediaType TEXT = new MediaType("text", "plain");
  /** {@code application/octet-stream}: content nothing recognised. */
  public static final MediaType OCTET_STREAM = new MediaType("application", "octet-stream");

  /** Normalises both parts to lower case. */
  public MediaType {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(subtype, "subtype");
    type = type.trim().toLowerCase(Locale.ROOT);
    subtype = subtype.trim().toLowerCase(Locale.ROOT);
    if (type.isEmpty() || subtype.isEmpty()) {
      throw new IllegalArgumentException("media type needs a type and a subtype");
    }
  }

  /**
   * Parses {@code type/subtype}, ignoring any parameters after a {@code ;}.
   *
   * @throws IllegalArgumentException if the text has no {@code /}
   */
  @com.fasterxml.jackson.annotation.JsonCreator
  public static MediaType parse(String text) {
    Objects.requireNonNull(text, "text");
    String bare = text.split(";", 2)[0].trim();
    int slash = bare.indexOf('/');
    if (slash <= 0 || slash == bare.length() - 1) {
      throw new IllegalArgumentException("not a media type: '" + text + "'");
    }
    return new MediaType(bare.substring(0, slash), bare.substring(slash + 1));
  }

  @com.fasterxml.jackson.annotation.JsonValue
  @Override
  public String toString() {
    return type + "/" + subtype;
  }
}
