package dev.filebatch.benchmarks;

import dev.filebatch.ErrorCode;
import dev.filebatch.spi.ProcessingContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

/** The least a processor can be called with: no deadline to speak of, never cancelled, scratch in one folder. */
public final class DirectContext implements ProcessingContext {
  private final UUID batchId = UUID.randomUUID();
  private final Instant deadline = Instant.now().plusSeconds(3600);
  private final Path folder;

  /** A context whose scratch and artifact paths live in {@code folder}. */
  public DirectContext(Path folder) {
    this.folder = folder;
  }

  @Override
  public UUID batchId() {
    return batchId;
  }

  @Override
  public int attempt() {
    return 1;
  }

  @Override
  public Instant deadline() {
    return deadline;
  }

  @Override
  public boolean isCancelled() {
    return false;
  }

  @Override
  public Path scratchDirectory() throws IOException {
    return Files.createDirectories(folder.resolve("scratch"));
  }

  @Override
  public Path newArtifact(String fileName) throws IOException {
    return Files.createTempFile(folder, "artifact-", "-" + fileName);
  }

  @Override
  public void reportPartial(ErrorCode code, String message, String remediation) {
    // a benchmark processor never reports partial results
  }
}
