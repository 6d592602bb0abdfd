package dev.filebatch.vision;

import dev.filebatch.ErrorCode;
import dev.filebatch.spi.FileProcessingException;
import dev.filebatch.spi.ProcessingContext;
import dev.filebatch.vision.internal.EnginePool;
import dev.filebatch.vision.internal.LineCrops;
import dev.filebatch.vision.internal.OcrPreprocessing;
import dev.filebatch.vision.internal.TessdataLocator;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.tesseract.ETEXT_DESC;
import org.bytedeco.tesseract.ResultIterator;
import org.bytedeco.tesseract.TessBaseAPI;
import org.bytedeco.tesseract.global.tesseract;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local OCR with Tesseract 5 (LSTM), through the Bytedeco natives for linux-x86_64.
 *
 * <p>Language data ({@code eng.traineddata} and friends) is looked for in this order: {@link Builder#tessdataPath},
 * the {@code TESSDATA_PREFIX} environment variable, the English model bundled in {@code dev.filebatch:batch-tessdata}
 * when that jar is on the class path (copied once per JVM to a private temporary folder), then
 * {@code /usr/share/tesseract-ocr/5/tessdata}, {@code /usr/share/tesseract-ocr/4.00/tessdata},
 * {@code /usr/share/tessdata} and {@code /usr/local/share/tessdata}. When none holds the language, files fail with
 * {@code OCR_UNAVAILABLE} and a remediation naming the fixes; so does a machine the natives cannot load on.
 *
 * <p>Engines are made lazily (about 100 ms each to load a model), reused from file to file, and never shared by two
 * threads at once: there are at most as many as files that ran at the same time. Recognition stops at the file's
 * deadline, inside the native code. With {@link Builder#rereadLines}, chosen lines (such as codes) are read a
 * second time on their own and settled by a vote. Set {@code OMP_THREAD_LIMIT=1} when you point this at an OpenMP
 * build of Tesseract; the bundled natives are built without OpenMP.
 *
 * <pre>{@code
 * TextRecognizer ocr = TesseractRecognizer.builder().language("eng").pageSegmentationMode(6).build();
 * }</pre>
 */
public final class TesseractRecognizer implements TextRecognizer {
  /** The code a file fails with when Tesseract or its language data is not available. */
  public static final ErrorCode OCR_UNAVAILABLE = TessdataLocator.OCR_UNAVAILABLE;

  private static final Logger LOG = LoggerFactory.getLogger(TesseractRecognizer.class);
  private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z0-9_]+(\\+[A-Za-z0-9_]+)*");

  private final Path tessdataPath;
  private final String language;
  private final int pageSegmentationMode;
  private final int dpi;
  private final Map<String, String> variables;
  private final LineReread reread;
  private final TessdataLocator locator;
  private final EnginePool<TessBaseAPI> engines = new EnginePool<>(TesseractRecognizer::end);
  private volatile TessdataLocator.Found tessdata;

  private TesseractRecognizer(Builder b, TessdataLocator locator) {
    this.tessdataPath = b.tessdataPath;
    this.language = b.language;
    this.pageSegmentationMode = b.pageSegmentationMode;
    this.dpi = b.dpi;
    this.variables = Map.copyOf(b.variables);
    this.reread = b.reread;
    this.locator = locator;
  }

  /** A recognizer with every default: English, automatic page segmentation, data found as described above. */
  public static TesseractRecognizer create() {
    return builder().build();
  }

  /** A builder; every option has a default. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@code tesseract:} followed by the language, e.g. {@code tesseract:eng}; with {@link Builder#rereadLines} also
   * {@code ;reread=} and the reread's id, e.g. {@code tesseract:eng;reread=acs-codes}.
   */
  @Override
  public String id() {
    return "tesseract:" + language + (reread == null ? "" : ";reread=" + reread.id());
  }

  /** Always {@code true}: Tesseract keeps one core busy per file. */
  @Override
  public boolean cpuBound() {
    return true;
  }

  /**
   * Reads the text with Tesseract. The image is converted to 8-bit greyscale if it is not already.
   *
   * @throws FileProcessingException {@code OCR_UNAVAILABLE} when the language data or natives are missing,
   *     {@code TIMEOUT} when the deadline passed during recognition
   */
  @Override
  public RecognizedText recognize(BufferedImage image, ProcessingContext context) throws Exception {
    Objects.requireNonNull(image, "image");
    TessdataLocator.Found data = tessdata();
    BufferedImage grey = OcrPreprocessing.greyscale(image);
    byte[] pixels = packed(grey);
    context.checkCancelled();

    TessBaseAPI api = engines.borrow(() -> newEngine(data));
    boolean healthy = false;
    try {
      api.SetImage(pixels, grey.getWidth(), grey.getHeight(), 1, grey.getWidth());
      api.SetSourceResolution(dpi);
      if (!recognized(api, context)) {
        healthy = true; // cleared: the engine can serve the next file
        throw timeout(context);
      }
      String text = utf8(api);
      double confidence = Math.max(0, Math.min(100, api.MeanTextConf())) / 100.0;
      if (reread != null) {
        String settled = reread(api, grey, text, context);
        if (settled == null) {
          healthy = true;
          throw timeout(context);
        }
        text = settled;
      }
      api.Clear();
      healthy = true;
      return RecognizedText.of(text.strip(), confidence, id(), image.getWidth(), image.getHeight());
    } finally {
      if (healthy) {
        engines.release(api);
      } else {
        engines.discard(api);
      }
    }
  }

  /**
   * Runs recognition on the engine's current image within the file's deadline: {@code false} (the engine cleared)
   * when the deadline passed.
   */
  private static boolean recognized(TessBaseAPI api, ProcessingContext context) throws Exception {
    try (ETEXT_DESC monitor = new ETEXT_DESC()) {
      long millis = Math.max(1, Math.min(Integer.MAX_VALUE, context.remaining().toMillis()));
      monitor.set_deadline_msecs((int) millis);
      int status = api.Recognize(monitor);
      if (monitor.deadline_exceeded()) {
        api.Clear();
        return false;
      }
      if (status != 0) {
        throw new FileProcessingException(ErrorCode.PROCESSING_FAILED, "Tesseract could not recognise the image.",
            "Check that the image is a readable photo or scan of text.");
      }
      return true;
    }
  }

  private static FileProcessingException timeout(ProcessingContext context) throws Exception {
    context.checkCancelled();
    return new FileProcessingException(ErrorCode.TIMEOUT, "OCR did not finish before the file's deadline.",
        "Raise the per-file timeout, or send smaller images.");
  }

  private static String utf8(TessBaseAPI api) {
    return taken(api.GetUTF8Text());
  }

  private static String text(ResultIterator it, int level) {
    return taken(it.GetUTF8Text(level));
  }

  /** The text Tesseract allocated, which is freed here. */
  private static String taken(BytePointer utf8) {
    try {
      return utf8 == null || utf8.isNull() ? "" : utf8.getString(StandardCharsets.UTF_8);
    } finally {
      if (utf8 != null && !utf8.isNull()) {
        tesseract.TessDeleteText(utf8);
      }
    }
  }

  private record Line(String text, int left, int top, int right, int bottom, List<TextLine.Word> words) {}

  /**
   * The second pass of {@link Builder#rereadLines}: each wanted line of the page just recognised is read again on
   * its own, in single-line mode, from its crop at each of {@link LineCrops#SCALES}, and the reread settles its text
   * from those readings and the line's pixels and word boxes. {@code null} when the deadline passed (the engine
   * cleared).
   */
  private String reread(TessBaseAPI api, BufferedImage page, String text, ProcessingContext context)
      throws Exception {
    List<Line> wanted = new ArrayList<>();
    try (ResultIterator it = api.GetIterator()) {
      if (it != null && !it.isNull()) {
        int[] l = new int[1];
        int[] t = new int[1];
        int[] r = new int[1];
        int[] b = new int[1];
        List<TextLine.Word> words = null; // the words of the wanted line being walked, null outside one
        do {
          if (it.IsAtBeginningOf(tesseract.RIL_TEXTLINE)) {
            words = null;
            String bare = text(it, tesseract.RIL_TEXTLINE).strip();
            if (!bare.isEmpty() && !bare.contains("\n") && reread.wants(bare)
                && it.BoundingBox(tesseract.RIL_TEXTLINE, l, t, r, b)) {
              words = new ArrayList<>();
              wanted.add(new Line(bare, l[0], t[0], r[0], b[0], words));
            }
          }
          if (words != null && it.BoundingBox(tesseract.RIL_WORD, l, t, r, b)) {
            words.add(new TextLine.Word(text(it, tesseract.RIL_WORD).strip(), l[0], t[0], r[0], b[0]));
          }
        } while (it.Next(tesseract.RIL_WORD));
      }
    }
    if (wanted.isEmpty()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text);
    int cursor = 0;
    api.SetPageSegMode(tesseract.PSM_SINGLE_LINE);
    try {
      for (Line line : wanted) {
        List<String> readings = new ArrayList<>(LineCrops.SCALES.length);
        for (double scale : LineCrops.SCALES) {
          context.checkCancelled();
          BufferedImage crop = LineCrops.crop(page, line.left(), line.top(), line.right(), line.bottom(), scale);
          api.SetImage(packed(crop), crop.getWidth(), crop.getHeight(), 1, crop.getWidth());
          api.SetSourceResolution(dpi);
          if (!recognized(api, context)) {
            return null;
          }
          readings.add(utf8(api).strip().replace('\n', ' '));
        }
        String settled = reread.settle(new TextLine(line.text(), page, line.words()), List.copyOf(readings));
        // the page text holds each line as the iterator gave it, in reading order
        int at = out.indexOf(line.text(), cursor);
        if (settled != null && at >= 0) {
          out.replace(at, at + line.text().length(), settled);
          cursor = at + settled.length();
        }
      }
    } finally {
      api.SetPageSegMode(pageSegmentationMode);
    }
    return out.toString();
  }

  /** How many Tesseract engines this recognizer has made so far (for tests and diagnostics). */
  int enginesCreated() {
    return engines.created();
  }

  /** Ends every idle engine; engines still in use end when their file finishes. */
  @Override
  public void close() {
    engines.close();
  }

  @Override
  public String toString() {
    return "TesseractRecognizer[" + id() + ", psm=" + pageSegmentationMode + ", tessdata="
        + (tessdataPath != null ? tessdataPath : "auto") + "]";
  }

  private TessdataLocator.Found tessdata() throws FileProcessingException {
    TessdataLocator.Found found = tessdata;
    if (found != null) {
      return found;
    }
    synchronized (locator) {
      if (tessdata == null) {
        // Failures are not remembered: installing the data fixes the next file without a restart.
        found = locator.locate(language);
        LOG.info("Tesseract language data '{}' from {} ({})", language, found.source(), found.directory());
        tessdata = found;
      }
      return tessdata;
    }
  }

  private TessBaseAPI newEngine(TessdataLocator.Found data) throws FileProcessingException {
    TessBaseAPI api;
    try {
      api = new TessBaseAPI();
    } catch (LinkageError e) {
      throw new FileProcessingException(OCR_UNAVAILABLE,
          "The Tesseract native library could not be loaded on this machine (" + System.getProperty("os.name") + " "
              + System.getProperty("os.arch") + "): " + e.getMessage(),
          "Filebatch ships Tesseract natives for linux-x86_64 only; on other platforms use OpenAiVisionRecognizer "
              + "or add the matching org.bytedeco:tesseract classifier jar.", e);
    }
    if (api.Init(data.directory().toString(), language, tesseract.OEM_LSTM_ONLY) != 0) {
      end(api);
      tessdata = null; // look again next time: the folder may have changed since it was found
      throw new FileProcessingException(OCR_UNAVAILABLE,
          "Tesseract could not load the language data '" + language + "' from " + data.directory() + " ("
              + data.source() + ").",
          "Check that the .traineddata files there are complete Tesseract 4/5 (LSTM) models, e.g. from "
              + "tessdata_fast or tessdata_best.");
    }
    api.SetPageSegMode(pageSegmentationMode);
    api.SetVariable("debug_file", "/dev/null"); // keep Tesseract's chatter off stderr
    variables.forEach(api::SetVariable);
    return api;
  }

  private static void end(TessBaseAPI api) {
    api.End();
    api.close();
  }

  private static byte[] packed(BufferedImage grey) {
    byte[] data = ((DataBufferByte) grey.getRaster().getDataBuffer()).getData();
    int expected = grey.getWidth() * grey.getHeight();
    if (data.length == expected && grey.getRaster().getSampleModelTranslateX() == 0
        && grey.getRaster().getSampleModelTranslateY() == 0) {
      return data;
    }
    byte[] copy = new byte[expected];
    grey.getRaster().getDataElements(0, 0, grey.getWidth(), grey.getHeight(), copy);
    return copy;
  }

  /** Options of a {@link TesseractRecognizer}; each setter validates its value. */
  public static final class Builder {
    private Path tessdataPath;
    private String language = "eng";
    private int pageSegmentationMode = 3;
    private int dpi = 300;
    private final Map<String, String> variables = new LinkedHashMap<>();
    private LineReread reread;
    private TessdataLocator locator;

    private Builder() {}

    /**
     * The folder holding {@code <language>.traineddata}. Default: none, so {@code TESSDATA_PREFIX}, the bundled
     * model and the system folders are tried. When set, only this folder is used.
     */
    public Builder tessdataPath(Path folder) {
      this.tessdataPath = Objects.requireNonNull(folder, "folder");
      return this;
    }

    /** Tesseract language(s), e.g. {@code eng} or {@code eng+deu}. Default {@code eng} (the only one bundled). */
    public Builder language(String language) {
      Objects.requireNonNull(language, "language");
      if (!LANGUAGE.matcher(language).matches()) {
        throw new IllegalArgumentException(
            "language must be Tesseract language names joined by '+', such as 'eng' or 'eng+deu', was '"
                + language + "'");
      }
      this.language = language;
      return this;
    }

    /**
     * Tesseract's page segmentation mode, 0 to 13 ({@code --psm}). Default 3, fully automatic; 6 suits a single
     * block of text, 11 sparse text such as forms.
     */
    public Builder pageSegmentationMode(int mode) {
      if (mode < 0 || mode > 13) {
        throw new IllegalArgumentException("page segmentation mode must be 0 to 13, was " + mode);
      }
      this.pageSegmentationMode = mode;
      return this;
    }

    /** The resolution Tesseract assumes for images, 70 to 2400. Default 300. */
    public Builder dpi(int dpi) {
      if (dpi < 70 || dpi > 2400) {
        throw new IllegalArgumentException("dpi must be 70 to 2400, was " + dpi);
      }
      this.dpi = dpi;
      return this;
    }

    /** Sets a Tesseract variable on every engine, e.g. {@code tessedit_char_whitelist}. None by default. */
    public Builder variable(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      if (name.isBlank()) {
        throw new IllegalArgumentException("variable name must not be blank");
      }
      variables.put(name, value);
      return this;
    }

    /**
     * A second, closer reading of the lines the given {@link LineReread} wants (codes, identifiers): each is read
     * again on its own in single-line mode at several scales, and the reread settles its text. It costs a few
     * Tesseract line reads per wanted line (on a knowledge test report photo, 11-27% more CPU time). Default:
     * none, one reading of the page.
     */
    public Builder rereadLines(LineReread reread) {
      this.reread = Objects.requireNonNull(reread, "reread");
      return this;
    }

    /** For tests: a locator with a controlled environment, class path and system folders. */
    Builder locator(TessdataLocator locator) {
      this.locator = locator;
      return this;
    }

    /** The recognizer. Nothing is loaded yet: the natives and language data are found at the first image. */
    public TesseractRecognizer build() {
      return new TesseractRecognizer(this, locator != null ? locator : TessdataLocator.standard(tessdataPath));
    }
  }
}
