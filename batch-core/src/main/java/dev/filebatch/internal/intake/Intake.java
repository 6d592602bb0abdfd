package dev.filebatch.internal.intake;

import dev.filebatch.ArchiveLimits;
import dev.filebatch.BatchInput;
import dev.filebatch.BatchRejectedException;
import dev.filebatch.IntakeLimits;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Turns a {@link BatchInput} into {@link StagedFile}s in a {@link Workspace}: counts and size checks before bodies
 * are read where sizes are declared; each body streamed once while counting, hashing (SHA-256) and sniffing the
 * type; ZIP archives expanded entry by entry with slip, link, bomb and depth guards.
 */
public final class Intake {
  /** An intake enforcing the given limits. */
  public Intake(IntakeLimits limits, ArchiveLimits archiveLimits) {
    throw new UnsupportedOperationException("skeleton");
  }

  /**
   * Checks what is known without reading any body: number of sources, declared sizes of streams, sizes of byte
   * arrays and files on disk.
   *
   * @throws BatchRejectedException when a batch limit is already broken
   */
  public void precheck(BatchInput input) {
    throw new UnsupportedOperationException("skeleton");
  }

  /**
   * Streams every source into the workspace, expanding archives, and returns the files in input order with
   * index 0..n-1. Per-file problems are recorded on the file; batch-level ones throw.
   *
   * @param cancelled polled between files and chunks; when it turns true, intake stops with {@code CANCELLED}
   * @throws BatchRejectedException when a batch limit breaks or an archive is hostile
   */
  public List<StagedFile> stage(BatchInput input, Workspace workspace, BooleanSupplier cancelled) {
    throw new UnsupportedOperationException("skeleton");
  }
}
