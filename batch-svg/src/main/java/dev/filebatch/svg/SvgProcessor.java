package dev.filebatch.svg;

import dev.filebatch.ErrorCode;
import dev.filebatch.MediaType;
import dev.filebatch.spi.Concurrency;
import dev.filebatch.spi.FileProcessor;
import dev.filebatch.spi.InputFile;
import dev.filebatch.spi.ProcessingContext;
import dev.filebatch.spi.ProcessorRecipe;
import dev.filebatch.svg.internal.SvgAnalyzer;
import dev.filebatch.svg.internal.SvgConverter;
import dev.filebatch.svg.internal.SvgProcessorFactory;
import java.awt.Color;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Converts untrusted SVG drawings to PNG, JPEG, PDF or PowerPoint. The front door of this module:
 *
 * <pre>{@code
 * SvgProcessor svg = SvgProcessor.builder().format(SvgFormat.PDF).build();
 * BatchProcessor batch = BatchProcessor.builder().processor(svg).summarizer(new SvgZipSummarizer()).build();
 * }</pre>
 *
 * <p>Every file is screened before any renderer sees it: it must be well-formed XML with an {@code svg} root in the
 * SVG namespace ({@code NOT_SVG}, {@code CORRUPT_FILE} otherwise). A DOCTYPE without an internal subset (the
 * {@code <!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "...svg11.dtd">} that Illustrator and older tools write, in
 * any of its SVG 1.0/1.1/Tiny/Basic or SYSTEM-only forms) is accepted: its DTD is never loaded and the DOCTYPE is
 * removed before rendering. A DOCTYPE with an internal subset ({@code [...]}, even one without entity declarations),
 * entity references other than character references and the five predefined ones, scripts, event-handler
 * attributes, {@code javascript:} links, references to anything but {@code #fragments} and raster {@code data:} URIs
 * (hyperlinks on {@code <a>} excepted: they are kept, never followed), {@code @import},
 * reference cycles, too many elements (also counted through {@code use}) and deep nesting are refused with
 * {@code UNSAFE_CONTENT}; outputs or embedded images over the pixel cap with {@code IMAGE_TOO_LARGE}. The renderers
 * then run behind user agents that load nothing but {@code data:} URIs and run no script, as a second wall.
 * Nothing is ever fetched.
 *
 * <p>Each output is written with {@link ProcessingContext#newArtifact}, so results are not cacheable. Renderings run
 * on a thread of their own that is halted when the file's time is up, so the file ends on time even when a renderer
 * loops; run the lane with {@link dev.filebatch.Isolation#forked()} (the processor has a {@link #recipe()}) to also
 * reclaim the CPU and memory of such a renderer.
 */
public final class SvgProcessor implements FileProcessor<SvgConversion> {
  /** The processor id. */
  public static final String ID = "svg-convert";
  /** Failure code for XML whose root is not {@code svg} in the SVG namespace. */
  public static final ErrorCode NOT_SVG = SvgAnalyzer.NOT_SVG;

  private final SvgOptions options;
  private final SvgConverter converter;

  private SvgProcessor(SvgOptions options) {
    this.options = options;
    this.converter = new SvgConverter(options);
  }

  /** Starts a builder with every default (PNG, drawing's own size, 96 dpi, AUTO renderer). */
  public static Builder builder() {
    return new Builder();
  }

  /** A processor with every default. */
  public static SvgProcessor create() {
    return builder().build();
  }

  /** The SVG-conversion origin spec's batch limits: 20 files, 10 MB each, 100 MB total, 30 s, 10 min, 4 workers. */
  public static SvgBatchDefaults conversionDefaults() {
    return SvgBatchDefaults.originSpec();
  }

  /** The options this processor converts with. */
  public SvgOptions options() {
    return options;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Set<MediaType> supportedTypes() {
    return Set.of(MediaType.SVG);
  }

  /** Four files at a time, CPU-bound: the origin spec's worker count. */
  @Override
  public Concurrency concurrency() {
    return Concurrency.cpuBound(SvgBatchDefaults.originSpec().workers());
  }

  @Override
  public Class<?> resultType() {
    return SvgConversion.class;
  }

  /** Not cacheable: each run writes a new artifact. */
  @Override
  public boolean cacheable() {
    return false;
  }

  /** Lets forked isolation re-create this processor, options and all, in a worker JVM. */
  @Override
  public Optional<ProcessorRecipe> recipe() {
    return Optional.of(ProcessorRecipe.of(SvgProcessorFactory.class, SvgProcessorFactory.toStrings(options)));
  }

  @Override
  public SvgConversion process(InputFile file, ProcessingContext context) throws Exception {
    return converter.convert(file, context);
  }

  @Override
  public String toString() {
    return ID + "(" + options.format().jsonName() + ", " + options.renderer().jsonName() + ")";
  }

  /** Builds an {@link SvgProcessor}; every setter validates at once, with a message naming the option. */
  public static final class Builder {
    private SvgOptions o = SvgOptions.defaults();

    private Builder() {}

    private Builder set(SvgOptions next) {
      o = next;
      return this;
    }

    /** Starts from a complete set of options. */
    public Builder options(SvgOptions options) {
      return set(Objects.requireNonNull(options, "options"));
    }

    /** Output format; default PNG. */
    public Builder format(SvgFormat format) {
      return set(new SvgOptions(format, o.width(), o.height(), o.scale(), o.background(), o.dpi(), o.jpegQuality(),
          o.slideSize(), o.renderer(), o.maxOutputPixels(), o.maxElements(), o.maxDepth()));
    }

    /** Output width in pixels (0 = from the drawing); the height follows the aspect ratio unless set too. */
    public Builder width(int width) {
      return size(width, o.height());
    }

    /** Output height in pixels (0 = from the drawing); the width follows the aspect ratio unless set too. */
    public Builder height(int height) {
      return size(o.width(), height);
    }

    private Builder size(int width, int height) {
      return set(new SvgOptions(o.format(), width, height, o.scale(), o.background(), o.dpi(), o.jpegQuality(),
          o.slideSize(), o.renderer(), o.maxOutputPixels(), o.maxElements(), o.maxDepth()));
    }

    /** Factor on the drawing's own size; default 1; excludes width/height. */
    public Builder scale(double scale) {
      return set(new SvgOptions(o.format(), o.width(), o.height(), scale, o.background(), o.dpi(), o.jpegQuality(),
          o.slideSize(), o.renderer(), o.maxOutputPixels(), o.maxElements(), o.maxDepth()));
    }

    /** Background colour, {@code null} for transparent (JPEG: white); default transparent. */
    public Builder background(Color background) {
      return set(new SvgOptions(o.format(), o.width(), o.height(), o.scale(), background, o.dpi(), o.jpegQuality(),
          o.slideSize(), o.renderer(), o.maxOutputPixels(), o.maxElements(), o.maxDepth()));
    }

    /** Background colour as text: {@code #rrggbb}, {@code #rrggbbaa}, {@code white}, {@code transparent}... */
    public Builder background(String background) {
      return background(SvgOptions.parseColor(background));
    }

    /** Resolution of raster output; default 96 (1 CSS px = 1 pixel). */
    public Builder dpi(int dpi) {
      return set(new SvgOptions(o.format(), o.width(), o.height(), o.scale(), o.background(), dpi, o.jpegQuality(),
          o.slideSize(), o.renderer(), o.maxOutputPixels(), o.maxElements(), o.maxDepth()));
    }

    /** JPEG quality 0..1; default 0.9. */
    public Builder jpegQuality(float quality) {
      return set(new SvgOptions(o.format(), o.width(), o.height(), o.scale(), o.background(), o.dpi(), quality,
          o.slideSize(), o.renderer(), o.maxOutputPixels(), o.maxElements(), o.maxDepth()));
    }

    /** PPTX slide size; default 10 x 7.5 in. */
    public Builder slideSize(SlideSize slideSize) {
      return set(new SvgOptions(o.format(), o.width(), o.height(), o.scale(), o.background(), o.dpi(),
          o.jpegQuality(), slideSize, o.renderer(), o.maxOutputPixels(), o.maxElements(), o.maxDepth()));
    }

    /** Raster renderer; default AUTO (per file: JSVG, or Batik for what JSVG draws poorly). */
    public Builder renderer(SvgRenderer renderer) {
      return set(new SvgOptions(o.format(), o.width(), o.height(), o.scale(), o.background(), o.dpi(),
          o.jpegQuality(), o.slideSize(), renderer, o.maxOutputPixels(), o.maxElements(), o.maxDepth()));
    }

    /** Cap on output (and embedded image) pixels; default 4096 x 4096. */
    public Builder maxOutputPixels(long pixels) {
      return set(new SvgOptions(o.format(), o.width(), o.height(), o.scale(), o.background(), o.dpi(),
          o.jpegQuality(), o.slideSize(), o.renderer(), pixels, o.maxElements(), o.maxDepth()));
    }

    /** Cap on elements, written and expanded; default 200,000. */
    public Builder maxElements(int elements) {
      return set(new SvgOptions(o.format(), o.width(), o.height(), o.scale(), o.background(), o.dpi(),
          o.jpegQuality(), o.slideSize(), o.renderer(), o.maxOutputPixels(), elements, o.maxDepth()));
    }

    /** Cap on nesting depth; default 100. */
    public Builder maxDepth(int depth) {
      return set(new SvgOptions(o.format(), o.width(), o.height(), o.scale(), o.background(), o.dpi(),
          o.jpegQuality(), o.slideSize(), o.renderer(), o.maxOutputPixels(), o.maxElements(), depth));
    }

    /** Builds the processor. */
    public SvgProcessor build() {
      return new SvgProcessor(o);
    }
  }
}
