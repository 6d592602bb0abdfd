package dev.filebatch.cli;

import dev.filebatch.spi.FileProcessor;
import dev.filebatch.spi.ProcessorFactory;
import dev.filebatch.svg.SlideSize;
import dev.filebatch.svg.SvgConversion;
import dev.filebatch.svg.SvgFormat;
import dev.filebatch.svg.SvgOptions;
import dev.filebatch.svg.SvgProcessor;
import dev.filebatch.svg.SvgRenderer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the command's processors from flag values given as strings, the same way in this JVM and in a forked
 * worker: it is the {@link ProcessorFactory} named by every processor's recipe, so a worker re-creates exactly the
 * processor the command line asked for. Secrets never travel in settings (the OpenAI key is read from the
 * environment the worker inherits).
 */
public final class Processors implements ProcessorFactory {
  static final String KIND = "kind";

  /** For forked workers. */
  public Processors() {}

  @Override
  public FileProcessor<?> create(Map<String, String> settings) {
    String kind = settings.get(KIND);
    if ("svg".equals(kind)) {
      return svg(settings);
    }
    if (kind != null && kind.startsWith("aktr-")) {
      return Analysis.create(settings);
    }
    throw new IllegalArgumentException("unknown processor kind '" + kind + "'");
  }

  /** The SVG settings as strings, from typed options. */
  static Map<String, String> svgSettings(SvgOptions o, String background) {
    Map<String, String> s = new LinkedHashMap<>();
    s.put(KIND, "svg");
    s.put("format", o.format().name());
    s.put("width", Integer.toString(o.width()));
    s.put("height", Integer.toString(o.height()));
    s.put("scale", Double.toString(o.scale()));
    s.put("background", background == null ? "" : background);
    s.put("dpi", Integer.toString(o.dpi()));
    s.put("jpeg-quality", Float.toString(o.jpegQuality()));
    s.put("slide-size", o.slideSize().widthInches() + "x" + o.slideSize().heightInches());
    s.put("renderer", o.renderer().name());
    s.put("max-output-pixels", Long.toString(o.maxOutputPixels()));
    s.put("max-elements", Integer.toString(o.maxElements()));
    s.put("max-depth", Integer.toString(o.maxDepth()));
    return s;
  }

  /** The SVG processor for settings made by {@link #svgSettings}. */
  static FileProcessor<SvgConversion> svg(Map<String, String> s) {
    String bg = s.get("background");
    SvgOptions options = new SvgOptions(SvgFormat.valueOf(s.get("format")), Integer.parseInt(s.get("width")),
        Integer.parseInt(s.get("height")), Double.parseDouble(s.get("scale")),
        bg == null || bg.isEmpty() ? null : SvgOptions.parseColor(bg), Integer.parseInt(s.get("dpi")),
        Float.parseFloat(s.get("jpeg-quality")), SlideSize.parse(s.get("slide-size")),
        SvgRenderer.valueOf(s.get("renderer")), Long.parseLong(s.get("max-output-pixels")),
        Integer.parseInt(s.get("max-elements")), Integer.parseInt(s.get("max-depth")));
    return new Forkable<>(SvgProcessor.builder().options(options).build(), s);
  }
}
