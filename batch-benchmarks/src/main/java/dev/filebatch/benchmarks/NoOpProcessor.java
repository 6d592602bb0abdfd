package dev.filebatch.benchmarks;

import dev.filebatch.MediaType;
import dev.filebatch.spi.Concurrency;
import dev.filebatch.spi.FileProcessor;
import dev.filebatch.spi.InputFile;
import dev.filebatch.spi.ProcessingContext;
import java.util.Set;

/**
 * A processor that does nothing, so that what is measured around it is the engine. Not cacheable: a cache hit would
 * skip the lane and measure less than a real run.
 */
public final class NoOpProcessor implements FileProcessor<NoOpProcessor.Seen> {

  /**
   * What the processor returns: the size the engine reported, so the call cannot be optimised away.
   *
   * @param size the file's size in bytes
   */
  public record Seen(long size) {}

  private final Set<MediaType> types;
  private final Concurrency concurrency;

  /** A no-op processor for the given types, with the default concurrency (CPU-bound, one per core). */
  public NoOpProcessor(MediaType... types) {
    this(Concurrency.cpuBound(Runtime.getRuntime().availableProcessors()), types);
  }

  /** A no-op processor for the given types and concurrency. */
  public NoOpProcessor(Concurrency concurrency, MediaType... types) {
    this.types = Set.of(types);
    this.concurrency = concurrency;
  }

  @Override
  public String id() {
    return "no-op";
  }

  @Override
  public Set<MediaType> supportedTypes() {
    return types;
  }

  @Override
  public Concurrency concurrency() {
    return concurrency;
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
