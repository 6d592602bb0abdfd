package dev.filebatch.benchmarks;

import dev.filebatch.MediaType;
import dev.filebatch.spi.Concurrency;
import dev.filebatch.spi.FileProcessor;
import dev.filebatch.spi.InputFile;
import dev.filebatch.spi.ProcessingContext;
import java.util.Set;

/**
 * A processor that does nothing but report the file's size, with a public no-argument constructor so a forked
 * worker JVM can re-create it: what is measured around it is the engine and, forked, the trip to the worker. Text
 * files only; two at a time (CPU-bound), so a forked lane keeps two workers. Not cacheable: a cache hit would skip
 * the worker.
 */
public final class ForkableNoOpProcessor implements FileProcessor<ForkableNoOpProcessor.Seen> {
  /**
   * What the processor returns, sent back from the worker as JSON.
   *
   * @param size the file's size in bytes
   */
  public record Seen(long size) {}

  /** The processor; the worker calls this constructor. */
  public ForkableNoOpProcessor() {}

  @Override
  public String id() {
    return "forkable-no-op";
  }

  @Override
  public Set<MediaType> supportedTypes() {
    return Set.of(MediaType.TEXT);
  }

  @Override
  public Concurrency concurrency() {
    return Concurrency.cpuBound(2);
  }

  @Override
  public Class<?> resultType() {
    return Seen.class;
  }

  @Override
  public boolean cacheable() {
    return false;
  }

  @Override
  public Seen process(InputFile file, ProcessingContext ctx) {
    return new Seen(file.size());
  }
}
