package dev.filebatch.cli;

import dev.filebatch.BatchResult;
import dev.filebatch.FileStatus;

/** The command's exit codes. */
final class ExitCodes {
  /** Every file succeeded. */
  static final int ALL_SUCCEEDED = 0;
  /** Some files failed or are only partial. */
  static final int SOME_FAILED = 1;
  /** The batch was rejected, or the command line is wrong. */
  static final int REJECTED_OR_USAGE = 2;

  private ExitCodes() {}

  static int of(BatchResult result) {
    return result.files().stream().allMatch(f -> f.status() == FileStatus.SUCCESS) ? ALL_SUCCEEDED : SOME_FAILED;
  }
}
