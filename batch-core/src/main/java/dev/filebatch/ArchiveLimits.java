package dev.filebatch;

/**
 * Guards applied while ZIP archives in a batch are expanded, entry by entry, never trusting the archive's headers.
 *
 * <p>Entries also count against {@link IntakeLimits}: each extracted entry is a file of the batch.
 *
 * @param expand whether ZIP inputs are expanded at all; when off, a ZIP is a file like any other
 * @param maxEntries at most this many entries per archive (skipped and directory entries included), else
 *     {@code ARCHIVE_UNSAFE}
 * @param maxExpandedBytes at most this many bytes extracted from one archive, else {@code ARCHIVE_BOMB}
 * @param maxCompressionRatio an entry whose extracted bytes exceed this multiple of its compressed bytes (measured
 *     while streaming) is a bomb: {@code ARCHIVE_BOMB}
 * @param maxNestingDepth archives inside archives are expanded up to this depth (1: no nested archive is
 *     expanded, 0 would mean none at all); deeper is {@code ARCHIVE_UNSAFE}
 * @param skipHidden whether {@code __MACOSX/} and dot-file entries are skipped (and reported) instead of becoming
 *     files of the batch
 */
public record ArchiveLimits(
    boolean expand, int maxEntries, long maxExpandedBytes, int maxCompressionRatio, int maxNestingDepth,
    boolean skipHidden) {

  /** Validates the limits. */
  public ArchiveLimits {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be positive, was " + maxEntries);
    }
    if (maxExpandedBytes < 1) {
      throw new IllegalArgumentException("maxExpandedBytes must be positive, was " + maxExpandedBytes);
    }
    if (maxCompressionRatio < 1) {
      throw new IllegalArgumentException("maxCompressionRatio must be at least 1, was " + maxCompressionRatio);
    }
    if (maxNestingDepth < 1) {
      throw new IllegalArgumentException("maxNestingDepth must be at least 1, was " + maxNestingDepth);
    }
  }

  /** Expand ZIPs; 1,000 entries, 200 MB expanded, ratio 100, nesting depth 3, hidden entries skipped. */
  public static ArchiveLimits defaults() {
    return new ArchiveLimits(true, 1_000, 200L * 1024 * 1024, 100, 3, true);
  }

  /** A copy with expansion on or off. */
  public ArchiveLimits withExpand(boolean value) {
    return new ArchiveLimits(value, maxEntries, maxExpandedBytes, maxCompressionRatio, maxNestingDepth, skipHidden);
  }

  /** A copy with another entry cap. */
  public ArchiveLimits withMaxEntries(int value) {
    return new ArchiveLimits(expand, value, maxExpandedBytes, maxCompressionRatio, maxNestingDepth, skipHidden);
  }

  /** A copy with another expanded-bytes cap. */
  public ArchiveLimits withMaxExpandedBytes(long value) {
    return new ArchiveLimits(expand, maxEntries, value, maxCompressionRatio, maxNestingDepth, skipHidden);
  }

  /** A copy with another compression-ratio cap. */
  public ArchiveLimits withMaxCompressionRatio(int value) {
    return new ArchiveLimits(expand, maxEntries, maxExpandedBytes, value, maxNestingDepth, skipHidden);
  }

  /** A copy with another nesting-depth cap. */
  public ArchiveLimits withMaxNestingDepth(int value) {
    return new ArchiveLimits(expand, maxEntries, maxExpandedBytes, maxCompressionRatio, value, skipHidden);
  }

  /** A copy that skips (or keeps) hidden and {@code __MACOSX/} entries. */
  public ArchiveLimits withSkipHidden(boolean value) {
    return new ArchiveLimits(expand, maxEntries, maxExpandedBytes, maxCompressionRatio, maxNestingDepth, value);
  }
}
