package dev.filebatch.benchmarks;

import dev.filebatch.MediaType;
import dev.filebatch.spi.InputFile;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An {@link InputFile} made by hand, for calling a processor directly: the baseline the engine's overhead is
 * measured against.
 *
 * @param index position in the batch
 * @param name file name
 * @param detectedType the type, as the engine would detect it
 * @param size bytes
 * @param sha256 hex digest
 * @param path where the bytes are
 */
public record DirectFile(int index, String name, MediaType detectedType, long size, String sha256, Path path)
    implements InputFile {

  @Override
  public String origin() {
    return path.toString();
  }

  @Override
  public Optional<String> declaredType() {
    return Optional.empty();
  }
}
