package dev.filebatch.spi;

import dev.filebatch.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One file of a batch as a processor sees it: its bytes are received in full, counted, hashed and typed from
 * content, and held by the batch: in its private workspace, or in memory for a small body (up to 64 KB).
 */
public interface InputFile {
  /** Position in the batch, from 0, in input order. */
  int index();

  /** The file's name within the batch: base name only, unique within the batch, Unicode kept. */
  String name();

  /** Where the name came from: the original path, part name or {@code archive.zip!/dir/entry}, for messages. */
  String origin();

  /** The content type the uploader declared, if any (never trusted for routing). */
  Optional<String> declaredType();

  /** The type detected from content. */
  MediaType detectedType();

  /** Size in bytes. */
  long size();

  /** Lower-case hex SHA-256 of the bytes. */
  String sha256();

  /**
   * The workspace copy: read-only by contract, deleted when the batch ends. A body the batch holds in memory is
   * written to the workspace on the first call, so a processor that can read a stream should prefer
   * {@link #openStream()}.
   */
  Path path();

  /** Opens a fresh stream over the bytes (from memory when the batch holds them there); may be called any number of times. */
  default InputStream openStream() throws IOException {
    return java.nio.file.Files.newInputStream(path());
  }
}
