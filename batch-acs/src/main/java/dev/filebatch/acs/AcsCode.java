package dev.filebatch.acs;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * One ACS code listed on a report (a topic answered incorrectly), with the titles of its area of operation and task.
 *
 * @param code the code as normalised by the parser, e.g. {@code PA.I.B.K2} or {@code CA.I.B.K3a}
 * @param area the area of operation's title, e.g. {@code Preflight Preparation}
 * @param task the task's title, e.g. {@code Airworthiness Requirements}
 */
@JsonPropertyOrder({"code", "area", "task"})
public record AcsCode(String code, String area, String task) {
  /** Validates the components. */
  public AcsCode {
    Objects.requireNonNull(code, "code");
    if (code.split("\\.").length != 4) {
      throw new IllegalArgumentException("an ACS code has four dot-separated parts: '" + code + "'");
    }
  }

  /** The ACS prefix, e.g. {@code PA}. */
  @JsonIgnore
  public String prefix() {
    return code.split("\\.")[0];
  }

  /** The area's Roman numeral, e.g. {@code I}. */
  @JsonIgnore
  public String areaNumeral() {
    return code.split("\\.")[1];
  }

  /** The task letter, e.g. {@code B}. */
  @JsonIgnore
  public String taskLetter() {
    return code.split("\\.")[2];
  }

  /** The element, e.g. {@code K2} or {@code K3a}. */
  @JsonIgnore
  public String element() {
    return code.split("\\.")[3];
  }
}
