package dev.filebatch.internal.intake;

import dev.filebatch.FileError;
import dev.filebatch.MediaType;
import dev.filebatch.spi.InputFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * One file of a batch after intake: counted, hashed and typed, its bytes in the workspace or, for a body that fit
 * in the head intake reads anyway ({@value TypeDetector#HEAD_BYTES} bytes at most), in memory. A non-null
 * {@code error} means the file fails at intake and never reaches a processor.
 *
 * <p>An in-memory body is written to its workspace slot only when someone asks for {@link #path()} (once, however
 * many threads ask); {@link #openStream()} serves it from memory. Small uploads are the common case and most
 * processors read a stream, so most files never cost a file create, write and delete.
 *
 * <p>A kept file's SHA-256 is computed when first asked for (once, however many threads ask), from the bytes in
 * memory or the workspace copy: only a cacheable processor's cache key, a result or an inspection needs it, and
 * hashing on the intake thread held up the reading of the next file.
 *
 * <p>For a failed file, {@code path()} is {@code null} (its bytes are not kept), {@code sha256} is {@code null}
 * unless the whole body was read, {@code detectedType} is {@code null} unless content was seen, and {@code size} is
 * the number of bytes known: the full size when read, the declared or on-disk size when refused unread, the bytes
 * read before a size cap stopped it otherwise.
 */
public final class StagedFile implements InputFile {
  private final int index;
  private final String name;
  private final String origin;
  private final Optional<String> declaredType;
  private final MediaType detectedType;
  private final long size;
  private final boolean hashLater;
  private volatile String sha256;
  private final FileError error;
  private final byte[] body;
  private final Workspace workspace;
  private volatile Path path;

  /** A file whose bytes are at {@code path} (or, with an {@code error}, nowhere: {@code path} is then null). */
  public StagedFile(int index, String name, String origin, Optional<String> declaredType, MediaType detectedType,
      long size, String sha256, Path path, FileError error) {
    this(index, name, origin, declaredType, detectedType, size, sha256, path, error, null, null, false);
  }

  private StagedFile(int index, String name, String origin, Optional<String> declaredType, MediaType detectedType,
      long size, String sha256, Path path, FileError error, byte[] body, Workspace workspace, boolean hashLater) {
    this.hashLater = hashLater;
    this.index = index;
    this.name = name;
    this.origin = origin;
    this.declaredType = declaredType;
    this.detectedType = detectedType;
    this.size = size;
    this.sha256 = sha256;
    this.path = path;
    this.error = error;
    this.body = body;
    this.workspace = workspace;
  }

  /** A file intake failed: nothing of it is kept in the workspace. */
  static StagedFile failed(int index, String name, String origin, Optional<String> declaredType,
      MediaType detectedType, long size, String sha256, FileError error) {
    return new StagedFile(index, name, origin, declaredType, detectedType, size, sha256, null, error);
  }

  /**
   * A file whose whole body is {@code body} (owned by the file from now on); written to the workspace on demand.
   * Hashed now, on the intake thread while the bytes are still in its cache: at most 64 KB, a few microseconds,
   * against about 7 µs per 2 KB file when the lane thread hashed it cold after the processor ran (measured on the
   * 2-core VM of {@code docs/benchmarks.md}). Bodies on disk are hashed on demand, off the intake thread.
   */
  static StagedFile inMemory(int index, String name, String origin, Optional<String> declaredType,
      MediaType detectedType, byte[] body, Workspace workspace) {
    return new StagedFile(index, name, origin, declaredType, detectedType, body.length, sha256Of(body), null, null,
        body, Objects.requireNonNull(workspace, "workspace"), false);
  }

  /** A file received whole into {@code path} in the workspace; hashed on demand. */
  static StagedFile onDisk(int index, String name, String origin, Optional<String> declaredType,
      MediaType detectedType, long size, Path path) {
    return new StagedFile(index, name, origin, declaredType, detectedType, size, null, Objects.requireNonNull(path),
        null, null, null, true);
  }

  /** Whether intake failed this file. */
  public boolean failed() {
    return error != null;
  }

  /** Whether the body is held in memory (and so may not be on disk yet). */
  public boolean inMemory() {
    return body != null;
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
    return declaredType;
  }

  @Override
  public MediaType detectedType() {
    return detectedType;
  }

  @Override
  public long size() {
    return size;
  }

  /**
   * The lower-case hex SHA-256 of the body; for a kept file computed on the first call.
   *
   * @throws UncheckedIOException when the workspace copy cannot be read (the batch has ended, or a processor
   *     removed it)
   */
  @Override
  public String sha256() {
    String h = sha256;
    if (h != null || !hashLater) {
      return h;
    }
    synchronized (this) {
      if (sha256 == null) {
        try {
          sha256 = body != null ? sha256Of(body) : sha256Of(path);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read " + origin + " again to hash it", e);
        }
      }
      return sha256;
    }
  }

  static String sha256Of(byte[] bytes) {
    MessageDigest md = digest();
    md.update(bytes);
    return HexFormat.of().formatHex(md.digest());
  }

  /** The hash of a file's bytes, read in large chunks. */
  static String sha256Of(Path file) throws IOException {
    MessageDigest md = digest();
    ByteBuffer buf = ByteBuffer.allocate(256 * 1024);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      while (ch.read(buf) >= 0) {
        buf.flip();
        md.update(buf);
        buf.clear();
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }

  /** Why intake failed the file, or {@code null}. */
  public FileError error() {
    return error;
  }

  /**
   * The workspace copy. For an in-memory body the first call writes it to the file's slot in the workspace.
   *
   * @throws UncheckedIOException when that write fails
   * @throws IllegalStateException when the batch has ended and its workspace is gone
   */
  @Override
  public Path path() {
    Path p = path;
    if (p != null || body == null) {
      return p;
    }
    synchronized (this) {
      if (path == null) {
        Path slot = workspace.fileSlot(index);
        try (OutputStream out = Files.newOutputStream(slot, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
          out.write(body);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot write " + origin + " into the workspace " + workspace.root(), e);
        }
        path = slot;
      }
      return path;
    }
  }

  @Override
  public InputStream openStream() throws IOException {
    if (body != null) {
      return new ByteArrayInputStream(body);
    }
    return Files.newInputStream(path());
  }

  @Override
  public String toString() {
    return "StagedFile[" + index + ", " + name + ", " + detectedType + ", " + size + " bytes"
        + (error != null ? ", " + error.code() : "") + (body != null ? ", in memory" : "") + "]";
  }
}
