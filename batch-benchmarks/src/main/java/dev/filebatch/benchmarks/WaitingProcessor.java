package dev.filebatch.benchmarks;

import dev.filebatch.MediaType;
import dev.filebatch.spi.Concurrency;
import dev.filebatch.spi.FileProcessor;
import dev.filebatch.spi.InputFile;
import dev.filebatch.spi.ProcessingContext;
import java.time.Duration;
import java.util.Set;

/** Stands for a processor that mostly waits (a remote call): sleeps a fixed time per file and uses no CPU. */
public final class WaitingProcessor implements FileProcessor<Long> {
  private final Duration wait;
  private final Concurrency concurrency;

  /** Waits {@code wait} per plain-text file, with the given lane concurrency. */
  public WaitingProcessor(Duration wait, Concurrency concurrency) {
    this.wait = wait;
    this.concurrency = concurrency;
  }

  @Override
  public String id() {
    return "waiting";
  }

  @Override
  public Set<MediaType> supportedTypes() {
    return Set.of(MediaType.TEXT);
  }

  @Override
  public Concurrency concurrency() {
    return concurrency;
  }

  @Override
  public Class<?> resultType() {
    return Long.class;
  }

  @Override
  public boolean cacheable() {
    return false;
  }

  @Override
  public Long process(InputFile file, ProcessingContext ctx) throws InterruptedException {
    Thread.sleep(wait.toMillis());
    return file.size();
  }
}
