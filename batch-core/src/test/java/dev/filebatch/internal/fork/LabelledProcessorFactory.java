package dev.filebatch.internal.fork;

import dev.filebatch.spi.FileProcessor;
import dev.filebatch.spi.ProcessorFactory;
import dev.filebatch.spi.ProcessorRecipe;
import java.util.Map;
import java.util.Optional;

/** Re-creates a {@link ScriptedProcessor} with its label in a worker, from a recipe. */
public class LabelledProcessorFactory implements ProcessorFactory {
  @Override
  public FileProcessor<?> create(Map<String, String> options) {
    return labelled(options.get("label"));
  }

  /** A processor with no public no-arg path to its label: only the recipe can carry it across. */
  static ScriptedProcessor labelled(String label) {
    return new ScriptedProcessor(label) {
      @Override
      public Optional<ProcessorRecipe> recipe() {
        return Optional.of(ProcessorRecipe.of(LabelledProcessorFactory.class, Map.of("label", label)));
      }
    };
  }
}
