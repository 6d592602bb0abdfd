package dev.filebatch.internal.intake;

import dev.filebatch.ArchiveLimits;
import dev.filebatch.BatchInput;
import dev.filebatch.BatchRejectedException;
import dev.filebatch.ErrorCode;
import dev.filebatch.FileError;
import dev.filebatch.IntakeLimits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a {@link BatchInput} into {@link StagedFile}s in a {@link Workspace}: counts and size checks before bodies
 * are read where sizes are declared; each body streamed once while counting, hashing (SHA-256) and sniffing the
 * type; ZIP archives expanded entry by entry with slip, link, bomb and depth guards.
 *
 * <p>Inputs: files; folders (walked recursively without following links, sorted by path, hidden files and links
 * skipped and reported); byte arrays; named streams with an optional declared size and type. A ZIP (recognised
 * from content, not name) is expanded when {@link ArchiveLimits#expand()} is on and its name and declared type do
 * not contradict it; its entries become the files of the batch and count against every limit.
 *
 * <p>What each problem does:
 * <table>
 *   <caption>Batch rejections and file failures</caption>
 *   <tr><th>code</th><th>effect</th><th>when</th></tr>
 *   <tr><td>NO_FILES</td><td>rejects the batch</td><td>no source, or only empty folders</td></tr>
 *   <tr><td>TOO_FEW_FILES</td><td>rejects the batch</td><td>fewer files than {@code minFiles} after expansion
 *       (before reading when archives are not expanded)</td></tr>
 *   <tr><td>TOO_MANY_FILES</td><td>rejects the batch</td><td>more than {@code maxFiles}, archive entries
 *       included; before reading when the inputs alone are too many, else as soon as the count passes</td></tr>
 *   <tr><td>BATCH_TOO_LARGE</td><td>rejects the batch</td><td>declared and on-disk sizes add up to more than
 *       {@code maxBatchBytes} (before reading), or the bytes received do (while streaming)</td></tr>
 *   <tr><td>ARCHIVE_UNSAFE</td><td>rejects the batch</td><td>an entry path leaves the archive (zip slip, absolute
 *       path), a link entry, more than {@code maxEntries} entries, nesting deeper than {@code maxNestingDepth}</td></tr>
 *   <tr><td>ARCHIVE_BOMB</td><td>rejects the batch</td><td>an entry inflates beyond {@code maxCompressionRatio}
 *       (past a 1 MB floor), an archive inflates beyond {@code maxExpandedBytes}, entries share compressed data</td></tr>
 *   <tr><td>CANCELLED</td><td>rejects the batch</td><td>the cancellation supplier turned true (with
 *       {@code onStaged}: before any file was handed over; after that, each input not received becomes a
 *       {@code CANCELLED} file instead)</td></tr>
 *   <tr><td>FILE_TOO_LARGE</td><td>fails the file</td><td>over {@code maxFileBytes}: unread when its size is known
 *       and it cannot be an archive, else streaming stops one byte past the cap and the part received is
 *       deleted</td></tr>
 *   <tr><td>EMPTY_FILE</td><td>fails the file</td><td>0 bytes, or an archive with no file in it</td></tr>
 *   <tr><td>TYPE_MISMATCH</td><td>fails the file</td><td>content disagrees with the extension or declared
 *       type</td></tr>
 *   <tr><td>ENCRYPTED_FILE</td><td>fails the entry</td><td>a password-protected archive entry</td></tr>
 *   <tr><td>CORRUPT_FILE</td><td>fails the archive</td><td>a damaged or cut-short archive (a failed file named after
 *       it; entries read before the damage are kept), or an entry in an unreadable ZIP format</td></tr>
 *   <tr><td>UNREADABLE_INPUT</td><td>fails the file</td><td>a missing path, or a read error on the caller's file or
 *       stream</td></tr>
 * </table>
 *
 * <p>Thread-safe: an {@code Intake} holds only its limits; each call works on its own state.
 */
public final class Intake {
  private static final Logger LOG = LoggerFactory.getLogger(Intake.class);

  private final IntakeLimits limits;
  private final ArchiveLimits archiveLimits;
  private final TypeDetector types = new TypeDetector();

  /** An intake enforcing the given limits. */
  public Intake(IntakeLimits limits, ArchiveLimits archiveLimits) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.archiveLimits = Objects.requireNonNull(archiveLimits, "archiveLimits");
  }

  /**
   * Checks what is known without reading any body: number of sources, declared sizes of streams, sizes of byte
   * arrays and files on disk. When it rejects, it closes the input's streams: the batch owns them and will not
   * read them.
   *
   * @return how many files the batch holds as far as is known before reading: files found in folders plus one per
   *     other source (an archive counts as one until its entries are read)
   * @throws BatchRejectedException when a batch limit is already broken
   */
  public int precheck(BatchInput input) {
    Objects.requireNonNull(input, "input");
    try {
      return checkKnown(input);
    } catch (BatchRejectedException e) {
      closeStreams(input);
      throw e;
    }
  }

  private int checkKnown(BatchInput input) {
    if (input.sources().isEmpty()) {
      throw reject(ErrorCode.NO_FILES, "The batch holds no files.", "Add at least one file to the batch.");
    }
    long count = 0;
    long bytes = 0;
    for (BatchInput.Source source : input.sources()) {
      if (source instanceof BatchInput.PathSource p) {
        // one stat per path: this runs on the caller's thread before anything else of the batch
        BasicFileAttributes a = attributes(p.path());
        if (a != null && a.isDirectory()) {
          for (Found f : walk(p.path(), new ArrayList<>())) {
            count++;
            bytes += f.readable() ? f.size() : 0;
          }
        } else {
          count++;
          bytes += a != null && a.isRegularFile() ? a.size() : 0;
        }
      } else {
        count++; // each other source is at least one file: an archive without files becomes one failed file
        bytes += knownSize(source).orElse(0);
      }
    }
    if (count == 0) {
      throw reject(ErrorCode.NO_FILES, "The batch holds no files: the folders given are empty or hold only hidden "
          + "files.", "Add at least one file to the batch.");
    }
    if (count > limits.maxFiles()) {
      throw reject(ErrorCode.TOO_MANY_FILES,
          "The batch holds " + count + " files; at most " + limits.maxFiles() + " are allowed.",
          "Send at most " + limits.maxFiles() + " files per batch: split the upload into several batches.");
    }
    if (!archiveLimits.expand() && count < limits.minFiles()) {
      throw tooFew(count);
    }
    if (bytes > limits.maxBatchBytes()) {
      throw reject(ErrorCode.BATCH_TOO_LARGE,
          "The batch holds " + size(bytes) + "; at most " + size(limits.maxBatchBytes()) + " are allowed.",
          "Send at most " + size(limits.maxBatchBytes()) + " per batch: split the files into several batches.");
    }
    return (int) count; // at most maxFiles here
  }

  /**
   * Streams every source into the workspace, expanding archives, and returns the files in input order with
   * index 0..n-1. Per-file problems are recorded on the file; batch-level ones throw.
   *
   * @param cancelled polled between files and chunks; when it turns true, intake stops with {@code CANCELLED}
   * @throws BatchRejectedException when a batch limit breaks or an archive is hostile
   */
  public List<StagedFile> stage(BatchInput input, Workspace workspace, BooleanSupplier cancelled) {
    return stageReport(input, workspace, cancelled).files();
  }

  /**
   * Like {@link #stage}, and also says what was skipped on purpose ({@code __MACOSX/} and hidden archive entries,
   * hidden files and links in folders). Skipped items are also logged at INFO.
   *
   * @throws BatchRejectedException when a batch limit breaks or an archive is hostile
   */
  public IntakeReport stageReport(BatchInput input, Workspace workspace, BooleanSupplier cancelled) {
    return run(input, workspace, cancelled, f -> { }, false, false);
  }

  /**
   * Like {@link #stage}, for an input {@link #precheck} has already accepted: what precheck checks is not looked at
   * again (the limits it checks are still enforced while the bodies are read).
   *
   * @throws BatchRejectedException when a batch limit breaks or an archive is hostile
   */
  public List<StagedFile> stagePrechecked(BatchInput input, Workspace workspace, BooleanSupplier cancelled) {
    return run(input, workspace, cancelled, f -> { }, false, true).files();
  }

  /**
   * Like {@link #stageReport(BatchInput, Workspace, BooleanSupplier)}, and hands each file to {@code onStaged} as soon
   * as it is staged (failed ones included), in index order, on the calling thread, so the caller can start
   * processing it while the rest is still being received.
   *
   * <p>A batch-level rejection can still come after some files were handed over (the count or byte cap passed by a
   * later file, a hostile archive entry, too few files in the end): the caller must then discard what it started.
   * When {@code cancelled} turns true after at least one file was handed over, intake does not reject: it stops
   * reading and hands over every input it has not received as a failed file with {@code CANCELLED} (a folder's
   * remaining files one by one; an archive cut short as one file named after it, besides the entries already
   * handed over), so the caller can still end the batch with a result for every file.
   *
   * <p>The input must be one {@link #precheck} has accepted (the engine prechecks on the caller's thread, so a
   * batch breaking a known limit is refused before it is submitted); it is not prechecked again here.
   *
   * @throws BatchRejectedException when a batch limit breaks or an archive is hostile, or on cancellation before
   *     any file was handed over
   */
  public IntakeReport stageReport(BatchInput input, Workspace workspace, BooleanSupplier cancelled,
      Consumer<StagedFile> onStaged) {
    Objects.requireNonNull(onStaged, "onStaged");
    return run(input, workspace, cancelled, onStaged, true, true);
  }

  private IntakeReport run(BatchInput input, Workspace workspace, BooleanSupplier cancelled,
      Consumer<StagedFile> onStaged, boolean keepWhenStopped, boolean prechecked) {
    Objects.requireNonNull(workspace, "workspace");
    Objects.requireNonNull(cancelled, "cancelled");
    try {
      if (!prechecked) {
        precheck(input);
      }
      Staging staging = new Staging(limits, archiveLimits, types, workspace, cancelled, onStaged, keepWhenStopped);
      List<BatchInput.Source> sources = input.sources();
      boolean stopped = false;
      for (int i = 0; i < sources.size(); i++) {
        BatchInput.Source source = sources.get(i);
        if (stopped) {
          notReceived(staging, source);
          continue;
        }
        try {
          staging.checkCancelled();
          stageSource(staging, source);
        } catch (Staging.Stopped e) {
          stopped = true;
          if (!(source instanceof BatchInput.PathSource p && Files.isDirectory(p.path()))) {
            notReceived(staging, source); // a folder has marked its own remaining files
          }
        }
      }
      if (staging.files.isEmpty()) {
        throw reject(ErrorCode.NO_FILES, "The batch holds no files.", "Add at least one file to the batch.");
      }
      if (!stopped && staging.files.size() < limits.minFiles()) {
        throw tooFew(staging.files.size());
      }
      if (!staging.skipped.isEmpty()) {
        LOG.info("Intake skipped {} hidden or linked item(s): {}", staging.skipped.size(), staging.skipped);
      }
      return new IntakeReport(staging.files, staging.skipped);
    } finally {
      closeStreams(input); // the batch owns the caller's streams, read or not
    }
  }

  private void stageSource(Staging staging, BatchInput.Source source) {
    if (source instanceof BatchInput.PathSource p) {
      stagePath(staging, p.path());
    } else if (source instanceof BatchInput.BytesSource b) {
      staging.stageTop(b.name(), b.name(), b.declaredType(), OptionalLong.of(b.bytes().length), true,
          new ByteArrayInputStream(b.bytes()), ZipExpander.Whole.bytes(b.bytes()));
    } else if (source instanceof BatchInput.StreamSource s) {
      try (InputStream in = s.stream()) {
        staging.stageTop(s.name(), s.name(), s.declaredType(), s.declaredSize(), mayBeArchive(s), in, null);
      } catch (IOException e) {
        LOG.debug("Closing the stream of {} failed: {}", s.name(), e.toString());
      }
    }
  }

  /** Hands over a source intake will not read because the batch was stopped. */
  private static void notReceived(Staging staging, BatchInput.Source source) {
    if (source instanceof BatchInput.PathSource p && Files.isDirectory(p.path())) {
      for (Found f : walk(p.path(), new ArrayList<>())) {
        staging.notReceived(fileName(f.path()), f.path().toString(), Optional.empty());
      }
    } else if (source instanceof BatchInput.PathSource p) {
      staging.notReceived(fileName(p.path()), p.path().toString(), Optional.empty());
    } else if (source instanceof BatchInput.BytesSource b) {
      staging.notReceived(b.name(), b.name(), b.declaredType());
    } else if (source instanceof BatchInput.StreamSource s) {
      staging.notReceived(s.name(), s.name(), s.declaredType());
    }
  }

  private void stagePath(Staging staging, Path path) {
    BasicFileAttributes a = attributes(path);
    if (a != null && a.isDirectory()) {
      List<Found> found = walk(path, staging.skipped);
      for (int i = 0; i < found.size(); i++) {
        Found f = found.get(i);
        try {
          staging.checkCancelled();
          if (f.readable()) {
            stageFile(staging, f.path(), attributes(f.path()));
          } else {
            staging.unreadable(fileName(f.path()), f.path().toString(), Optional.empty(),
                new IOException("the folder entry cannot be read"));
          }
        } catch (Staging.Stopped e) {
          for (Found rest : found.subList(i, found.size())) {
            staging.notReceived(fileName(rest.path()), rest.path().toString(), Optional.empty());
          }
          throw e;
        }
      }
    } else {
      stageFile(staging, path, a);
    }
  }

  /** Stages one file on disk; {@code a} are its attributes as just read, {@code null} if it could not be read. */
  private void stageFile(Staging staging, Path file, BasicFileAttributes a) {
    String name = fileName(file);
    String origin = file.toString();
    if (a == null || !a.isRegularFile()) {
      staging.unreadable(name, origin, Optional.empty(),
          new IOException(a != null ? "not a regular file" : "no such file"));
      return;
    }
    long size = a.size();
    InputStream in;
    try {
      in = Files.newInputStream(file);
    } catch (IOException e) {
      staging.unreadable(name, origin, Optional.empty(), e);
      return;
    }
    try (InputStream body = in) {
      staging.stageTop(name, origin, Optional.empty(), OptionalLong.of(size), true, body,
          ZipExpander.Whole.file(file, false));
    } catch (IOException e) {
      LOG.debug("Closing {} failed: {}", file, e.toString());
    }
  }

  /** A stream is read past a declared oversize only when it says it is a ZIP, since archives have their own caps. */
  private static boolean mayBeArchive(BatchInput.StreamSource s) {
    if (TypeDetector.extension(BatchNames.clean(s.name())).equals(".zip")) {
      return true;
    }
    return s.declaredType().map(t -> t.toLowerCase(Locale.ROOT)).filter(t -> t.contains("zip")).isPresent();
  }

  /** The size a byte array has or a stream declares (paths are measured by {@link #checkKnown}). */
  private static OptionalLong knownSize(BatchInput.Source source) {
    if (source instanceof BatchInput.BytesSource b) {
      return OptionalLong.of(b.bytes().length);
    }
    if (source instanceof BatchInput.StreamSource s) {
      return s.declaredSize();
    }
    return OptionalLong.empty();
  }

  /** The path's attributes, following links as the caller named it; {@code null} if it cannot be read. */
  private static BasicFileAttributes attributes(Path p) {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class);
    } catch (IOException e) {
      return null;
    }
  }

  private static String fileName(Path p) {
    Path name = p.getFileName();
    return name == null ? "" : name.toString();
  }

  private static void closeStreams(BatchInput input) {
    for (BatchInput.Source source : input.sources()) {
      if (source instanceof BatchInput.StreamSource s) {
        try {
          s.stream().close();
        } catch (IOException | RuntimeException e) {
          LOG.debug("Closing the stream of {} failed: {}", s.name(), e.toString());
        }
      }
    }
  }

  /**
   * A file found in a folder walk, with the size the walk saw; unreadable ones still become (failed) files of the
   * batch.
   */
  private record Found(Path path, boolean readable, long size) {}

  /** Regular files under {@code dir}, sorted by path; hidden entries and links are added to {@code skipped}. */
  private static List<Found> walk(Path dir, List<String> skipped) {
    List<Found> found = new ArrayList<>();
    Path start = dir;
    try {
      start = dir.toRealPath(); // the caller named this folder: resolve it, but follow no link below it
    } catch (IOException e) {
      // walk the path as given; failures show up as unreadable entries
    }
    Path root = start;
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
          if (!d.equals(root) && hidden(d)) {
            skipped.add(d + "/");
            return FileVisitResult.SKIP_SUBTREE;
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
          if (attrs.isSymbolicLink() || hidden(f) || !attrs.isRegularFile()) {
            skipped.add(f.toString());
          } else {
            found.add(new Found(f, true, attrs.size()));
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path f, IOException exc) {
          found.add(new Found(f, false, 0));
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      found.add(new Found(root, false, 0));
    }
    found.sort(Comparator.comparing(Found::path));
    return found;
  }

  private static boolean hidden(Path p) {
    return fileName(p).startsWith(".");
  }

  private BatchRejectedException tooFew(long count) {
    return reject(ErrorCode.TOO_FEW_FILES,
        "The batch holds " + count + " file(s); at least " + limits.minFiles() + " are needed.",
        "Add files until the batch holds at least " + limits.minFiles() + ".");
  }

  static BatchRejectedException reject(ErrorCode code, String message, String remediation) {
    return new BatchRejectedException(FileError.of(code, message, remediation));
  }

  /** A byte count for people: {@code 10 MB}, {@code 1.5 MB}, {@code 512 KB}, {@code 12 bytes} (binary units). */
  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + (bytes == 1 ? " byte" : " bytes");
    }
    double kb = bytes / 1024.0;
    if (kb < 1024) {
      return trim(kb) + " KB";
    }
    double mb = kb / 1024;
    return mb < 1024 ? trim(mb) + " MB" : trim(mb / 1024) + " GB";
  }

  private static String trim(double v) {
    String s = String.format(Locale.ROOT, "%.1f", v);
    return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
  }
}
