package dev.filebatch;

/** The final state of one file of a batch. Every file ends in exactly one. */
public enum FileStatus {
  /** The processor produced its full result. */
  SUCCESS,
  /** The processor produced a result but reported that part of it is missing or uncertain; see the error. */
  PARTIAL,
  /** No result: rejected at intake, or the processor failed, timed out or was cancelled; see the error. */
  FAILED;

  /** The lower-case name used in JSON. */
  @com.fasterxml.jackson.annotation.JsonValue
  public String jsonName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
