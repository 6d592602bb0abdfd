package dev.filebatch.spi;

import java.io.IOException;
import java.nio.file.Path;
import java.util.UUID;

/** What a {@link Summarizer} may know and do. */
public interface SummaryContext {
  /** The batch's id. */
  UUID batchId();

  /** Reserves a path for a batch-level artifact (a deck, an archive) in the batch's output folder. */
  Path newArtifact(String fileName) throws IOException;
}
