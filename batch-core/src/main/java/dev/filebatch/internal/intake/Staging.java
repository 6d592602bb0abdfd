package dev.filebatch.internal.intake;

import dev.filebatch.ArchiveLimits;
import dev.filebatch.BatchRejectedException;
import dev.filebatch.ErrorCode;
import dev.filebatch.FileError;
import dev.filebatch.IntakeLimits;
import dev.filebatch.MediaType;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One run of intake over one batch: the files staged so far, what was skipped, the bytes received. Not
 * thread-safe; one batch's intake runs on one thread.
 *
 * <p>Every body goes through {@link #stageBody}: its first {@value TypeDetector#HEAD_BYTES} bytes are read to type
 * it, then a ZIP is handed to {@link ZipExpander} and anything else is written to its slot in the workspace while
 * being counted, stopping one byte past the per-file cap. A kept body is hashed only when its SHA-256 is first asked
 * for ({@link StagedFile#sha256()}): hashing every byte on the intake thread cost more than the copy itself.
 */
final class Staging {
  private static final int CHUNK = 64 * 1024;

  final IntakeLimits limits;
  final ArchiveLimits archives;
  final TypeDetector types;
  final Workspace workspace;
  final List<StagedFile> files = new ArrayList<>();
  final List<String> skipped = new ArrayList<>();
  private final BooleanSupplier cancelled;
  private final Consumer<StagedFile> onStaged;
  private final boolean keepWhenStopped;
  private final BatchNames names = new BatchNames();
  private long batchBytes;
  // One head and one chunk buffer per batch, not per file. Safe to share: a body's head and chunk are used up
  // before the next body starts (an archive is written out or examined whole before its entries are read).
  private byte[] head;
  private byte[] chunk;

  Staging(IntakeLimits limits, ArchiveLimits archives, TypeDetector types, Workspace workspace,
      BooleanSupplier cancelled, Consumer<StagedFile> onStaged, boolean keepWhenStopped) {
    this.limits = limits;
    this.archives = archives;
    this.types = types;
    this.workspace = workspace;
    this.cancelled = cancelled;
    this.onStaged = onStaged;
    this.keepWhenStopped = keepWhenStopped;
  }

  void checkCancelled() {
    if (cancelled.getAsBoolean()) {
      if (keepWhenStopped && !files.isEmpty()) {
        throw new Stopped();
      }
      throw Intake.reject(ErrorCode.CANCELLED, "The batch was cancelled while its files were being received.",
          "Nothing to fix: start the batch again if you still need it.");
    }
  }

  /**
   * Records a file that was not received because the batch was stopped after earlier files had been handed over;
   * nothing is read. Past the file count limit nothing more is recorded (the batch is stopping anyway).
   */
  void notReceived(String rawName, String origin, Optional<String> declared) {
    if (files.size() >= limits.maxFiles()) {
      return;
    }
    String name = display(rawName);
    fail(rawName, origin, declared, null, 0, null, ErrorCode.CANCELLED,
        "The batch was stopped before " + name + " was received.", "Submit the file again if you still need it.");
  }

  /**
   * The batch was stopped (cancelled, timed out, closed) after some files were handed over for processing: intake
   * stops reading, and what it did not receive becomes failed files, so the batch still ends with a full result.
   * A {@link BatchRejectedException} only so that it passes every catch that lets rejections through.
   */
  static final class Stopped extends BatchRejectedException {
    private static final long serialVersionUID = 1L;

    Stopped() {
      super(FileError.of(ErrorCode.CANCELLED, "The batch was stopped while its files were being received.",
          "Nothing to fix: start the batch again if you still need it."));
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this; // control flow, not a failure
    }
  }

  /**
   * Stages a top-level body (a file, byte array or stream); a read failure fails that file with
   * {@code UNREADABLE_INPUT}.
   */
  void stageTop(String rawName, String origin, Optional<String> declared, OptionalLong knownSize,
      boolean readWhenOversize, InputStream body, ZipExpander.Whole whole) {
    try {
      stageBody(rawName, origin, declared, knownSize, readWhenOversize, new SourceStream(body), whole, 0, null);
    } catch (SourceReadException e) {
      unreadable(rawName, origin, declared, e);
    }
  }

  void unreadable(String rawName, String origin, Optional<String> declared, IOException e) {
    String name = display(rawName);
    fail(rawName, origin, declared, null, 0, null, ErrorCode.UNREADABLE_INPUT,
        "Could not read " + name + ": " + e.getMessage() + ".",
        "Check that " + name + " exists and is readable, then send it again.");
  }

  /**
   * Types and stages one body.
   *
   * @param knownSize the declared or on-disk size, if any
   * @param readWhenOversize when the known size is over the per-file cap, whether to read the head anyway because
   *     the body may be an archive (whose own caps differ); otherwise the file fails unread
   * @param whole the body as the caller holds it, readable again from its start (a file, a byte array), or
   *     {@code null}; an archive found there is examined where it is instead of being copied first
   * @param level how many archives this body is inside (0 for a top-level input)
   * @param budget the enclosing top-level archive's expansion budget, or {@code null} at top level
   * @throws SourceReadException when reading the body fails
   */
  void stageBody(String rawName, String origin, Optional<String> declared, OptionalLong knownSize,
      boolean readWhenOversize, InputStream body, ZipExpander.Whole whole, int level, ZipExpander.Budget budget)
      throws SourceReadException {
    long max = limits.maxFileBytes();
    boolean oversize = knownSize.isPresent() && knownSize.getAsLong() > max;
    if (oversize && !readWhenOversize) {
      tooLarge(rawName, origin, declared, null, knownSize.getAsLong(), true);
      return;
    }
    if (head == null) {
      head = new byte[TypeDetector.HEAD_BYTES];
    }
    int len = readHead(body, head);
    String hint = BatchNames.clean(rawName);
    org.apache.tika.mime.MediaType named = types.byName(hint); // once per body: Tika's name lookup is not free
    MediaType type = types.detect(head, len, named);
    Optional<String> mismatch = types.mismatch(type, hint, named, declared);
    if (archives.expand() && types.isZip(type) && mismatch.isEmpty()) {
      if (level >= archives.maxNestingDepth()) {
        throw Intake.reject(ErrorCode.ARCHIVE_UNSAFE,
            "The archive " + origin + " is nested " + (level + 1) + " archives deep; at most "
                + archives.maxNestingDepth() + " levels are expanded.",
            "Extract the inner archives and upload their files directly, or in a single-level ZIP.");
      }
      new ZipExpander(this).expand(rawName, origin, head, len, body, whole, level + 1, budget);
      return;
    }
    if (oversize) {
      tooLarge(rawName, origin, declared, type, knownSize.getAsLong(), true);
      return;
    }
    if (len < head.length) {
      stageWhole(rawName, origin, declared, type, mismatch, head, len);
      return;
    }
    int index = files.size();
    Path slot = workspace.fileSlot(index);
    long count;
    try (OutputStream out = Files.newOutputStream(slot, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      count = copy(head, len, body, out, max, true, origin);
    } catch (SourceReadException e) {
      deleteQuietly(slot);
      throw e;
    } catch (IOException e) {
      deleteQuietly(slot);
      throw new UncheckedIOException("cannot write " + origin + " into the workspace " + workspace.root(), e);
    }
    if (count > max) {
      deleteQuietly(slot); // nothing oversize is kept, not even the part received
      tooLarge(rawName, origin, declared, type, count, false);
      return;
    }
    String hex = null;
    if (mismatch.isPresent() && count > 0) {
      try {
        hex = StagedFile.sha256Of(slot); // a refused file reports its hash, and its bytes are not kept
      } catch (IOException e) {
        deleteQuietly(slot);
        throw new UncheckedIOException("cannot read " + origin + " back from the workspace " + workspace.root(), e);
      }
    }
    if (count == 0 || mismatch.isPresent()) {
      deleteQuietly(slot);
    }
    keep(rawName, origin, declared, type, mismatch, count, hex, slot, null);
  }

  /**
   * Stages a body that ended within its head: it stays in memory (written to the workspace only if a processor asks
   * for its path), since writing, closing and later deleting a file costs more than everything else intake does
   * for a small body. Checked against the same limits, in the same order, as a body streamed to disk.
   */
  private void stageWhole(String rawName, String origin, Optional<String> declared, MediaType type,
      Optional<String> mismatch, byte[] head, int len) {
    if (len > limits.maxFileBytes()) {
      tooLarge(rawName, origin, declared, type, len, false);
      return;
    }
    if (len > 0) {
      countBatchBytes(len, origin);
    }
    byte[] body = Arrays.copyOf(head, len);
    String hex = mismatch.isPresent() && len > 0 ? StagedFile.sha256Of(body) : null;
    keep(rawName, origin, declared, type, mismatch, len, hex, null, body);
  }

  /**
   * Adds a fully received body, or fails it when it is empty or not what it claims; {@code slot} xor {@code bytes};
   * {@code hex}, the hash, is given for a mismatch (whose bytes are not kept), and computed later for a kept file.
   */
  private void keep(String rawName, String origin, Optional<String> declared, MediaType type,
      Optional<String> mismatch, long count, String hex, Path slot, byte[] bytes) {
    String name = display(rawName);
    if (count == 0) {
      fail(rawName, origin, declared, null, 0, null, ErrorCode.EMPTY_FILE,
          "The file " + name + " is empty (0 bytes).",
          "Check that " + name + " was saved completely, then upload it again.");
      return;
    }
    if (mismatch.isPresent()) {
      fail(rawName, origin, declared, type, count, hex, ErrorCode.TYPE_MISMATCH,
          "The file " + name + " is not what it claims to be: " + mismatch.get() + ".",
          "Upload the original file with its correct extension and type; renamed or converted files are refused.");
      return;
    }
    int index = files.size();
    String unique = names.assign(rawName, index);
    add(bytes != null
        ? StagedFile.inMemory(index, unique, origin, declared, type, bytes, workspace)
        : StagedFile.onDisk(index, unique, origin, declared, type, count, slot));
  }

  /**
   * Copies the head and then the rest of {@code body} to {@code out}, stopping as soon as more than {@code max}
   * bytes were seen. Counts the body against the batch cap when {@code ofBatch} (archives in transit are not files
   * of the batch).
   *
   * <p>Reads are gathered into whole chunks before they are hashed and written: a ZIP entry's reader returns at
   * most 512 bytes per read, and writing each read as it came cost one {@code write(2)} per 512 bytes.
   *
   * @return the bytes seen: the full size, or more than {@code max} (by up to one chunk) when the cap stopped it
   */
  long copy(byte[] head, int len, InputStream body, OutputStream out, long max, boolean ofBatch, String origin)
      throws IOException {
    long count = accept(head, len, 0, out, max, ofBatch, origin);
    if (len < head.length || count > max) {
      return count; // the head did not fill: the body has already ended
    }
    byte[] buf = chunk();
    int fill = 0;
    while (true) {
      checkCancelled();
      int r = body.read(buf, fill, buf.length - fill);
      if (r < 0) {
        break;
      }
      fill += r;
      if (count + fill > max) {
        return count + fill; // over the cap: the part in hand is never written
      }
      if (fill == buf.length) {
        count = accept(buf, fill, count, out, max, ofBatch, origin);
        fill = 0;
      }
    }
    return fill == 0 ? count : accept(buf, fill, count, out, max, ofBatch, origin);
  }

  /** The batch's copy buffer, also used to drain skipped archive entries; one body at a time uses it. */
  byte[] chunk() {
    if (chunk == null) {
      chunk = new byte[CHUNK];
    }
    return chunk;
  }

  private long accept(byte[] b, int n, long count, OutputStream out, long max, boolean ofBatch, String origin)
      throws IOException {
    long total = count + n;
    if (total > max) {
      return total;
    }
    if (ofBatch) {
      countBatchBytes(n, origin);
    }
    out.write(b, 0, n);
    return total;
  }

  private void countBatchBytes(int n, String origin) {
    batchBytes += n;
    if (batchBytes > limits.maxBatchBytes()) {
      throw Intake.reject(ErrorCode.BATCH_TOO_LARGE,
          "The batch holds more than " + Intake.size(limits.maxBatchBytes()) + " (the limit was passed while "
              + "receiving " + origin + ").",
          "Send at most " + Intake.size(limits.maxBatchBytes()) + " per batch: split the files into several batches.");
    }
  }

  private int readHead(InputStream body, byte[] head) throws SourceReadException {
    int len = 0;
    while (len < head.length) {
      checkCancelled();
      int r;
      try {
        r = body.read(head, len, head.length - len);
      } catch (SourceReadException e) {
        throw e;
      } catch (IOException e) {
        throw new SourceReadException(e);
      }
      if (r < 0) {
        break;
      }
      len += r;
    }
    return len;
  }

  /** Fails a file over the per-file cap; {@code exact} when {@code size} is its real size, not where reading stopped. */
  void tooLarge(String rawName, String origin, Optional<String> declared, MediaType type, long size, boolean exact) {
    String name = display(rawName);
    fail(rawName, origin, declared, type, size, null, ErrorCode.FILE_TOO_LARGE,
        "The file " + name + " is larger than the " + Intake.size(limits.maxFileBytes()) + " allowed per file"
            + (exact ? " (" + Intake.size(size) + ")." : "."),
        "Reduce " + name + " below " + Intake.size(limits.maxFileBytes())
            + " (compress images, split documents) and upload it again.");
  }

  /** Records a failed file under a unique name. */
  void fail(String rawName, String origin, Optional<String> declared, MediaType type, long size, String sha,
      ErrorCode code, String message, String remediation) {
    int index = files.size();
    add(StagedFile.failed(index, names.assign(rawName, index), origin, declared, type, size, sha,
        FileError.of(code, message, remediation)));
  }

  private void add(StagedFile file) {
    if (files.size() >= limits.maxFiles()) {
      throw Intake.reject(ErrorCode.TOO_MANY_FILES,
          "The batch holds more than " + limits.maxFiles() + " files (archive entries count; the limit was passed at "
              + file.origin() + ").",
          "Send at most " + limits.maxFiles() + " files per batch: split the upload into several batches.");
    }
    files.add(file);
    onStaged.accept(file);
  }

  /** The name to use in messages: the cleaned base name, or the raw one if cleaning left nothing. */
  static String display(String rawName) {
    String clean = BatchNames.clean(rawName);
    return "'" + (clean.isEmpty() ? rawName : clean) + "'";
  }

  static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // the workspace is deleted as a whole when the batch ends
    }
  }

  /** Marks failures of the caller's stream as input failures, not workspace failures. */
  static final class SourceStream extends FilterInputStream {
    SourceStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      try {
        return super.read();
      } catch (IOException e) {
        throw new SourceReadException(e);
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return super.read(b, off, len);
      } catch (IOException e) {
        throw new SourceReadException(e);
      }
    }
  }
}
