package dev.filebatch.pdf;

import dev.filebatch.MediaType;
import dev.filebatch.spi.InputFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/** A workspace file as the engine would hand it over, for calling the processor directly. */
record TestFile(Path path, MediaType detectedType) implements InputFile {
  static TestFile pdf(Path path) {
    return new TestFile(path, MediaType.PDF);
  }

  @Override
  public int index() {
    return 0;
  }

  @Override
  public String name() {
    return path.getFileName().toString();
  }

  @Override
  public String origin() {
    return path.toString();
  }

  @Override
  public Optional<String> declaredType() {
    return Optional.empty();
  }

  @Override
  public long size() {
    try {
      return Files.size(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String sha256() {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(path)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
