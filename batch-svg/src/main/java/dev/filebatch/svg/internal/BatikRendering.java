package dev.filebatch.svg.internal;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.OutputStream;
import org.apache.batik.bridge.EmbededExternalResourceSecurity;
import org.apache.batik.bridge.ExternalResourceSecurity;
import org.apache.batik.bridge.NoLoadScriptSecurity;
import org.apache.batik.bridge.ScriptSecurity;
import org.apache.batik.bridge.UserAgent;
import org.apache.batik.transcoder.SVGAbstractTranscoder;
import org.apache.batik.transcoder.TranscoderException;
import org.apache.batik.transcoder.TranscoderInput;
import org.apache.batik.transcoder.TranscoderOutput;
import org.apache.batik.transcoder.image.ImageTranscoder;
import org.apache.batik.util.ParsedURL;
import org.apache.fop.svg.AbstractFOPTranscoder;
import org.apache.fop.svg.PDFTranscoder;

/**
 * Batik behind a locked-down user agent: scripts are refused whatever their type ({@link NoLoadScriptSecurity}),
 * every resource that is not a {@code data:} URI is refused ({@link EmbededExternalResourceSecurity}), onload is not
 * executed and external resources are disallowed by hint. The analyzer already refuses such documents; this is the
 * second wall, in case a reference slips past it.
 */
public final class BatikRendering {
  /** One CSS pixel in millimetres: lengths inside the drawing keep CSS proportions at every output dpi. */
  static final float PIXEL_TO_MM = 25.4f / 96f;

  /** How a refused resource's message starts, so the refusal is recognised once Batik has dropped its type. */
  static final String REFUSED = "external resource refused";

  private BatikRendering() {}

  /**
   * Draws the document into an ARGB image of exactly {@code width x height} pixels; the drawing is fitted and
   * centred per its {@code preserveAspectRatio}.
   */
  public static BufferedImage raster(SvgAnalysis svg, int width, int height, Color background)
      throws TranscoderException {
    RasterTranscoder transcoder = new RasterTranscoder();
    lockDown(transcoder);
    transcoder.addTranscodingHint(SVGAbstractTranscoder.KEY_WIDTH, (float) width);
    transcoder.addTranscodingHint(SVGAbstractTranscoder.KEY_HEIGHT, (float) height);
    if (background != null) {
      transcoder.addTranscodingHint(ImageTranscoder.KEY_BACKGROUND_COLOR, background);
    }
    transcoder.transcode(new TranscoderInput(svg.document()), new TranscoderOutput());
    return transcoder.image;
  }

  /** Writes a one-page PDF of {@code width x height} CSS pixels (0.75 pt each), text kept as text. */
  public static void pdf(SvgAnalysis svg, int width, int height, OutputStream out) throws TranscoderException {
    LockedPdfTranscoder transcoder = new LockedPdfTranscoder();
    lockDown(transcoder);
    transcoder.addTranscodingHint(SVGAbstractTranscoder.KEY_WIDTH, (float) width);
    transcoder.addTranscodingHint(SVGAbstractTranscoder.KEY_HEIGHT, (float) height);
    transcoder.addTranscodingHint(AbstractFOPTranscoder.KEY_STROKE_TEXT, Boolean.FALSE);
    // no scan of the machine's fonts: faster, and the same output on every machine
    transcoder.addTranscodingHint(AbstractFOPTranscoder.KEY_AUTO_FONTS, Boolean.FALSE);
    transcoder.transcode(new TranscoderInput(svg.document()), new TranscoderOutput(out));
  }

  private static void lockDown(SVGAbstractTranscoder transcoder) {
    // added one by one: replacing the hints would drop the transcoder's own (its DOM implementation)
    transcoder.addTranscodingHint(SVGAbstractTranscoder.KEY_ALLOWED_SCRIPT_TYPES, "");
    transcoder.addTranscodingHint(SVGAbstractTranscoder.KEY_EXECUTE_ONLOAD, Boolean.FALSE);
    transcoder.addTranscodingHint(SVGAbstractTranscoder.KEY_CONSTRAIN_SCRIPT_ORIGIN, Boolean.TRUE);
    transcoder.addTranscodingHint(SVGAbstractTranscoder.KEY_ALLOW_EXTERNAL_RESOURCES, Boolean.FALSE);
    transcoder.addTranscodingHint(SVGAbstractTranscoder.KEY_PIXEL_UNIT_TO_MILLIMETER, PIXEL_TO_MM);
  }

  static ScriptSecurity refuseScript(String scriptType) {
    return new NoLoadScriptSecurity(scriptType);
  }

  static ExternalResourceSecurity embeddedOnly(ParsedURL resourceUrl) {
    return new EmbededExternalResourceSecurity(resourceUrl);
  }

  static void checkEmbedded(ParsedURL resourceUrl) {
    if (resourceUrl == null || !"data".equalsIgnoreCase(resourceUrl.getProtocol())) {
      throw new SecurityException(REFUSED + ": only data: URIs may be loaded");
    }
  }

  /** Captures the rendered image instead of encoding it, so PNG, JPEG and PPTX share one rendering path. */
  private static final class RasterTranscoder extends ImageTranscoder {
    private BufferedImage image;

    @Override
    public BufferedImage createImage(int w, int h) {
      return new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
    }

    @Override
    public void writeImage(BufferedImage img, TranscoderOutput output) {
      this.image = img;
    }

    @Override
    protected UserAgent createUserAgent() {
      return new SVGAbstractTranscoderUserAgent() {
        @Override
        public ScriptSecurity getScriptSecurity(String scriptType, ParsedURL scriptUrl, ParsedURL docUrl) {
          return refuseScript(scriptType);
        }

        @Override
        public void checkLoadScript(String scriptType, ParsedURL scriptUrl, ParsedURL docUrl) {
          throw new SecurityException("scripts are refused");
        }

        @Override
        public ExternalResourceSecurity getExternalResourceSecurity(ParsedURL resourceUrl, ParsedURL docUrl) {
          return embeddedOnly(resourceUrl);
        }

        @Override
        public void checkLoadExternalResource(ParsedURL resourceUrl, ParsedURL docUrl) {
          checkEmbedded(resourceUrl);
        }

        @Override
        public boolean isAllowExternalResources() {
          return false;
        }
      };
    }
  }

  /** FOP's PDF transcoder with the same locked-down user agent. */
  private static final class LockedPdfTranscoder extends PDFTranscoder {
    @Override
    protected FOPTranscoderUserAgent createUserAgent() {
      return new FOPTranscoderUserAgent() {
        @Override
        public ScriptSecurity getScriptSecurity(String scriptType, ParsedURL scriptUrl, ParsedURL docUrl) {
          return refuseScript(scriptType);
        }

        @Override
        public void checkLoadScript(String scriptType, ParsedURL scriptUrl, ParsedURL docUrl) {
          throw new SecurityException("scripts are refused");
        }

        @Override
        public ExternalResourceSecurity getExternalResourceSecurity(ParsedURL resourceUrl, ParsedURL docUrl) {
          return embeddedOnly(resourceUrl);
        }

        @Override
        public void checkLoadExternalResource(ParsedURL resourceUrl, ParsedURL docUrl) {
          checkEmbedded(resourceUrl);
        }

        @Override
        public boolean isAllowExternalResources() {
          return false;
        }
      };
    }
  }
}
