package dev.filebatch;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a batch is made of: files, folders (walked recursively, links not followed), byte arrays and named streams
 * such as multipart parts. ZIP archives among them are expanded and their entries become files of the batch
 * (see {@link ArchiveLimits}). Order is kept: results come back in this order, folder contents sorted by path.
 *
 * <p>A {@code BatchInput} is consumed once: streams are read by the batch that takes it.
 */
public final class BatchInput {
  private final List<Source> sources;
  private final Path outputDirectory;

  private BatchInput(List<Source> sources, Path outputDirectory) {
    this.sources = List.copyOf(sources);
    this.outputDirectory = outputDirectory;
  }

  /** A batch of the given files and folders. */
  public static BatchInput of(Path... paths) {
    Builder b = builder();
    for (Path p : paths) {
      b.path(p);
    }
    return b.build();
  }

  /** A batch of the given files and folders. */
  public static BatchInput of(List<Path> paths) {
    return of(paths.toArray(Path[]::new));
  }

  /** Starts an empty input. */
  public static Builder builder() {
    return new Builder();
  }

  /** The sources in the order they were added. */
  public List<Source> sources() {
    return sources;
  }

  /**
   * Where this batch's artifacts go, if the caller chose; otherwise the processor's output directory plus the
   * batch id.
   */
  public Optional<Path> outputDirectory() {
    return Optional.ofNullable(outputDirectory);
  }

  /** One source of files. */
  public sealed interface Source permits PathSource, BytesSource, StreamSource {
    /** The name used in messages. */
    String name();
  }

  /**
   * A file or a folder on disk. A folder contributes its regular files, recursively, sorted by path.
   *
   * @param path the file or folder
   */
  public record PathSource(Path path) implements Source {
    /** Validates the path. */
    public PathSource {
      Objects.requireNonNull(path, "path");
    }

    @Override
    public String name() {
      return path.toString();
    }
  }

  /**
   * Bytes already in memory.
   *
   * @param name the file name, e.g. {@code report.pdf}; path components are stripped
   * @param bytes the content (not copied; do not change it afterwards)
   * @param declaredType the uploader's content type, if any
   */
  public record BytesSource(String name, byte[] bytes, Optional<String> declaredType) implements Source {
    /** Validates the components. */
    public BytesSource {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(bytes, "bytes");
      Objects.requireNonNull(declaredType, "declaredType");
    }
  }

  /**
   * A stream, such as a multipart part, read once into the workspace.
   *
   * @param name the file name the client gave; path components are stripped
   * @param stream the body; the batch reads it and closes it
   * @param declaredSize the size the client declared, if any: checked against the limits before reading
   * @param declaredType the content type the client declared, if any
   */
  public record StreamSource(String name, InputStream stream, OptionalLong declaredSize, Optional<String> declaredType)
      implements Source {
    /** Validates the components. */
    public StreamSource {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(stream, "stream");
      Objects.requireNonNull(declaredSize, "declaredSize");
      Objects.requireNonNull(declaredType, "declaredType");
    }
  }

  /** Collects sources in order. Not thread-safe. */
  public static final class Builder {
    private final List<Source> sources = new ArrayList<>();
    private Path outputDirectory;

    private Builder() {}

    /**
     * Puts this batch's artifacts (converted files, decks) in exactly this folder, created if missing, instead of
     * {@code <output directory>/<batch id>/}. Names are still made unique, also against files already there.
     */
    public Builder outputDirectory(Path dir) {
      if (outputDirectory != null) {
        throw new IllegalStateException("output directory was already set to " + outputDirectory);
      }
      outputDirectory = Objects.requireNonNull(dir, "dir");
      return this;
    }

    /** Adds a file or a folder (walked recursively). */
    public Builder path(Path path) {
      sources.add(new PathSource(path));
      return this;
    }

    /** Adds bytes under a name. */
    public Builder bytes(String name, byte[] bytes) {
      sources.add(new BytesSource(name, bytes, Optional.empty()));
      return this;
    }

    /** Adds bytes under a name with the uploader's declared content type. */
    public Builder bytes(String name, byte[] bytes, String declaredType) {
      sources.add(new BytesSource(name, bytes, Optional.ofNullable(declaredType)));
      return this;
    }

    /** Adds a stream with no declared size or type. */
    public Builder stream(String name, InputStream stream) {
      sources.add(new StreamSource(name, stream, OptionalLong.empty(), Optional.empty()));
      return this;
    }

    /**
     * Adds a stream, such as a multipart part.
     *
     * @param declaredSize the declared size, or a negative number if unknown
     * @param declaredType the declared content type, or {@code null}
     */
    public Builder stream(String name, InputStream stream, long declaredSize, String declaredType) {
      sources.add(new StreamSource(name, stream,
          declaredSize < 0 ? OptionalLong.empty() : OptionalLong.of(declaredSize), Optional.ofNullable(declaredType)));
      return this;
    }

    /** The input. An empty one is accepted here and rejected by the batch with {@code NO_FILES}. */
    public BatchInput build() {
      return new BatchInput(sources, outputDirectory);
    }
  }
}
