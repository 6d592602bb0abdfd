package dev.filebatch.internal;

import dev.filebatch.BatchInput;
import dev.filebatch.BatchJob;
import dev.filebatch.BatchProcessor;
import dev.filebatch.BatchResult;
import dev.filebatch.FileInspection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The engine behind {@link BatchProcessor}. */
public final class Engine implements BatchProcessor {
  private final EngineConfig config;

  /** An engine for a validated configuration. */
  public Engine(EngineConfig config) {
    this.config = config;
  }

  @Override
  public BatchJob submit(BatchInput input) {
    throw new UnsupportedOperationException("skeleton");
  }

  @Override
  public BatchResult process(BatchInput input) {
    throw new UnsupportedOperationException("skeleton");
  }

  @Override
  public List<FileInspection> inspect(BatchInput input) {
    throw new UnsupportedOperationException("skeleton");
  }

  @Override
  public Optional<BatchResult> find(UUID batchId) {
    return config.store().find(batchId);
  }

  @Override
  public void close() {}
}
