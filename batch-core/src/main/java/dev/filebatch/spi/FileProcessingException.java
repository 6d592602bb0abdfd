package dev.filebatch.spi;

import dev.filebatch.ErrorCode;
import dev.filebatch.FileError;
import java.util.Objects;

/**
 * Thrown by a {@link FileProcessor} to fail one file with a typed reason. The engine turns it into a
 * {@link dev.filebatch.FileStatus#FAILED} result carrying {@link #error()}; the other files of the batch go on.
 * Any other exception fails the file with {@link ErrorCode#PROCESSING_FAILED}.
 */
public class FileProcessingException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient FileError error;

  /** Fails the file with the given code, message and remediation hint. */
  public FileProcessingException(ErrorCode code, String message, String remediation) {
    this(code, message, remediation, null);
  }

  /** Fails the file with the given code, message, remediation hint and cause. */
  public FileProcessingException(ErrorCode code, String message, String remediation, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.error = new FileError(code, message, remediation);
  }

  /** The typed error the file ends with. */
  public FileError error() {
    return error;
  }

  /** The error's code. */
  public ErrorCode code() {
    return error.code();
  }
}
