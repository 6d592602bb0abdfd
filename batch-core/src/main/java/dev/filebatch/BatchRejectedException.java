package dev.filebatch;

import java.util.Objects;

/**
 * The whole batch was refused before any file was processed: too many files, too many bytes, a hostile archive.
 * Nothing of the batch is kept; its workspace is already gone when this is thrown.
 */
public class BatchRejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient FileError error;

  /** Rejects a batch with the given typed reason. */
  public BatchRejectedException(FileError error) {
    this(error, null);
  }

  /** Rejects a batch with the given typed reason and cause. */
  public BatchRejectedException(FileError error, Throwable cause) {
    super(Objects.requireNonNull(error, "error").code() + ": " + error.message(), cause);
    this.error = error;
  }

  /** Why the batch was rejected. */
  public FileError error() {
    return error;
  }

  /** The rejection's code. */
  public ErrorCode code() {
    return error.code();
  }
}
