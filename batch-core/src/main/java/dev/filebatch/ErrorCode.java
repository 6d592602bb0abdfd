package dev.filebatch;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A stable, machine-readable reason for a rejected batch or a failed file, such as {@code FILE_TOO_LARGE}.
 *
 * <p>Codes are open-ended: the constants below are the ones the engine itself produces, and processors may define
 * their own with {@link #of(String)} (for example {@code NOT_AN_AKTR}). Two codes are equal when their names are.
 * A code's name is upper-case ASCII letters, digits and underscores, and never changes between releases.
 */
public final class ErrorCode {
  private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]{1,63}");

  /** The batch holds no file at all. Rejects the batch. */
  public static final ErrorCode NO_FILES = new ErrorCode("NO_FILES");
  /** The batch holds fewer files than the configured minimum. Rejects the batch. */
  public static final ErrorCode TOO_FEW_FILES = new ErrorCode("TOO_FEW_FILES");
  /** The batch holds more files than the configured maximum (archive entries count). Rejects the batch. */
  public static final ErrorCode TOO_MANY_FILES = new ErrorCode("TOO_MANY_FILES");
  /** The batch's bytes add up to more than the configured maximum. Rejects the batch. */
  public static final ErrorCode BATCH_TOO_LARGE = new ErrorCode("BATCH_TOO_LARGE");
  /** One file is larger than the per-file maximum. Fails that file. */
  public static final ErrorCode FILE_TOO_LARGE = new ErrorCode("FILE_TOO_LARGE");
  /** One file has no bytes. Fails that file. */
  public static final ErrorCode EMPTY_FILE = new ErrorCode("EMPTY_FILE");
  /** No registered processor handles the file's detected type. Fails that file. */
  public static final ErrorCode UNSUPPORTED_TYPE = new ErrorCode("UNSUPPORTED_TYPE");
  /** The file's content disagrees with its extension or declared type. Fails that file. */
  public static final ErrorCode TYPE_MISMATCH = new ErrorCode("TYPE_MISMATCH");
  /** The file (or archive) cannot be read because its structure is broken. */
  public static final ErrorCode CORRUPT_FILE = new ErrorCode("CORRUPT_FILE");
  /** The file (or archive entry) is encrypted and cannot be read without a password. */
  public static final ErrorCode ENCRYPTED_FILE = new ErrorCode("ENCRYPTED_FILE");
  /** An archive tries to escape the workspace, holds links, too many entries or nests too deeply. Rejects the batch. */
  public static final ErrorCode ARCHIVE_UNSAFE = new ErrorCode("ARCHIVE_UNSAFE");
  /** An archive expands beyond the configured ratio or size caps. Rejects the batch. */
  public static final ErrorCode ARCHIVE_BOMB = new ErrorCode("ARCHIVE_BOMB");
  /** A document holds content the processor refuses to run (scripts, external references, entity expansion...). */
  public static final ErrorCode UNSAFE_CONTENT = new ErrorCode("UNSAFE_CONTENT");
  /** An image's dimensions exceed the pixel cap. */
  public static final ErrorCode IMAGE_TOO_LARGE = new ErrorCode("IMAGE_TOO_LARGE");
  /** The file did not finish within its time limit. */
  public static final ErrorCode TIMEOUT = new ErrorCode("TIMEOUT");
  /** A remote service refused the work for now and retries ran out. */
  public static final ErrorCode RATE_LIMITED = new ErrorCode("RATE_LIMITED");
  /** The batch was cancelled, or its time limit expired, before the file finished. */
  public static final ErrorCode CANCELLED = new ErrorCode("CANCELLED");
  /** A transient failure persisted through every retry. */
  public static final ErrorCode RETRIES_EXHAUSTED = new ErrorCode("RETRIES_EXHAUSTED");
  /** The processor failed in a way it did not classify. */
  public static final ErrorCode PROCESSING_FAILED = new ErrorCode("PROCESSING_FAILED");
  /** The processor ran out of memory (forked isolation only: in-process OOM is never caught). */
  public static final ErrorCode OUT_OF_MEMORY = new ErrorCode("OUT_OF_MEMORY");
  /** The worker process running the file died (forked isolation only). */
  public static final ErrorCode WORKER_CRASHED = new ErrorCode("WORKER_CRASHED");
  /** An input could not be read by the engine itself (an I/O error on the caller's stream or path). */
  public static final ErrorCode UNREADABLE_INPUT = new ErrorCode("UNREADABLE_INPUT");

  private final String name;

  private ErrorCode(String name) {
    this.name = name;
  }

  /**
   * Returns the code with the given name.
   *
   * @param name upper-case letters, digits and underscores, 2 to 64 characters, starting with a letter
   * @throws IllegalArgumentException if the name is not of that form
   */
  @com.fasterxml.jackson.annotation.JsonCreator
  public static ErrorCode of(String name) {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "error code must be upper-case letters, digits and underscores, starting with a letter: '" + name + "'");
    }
    return new ErrorCode(name);
  }

  /** The code's stable name, e.g. {@code FILE_TOO_LARGE}. */
  @com.fasterxml.jackson.annotation.JsonValue
  public String name() {
    return name;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ErrorCode other && other.name.equals(name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return name;
  }
}
