package dev.filebatch.pdf.internal;

import dev.filebatch.ErrorCode;
import dev.filebatch.pdf.PdfText;
import dev.filebatch.pdf.PdfTextOptions;
import dev.filebatch.pdf.PdfTextProcessor;
import dev.filebatch.pdf.ScanRecognizer;
import dev.filebatch.spi.FileProcessingException;
import dev.filebatch.spi.InputFile;
import dev.filebatch.spi.ProcessingContext;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.stream.Collectors;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.io.RandomAccessStreamCache.StreamCacheCreateFunction;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * Reads one PDF for {@link PdfTextProcessor}: open with a bounded stream cache ({@link StreamCache}), check the page count, then per page
 * extract the text layer, and for a scan either render and recognise it or note it as unread.
 *
 * <p>PDFBox signals everything with {@link IOException} (and, on odd structures, runtime exceptions), so the
 * mapping to codes is by phase: failing to open is {@code CORRUPT_FILE} unless it is a password problem; failing on a
 * page is {@code CORRUPT_FILE} naming the page. An I/O failure caused by an interrupt is a cancellation, not damage.
 */
public final class PdfReading {
  private static final int MAX_TITLE_CHARS = 500;
  private static final int MAX_LISTED_PAGES = 10;
  /** Files up to this size are parsed from memory (the engine keeps bodies up to 64 KB there already). */
  static final long IN_MEMORY_BYTES = 64 * 1024;

  private final PdfTextOptions options;

  /** Reads with the given settings. */
  public PdfReading(PdfTextOptions options) {
    this.options = options;
  }

  /** Reads one file; see {@link PdfTextProcessor} for the contract. */
  public PdfText read(InputFile file, ProcessingContext ctx) throws Exception {
    ctx.checkCancelled();
    // Bounded heap, then temp files in the file's scratch folder (removed by the engine whatever happens); the
    // folder is only made if PDFBox asks the cache for a buffer, which reading text does not.
    try (PDDocument document = open(file, ctx, StreamCache.forFile(ctx))) {
      return readPages(document, file, ctx);
    }
  }

  private static PDDocument open(InputFile file, ProcessingContext ctx, StreamCacheCreateFunction streamCache)
      throws FileProcessingException {
    try {
      // The empty password opens documents protected by an owner password only. A small file is read into memory
      // through openStream(), so a body the engine holds in memory is never written to disk; a large one is
      // parsed from its workspace copy, never loaded whole.
      if (file.size() <= IN_MEMORY_BYTES) {
        try (InputStream in = file.openStream()) {
          return Loader.loadPDF(new RandomAccessReadBuffer(in), "", null, null, streamCache);
        }
      }
      return Loader.loadPDF(file.path().toFile(), "", streamCache);
    } catch (InvalidPasswordException e) {
      throw encrypted(file, e);
    } catch (NoClassDefFoundError e) {
      throw certificateEncryptedOr(file, e);
    } catch (CancellationException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      cancelledIfInterrupted(ctx, e);
      if (isUnsupportedEncryption(e)) {
        throw encrypted(file, e);
      }
      throw new FileProcessingException(ErrorCode.CORRUPT_FILE,
          "'" + file.name() + "' cannot be read as a PDF: it is damaged, truncated or not a PDF at all.",
          "Open the file in a PDF viewer; if it opens, save or print it to a new PDF and upload that copy.", e);
    }
  }

  private PdfText readPages(PDDocument document, InputFile file, ProcessingContext ctx) throws Exception {
    int pageCount = pageCount(document, file, ctx);
    if (pageCount == 0) {
      throw new FileProcessingException(ErrorCode.CORRUPT_FILE, "'" + file.name() + "' has no pages.",
          "Upload the complete document.");
    }
    if (pageCount > options.maxPages()) {
      throw new FileProcessingException(PdfTextProcessor.TOO_MANY_PAGES,
          "'" + file.name() + "' has " + pageCount + " pages; at most " + options.maxPages() + " are read.",
          "Split the PDF into parts of at most " + options.maxPages() + " pages, or raise the page limit.");
    }
    PDFTextStripper stripper = new PDFTextStripper();
    stripper.setSortByPosition(options.sortByPosition());
    stripper.setLineSeparator("\n");
    stripper.setPageStart("");
    stripper.setPageEnd("");
    PDFRenderer renderer = null;
    List<PdfText.Page> pages = new ArrayList<>(pageCount);
    List<Integer> unreadScans = new ArrayList<>();
    for (int number = 1; number <= pageCount; number++) {
      // PDFBox ignores interrupts, so this is where cancellation and the deadline take effect.
      ctx.checkCancelled();
      int pageNumber = number;
      PDPage pdPage = onPage(file, number, ctx, () -> document.getPage(pageNumber - 1));
      String text = onPage(file, number, ctx, () -> {
        stripper.setStartPage(pageNumber);
        stripper.setEndPage(pageNumber);
        return stripper.getText(document).strip();
      });
      boolean scan = !hasTextLayer(text) && onPage(file, number, ctx, () -> ScanImages.hasImage(pdPage));
      if (!scan) {
        pages.add(new PdfText.Page(number, text, PdfText.Source.TEXT_LAYER));
      } else if (options.scanRecognizer().isEmpty()) {
        unreadScans.add(number);
        pages.add(new PdfText.Page(number, text, PdfText.Source.TEXT_LAYER));
      } else {
        checkScanSize(pdPage, number, file, ctx);
        if (renderer == null) {
          renderer = new PDFRenderer(document);
          // Decode embedded images only at the resolution the page is rendered at.
          renderer.setSubsamplingAllowed(true);
        }
        PDFRenderer pageRenderer = renderer;
        BufferedImage image = onPage(file, number, ctx,
            () -> pageRenderer.renderImageWithDPI(pageNumber - 1, options.scanDpi(), ImageType.GRAY));
        ctx.checkCancelled();
        // Outside onPage: the recognizer's exceptions are its own to classify, not signs of a damaged PDF.
        String recognised = options.scanRecognizer().get().recognize(image, ctx);
        pages.add(new PdfText.Page(number, recognised == null ? "" : recognised.strip(), PdfText.Source.OCR));
      }
      ctx.reportProgress((double) number / pageCount);
    }
    if (!unreadScans.isEmpty()) {
      ctx.reportPartial(PdfTextProcessor.NO_TEXT_LAYER, unreadMessage(file, unreadScans, pageCount),
          "Configure a scan recognizer to read scanned pages (for example Tesseract from batch-vision, or the "
              + "command line's OCR options), or upload a PDF with a text layer.");
    }
    return new PdfText(pageCount, String.valueOf(document.getVersion()), title(document), document.isEncrypted(),
        pages);
  }

  private static int pageCount(PDDocument document, InputFile file, ProcessingContext ctx)
      throws FileProcessingException {
    try {
      return document.getNumberOfPages();
    } catch (RuntimeException e) {
      if (e instanceof CancellationException cancellation) {
        throw cancellation;
      }
      cancelledIfInterrupted(ctx, e);
      throw new FileProcessingException(ErrorCode.CORRUPT_FILE,
          "'" + file.name() + "' has a broken page tree.",
          "Open the file in a PDF viewer; if it opens, save or print it to a new PDF and upload that copy.", e);
    }
  }

  private boolean hasTextLayer(String text) {
    int needed = options.minTextCharsPerPage();
    int seen = 0;
    for (int i = 0; i < text.length() && seen < needed; i++) {
      char c = text.charAt(i);
      if (!Character.isWhitespace(c) && !Character.isSpaceChar(c)) {
        seen++;
      }
    }
    return seen >= needed;
  }

  private void checkScanSize(PDPage page, int number, InputFile file, ProcessingContext ctx)
      throws FileProcessingException {
    PDRectangle box = onPage(file, number, ctx, page::getCropBox);
    double scale = options.scanDpi() / 72.0;
    // In doubles: a hostile page size must not overflow into a small number.
    double pixels = Math.ceil(Math.abs(box.getWidth()) * scale) * Math.ceil(Math.abs(box.getHeight()) * scale);
    if (pixels > options.maxScanPixels()) {
      throw new FileProcessingException(ErrorCode.IMAGE_TOO_LARGE,
          String.format(Locale.ROOT, "Page %d of '%s' is %.0f x %.0f points: at %d DPI that is more than the %,d "
              + "pixels allowed for a scan.", number, file.name(), box.getWidth(), box.getHeight(),
              options.scanDpi(), options.maxScanPixels()),
          "Upload the scan at a normal page size, or lower the scan DPI.");
    }
    double largestImage = onPage(file, number, ctx, () -> ScanImages.largestImagePixels(page));
    if (largestImage > options.maxScanPixels()) {
      throw new FileProcessingException(ErrorCode.IMAGE_TOO_LARGE,
          String.format(Locale.ROOT, "Page %d of '%s' holds an image of %.0f pixels, more than the %,d allowed.",
              number, file.name(), largestImage, options.maxScanPixels()),
          "Scan the page at a lower resolution (300 DPI is plenty for text) and upload it again.");
    }
  }

  /** A step of PDFBox work on one page. */
  @FunctionalInterface
  private interface PageStep<T> {
    T run() throws IOException;
  }

  // Maps PDFBox's failures on a page: an interrupt is a cancellation, anything else a damaged file.
  private static <T> T onPage(InputFile file, int number, ProcessingContext ctx, PageStep<T> step)
      throws FileProcessingException {
    try {
      return step.run();
    } catch (CancellationException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      cancelledIfInterrupted(ctx, e);
      throw new FileProcessingException(ErrorCode.CORRUPT_FILE,
          "Page " + number + " of '" + file.name() + "' cannot be read: the PDF is damaged.",
          "Open the file in a PDF viewer; if it opens, save or print it to a new PDF and upload that copy.", e);
    }
  }

  private static String title(PDDocument document) {
    String title = document.getDocumentInformation().getTitle();
    if (title == null || title.isBlank()) {
      return null;
    }
    title = title.strip();
    return title.length() > MAX_TITLE_CHARS ? title.substring(0, MAX_TITLE_CHARS) : title;
  }

  private static String unreadMessage(InputFile file, List<Integer> unread, int pageCount) {
    String listed = unread.stream().limit(MAX_LISTED_PAGES).map(String::valueOf).collect(Collectors.joining(", "))
        + (unread.size() > MAX_LISTED_PAGES ? ", ..." : "");
    return unread.size() + " of " + pageCount + " pages of '" + file.name() + "' are scans without a text layer "
        + "(page" + (unread.size() == 1 ? " " : "s ") + listed + "); their text is missing.";
  }

  private static FileProcessingException encrypted(InputFile file, Exception cause) {
    return new FileProcessingException(ErrorCode.ENCRYPTED_FILE,
        "'" + file.name() + "' is protected by a password and cannot be opened.",
        "Remove the password (for example print it to a new, unprotected PDF) and upload that copy.", cause);
  }

  // PDFBox decrypts public-key (Adobe.PubSec, certificate) encryption with Bouncy Castle, an optional dependency
  // Filebatch does not ship: without it the attempt ends in a NoClassDefFoundError naming a Bouncy Castle class.
  // Such a document cannot be opened without the recipient's private key anyway, so it is an encrypted file.
  private static NoClassDefFoundError certificateEncryptedOr(InputFile file, NoClassDefFoundError e)
      throws FileProcessingException {
    String missing = e.getMessage() == null ? "" : e.getMessage();
    if (missing.startsWith("org/bouncycastle/") || missing.startsWith("org.bouncycastle.")) {
      throw new FileProcessingException(ErrorCode.ENCRYPTED_FILE,
          "'" + file.name() + "' is encrypted for the holders of particular certificates (public-key security) "
              + "and cannot be opened.",
          "Ask the sender for a copy without certificate protection, or print it to a new, unprotected PDF, and "
              + "upload that.", e);
    }
    return e;
  }

  // With Bouncy Castle present, public-key encryption and unknown security handlers fail with plain IOExceptions.
  private static boolean isUnsupportedEncryption(Throwable e) {
    String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
    return message.contains("decryption material") || message.contains("security handler");
  }

  private static void cancelledIfInterrupted(ProcessingContext ctx, Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ClosedByInterruptException || t instanceof InterruptedIOException) {
        throw cancellation(e);
      }
    }
    if (ctx.isCancelled() || Thread.currentThread().isInterrupted()) {
      throw cancellation(e);
    }
  }

  private static CancellationException cancellation(Throwable cause) {
    CancellationException cancelled = new CancellationException("file processing was cancelled");
    cancelled.initCause(cause);
    return cancelled;
  }
}
