package dev.filebatch.internal.intake;

import dev.filebatch.FileError;
import dev.filebatch.MediaType;
import dev.filebatch.spi.InputFile;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One file of a batch after intake: its bytes are in the workspace (unless intake failed it first), counted, hashed
 * and typed. A non-null {@code error} means the file fails at intake and never reaches a processor.
 */
public record StagedFile(
    int index,
    String name,
    String origin,
    Optional<String> declaredType,
    MediaType detectedType,
    long size,
    String sha256,
    Path path,
    FileError error) implements InputFile {

  /** Whether intake failed this file. */
  public boolean failed() {
    return error != null;
  }
}
