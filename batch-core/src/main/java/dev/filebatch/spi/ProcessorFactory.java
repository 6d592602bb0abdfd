package dev.filebatch.spi;

import java.util.Map;

/**
 * Re-creates a processor from a {@link ProcessorRecipe} inside a forked worker JVM. Implementations need a public
 * no-argument constructor.
 */
@FunctionalInterface
public interface ProcessorFactory {
  /**
   * Builds the processor the recipe describes.
   *
   * @param options the recipe's options, exactly as the host gave them
   */
  FileProcessor<?> create(Map<String, String> options) throws Exception;
}
