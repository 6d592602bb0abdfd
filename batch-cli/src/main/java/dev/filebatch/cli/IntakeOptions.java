package dev.filebatch.cli;

import dev.filebatch.ArchiveLimits;
import dev.filebatch.BatchProcessor;
import dev.filebatch.IntakeLimits;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The intake limits, archive rules and workspace as flags: all that {@code inspect} uses, and part of
 * {@link EngineOptions} for the commands that also process. Each default shown by {@code --help} is the library's
 * own default, except where a command's {@code defaultValueProvider} says otherwise (convert: 20 files).
 */
final class IntakeOptions {
  @Option(names = "--max-files", paramLabel = "N", defaultValue = "30",
      description = "Most files per batch, archive entries included (default: ${DEFAULT-VALUE}).")
  int maxFiles;

  @Option(names = "--min-files", paramLabel = "N", defaultValue = "1",
      description = "Fewest files per batch (default: ${DEFAULT-VALUE}).")
  int minFiles;

  @Option(names = "--max-file-size", paramLabel = "SIZE", defaultValue = "10MB", converter = Values.SizeConverter.class,
      description = "Largest single file, e.g. 512k, 10MB (default: ${DEFAULT-VALUE}).")
  long maxFileSize;

  @Option(names = "--max-batch-size", paramLabel = "SIZE", defaultValue = "100MB",
      converter = Values.SizeConverter.class,
      description = "Most bytes in the whole batch after archive expansion (default: ${DEFAULT-VALUE}).")
  long maxBatchSize;

  @Option(names = "--expand-archives", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Expand ZIP archives into their files (default: ${DEFAULT-VALUE}).")
  boolean expandArchives;

  @Option(names = "--max-archive-entries", paramLabel = "N", defaultValue = "1000",
      description = "Most entries in one archive (default: ${DEFAULT-VALUE}).")
  int maxArchiveEntries;

  @Option(names = "--max-expanded-size", paramLabel = "SIZE", defaultValue = "200MB",
      converter = Values.SizeConverter.class,
      description = "Most bytes extracted from one archive (default: ${DEFAULT-VALUE}).")
  long maxExpandedSize;

  @Option(names = "--max-compression-ratio", paramLabel = "N", defaultValue = "100",
      description = "Largest expanded/compressed ratio of an archive entry (default: ${DEFAULT-VALUE}).")
  int maxCompressionRatio;

  @Option(names = "--max-archive-depth", paramLabel = "N", defaultValue = "3",
      description = "Deepest nesting of archives in archives (default: ${DEFAULT-VALUE}).")
  int maxArchiveDepth;

  @Option(names = "--keep-hidden-entries", defaultValue = "false",
      description = "Keep dot-files and __MACOSX/ entries of archives instead of skipping them "
          + "(default: ${DEFAULT-VALUE}).")
  boolean keepHidden;

  @Option(names = "--workspace", paramLabel = "DIR",
      description = "Where private per-batch workspaces are made (default: the system temp folder).")
  Path workspace;

  /** A builder with the intake limits, archive rules and workspace set from the flags. */
  BatchProcessor.Builder configure(BatchProcessor.Builder b) {
    b.intakeLimits(new IntakeLimits(minFiles, maxFiles, maxFileSize, maxBatchSize))
        .archiveLimits(new ArchiveLimits(expandArchives, maxArchiveEntries, maxExpandedSize, maxCompressionRatio,
            maxArchiveDepth, !keepHidden));
    if (workspace != null) {
      b.workspaceRoot(workspace);
    }
    return b;
  }
}
