package dev.filebatch.internal.intake;

import dev.filebatch.FileError;
import dev.filebatch.MediaType;
import dev.filebatch.spi.InputFile;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One file of a batch after intake: its bytes are in the workspace (unless intake failed it first), counted, hashed
 * and typed. A non-null {@code error} means the file fails at intake and never reaches a processor.
 *
 * <p>For a failed file, {@code path} is {@code null} (its bytes are not kept), {@code sha256} is {@code null} unless
 * the whole body was read, {@code detectedType} is {@code null} unless content was seen, and {@code size} is the
 * number of bytes known: the full size when read, the declared or on-disk size when refused unread, the bytes read
 * before a size cap stopped it otherwise.
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

  /** A file intake failed: nothing of it is kept in the workspace. */
  static StagedFile failed(int index, String name, String origin, Optional<String> declaredType,
      MediaType detectedType, long size, String sha256, FileError error) {
    return new StagedFile(index, name, origin, declaredType, detectedType, size, sha256, null, error);
  }
}
