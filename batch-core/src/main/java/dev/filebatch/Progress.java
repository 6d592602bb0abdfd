package dev.filebatch;

import java.time.Duration;
import java.util.Optional;

/**
 * A snapshot of a batch's progress.
 *
 * @param total files in the batch: exact once every input has been received. Files are processed while later ones
 *     are still being received, so until then it is an estimate that only grows: at least the count known before
 *     reading (files given, files found in folders, each archive counted as one) and always more than the files
 *     received so far, since an archive's entries are only counted as they are read. It therefore never equals
 *     {@code done} before the last input is received, and may end one below its last estimate.
 * @param done files in a final state
 * @param succeeded files that ended success or partial
 * @param failed files that ended failed
 * @param running files started and not yet ended; a file ended by a timeout or cancellation stops counting at once,
 *     even while its processor's thread is still being interrupted, so {@code done + running <= total}
 * @param elapsed time since the batch was submitted
 */
public record Progress(int total, int done, int succeeded, int failed, int running, Duration elapsed) {

  /** Done as a percentage of total, 0 to 100 (0 while the total is unknown). */
  public double percent() {
    return total == 0 ? 0.0 : 100.0 * done / total;
  }

  /**
   * A naive estimate of the time left, from the average time per finished file so far; empty until one file has
   * finished.
   */
  public Optional<Duration> estimatedTimeLeft() {
    if (done == 0 || total == 0) {
      return Optional.empty();
    }
    long perFile = elapsed.toNanos() / done;
    return Optional.of(Duration.ofNanos(perFile * (total - done)));
  }

  /** Whether every file is in a final state. */
  public boolean isFinished() {
    return total > 0 && done == total;
  }
}
