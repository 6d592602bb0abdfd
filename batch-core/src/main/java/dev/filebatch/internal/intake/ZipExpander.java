package dev.filebatch.internal.intake;

import dev.filebatch.ErrorCode;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.commons.compress.archivers.zip.AsiExtraField;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipExtraField;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * Expands one ZIP archive, entry by entry, into files of the batch.
 *
 * <p>Design: the archive's central directory is checked before anything is extracted (symlink modes, entry count,
 * entries whose data overlap): where the caller holds it (a file, a byte array), or else in a capped copy written
 * to the workspace. Entries are then read
 * in stream order with {@link ZipArchiveInputStream}, which never seeks to offsets the archive claims. Every byte
 * inflated, kept or skipped, goes through an {@link EntryStream} that measures it against the archive's expansion
 * budget and the entry's compression ratio (bytes out over compressed bytes actually consumed), so a bomb is stopped
 * after at most {@value #RATIO_FLOOR_BYTES} bytes past its ratio; sizes written in headers are never trusted.
 * Entries are never written under their own names: each becomes a numbered slot, so names only need to be checked,
 * not used, and a link entry is refused rather than created.
 */
final class ZipExpander {
  /** Entries smaller than this are never flagged for their ratio: tiny files compress absurdly well. */
  static final long RATIO_FLOOR_BYTES = 1024 * 1024;

  private static final org.apache.commons.compress.archivers.zip.ZipShort ASI_HEADER =
      new AsiExtraField().getHeaderId();

  private final Staging staging;

  ZipExpander(Staging staging) {
    this.staging = staging;
  }

  /** How many bytes one top-level archive (nested ones included) may inflate in total. */
  static final class Budget {
    private final long max;
    private long used;

    Budget(long max) {
      this.max = max;
    }
  }

  /**
   * An archive that can be read twice, once to check its central directory and once to extract it: the caller's
   * file, the caller's byte array, or a copy written to the workspace.
   */
  abstract static class Whole {
    abstract long size() throws IOException;

    abstract SeekableByteChannel channel() throws IOException;

    abstract InputStream stream() throws IOException;

    /** Whether a read failure is the workspace's fault, not the input's. */
    abstract boolean inWorkspace();

    static Whole file(Path file, boolean inWorkspace) {
      return new Whole() {
        @Override long size() throws IOException {
          return Files.size(file);
        }

        @Override SeekableByteChannel channel() throws IOException {
          return Files.newByteChannel(file, StandardOpenOption.READ);
        }

        @Override InputStream stream() throws IOException {
          return new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
        }

        @Override boolean inWorkspace() {
          return inWorkspace;
        }
      };
    }

    static Whole bytes(byte[] bytes) {
      return new Whole() {
        @Override long size() {
          return bytes.length;
        }

        @Override SeekableByteChannel channel() {
          return new SeekableInMemoryByteChannel(bytes);
        }

        @Override InputStream stream() {
          return new ByteArrayInputStream(bytes);
        }

        @Override boolean inWorkspace() {
          return false;
        }
      };
    }
  }

  /**
   * Expands an archive: checks its central directory, then extracts it entry by entry.
   *
   * <p>When the archive is already whole on the caller's side ({@code whole}: a file on disk, a byte array), its
   * directory is checked where it is; otherwise (a stream, an archive inside an archive) the head and the rest of
   * {@code body} are first written to the workspace, capped. Checking the caller's file in place trusts nothing
   * more than the copy did: if the file changes between the check and the extraction, every entry still passes
   * the streaming guards (slip, links, depth, ratio, expanded bytes, entry count) as it is read.
   *
   * @param whole the archive as the caller holds it, readable again from its start, or {@code null}
   * @param level 1 for an archive given directly, 2 for one inside it...
   * @param budget the enclosing archive's budget, or {@code null} for a top-level archive
   */
  void expand(String rawName, String origin, byte[] head, int len, InputStream body, Whole whole, int level,
      Budget budget) throws SourceReadException {
    boolean top = budget == null;
    Budget b = top ? new Budget(staging.archives.maxExpandedBytes()) : budget;
    // A nested archive's bytes were already counted as its parent's output; the cap here only bounds disk use.
    long cap = top ? staging.limits.maxBatchBytes() : staging.archives.maxExpandedBytes();
    Path tmp = null;
    try {
      long n;
      if (whole != null) {
        try {
          n = whole.size();
        } catch (IOException e) {
          throw new SourceReadException(e);
        }
      } else {
        tmp = staging.workspace.tempFile();
        try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
          n = staging.copy(head, len, body, out, cap, false, origin);
        } catch (SourceReadException e) {
          throw e;
        } catch (IOException e) {
          throw new UncheckedIOException("cannot write " + origin + " into the workspace", e);
        }
        whole = Whole.file(tmp, true);
      }
      if (n > cap) {
        throw Intake.reject(ErrorCode.BATCH_TOO_LARGE,
            "The archive " + origin + " is larger than the " + Intake.size(cap) + " a batch may hold.",
            "Split the archive into several smaller ones and send them as separate batches.");
      }
      checkDirectory(whole, origin);
      extract(whole, rawName, origin, level, b);
    } finally {
      if (tmp != null) {
        Staging.deleteQuietly(tmp);
      }
    }
  }

  private void checkDirectory(Whole zip, String origin) throws SourceReadException {
    CentralDirectory.Result r;
    try (SeekableByteChannel ch = zip.channel()) {
      r = CentralDirectory.scan(ch, staging.archives.maxEntries(), this::escapes);
    } catch (IOException e) {
      throw unreadable(zip, origin, e);
    }
    switch (r.finding()) {
      case TOO_MANY_ENTRIES -> throw tooManyEntries(origin);
      case SYMLINK -> throw link(origin, r.entry());
      case UNSAFE_NAME -> throw escape(origin, r.entry());
      case OVERLAPPING -> throw Intake.reject(ErrorCode.ARCHIVE_BOMB,
          "The archive " + origin + " has entries that share the same compressed data, a trick used by ZIP bombs.",
          "Re-create the archive with a standard ZIP tool, or upload the files directly.");
      default -> { } // NONE, or NOT_READABLE: the streaming reader below reports damage as CORRUPT_FILE
    }
  }

  private static SourceReadException unreadable(Whole zip, String origin, IOException e) {
    if (zip.inWorkspace()) {
      throw new UncheckedIOException("cannot read " + origin + " back from the workspace", e);
    }
    return new SourceReadException(e);
  }

  private void extract(Whole zip, String rawName, String origin, int level, Budget budget)
      throws SourceReadException {
    int before = staging.files.size();
    int skippedBefore = staging.skipped.size();
    int entries = 0;
    // Stored entries with a data descriptor are refused (not buffered): reading one means holding it in memory.
    InputStream raw;
    try {
      raw = zip.stream();
    } catch (IOException e) {
      throw unreadable(zip, origin, e);
    }
    try (ZipArchiveInputStream zis = new ZipArchiveInputStream(raw, "UTF-8", true, false)) {
      while (true) {
        staging.checkCancelled();
        ZipArchiveEntry e;
        try {
          e = zis.getNextEntry();
        } catch (IOException | RuntimeException ex) {
          if (ex instanceof dev.filebatch.BatchRejectedException r) {
            throw r;
          }
          corrupt(rawName, origin, staging.files.size() - before, ex);
          break;
        }
        if (e == null) {
          break;
        }
        if (++entries > staging.archives.maxEntries()) {
          throw tooManyEntries(origin);
        }
        String name = e.getName();
        if (escapes(name)) {
          throw escape(origin, name);
        }
        if (isLink(e)) {
          throw link(origin, name);
        }
        String entryOrigin = origin + "!/" + name;
        boolean hidden = staging.archives.skipHidden() && hidden(name);
        if (e.isDirectory()) {
          continue; // folders are structure, not files; any data they carry is skipped by the reader
        }
        if (e.getGeneralPurposeBit().usesEncryption()) {
          if (hidden) {
            staging.skipped.add(entryOrigin);
          } else {
            staging.fail(name, entryOrigin, Optional.empty(), null, 0, null, ErrorCode.ENCRYPTED_FILE,
                "The entry " + entryOrigin + " is encrypted and cannot be read without its password.",
                "Re-create the archive without a password, or upload the file itself.");
          }
          continue;
        }
        if (!zis.canReadEntryData(e)) {
          if (hidden) {
            staging.skipped.add(entryOrigin);
          } else {
            staging.fail(name, entryOrigin, Optional.empty(), null, 0, null, ErrorCode.CORRUPT_FILE,
                "The entry " + entryOrigin + " uses a ZIP feature that cannot be read (compression method "
                    + e.getMethod() + ").",
                "Re-create the archive with standard (deflate) compression, or upload the file itself.");
          }
          continue;
        }
        EntryStream in = new EntryStream(zis, budget, origin, name);
        try {
          if (hidden) {
            staging.skipped.add(entryOrigin);
          } else {
            staging.stageBody(name, entryOrigin, Optional.empty(), OptionalLong.empty(), true, in, null, level,
                budget);
          }
          in.drain(); // never let the reader skip unread data by inflating it unmeasured
        } catch (SourceReadException ex) {
          corrupt(rawName, origin, staging.files.size() - before, ex.getCause());
          break;
        }
      }
    } catch (IOException e) {
      throw unreadable(zip, origin, e);
    }
    if (staging.files.size() == before) {
      int skipped = staging.skipped.size() - skippedBefore;
      staging.fail(rawName, origin, Optional.empty(), dev.filebatch.MediaType.ZIP, 0, null, ErrorCode.EMPTY_FILE,
          "The archive " + origin + " holds no files" + (skipped > 0 ? " (only " + skipped + " hidden entries, skipped)"
              : "") + ".",
          "Put the files in the archive (not only folders or hidden files), or upload them directly.");
    }
  }

  private void corrupt(String rawName, String origin, int kept, Throwable cause) {
    staging.fail(rawName, origin, Optional.empty(), dev.filebatch.MediaType.ZIP, 0, null, ErrorCode.CORRUPT_FILE,
        "The archive " + origin + " is damaged or cut short after " + kept + " file(s): "
            + (cause == null || cause.getMessage() == null ? "unreadable data" : cause.getMessage()) + ".",
        "Re-create the archive and upload it again; the " + kept + " file(s) read before the damage are kept.");
  }

  /** Whether an entry name would land outside the folder it is extracted into. */
  boolean escapes(String name) {
    String n = name.replace('\\', '/');
    if (n.isEmpty() || n.indexOf('\0') >= 0 || n.startsWith("/") || n.matches("^[A-Za-z]:.*")) {
      return true;
    }
    Path base = staging.workspace.root().resolve("archive");
    try {
      return !base.resolve(n).normalize().startsWith(base);
    } catch (InvalidPathException e) {
      return true;
    }
  }

  private static boolean isLink(ZipArchiveEntry e) {
    if (e.isUnixSymlink()) {
      return true;
    }
    ZipExtraField asi = e.getExtraField(ASI_HEADER);
    return asi instanceof AsiExtraField a && a.isLink();
  }

  /** {@code __MACOSX/...}, {@code .DS_Store}, {@code dir/.hidden/x}: any dot segment, or the macOS resource fork. */
  static boolean hidden(String name) {
    String[] parts = name.replace('\\', '/').split("/");
    if (parts.length > 0 && parts[0].equals("__MACOSX")) {
      return true;
    }
    for (String p : parts) {
      if (p.startsWith(".") && !p.equals(".") && !p.equals("..")) {
        return true;
      }
    }
    return false;
  }

  private static dev.filebatch.BatchRejectedException tooManyEntries(String origin) {
    return Intake.reject(ErrorCode.ARCHIVE_UNSAFE,
        "The archive " + origin + " holds more entries than allowed.",
        "Split the archive into smaller ones, or upload the files directly.");
  }

  private static dev.filebatch.BatchRejectedException link(String origin, String entry) {
    return Intake.reject(ErrorCode.ARCHIVE_UNSAFE,
        "The archive " + origin + " holds a symbolic link (" + entry + "); links are refused.",
        "Re-create the archive with the files themselves instead of links (e.g. zip without -y).");
  }

  private static dev.filebatch.BatchRejectedException escape(String origin, String entry) {
    return Intake.reject(ErrorCode.ARCHIVE_UNSAFE,
        "The archive " + origin + " holds an entry whose path leaves the archive's folder (" + entry + ").",
        "Re-create the archive with relative paths inside it only (no '..', no leading '/').");
  }

  /**
   * The data of one entry, measured as it is inflated: the archive's budget and the entry's ratio are checked on
   * every read, and read failures are marked as damaged input.
   */
  final class EntryStream extends InputStream {
    private final ZipArchiveInputStream zis;
    private final Budget budget;
    private final String origin;
    private final String entry;
    private long out;

    EntryStream(ZipArchiveInputStream zis, Budget budget, String origin, String entry) {
      this.zis = zis;
      this.budget = budget;
      this.origin = origin;
      this.entry = entry;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int r = read(one, 0, 1);
      return r < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      staging.checkCancelled();
      int r;
      try {
        r = zis.read(b, off, len);
      } catch (IOException | RuntimeException e) {
        if (e instanceof dev.filebatch.BatchRejectedException rejected) {
          throw rejected;
        }
        throw new SourceReadException(e);
      }
      if (r > 0) {
        out += r;
        budget.used += r;
        if (budget.used > budget.max) {
          throw Intake.reject(ErrorCode.ARCHIVE_BOMB,
              "The archive " + origin + " expands to more than " + Intake.size(budget.max)
                  + " (passed while reading " + entry + ").",
              "Upload fewer or smaller files per archive, or the files themselves.");
        }
        long in = Math.max(1, zis.getCompressedCount());
        if (out > RATIO_FLOOR_BYTES && out > in * staging.archives.maxCompressionRatio()) {
          throw Intake.reject(ErrorCode.ARCHIVE_BOMB,
              "The entry " + entry + " in " + origin + " expands more than "
                  + staging.archives.maxCompressionRatio() + " times its compressed size, like a ZIP bomb.",
              "Upload the file itself rather than this archive, or re-create the archive with a standard tool.");
        }
      }
      return r;
    }

    void drain() throws IOException {
      byte[] sink = staging.chunk(); // the entry's body, if any, is written out by now
      while (read(sink, 0, sink.length) >= 0) {
        // discard: only the guards in read() matter
      }
    }
  }
}
