package dev.filebatch.cli;

import dev.filebatch.ArchiveLimits;
import dev.filebatch.BatchProcessor;
import dev.filebatch.IntakeLimits;
import dev.filebatch.Isolation;
import dev.filebatch.RetrySettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The engine's limits and policies as flags, shared by every command. Each default shown by {@code --help} is the
 * library's own default, except where a command's {@code defaultValueProvider} says otherwise (convert: 20 files).
 */
final class EngineOptions {
  /** How untrusted files are run. */
  enum IsolationMode { forked, none }

  /** Whether a forked batch restarts the host in a small JVM ({@link HostJvm}). */
  enum HostJvmMode { small, keep }

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

  @Option(names = "--file-timeout", paramLabel = "DURATION", defaultValue = "30s",
      converter = Values.DurationConverter.class,
      description = "Time limit per file, retries included, e.g. 30s (default: ${DEFAULT-VALUE}).")
  Duration fileTimeout;

  @Option(names = "--batch-timeout", paramLabel = "DURATION", defaultValue = "10m",
      converter = Values.DurationConverter.class,
      description = "Time limit for the whole batch (default: ${DEFAULT-VALUE}).")
  Duration batchTimeout;

  @Option(names = "--max-attempts", paramLabel = "N", defaultValue = "3",
      description = "Attempts per file for transient failures, first included; 1 disables retries "
          + "(default: ${DEFAULT-VALUE}).")
  int maxAttempts;

  @Option(names = "--retry-delay", paramLabel = "DURATION", defaultValue = "200ms",
      converter = Values.DurationConverter.class,
      description = "First back-off delay, doubled per retry (default: ${DEFAULT-VALUE}).")
  Duration retryDelay;

  @Option(names = "--retry-max-delay", paramLabel = "DURATION", defaultValue = "5s",
      converter = Values.DurationConverter.class,
      description = "Longest back-off delay (default: ${DEFAULT-VALUE}).")
  Duration retryMaxDelay;

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

  @Option(names = "--cpu-threads", paramLabel = "N",
      description = "Threads shared by CPU-bound processors (default: the number of cores).")
  Integer cpuThreads;

  @Option(names = "--isolation", paramLabel = "MODE", defaultValue = "forked",
      description = "Run files in forked worker JVMs (forked) or in this JVM (none): forked contains endless "
          + "loops, out-of-memory and crashes in hostile files (default: ${DEFAULT-VALUE}).")
  IsolationMode isolation;

  @Option(names = "--host-jvm", paramLabel = "MODE", defaultValue = "small",
      description = "With forked isolation, restart this command in a JVM sized for handing files to workers "
          + "(small: -Xms16m -Xmx1g -XX:+UseSerialGC -XX:TieredStopAtLevel=1), unless the java command line sets "
          + "a heap, collector or compiler option; keep: run in this JVM as started (default: ${DEFAULT-VALUE}).")
  HostJvmMode hostJvm;

  @Option(names = "--worker-heap", paramLabel = "SIZE", defaultValue = "512m",
      description = "Heap (-Xmx) of each worker JVM with forked isolation (default: ${DEFAULT-VALUE}).")
  String workerHeap;

  @Option(names = "--files-per-worker", paramLabel = "N", defaultValue = "1000",
      description = "Recycle a worker JVM after this many files (default: ${DEFAULT-VALUE}).")
  int filesPerWorker;

  @Option(names = "--worker-hang-timeout", paramLabel = "DURATION", defaultValue = "10s",
      converter = Values.DurationConverter.class,
      description = "Kill a worker that sends no heartbeat for this long (default: ${DEFAULT-VALUE}).")
  Duration workerHangTimeout;

  @Option(names = "--worker-jvm-option", paramLabel = "OPTION",
      description = "Extra JVM option for worker JVMs; repeat for several. Workers start with -XX:+UseSerialGC, "
          + "-Xms16m, -XX:MinHeapFreeRatio=10, -XX:MaxHeapFreeRatio=30 and -XX:TieredStopAtLevel=1 unless an option "
          + "here sets the same (default: none).")
  List<String> workerJvmOptions = new ArrayList<>();

  /** A builder with every limit and policy set from the flags. */
  BatchProcessor.Builder configure(BatchProcessor.Builder b) {
    b.intakeLimits(new IntakeLimits(minFiles, maxFiles, maxFileSize, maxBatchSize))
        .archiveLimits(new ArchiveLimits(expandArchives, maxArchiveEntries, maxExpandedSize, maxCompressionRatio,
            maxArchiveDepth, !keepHidden))
        .retry(RetrySettings.defaults().withMaxAttempts(maxAttempts)
            .withBackoff(retryDelay, retryMaxDelay.compareTo(retryDelay) < 0 ? retryDelay : retryMaxDelay))
        .fileTimeout(fileTimeout)
        .batchTimeout(batchTimeout);
    if (workspace != null) {
      b.workspaceRoot(workspace);
    }
    if (cpuThreads != null) {
      b.cpuThreads(cpuThreads);
    }
    return b;
  }

  /** The isolation setting for processors the command runs. */
  Isolation isolationSetting() {
    if (isolation == IsolationMode.none) {
      return Isolation.inProcess();
    }
    return Isolation.forked().withMaxHeap(workerHeap).withFilesPerWorker(filesPerWorker)
        .withHangTimeout(workerHangTimeout).withJvmOptions(workerJvmOptions);
  }
}
