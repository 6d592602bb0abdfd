package dev.filebatch.internal;

import dev.filebatch.ArchiveLimits;
import dev.filebatch.BatchListener;
import dev.filebatch.IntakeLimits;
import dev.filebatch.Isolation;
import dev.filebatch.RetrySettings;
import dev.filebatch.spi.BatchStore;
import dev.filebatch.spi.Concurrency;
import dev.filebatch.spi.FileProcessor;
import dev.filebatch.spi.ResultCache;
import dev.filebatch.spi.Summarizer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Everything {@link dev.filebatch.BatchProcessor.Builder} collected, validated and defaulted. */
public record EngineConfig(
    List<FileProcessor<?>> processors,
    Map<String, Concurrency> concurrencyOverrides,
    Map<String, Isolation> isolation,
    IntakeLimits intakeLimits,
    ArchiveLimits archiveLimits,
    RetrySettings retry,
    Duration fileTimeout,
    Duration batchTimeout,
    Summarizer<?> summarizer,
    BatchStore store,
    ResultCache cache,
    List<BatchListener> listeners,
    Path workspaceRoot,
    Path outputDirectory,
    int cpuThreads) {

  /** The concurrency a processor's lane runs with: the override if any, else what the processor declares. */
  public Concurrency concurrencyOf(FileProcessor<?> p) {
    Concurrency c = concurrencyOverrides.get(p.id());
    return c != null ? c : p.concurrency();
  }

  /** How a processor's files are isolated. */
  public Isolation isolationOf(FileProcessor<?> p) {
    Isolation i = isolation.get(p.id());
    return i != null ? i : Isolation.inProcess();
  }
}
