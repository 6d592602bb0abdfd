package dev.filebatch.svg.internal;

import dev.filebatch.ErrorCode;
import dev.filebatch.spi.FileProcessingException;
import dev.filebatch.spi.InputFile;
import dev.filebatch.spi.ProcessingContext;
import dev.filebatch.svg.SlideSize;
import dev.filebatch.svg.SvgConversion;
import dev.filebatch.svg.SvgFormat;
import dev.filebatch.svg.SvgOptions;
import dev.filebatch.svg.SvgRenderer;
import dev.filebatch.svg.internal.SvgAnalysis.Feature;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CancellationException;
import org.apache.batik.transcoder.TranscoderException;

/**
 * One file's conversion: screen, size, render, write. Every failure leaves as a typed
 * {@link FileProcessingException}; a {@link StackOverflowError} from a renderer (deeply recursive content that
 * slipped under the caps) becomes {@code UNSAFE_CONTENT} instead of escaping.
 */
public final class SvgConverter {
  /**
   * Features JSVG 2.0.0 draws wrongly (measured against Batik: filters such as lighting and turbulence, markers
   * scaled by stroke width, group opacity composited per child, vertical text, CSS combinators in style sheets,
   * {@code switch}), or that only Batik attempts: {@code AUTO} sends documents using them to Batik.
   */
  public static final Set<Feature> JSVG_WEAK = EnumSet.of(
      Feature.FILTER, Feature.TEXT_PATH, Feature.STYLE_SHEET, Feature.FOREIGN_OBJECT, Feature.ANIMATION,
      Feature.SWITCH, Feature.MARKER, Feature.GROUP_OPACITY, Feature.VERTICAL_TEXT);

  /**
   * SVG 2 / CSS 3 features Batik 1.19 draws wrongly (rgba()/hsl() colours come out black, paint-order and
   * non-scaling strokes are ignored): {@code AUTO} sends documents using them to JSVG, even if they also use a
   * {@link #JSVG_WEAK} feature, because Batik's error there is the larger one.
   */
  public static final Set<Feature> BATIK_WEAK = EnumSet.of(
      Feature.CSS3_COLOR, Feature.PAINT_ORDER, Feature.VECTOR_EFFECT);

  private final SvgOptions options;
  private final SvgAnalyzer analyzer;

  /** Creates a converter for the given options. */
  public SvgConverter(SvgOptions options) {
    this.options = options;
    this.analyzer = new SvgAnalyzer(options.maxElements(), options.maxDepth(), options.maxOutputPixels());
  }

  /** Screens the bytes as the converter would (for callers that need the analysis alone). */
  public SvgAnalysis analyze(byte[] bytes) throws FileProcessingException {
    return analyzer.analyze(bytes);
  }

  /** Converts one file into an artifact. */
  public SvgConversion convert(InputFile file, ProcessingContext context) throws Exception {
    context.checkCancelled();
    byte[] bytes;
    try (InputStream in = file.openStream()) {
      bytes = in.readAllBytes();
    }
    SvgAnalysis svg = analyzer.analyze(bytes);
    context.reportProgress(0.2);
    context.checkCancelled();
    String base = baseName(file.name());
    Path target = context.newArtifact(base + "." + options.format().extension());
    try {
      SvgConversion result = write(svg, base, target, context);
      context.reportProgress(1);
      return result;
    } catch (Exception | StackOverflowError e) {
      Files.deleteIfExists(target);
      throw classify(e, context);
    }
  }

  private SvgConversion write(SvgAnalysis svg, String title, Path target, ProcessingContext context)
      throws Exception {
    SvgFormat format = options.format();
    switch (format) {
      case PNG, JPEG -> {
        int[] size = rasterSize(svg);
        Rendered rendered = RenderThread.call(() -> render(svg, size[0], size[1]), context);
        context.checkCancelled();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target))) {
          if (format == SvgFormat.PNG) {
            ImageEncoding.png(rendered.image(), options.dpi(), out);
          } else {
            ImageEncoding.jpeg(rendered.image(), options.background(), options.jpegQuality(), out);
          }
        }
        return result(target, size[0], size[1], "px", rendered.renderer());
      }
      case PDF -> {
        int[] size = vectorSize(svg);
        RenderThread.call(() -> {
          try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target))) {
            BatikRendering.pdf(svg, size[0], size[1], out);
          } catch (RuntimeException | TranscoderException e) {
            throw RenderFailure.of(SvgRenderer.BATIK, e);
          }
          return null;
        }, context);
        return result(target, (int) Math.round(size[0] * 0.75), (int) Math.round(size[1] * 0.75), "pt",
            SvgRenderer.BATIK);
      }
      case PPTX -> {
        SlideSize slide = options.slideSize();
        Rectangle2D box = SlideDeck.pictureBox(slide, svg.width(), svg.height());
        int[] size = fallbackSize(box);
        Rendered rendered = RenderThread.call(() -> render(svg, size[0], size[1]), context);
        context.checkCancelled();
        try (SlideDeck deck = new SlideDeck(slide);
            OutputStream out = new BufferedOutputStream(Files.newOutputStream(target))) {
          deck.addSlide(title, svg.bytes(), ImageEncoding.png(rendered.image(), options.dpi()), box);
          deck.write(out);
        }
        return result(target, (int) Math.round(slide.widthPoints()), (int) Math.round(slide.heightPoints()), "pt",
            rendered.renderer());
      }
      default -> throw new IllegalStateException("unknown format " + format);
    }
  }

  private SvgConversion result(Path target, int width, int height, String unit, SvgRenderer renderer)
      throws IOException {
    return new SvgConversion(target.getFileName().toString(), target.toAbsolutePath().toString(), options.format(),
        width, height, unit, renderer, Files.size(target));
  }

  /** A rendered image and who drew it. */
  record Rendered(BufferedImage image, SvgRenderer renderer) {}

  /**
   * Draws the raster with the configured renderer. AUTO picks per file; when JSVG fails Batik gets its turn, and when
   * Batik fails on the content (never on a security refusal) JSVG gets its turn.
   */
  Rendered render(SvgAnalysis svg, int width, int height) throws Exception {
    SvgRenderer choice = options.renderer();
    if (choice == SvgRenderer.AUTO) {
      if (chooseFor(svg) == SvgRenderer.JSVG) {
        Throwable jsvgFailure;
        try {
          return jsvg(svg, width, height);
        } catch (Exception | StackOverflowError e) {
          if (e instanceof InterruptedException || e instanceof CancellationException
              || Thread.currentThread().isInterrupted()) {
            throw new CancellationException("file processing was cancelled");
          }
          // JSVG could not draw it: Batik, the reference, gets its turn
          jsvgFailure = e;
        }
        try {
          return batik(svg, width, height);
        } catch (RenderFailure batikFailure) {
          throw batikFailure.afterOther(jsvgFailure);
        }
      }
      try {
        return batik(svg, width, height);
      } catch (RenderFailure batikFailure) {
        // Batik threw on the content (an SVG 2 primitive it half knows, a bad reference): JSVG may still draw it
        try {
          return jsvg(svg, width, height);
        } catch (RenderFailure jsvgFailure) {
          throw batikFailure.afterOther(jsvgFailure);
        }
      }
    }
    if (choice == SvgRenderer.JSVG) {
      return jsvg(svg, width, height);
    }
    return batik(svg, width, height);
  }

  private Rendered jsvg(SvgAnalysis svg, int width, int height) throws Exception {
    if (svg.features().contains(Feature.NEGATIVE_BLUR)) {
      // refused up front: JSVG would spin until the file's time limit, and in-process its thread spins on after that
      throw RenderFailure.of(SvgRenderer.JSVG, new IllegalArgumentException(
          "an feGaussianBlur has a negative stdDeviation, which JSVG does not finish drawing"));
    }
    try {
      return new Rendered(JsvgRendering.raster(svg, width, height, options.background(), options.maxDepth(),
          options.maxElements()), SvgRenderer.JSVG);
    } catch (RuntimeException | IOException e) {
      throw RenderFailure.of(SvgRenderer.JSVG, e);
    }
  }

  private Rendered batik(SvgAnalysis svg, int width, int height) throws Exception {
    try {
      return new Rendered(BatikRendering.raster(svg, width, height, options.background()), SvgRenderer.BATIK);
    } catch (RuntimeException | TranscoderException e) {
      throw RenderFailure.of(SvgRenderer.BATIK, e);
    }
  }

  /**
   * The renderer AUTO uses for a document: JSVG when it uses anything Batik draws wrongly, else Batik when it uses
   * anything JSVG draws wrongly, else JSVG (same pixels, about twice as fast).
   */
  public static SvgRenderer chooseFor(SvgAnalysis svg) {
    Set<Feature> used = svg.features();
    if (used.stream().anyMatch(BATIK_WEAK::contains)) {
      return SvgRenderer.JSVG;
    }
    if (used.stream().anyMatch(JSVG_WEAK::contains)) {
      return SvgRenderer.BATIK;
    }
    return SvgRenderer.JSVG;
  }

  int[] rasterSize(SvgAnalysis svg) throws FileProcessingException {
    double factor = options.scale() * options.dpi() / 96.0;
    return checkedSize(svg, factor);
  }

  int[] vectorSize(SvgAnalysis svg) throws FileProcessingException {
    return checkedSize(svg, options.scale());
  }

  private int[] checkedSize(SvgAnalysis svg, double factor) throws FileProcessingException {
    double w;
    double h;
    if (options.width() > 0 && options.height() > 0) {
      w = options.width();
      h = options.height();
    } else if (options.width() > 0) {
      w = options.width();
      h = w * svg.height() / svg.width();
    } else if (options.height() > 0) {
      h = options.height();
      w = h * svg.width() / svg.height();
    } else {
      w = svg.width() * factor;
      h = svg.height() * factor;
    }
    long width = Math.max(1, Math.round(Math.min(w, Integer.MAX_VALUE)));
    long height = Math.max(1, Math.round(Math.min(h, Integer.MAX_VALUE)));
    if (width * height > options.maxOutputPixels() || width > Integer.MAX_VALUE / 2 || height > Integer.MAX_VALUE / 2) {
      throw new FileProcessingException(
          ErrorCode.IMAGE_TOO_LARGE,
          "The drawing would be " + width + " x " + height + " pixels, over the cap of " + options.maxOutputPixels()
              + " pixels.",
          "Request a smaller width, height or scale, fix the drawing's width/height/viewBox, or raise the pixel cap.");
    }
    return new int[] {(int) width, (int) height};
  }

  private int[] fallbackSize(Rectangle2D box) {
    double perPoint = options.dpi() / 72.0;
    double w = box.getWidth() * perPoint;
    double h = box.getHeight() * perPoint;
    double over = Math.sqrt(w * h / options.maxOutputPixels());
    if (over > 1) {
      w /= over;
      h /= over;
    }
    return new int[] {(int) Math.max(1, Math.floor(w)), (int) Math.max(1, Math.floor(h))};
  }

  private Exception classify(Throwable e, ProcessingContext context) {
    if (e instanceof FileProcessingException f) {
      return f;
    }
    if (e instanceof CancellationException c) {
      return c;
    }
    if (e instanceof StackOverflowError) {
      return new FileProcessingException(
          ErrorCode.UNSAFE_CONTENT,
          "The drawing is too deeply recursive for the renderer (it overflowed the stack).",
          "Flatten nested groups and references in the drawing and export again.");
    }
    if (Thread.currentThread().isInterrupted() || context.isCancelled()) {
      return new CancellationException("file processing was cancelled");
    }
    String refusal = RenderFailure.refusal(e);
    if (refusal != null) {
      return new FileProcessingException(
          ErrorCode.UNSAFE_CONTENT,
          "The renderer refused part of the drawing: " + refusal.replaceAll("\\s+", " ").trim() + ".",
          "Embed every resource as a data: URI and remove scripts, then export again.", e);
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InterruptedException) {
        return new CancellationException("file processing was cancelled");
      }
    }
    if (e instanceof RenderFailure failure) {
      String name = failure.renderer() == SvgRenderer.BATIK ? "Batik" : "JSVG";
      String other = failure.renderer() == SvgRenderer.BATIK ? "jsvg" : "batik";
      return new FileProcessingException(
          ErrorCode.CORRUPT_FILE,
          "The " + name + " renderer failed on the drawing's content: " + message(failure.getCause())
              + (failure.otherTried() ? " (the " + (name.equals("Batik") ? "JSVG" : "Batik") + " renderer failed too: "
              + message(failure.getSuppressed()[0]) + ")" : "") + ".",
          "Open the file in an SVG editor, fix or remove the element the renderer names and export again"
              + (failure.otherTried() || options.format() == SvgFormat.PDF ? "." : "; or try the " + other
              + " renderer."),
          failure.getCause());
    }
    if (e instanceof IOException io && !(e.getClass().getName().startsWith("java.nio"))) {
      return new FileProcessingException(
          ErrorCode.CORRUPT_FILE,
          "The drawing could not be rendered: " + io.getMessage() + ".",
          "Open the file in an SVG editor, fix what it reports and export again.", e);
    }
    if (e instanceof Exception ex && ex.getClass().getName().startsWith("org.apache.batik")) {
      return new FileProcessingException(
          ErrorCode.CORRUPT_FILE,
          "The drawing could not be rendered: " + message(ex) + ".",
          "Open the file in an SVG editor, fix what it reports and export again.", ex);
    }
    return e instanceof Exception ex ? ex : new RuntimeException(e);
  }

  private static String message(Throwable e) {
    // Batik wraps the useful message (the innermost one) in layers of "null Enclosed Exception"
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage() == null || t instanceof RuntimeException && !(t instanceof SecurityException)
        && !t.getClass().getName().startsWith("org.apache.batik")
        ? t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage())
        : t.getMessage();
    m = m.replace("null:-1", "").replaceAll("\\s+", " ").trim();
    return m.length() > 300 ? m.substring(0, 300) + "..." : m;
  }

  /** The file name without its extension, for output names and slide titles. */
  public static String baseName(String fileName) {
    String name = fileName;
    int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    if (slash >= 0) {
      name = name.substring(slash + 1);
    }
    int dot = name.lastIndexOf('.');
    if (dot > 0) {
      name = name.substring(0, dot);
    }
    return name.isBlank() ? "drawing" : name;
  }
}
