package dev.filebatch.svg.internal;

import com.github.weisj.jsvg.SVGDocument;
import com.github.weisj.jsvg.parser.DocumentLimits;
import com.github.weisj.jsvg.parser.LoaderContext;
import com.github.weisj.jsvg.parser.SVGLoader;
import com.github.weisj.jsvg.parser.resources.ResourceLoader;
import com.github.weisj.jsvg.parser.resources.ResourcePolicy;
import com.github.weisj.jsvg.renderer.NullPlatformSupport;
import com.github.weisj.jsvg.renderer.output.Output;
import com.github.weisj.jsvg.view.ViewBox;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import dev.filebatch.ErrorCode;
import dev.filebatch.spi.FileProcessingException;

/**
 * JSVG behind the same walls as Batik: its resource policy denies every external resource, and its resource loader
 * refuses any URI that is not {@code data:} even if a policy let one through. JSVG runs no scripts at all.
 */
public final class JsvgRendering {
  private static final ResourceLoader DEFAULT_LOADER = LoaderContext.createDefault().resourceLoader();

  private JsvgRendering() {}

  /**
   * JSVG logs why a document failed to load and returns {@code null}. Log records are published on the logging
   * thread, so a handler on JSVG's logger keeps the last failure per thread, to be turned into a typed failure.
   */
  private static final class LoadFailures extends Handler {
    private static final ThreadLocal<Throwable> LAST = new ThreadLocal<>();
    // held strongly: a logger only weakly referenced could be collected along with its handler
    private static final Logger LOGGER = Logger.getLogger("com.github.weisj.jsvg");

    static {
      LOGGER.addHandler(new LoadFailures());
    }

    @Override
    public void publish(LogRecord logRecord) {
      if (logRecord.getThrown() != null) {
        LAST.set(logRecord.getThrown());
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}

    /** Takes, and forgets, this thread's last logged failure. */
    static Throwable take() {
      Throwable last = LAST.get();
      LAST.remove();
      return last;
    }
  }

  private static IOException explain(Throwable cause) throws FileProcessingException {
    if (cause instanceof StackOverflowError overflow) {
      throw overflow;
    }
    String message = cause == null || cause.getMessage() == null ? "" : cause.getMessage();
    if (message.contains("jdk.xml.") || message.startsWith("Maximum")) {
      throw new FileProcessingException(
          ErrorCode.UNSAFE_CONTENT,
          "The drawing exceeds a limit of the JSVG renderer (" + message.lines().findFirst().orElse("") + ").",
          "Simplify the drawing (fewer nested groups or references) or use the Batik renderer.", cause);
    }
    return new IOException("JSVG could not load the document" + (message.isEmpty() ? "" : ": " + message), cause);
  }

  /**
   * Draws the document into an ARGB image of exactly {@code width x height} pixels, fitted and centred.
   *
   * @throws IOException when JSVG cannot load the document
   * @throws FileProcessingException ({@code UNSAFE_CONTENT}) when the document exceeds one of JSVG's limits
   */
  public static BufferedImage raster(
      SvgAnalysis svg, int width, int height, Color background, int maxDepth, int maxElements)
      throws IOException, FileProcessingException {
    LoaderContext context = LoaderContext.builder()
        .externalResourcePolicy(ResourcePolicy.DENY_EXTERNAL)
        .resourceLoader((document, uri) -> {
          if (uri == null || !"data".equalsIgnoreCase(uri.getScheme())) {
            throw new IOException("external resource refused: only data: URIs may be loaded");
          }
          return DEFAULT_LOADER.loadImage(document, uri);
        })
        // JSVG's own defaults (depth 30, 2000 rendered elements) refuse ordinary drawings; the analyzer has already
        // enforced this module's caps, so JSVG gets the same ones
        .documentLimits(new DocumentLimits(maxDepth, maxDepth, maxElements))
        .build();
    LoadFailures.take(); // forget anything stale on this thread
    // JSVG parses with the analyzer's hardened StAX settings (no DTD, no external entities), not its own
    SVGDocument document = new SVGLoader().load(
        () -> SvgAnalyzer.hardenedStaxFactory().createXMLEventReader(new ByteArrayInputStream(svg.bytes())),
        null, context);
    if (document == null) {
      throw explain(LoadFailures.take());
    }
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      if (background != null) {
        g.setColor(background);
        g.fillRect(0, 0, width, height);
      }
      document.renderWithPlatform(NullPlatformSupport.INSTANCE, new CheckedOutput(Output.createForGraphics(g)),
          new ViewBox(0, 0, width, height));
    } finally {
      g.dispose();
    }
    return image;
  }
}
