package dev.filebatch.internal.fork;

import dev.filebatch.ErrorCode;
import dev.filebatch.spi.ProcessingContext;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@link ProcessingContext} a processor sees inside a worker. Artifact and scratch paths are asked of the host,
 * so artifact names stay unique across the whole batch, whichever worker writes them.
 */
final class WorkerContext implements ProcessingContext {
  private static final long PROGRESS_INTERVAL_NANOS = 100_000_000L;

  private final WorkerMain.Channel channel;
  private final UUID batchId;
  private final int attempt;
  private final Instant deadline;
  private Path scratch;
  private long lastProgress;

  WorkerContext(WorkerMain.Channel channel, UUID batchId, int attempt, Instant deadline) {
    this.channel = channel;
    this.batchId = batchId;
    this.attempt = attempt;
    this.deadline = deadline;
  }

  @Override
  public UUID batchId() {
    return batchId;
  }

  @Override
  public int attempt() {
    return attempt;
  }

  @Override
  public Instant deadline() {
    return deadline;
  }

  @Override
  public boolean isCancelled() {
    return Instant.now().isAfter(deadline);
  }

  @Override
  public synchronized Path scratchDirectory() throws IOException {
    if (scratch == null) {
      scratch = ask(Protocol.JSON.createObjectNode().put(Protocol.TYPE, Protocol.SCRATCH));
    }
    return scratch;
  }

  @Override
  public Path newArtifact(String fileName) throws IOException {
    return ask(Protocol.JSON.createObjectNode().put(Protocol.TYPE, Protocol.ARTIFACT).put("name", fileName));
  }

  private Path ask(ObjectNode request) throws IOException {
    JsonNode reply = channel.ask(request);
    String error = Protocol.text(reply, "error");
    if (error != null) {
      throw new IOException(error);
    }
    return Path.of(Protocol.text(reply, "path"));
  }

  @Override
  public void reportPartial(ErrorCode code, String message, String remediation) {
    channel.sendQuietly(Protocol.JSON.createObjectNode().put(Protocol.TYPE, Protocol.PARTIAL)
        .put("code", code.name()).put("message", message).put("remediation", remediation));
  }

  @Override
  public void reportProgress(double fraction) {
    long now = System.nanoTime();
    synchronized (this) {
      // progress is advisory: a chatty processor must not flood the pipe
      if (lastProgress != 0 && now - lastProgress < PROGRESS_INTERVAL_NANOS && fraction < 1) {
        return;
      }
      lastProgress = now;
    }
    channel.sendQuietly(Protocol.JSON.createObjectNode().put(Protocol.TYPE, Protocol.PROGRESS).put("fraction",
        fraction));
  }
}
