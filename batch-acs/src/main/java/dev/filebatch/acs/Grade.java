package dev.filebatch.acs;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The grade printed on a knowledge test report. */
public enum Grade {
  /** The applicant passed (score at or above the passing score). */
  PASS,
  /** The applicant failed. */
  FAIL;

  /** The lower-case name used in JSON: {@code pass} or {@code fail}. */
  @JsonValue
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Reads {@code pass}/{@code fail} in any case. */
  @JsonCreator
  public static Grade fromJson(String value) {
    return valueOf(value.trim().toUpperCase(Locale.ROOT));
  }
}
