package dev.filebatch.cli;

import dev.filebatch.MediaType;
import dev.filebatch.spi.Concurrency;
import dev.filebatch.spi.FileProcessor;
import dev.filebatch.spi.InputFile;
import dev.filebatch.spi.ProcessingContext;
import dev.filebatch.spi.ProcessorRecipe;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A processor that a forked worker can build again: it delegates everything to the processor the command built and
 * names {@link Processors} with the command's settings as its recipe.
 */
final class Forkable<R> implements FileProcessor<R> {
  private final FileProcessor<R> delegate;
  private final ProcessorRecipe recipe;

  Forkable(FileProcessor<R> delegate, Map<String, String> settings) {
    this.delegate = delegate;
    this.recipe = ProcessorRecipe.of(Processors.class, settings);
  }

  @Override
  public String id() {
    return delegate.id();
  }

  @Override
  public String version() {
    return delegate.version();
  }

  @Override
  public Set<MediaType> supportedTypes() {
    return delegate.supportedTypes();
  }

  @Override
  public Concurrency concurrency() {
    return delegate.concurrency();
  }

  @Override
  public Class<?> resultType() {
    return delegate.resultType();
  }

  @Override
  public boolean cacheable() {
    return delegate.cacheable();
  }

  @Override
  public Optional<ProcessorRecipe> recipe() {
    return Optional.of(recipe);
  }

  @Override
  public R process(InputFile file, ProcessingContext context) throws Exception {
    return delegate.process(file, context);
  }

  @Override
  public String toString() {
    return delegate.toString();
  }
}
