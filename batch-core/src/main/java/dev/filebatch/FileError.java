package dev.filebatch;

import java.util.Objects;

/**
 * Why a file failed, or why a batch was rejected: a stable {@linkplain ErrorCode code}, a message a person
 * understands and a remediation hint saying what to do about it.
 *
 * @param code the machine-readable reason
 * @param message what went wrong, for a person; never contains file contents
 * @param remediation what the uploader can do about it
 */
public record FileError(ErrorCode code, String message, String remediation) {
  /** Validates the components. */
  public FileError {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    remediation = remediation == null ? "" : remediation;
  }

  /** Shorthand for {@code new FileError(code, message, remediation)}. */
  public static FileError of(ErrorCode code, String message, String remediation) {
    return new FileError(code, message, remediation);
  }
}
