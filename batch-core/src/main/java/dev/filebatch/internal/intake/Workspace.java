package dev.filebatch.internal.intake;

import java.io.IOException;
import java.nio.file.Path;
import java.util.UUID;

/**
 * A batch's private temp folder ({@code <root>/filebatch-<batch id>-<random>}, owner-only permissions) holding every
 * byte of the batch. {@link #close()} deletes it recursively and is idempotent; workspaces still open at JVM
 * shutdown are deleted by a shutdown hook.
 */
public final class Workspace implements AutoCloseable {
  /** Creates the folder under {@code root} (created if missing). */
  public static Workspace create(Path root, UUID batchId) throws IOException {
    throw new UnsupportedOperationException("skeleton");
  }

  /** The folder. */
  public Path root() {
    throw new UnsupportedOperationException("skeleton");
  }

  /** A fresh path for the body of input file {@code index} (not created). */
  public Path fileSlot(int index) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** A scratch folder for file {@code index}, created on first call. */
  public Path scratch(int index) throws IOException {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Deletes the folder and everything in it; never throws. */
  @Override
  public void close() {
    throw new UnsupportedOperationException("skeleton");
  }

  /** How many workspaces of this JVM are open (for tests proving cleanup). */
  public static int openCount() {
    throw new UnsupportedOperationException("skeleton");
  }
}
