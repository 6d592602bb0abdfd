package dev.filebatch.internal.intake;

import java.util.List;
import java.util.Objects;

/**
 * What intake produced: the staged files in input order, and what it skipped on purpose.
 *
 * @param files the files of the batch, index 0..n-1, failed ones included
 * @param skipped origins of what was deliberately left out, e.g. {@code photos.zip!/__MACOSX/._a.jpg}, hidden files
 *     and links in folders; these are not files of the batch and count against no limit
 */
public record IntakeReport(List<StagedFile> files, List<String> skipped) {
  /** Copies both lists. */
  public IntakeReport {
    files = List.copyOf(Objects.requireNonNull(files, "files"));
    skipped = List.copyOf(Objects.requireNonNull(skipped, "skipped"));
  }
}
