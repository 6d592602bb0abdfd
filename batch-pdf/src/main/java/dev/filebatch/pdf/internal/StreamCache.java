package dev.filebatch.pdf.internal;

import dev.filebatch.spi.ProcessingContext;
import java.io.IOException;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.io.RandomAccess;
import org.apache.pdfbox.io.RandomAccessStreamCache;
import org.apache.pdfbox.io.ScratchFile;

/**
 * PDFBox's stream cache for one document: up to {@link #MEMORY_BYTES} in the heap, the rest in temporary files in
 * the file's scratch folder; the folder is asked for, and PDFBox's cache built, only when PDFBox first needs a
 * buffer.
 *
 * <p>Why: PDFBox creates a cache for every document it loads, but reading text needs no buffer from it. A
 * temp-file-only cache in the scratch folder made the engine create (and later delete) a scratch folder for every
 * report; now a document that never needs a buffer touches no disk, and one that does still cannot hold more than
 * {@link #MEMORY_BYTES} of cached streams in the heap (PDFBox's own mixed mode spills the rest to disk).
 */
final class StreamCache implements RandomAccessStreamCache {
  /** Heap allowed for one document's cached streams before PDFBox spills to temp files. */
  static final long MEMORY_BYTES = 4L * 1024 * 1024;

  private final ProcessingContext ctx;
  private final long memoryBytes;
  private ScratchFile scratch; // guarded by this
  private boolean closed; // guarded by this

  StreamCache(ProcessingContext ctx, long memoryBytes) {
    this.ctx = ctx;
    this.memoryBytes = memoryBytes;
  }

  /** The function PDFBox calls once per loaded document. */
  static StreamCacheCreateFunction forFile(ProcessingContext ctx) {
    return () -> new StreamCache(ctx, MEMORY_BYTES);
  }

  @Override
  public synchronized RandomAccess createBuffer() throws IOException {
    if (closed) {
      throw new IOException("the stream cache is closed");
    }
    if (scratch == null) {
      scratch = new ScratchFile(MemoryUsageSetting.setupMixed(memoryBytes).setTempDir(ctx.scratchDirectory().toFile()));
    }
    return scratch.createBuffer();
  }

  @Override
  public synchronized void close() throws IOException {
    closed = true;
    if (scratch != null) {
      scratch.close(); // deletes its temp file
    }
  }

  /** Whether a buffer was ever asked for (for tests). */
  synchronized boolean used() {
    return scratch != null;
  }
}
