package dev.filebatch.spi;

import dev.filebatch.ErrorCode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CancellationException;

/** What a {@link FileProcessor} may know and do while it works on one file. */
public interface ProcessingContext {
  /** The batch's id. */
  UUID batchId();

  /** Which attempt this is, from 1. */
  int attempt();

  /** When the file's time runs out (the file or batch timeout, whichever comes first). */
  Instant deadline();

  /** Time left until {@link #deadline()}, never negative. */
  default Duration remaining() {
    Duration left = Duration.between(Instant.now(), deadline());
    return left.isNegative() ? Duration.ZERO : left;
  }

  /** Whether the file's work should stop: cancelled by the caller, or its time is up. */
  boolean isCancelled();

  /**
   * Throws if {@link #isCancelled()}: long loops call this between steps. The worker thread is also interrupted.
   *
   * @throws CancellationException when the work should stop
   */
  default void checkCancelled() {
    if (isCancelled() || Thread.currentThread().isInterrupted()) {
      throw new CancellationException("file processing was cancelled");
    }
  }

  /**
   * A private scratch folder for this file inside the batch workspace (for temp files such as PDF stream caches),
   * removed with the workspace.
   */
  Path scratchDirectory() throws IOException;

  /**
   * Reserves a path for an output artifact of this file (a converted image, a document). The name is sanitised and
   * made unique within the batch's output folder; the folder outlives the batch, unlike the workspace.
   *
   * @param fileName the wished-for base name, e.g. {@code drawing.png}
   * @return a path that does not exist yet, for the processor to write
   */
  Path newArtifact(String fileName) throws IOException;

  /**
   * Marks the result {@link dev.filebatch.FileStatus#PARTIAL}: the payload returned is usable but incomplete. The
   * last call wins.
   */
  void reportPartial(ErrorCode code, String message, String remediation);

  /** Reports the fraction done of this file, 0 to 1, for progress displays and hang detection. Optional. */
  default void reportProgress(double fraction) {}
}
