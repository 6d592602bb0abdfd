package dev.filebatch;

import java.util.UUID;

/**
 * Hears what happens in batches. Every method has an empty default; override what you need. Calls come from
 * worker threads, possibly concurrently, and must return quickly; an exception thrown here is logged and ignored.
 */
public interface BatchListener {
  /** A processor starts on a file (once per file, before the first attempt). */
  default void fileStarted(UUID batchId, int index, String fileName, String processorId) {}

  /** An attempt failed transiently and the file will be tried again after a back-off. */
  default void fileRetried(UUID batchId, int index, String fileName, int failedAttempt, Throwable cause) {}

  /** A file ended {@link FileStatus#SUCCESS} or {@link FileStatus#PARTIAL}. */
  default void fileFinished(UUID batchId, FileResult result) {}

  /** A file ended {@link FileStatus#FAILED}, at intake or in a processor. */
  default void fileFailed(UUID batchId, FileResult result) {}

  /** Progress changed (a file started or ended). */
  default void progress(UUID batchId, Progress progress) {}

  /** The batch is complete, stored, and its workspace removed. */
  default void batchFinished(BatchResult result) {}

  /** The batch was rejected before processing. */
  default void batchRejected(UUID batchId, FileError error) {}
}
