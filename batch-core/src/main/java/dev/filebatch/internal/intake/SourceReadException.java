package dev.filebatch.internal.intake;

import java.io.IOException;

/**
 * Reading an input failed (the caller's stream or file, or an archive's data), as opposed to writing the workspace.
 * Intake turns the first into a failed file ({@code UNREADABLE_INPUT}, or {@code CORRUPT_FILE} inside an archive)
 * and lets the second fail the batch.
 */
final class SourceReadException extends IOException {
  private static final long serialVersionUID = 1L;

  SourceReadException(Throwable cause) {
    super(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage(), cause);
  }
}
