package dev.filebatch.svg.internal;

import com.github.weisj.jsvg.SVGDocument;
import com.github.weisj.jsvg.parser.DocumentLimits;
import com.github.weisj.jsvg.parser.LoaderContext;
import com.github.weisj.jsvg.parser.SVGLoader;
import com.github.weisj.jsvg.parser.resources.ResourceLoader;
import com.github.weisj.jsvg.parser.resources.ResourcePolicy;
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
  public static BufferedImage raster(SvgAnalysis svg, int width, int height, Color background, int maxDepth)
      throws IOException {
    LoaderContext context = LoaderContext.builder()
        .externalResourcePolicy(ResourcePolicy.DENY_EXTERNAL)
        .resourceLoader((document, uri) -> {
          if (uri == null || !"data".equalsIgnoreCase(uri.getScheme())) {
            throw new IOException("external resource refused: only data: URIs may be loaded");
          }
          return DEFAULT_LOADER.loadImage(document, uri);
        })
        .documentLimits(new DocumentLimits(
            Math.min(maxDepth, DocumentLimits.DEFAULT_MAX_NESTING_DEPTH),
            DocumentLimits.DEFAULT_MAX_USE_NESTING_DEPTH,
            DocumentLimits.DEFAULT_MAX_PATH_COUNT))
        .build();
    SVGDocument document = new SVGLoader().load(new ByteArrayInputStream(svg.bytes()), null, context);
    if (document == null) {
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
      document.render((java.awt.Component) null, g, new ViewBox(0, 0, width, height));
    } finally {
      g.dispose();
    }
    return image;
  }
}
