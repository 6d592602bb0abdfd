package dev.filebatch;

/**
 * How much a batch may hold. Defaults come from the origin spec: 1 to 30 files, 10 MB per file, 100 MB per batch.
 *
 * <p>What breaks a limit: {@code TOO_MANY_FILES}, {@code TOO_FEW_FILES}/{@code NO_FILES} and {@code BATCH_TOO_LARGE}
 * reject the whole batch (checked from declared sizes before any body is read, and again while streaming);
 * {@code FILE_TOO_LARGE} fails that one file (streaming stops at the limit, nothing oversize is buffered).
 *
 * @param minFiles at least this many files, at least 1
 * @param maxFiles at most this many files, archive entries included
 * @param maxFileBytes at most this many bytes in one file
 * @param maxBatchBytes at most this many bytes in the whole batch (after archive expansion)
 */
public record IntakeLimits(int minFiles, int maxFiles, long maxFileBytes, long maxBatchBytes) {
  /** 10 MB: the origin spec's per-file cap. */
  public static final long DEFAULT_MAX_FILE_BYTES = 10L * 1024 * 1024;
  /** 100 MB: the origin spec's per-batch cap. */
  public static final long DEFAULT_MAX_BATCH_BYTES = 100L * 1024 * 1024;

  /** Validates the limits. */
  public IntakeLimits {
    if (minFiles < 1) {
      throw new IllegalArgumentException("minFiles must be at least 1, was " + minFiles);
    }
    if (maxFiles < minFiles) {
      throw new IllegalArgumentException("maxFiles (" + maxFiles + ") is below minFiles (" + minFiles + ")");
    }
    if (maxFileBytes < 1) {
      throw new IllegalArgumentException("maxFileBytes must be positive, was " + maxFileBytes);
    }
    if (maxBatchBytes < maxFileBytes) {
      throw new IllegalArgumentException(
          "maxBatchBytes (" + maxBatchBytes + ") is below maxFileBytes (" + maxFileBytes + ")");
    }
  }

  /** 1 to 30 files, 10 MB per file, 100 MB per batch. */
  public static IntakeLimits defaults() {
    return new IntakeLimits(1, 30, DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_BATCH_BYTES);
  }

  /** A copy with another maximum file count. */
  public IntakeLimits withMaxFiles(int value) {
    return new IntakeLimits(minFiles, value, maxFileBytes, maxBatchBytes);
  }

  /** A copy with another minimum file count. */
  public IntakeLimits withMinFiles(int value) {
    return new IntakeLimits(value, maxFiles, maxFileBytes, maxBatchBytes);
  }

  /** A copy with another per-file byte cap. */
  public IntakeLimits withMaxFileBytes(long value) {
    return new IntakeLimits(minFiles, maxFiles, value, maxBatchBytes);
  }

  /** A copy with another per-batch byte cap. */
  public IntakeLimits withMaxBatchBytes(long value) {
    return new IntakeLimits(minFiles, maxFiles, maxFileBytes, value);
  }
}
