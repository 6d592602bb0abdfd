package dev.filebatch.spi;

import java.util.Map;
import java.util.Objects;

/**
 * How to build the same processor again in another JVM: a {@link ProcessorFactory} class name and string options.
 * Forked isolation ({@link dev.filebatch.Isolation#forked()}) needs one for every processor it runs.
 *
 * @param factoryClass the binary name of a {@link ProcessorFactory} with a public no-argument constructor
 * @param options the processor's settings as strings
 */
public record ProcessorRecipe(String factoryClass, Map<String, String> options) {
  /** Validates and copies the components. */
  public ProcessorRecipe {
    Objects.requireNonNull(factoryClass, "factoryClass");
    options = Map.copyOf(options);
  }

  /** A recipe for a factory class with the given options. */
  public static ProcessorRecipe of(Class<? extends ProcessorFactory> factory, Map<String, String> options) {
    return new ProcessorRecipe(factory.getName(), options);
  }
}
