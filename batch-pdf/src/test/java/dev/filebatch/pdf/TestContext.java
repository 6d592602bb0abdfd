package dev.filebatch.pdf;

import dev.filebatch.ErrorCode;
import dev.filebatch.FileError;
import dev.filebatch.spi.ProcessingContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/** A processing context that records what the processor reports, with cancellation under the test's control. */
final class TestContext implements ProcessingContext {
  private final Path scratch;
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private final List<Double> progress = new CopyOnWriteArrayList<>();
  private final int cancelAfterProgressReports;
  private volatile FileError partial;

  private TestContext(Path scratch, int cancelAfterProgressReports) {
    this.scratch = scratch;
    this.cancelAfterProgressReports = cancelAfterProgressReports;
  }

  static TestContext in(Path scratch) {
    return new TestContext(scratch, Integer.MAX_VALUE);
  }

  /** A context that is cancelled as soon as the processor has reported progress {@code reports} times. */
  static TestContext cancelledAfterProgressReports(Path scratch, int reports) {
    return new TestContext(scratch, reports);
  }

  void cancel() {
    cancelled.set(true);
  }

  FileError partial() {
    return partial;
  }

  List<Double> progress() {
    return progress;
  }

  @Override
  public UUID batchId() {
    return new UUID(0, 1);
  }

  @Override
  public int attempt() {
    return 1;
  }

  @Override
  public Instant deadline() {
    return Instant.now().plusSeconds(3600);
  }

  @Override
  public boolean isCancelled() {
    return cancelled.get();
  }

  @Override
  public Path scratchDirectory() throws IOException {
    return Files.createDirectories(scratch);
  }

  @Override
  public Path newArtifact(String fileName) {
    throw new UnsupportedOperationException("the PDF processor writes no artifacts");
  }

  @Override
  public void reportPartial(ErrorCode code, String message, String remediation) {
    partial = new FileError(code, message, remediation);
  }

  @Override
  public void reportProgress(double fraction) {
    progress.add(fraction);
    if (progress.size() >= cancelAfterProgressReports) {
      cancelled.set(true);
    }
  }
}
