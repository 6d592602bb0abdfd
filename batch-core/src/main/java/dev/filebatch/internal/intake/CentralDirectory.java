package dev.filebatch.internal.intake;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A bounded, read-only walk over a ZIP's central directory, done before any entry is extracted.
 *
 * <p>Why: the streaming reader that extracts entries only sees local headers, but a symlink's file mode lives in
 * the central directory's external attributes, and entries that share compressed data (the zbsm.zip overlapping
 * bomb) only show as local-header offsets pointing into each other. The walk holds at most {@code maxEntries}
 * small records in memory and stops as soon as one is too many, so a hostile directory cannot exhaust the heap.
 * An archive without a readable directory is left to the streaming reader, which reports it as corrupt.
 */
final class CentralDirectory {
  private static final int EOCD_SIG = 0x06054b50;
  private static final int ZIP64_LOCATOR_SIG = 0x07064b50;
  private static final int ZIP64_EOCD_SIG = 0x06064b50;
  private static final int CFH_SIG = 0x02014b50;
  private static final int LFH_FIXED = 30;
  private static final long MAX32 = 0xFFFFFFFFL;

  /** What the walk found. */
  enum Finding { NONE, NOT_READABLE, TOO_MANY_ENTRIES, SYMLINK, UNSAFE_NAME, OVERLAPPING }

  /**
   * The first problem found and the entry it concerns.
   *
   * @param finding what was found
   * @param entry the entry's name, or {@code null}
   */
  record Result(Finding finding, String entry) {}

  private CentralDirectory() {}

  /** Walks the directory of the ZIP read through {@code ch} (not closed here), stopping at the first problem. */
  static Result scan(SeekableByteChannel ch, int maxEntries, java.util.function.Predicate<String> unsafeName)
      throws IOException {
    long size = ch.size();
    long eocd = findEndRecord(ch, size);
    if (eocd < 0) {
      return new Result(Finding.NOT_READABLE, null);
    }
    ByteBuffer end = read(ch, eocd, 22);
    long count = end.getShort(10) & 0xFFFF;
    long cdSize = end.getInt(12) & MAX32;
    long cdOffset = end.getInt(16) & MAX32;
    if ((count == 0xFFFF || cdSize == MAX32 || cdOffset == MAX32) && eocd >= 20) {
      ByteBuffer loc = read(ch, eocd - 20, 20);
      if (loc.getInt(0) == ZIP64_LOCATOR_SIG) {
        long z64 = loc.getLong(8);
        if (z64 >= 0 && z64 + 56 <= size) {
          ByteBuffer rec = read(ch, z64, 56);
          if (rec.getInt(0) == ZIP64_EOCD_SIG) {
            count = rec.getLong(32);
            cdSize = rec.getLong(40);
            cdOffset = rec.getLong(48);
          }
        }
      }
    }
    if (count > maxEntries) {
      return new Result(Finding.TOO_MANY_ENTRIES, null);
    }
    if (cdOffset < 0 || cdSize < 0 || cdOffset + cdSize > size) {
      return new Result(Finding.NOT_READABLE, null);
    }
    ch.position(cdOffset);
    DataInputStream in = new DataInputStream(new BufferedInputStream(
        bounded(Channels.newInputStream(ch), cdSize), 16 * 1024));
    long[] starts = new long[Math.min(maxEntries, 1024)];
    long[] ends = new long[starts.length];
    int n = 0;
    byte[] fixed = new byte[46];
    while (true) {
      try {
        in.readFully(fixed, 0, 4);
      } catch (EOFException e) {
        break;
      }
      ByteBuffer h = ByteBuffer.wrap(fixed).order(ByteOrder.LITTLE_ENDIAN);
      if (h.getInt(0) != CFH_SIG) {
        break; // end of the records (or garbage): the streaming reader judges the rest
      }
      try {
        in.readFully(fixed, 4, 42);
      } catch (EOFException e) {
        return new Result(Finding.NOT_READABLE, null);
      }
      if (n >= maxEntries) {
        return new Result(Finding.TOO_MANY_ENTRIES, null);
      }
      int madeBy = h.getShort(4) & 0xFFFF;
      long csize = h.getInt(20) & MAX32;
      int nameLen = h.getShort(28) & 0xFFFF;
      int extraLen = h.getShort(30) & 0xFFFF;
      int commentLen = h.getShort(32) & 0xFFFF;
      long attrs = h.getInt(38) & MAX32;
      long offset = h.getInt(42) & MAX32;
      byte[] nameBytes = in.readNBytes(nameLen);
      byte[] extra = in.readNBytes(extraLen);
      in.skipNBytes(commentLen);
      String name = new String(nameBytes, StandardCharsets.UTF_8);
      if ((madeBy >> 8) == 3 && ((attrs >>> 16) & 0xF000) == 0xA000) {
        return new Result(Finding.SYMLINK, name); // Unix host, S_IFLNK file mode
      }
      if (unsafeName.test(name)) {
        return new Result(Finding.UNSAFE_NAME, name);
      }
      if (csize == MAX32 || offset == MAX32) {
        long[] z = zip64(extra, h.getInt(24) & MAX32, csize, offset);
        csize = z[0];
        offset = z[1];
      }
      if (n == starts.length) {
        starts = Arrays.copyOf(starts, Math.min(maxEntries, n * 2));
        ends = Arrays.copyOf(ends, starts.length);
      }
      starts[n] = offset;
      ends[n] = offset + LFH_FIXED + nameLen + csize; // a lower bound: the local extra field may add more
      n++;
    }
    return overlapping(starts, ends, n) ? new Result(Finding.OVERLAPPING, null) : new Result(Finding.NONE, null);
  }

  private static boolean overlapping(long[] starts, long[] ends, int n) {
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Long.compare(starts[a], starts[b]));
    for (int i = 1; i < n; i++) {
      if (starts[order[i]] < ends[order[i - 1]]) {
        return true;
      }
    }
    return false;
  }

  /** Reads compressed size and local header offset from a ZIP64 extra field when the 32-bit fields are maxed. */
  private static long[] zip64(byte[] extra, long usize, long csize, long offset) {
    ByteBuffer b = ByteBuffer.wrap(extra).order(ByteOrder.LITTLE_ENDIAN);
    while (b.remaining() >= 4) {
      int id = b.getShort() & 0xFFFF;
      int len = b.getShort() & 0xFFFF;
      if (len > b.remaining()) {
        break;
      }
      if (id == 0x0001) {
        int p = b.position();
        int end = p + len;
        if (usize == MAX32 && p + 8 <= end) {
          p += 8;
        }
        if (csize == MAX32 && p + 8 <= end) {
          csize = b.getLong(p);
          p += 8;
        }
        if (offset == MAX32 && p + 8 <= end) {
          offset = b.getLong(p);
        }
        break;
      }
      b.position(b.position() + len);
    }
    return new long[] {csize, offset};
  }

  private static long findEndRecord(SeekableByteChannel ch, long size) throws IOException {
    int window = (int) Math.min(size, 22 + 0xFFFF);
    if (window < 22) {
      return -1;
    }
    ByteBuffer tail = read(ch, size - window, window);
    for (int i = window - 22; i >= 0; i--) {
      if (tail.getInt(i) == EOCD_SIG) {
        return size - window + i;
      }
    }
    return -1;
  }

  private static ByteBuffer read(SeekableByteChannel ch, long pos, int len) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(len).order(ByteOrder.LITTLE_ENDIAN);
    ch.position(pos);
    while (b.hasRemaining()) {
      if (ch.read(b) < 0) {
        throw new EOFException("ZIP ends early");
      }
    }
    b.flip();
    return b;
  }

  private static InputStream bounded(InputStream in, long limit) {
    return new java.io.FilterInputStream(in) {
      private long left = limit;

      @Override
      public int read() throws IOException {
        if (left <= 0) {
          return -1;
        }
        int c = super.read();
        if (c >= 0) {
          left--;
        }
        return c;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (left <= 0) {
          return -1;
        }
        int r = super.read(b, off, (int) Math.min(len, left));
        if (r > 0) {
          left -= r;
        }
        return r;
      }
    };
  }
}
