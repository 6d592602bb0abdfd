package dev.filebatch;

/** The overall outcome of a batch that was accepted (a rejected batch throws {@link BatchRejectedException}). */
public enum BatchStatus {
  /** Every file succeeded. */
  COMPLETED,
  /** Some files succeeded (or were partial) and some failed, or some were partial. */
  PARTIAL,
  /** No file succeeded. */
  FAILED;

  /** The lower-case name used in JSON. */
  @com.fasterxml.jackson.annotation.JsonValue
  public String jsonName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
