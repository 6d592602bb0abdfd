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

/**
 * JSVG behind the same walls as Batik: its resource policy denies every external resource, and its resource loader
 * refuses any URI that is not {@code data:} even if a policy let one through. JSVG runs no scripts at all.
 */
public final class JsvgRendering {
  private static final ResourceLoader DEFAULT_LOADER = LoaderContext.createDefault().resourceLoader();

  private JsvgRendering() {}

  /**
   * Draws the document into an ARGB image of exactly {@code width x height} pixels, fitted and centred.
   *
   * @throws IOException when JSVG cannot load the document
   */
  public static BufferedImage raster(
      SvgAnalysis svg, int width, int height, Color background, int maxDepth, int maxElements) throws IOException {
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
    SVGDocument document = new SVGLoader().load(new ByteArrayInputStream(svg.bytes()), null, context);
    if (document == null) {
      // JSVG logs the reason and returns null
      throw new IOException("JSVG could not load the document");
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
