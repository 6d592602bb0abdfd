package dev.filebatch.testkit;

import dev.filebatch.MediaType;
import dev.filebatch.spi.InputFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * A file as the engine hands it to a {@link dev.filebatch.spi.FileProcessor}, for calling a processor directly in a
 * test: its size and SHA-256 come from its bytes, its type is the one the test names (no detection), and it has no
 * declared type.
 *
 * <pre>{@code
 * InputFile file = TestInputFile.write(tempDir, "notes.txt", "two words", MediaType.TEXT);
 * }</pre>
 */
public final class TestInputFile implements InputFile {
  private final int index;
  private final String name;
  private final String origin;
  private final MediaType detectedType;
  private final long size;
  private final String sha256;
  private final Path path;

  private TestInputFile(int index, String name, String origin, MediaType detectedType, long size, String sha256,
      Path path) {
    this.index = index;
    this.name = name;
    this.origin = origin;
    this.detectedType = detectedType;
    this.size = size;
    this.sha256 = sha256;
    this.path = path;
  }

  /**
   * An existing file, at index 0, named by its file name; its origin is the path.
   *
   * @param path the file, read once here for its size and SHA-256
   * @param type the type the engine would have detected
   * @throws IOException if the file cannot be read
   */
  public static TestInputFile of(Path path, MediaType type) throws IOException {
    Objects.requireNonNull(type, "type");
    byte[] bytes = Files.readAllBytes(path);
    return new TestInputFile(0, path.getFileName().toString(), path.toString(), type, bytes.length, sha256(bytes),
        path);
  }

  /**
   * Writes {@code bytes} to {@code folder/name} (making the folder, replacing a file there) and returns that file, at
   * index 0; its origin is the name.
   *
   * @param folder where to write, e.g. the test's temporary folder
   * @param name the file's name in the batch
   * @param bytes the content
   * @param type the type the engine would have detected
   * @throws IOException if the file cannot be written
   */
  public static TestInputFile write(Path folder, String name, byte[] bytes, MediaType type) throws IOException {
    Objects.requireNonNull(type, "type");
    Path path = Files.write(Files.createDirectories(folder).resolve(name), bytes);
    return new TestInputFile(0, name, name, type, bytes.length, sha256(bytes), path);
  }

  /**
   * Writes {@code text} as UTF-8 to {@code folder/name}, as {@link #write(Path, String, byte[], MediaType)} does.
   *
   * @param folder where to write
   * @param name the file's name in the batch
   * @param text the content
   * @param type the type the engine would have detected
   * @throws IOException if the file cannot be written
   */
  public static TestInputFile write(Path folder, String name, String text, MediaType type) throws IOException {
    return write(folder, name, text.getBytes(StandardCharsets.UTF_8), type);
  }

  /**
   * The same file at another position in the batch, for code that orders or reports by index.
   *
   * @param index the position, from 0
   * @throws IllegalArgumentException if {@code index} is negative
   */
  public TestInputFile withIndex(int index) {
    if (index < 0) {
      throw new IllegalArgumentException("index must be 0 or more, was " + index);
    }
    return new TestInputFile(index, name, origin, detectedType, size, sha256, path);
  }

  @Override
  public int index() {
    return index;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String origin() {
    return origin;
  }

  @Override
  public Optional<String> declaredType() {
    return Optional.empty();
  }

  @Override
  public MediaType detectedType() {
    return detectedType;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public String sha256() {
    return sha256;
  }

  @Override
  public Path path() {
    return path;
  }

  @Override
  public String toString() {
    return "TestInputFile[" + index + ", " + name + ", " + detectedType + "]";
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
