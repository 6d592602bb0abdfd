package dev.filebatch.svg.internal;

import dev.filebatch.spi.FileProcessor;
import dev.filebatch.spi.ProcessorFactory;
import dev.filebatch.svg.SlideSize;
import dev.filebatch.svg.SvgFormat;
import dev.filebatch.svg.SvgOptions;
import dev.filebatch.svg.SvgProcessor;
import dev.filebatch.svg.SvgRenderer;
import java.awt.Color;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Re-creates an {@link SvgProcessor} in a forked worker JVM from its options written as strings. */
public final class SvgProcessorFactory implements ProcessorFactory {
  /** For the worker, which calls the no-argument constructor. */
  public SvgProcessorFactory() {}

  @Override
  public FileProcessor<?> create(Map<String, String> options) {
    return SvgProcessor.builder().options(fromStrings(options)).build();
  }

  /** The options as strings, for a recipe. */
  public static Map<String, String> toStrings(SvgOptions o) {
    Map<String, String> map = new LinkedHashMap<>();
    map.put("format", o.format().jsonName());
    map.put("width", Integer.toString(o.width()));
    map.put("height", Integer.toString(o.height()));
    map.put("scale", Double.toString(o.scale()));
    map.put("background", o.background() == null ? "transparent" : String.format(Locale.ROOT, "#%02x%02x%02x%02x",
        o.background().getRed(), o.background().getGreen(), o.background().getBlue(), o.background().getAlpha()));
    map.put("dpi", Integer.toString(o.dpi()));
    map.put("jpeg_quality", Float.toString(o.jpegQuality()));
    map.put("slide_size", o.slideSize().widthInches() + "x" + o.slideSize().heightInches());
    map.put("renderer", o.renderer().jsonName());
    map.put("max_output_pixels", Long.toString(o.maxOutputPixels()));
    map.put("max_elements", Integer.toString(o.maxElements()));
    map.put("max_depth", Integer.toString(o.maxDepth()));
    return map;
  }

  /** The options back from {@link #toStrings}. */
  public static SvgOptions fromStrings(Map<String, String> m) {
    Color background = SvgOptions.parseColor(m.get("background"));
    return new SvgOptions(
        SvgFormat.parse(m.get("format")),
        Integer.parseInt(m.get("width")),
        Integer.parseInt(m.get("height")),
        Double.parseDouble(m.get("scale")),
        background,
        Integer.parseInt(m.get("dpi")),
        Float.parseFloat(m.get("jpeg_quality")),
        SlideSize.parse(m.get("slide_size")),
        SvgRenderer.parse(m.get("renderer")),
        Long.parseLong(m.get("max_output_pixels")),
        Integer.parseInt(m.get("max_elements")),
        Integer.parseInt(m.get("max_depth")));
  }
}
