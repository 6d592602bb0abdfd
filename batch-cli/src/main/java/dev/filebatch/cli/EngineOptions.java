package dev.filebatch.cli;

import dev.filebatch.BatchProcessor;
import dev.filebatch.Isolation;
import dev.filebatch.RetrySettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The engine's limits and policies as flags, shared by the commands that process files: the intake flags
 * ({@link IntakeOptions}), then time limits, retries, threads and isolation. Each default shown by {@code --help}
 * is the library's own default.
 */
final class EngineOptions {
  /** How untrusted files are run. */
  enum IsolationMode { forked, none }

  /** Whether a forked batch restarts the host in a small JVM ({@link HostJvm}). */
  enum HostJvmMode { small, keep }

  @Mixin IntakeOptions intake;

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
    intake.configure(b)
        .retry(RetrySettings.defaults().withMaxAttempts(maxAttempts)
            .withBackoff(retryDelay, retryMaxDelay.compareTo(retryDelay) < 0 ? retryDelay : retryMaxDelay))
        .fileTimeout(fileTimeout)
        .batchTimeout(batchTimeout);
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
