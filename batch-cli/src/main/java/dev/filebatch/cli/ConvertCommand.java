package dev.filebatch.cli;

import dev.filebatch.BatchInput;
import dev.filebatch.BatchProcessor;
import dev.filebatch.BatchResult;
import dev.filebatch.FileResult;
import dev.filebatch.spi.Concurrency;
import dev.filebatch.spi.Summarizer;
import dev.filebatch.spi.SummaryContext;
import dev.filebatch.svg.SlideSize;
import dev.filebatch.svg.SvgArchiveSummary;
import dev.filebatch.svg.SvgConversion;
import dev.filebatch.svg.SvgDeckSummarizer;
import dev.filebatch.svg.SvgDeckSummary;
import dev.filebatch.svg.SvgFormat;
import dev.filebatch.svg.SvgOptions;
import dev.filebatch.svg.SvgProcessor;
import dev.filebatch.svg.SvgRenderer;
import dev.filebatch.svg.SvgZipSummarizer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code filebatch convert}: SVGs, loose or zipped, to PNG, JPEG, PDF or PowerPoint. */
@Command(name = "convert", mixinStandardHelpOptions = true, sortOptions = false,
    defaultValueProvider = ConvertCommand.Defaults.class,
    description = {"Convert SVG drawings (files, folders, ZIPs) to PNG, JPEG, PDF or PowerPoint.",
        "Without --single-deck or --zip, OUT is a folder that receives one output per drawing."})
final class ConvertCommand extends BatchCommand {
  /** The origin spec's conversion limits: 20 files per batch and 4 workers. */
  static final class Defaults implements CommandLine.IDefaultValueProvider {
    @Override
    public String defaultValue(CommandLine.Model.ArgSpec arg) {
      if (arg instanceof CommandLine.Model.OptionSpec opt && opt.longestName().equals("--max-files")) {
        return Integer.toString(SvgProcessor.conversionDefaults().intakeLimits().maxFiles());
      }
      return null;
    }
  }

  /** One deck or one archive instead of a folder of outputs. */
  static final class Packaging {
    @Option(names = "--single-deck", required = true,
        description = "One PowerPoint deck, a slide per drawing in input order (implies --to pptx); OUT is the "
            + ".pptx file (default: off).")
    boolean singleDeck;

    @Option(names = "--zip", required = true,
        description = "One ZIP of every output plus manifest.json; OUT is the .zip file (default: off).")
    boolean zip;
  }

  @Option(names = "--to", paramLabel = "FORMAT", defaultValue = "png",
      description = "Output format: png, jpeg, pdf or pptx (default: ${DEFAULT-VALUE}).")
  String to;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Packaging packaging;

  @Option(names = {"-o", "--out"}, paramLabel = "OUT", required = true,
      description = "Output folder, or the .pptx/.zip file with --single-deck/--zip.")
  Path out;

  @Option(names = "--width", paramLabel = "PX", defaultValue = "0",
      description = "Output width in pixels; 0 keeps the drawing's (height follows the aspect ratio) "
          + "(default: ${DEFAULT-VALUE}).")
  int width;

  @Option(names = "--height", paramLabel = "PX", defaultValue = "0",
      description = "Output height in pixels; 0 keeps the drawing's (default: ${DEFAULT-VALUE}).")
  int height;

  @Option(names = "--scale", paramLabel = "FACTOR", defaultValue = "1",
      description = "Scale factor instead of --width/--height (default: ${DEFAULT-VALUE}).")
  double scale;

  @Option(names = "--background", paramLabel = "COLOR",
      description = "Background colour, e.g. white or #ffcc00 (default: transparent; white for JPEG).")
  String background;

  @Option(names = "--dpi", paramLabel = "N", defaultValue = "96",
      description = "Resolution for physical units in the SVG (mm, in, pt) (default: ${DEFAULT-VALUE}).")
  int dpi;

  @Option(names = "--jpeg-quality", paramLabel = "Q", defaultValue = "0.9",
      description = "JPEG quality from 0 to 1 (default: ${DEFAULT-VALUE}).")
  float jpegQuality;

  @Option(names = "--slide-size", paramLabel = "SIZE", defaultValue = "10x7.5",
      description = "PowerPoint slide size in inches, or standard / widescreen (default: ${DEFAULT-VALUE}).")
  String slideSize;

  @Option(names = "--renderer", paramLabel = "NAME", defaultValue = "auto",
      description = "Raster renderer: batik (reference), jsvg (faster) or auto (per file) "
          + "(default: ${DEFAULT-VALUE}).")
  String renderer;

  @Option(names = "--max-output-pixels", paramLabel = "N", defaultValue = "16777216",
      description = "Largest output canvas in pixels; bigger drawings fail IMAGE_TOO_LARGE "
          + "(default: ${DEFAULT-VALUE}).")
  long maxOutputPixels;

  @Option(names = "--max-elements", paramLabel = "N", defaultValue = "200000",
      description = "Most XML elements in one SVG (default: ${DEFAULT-VALUE}).")
  int maxElements;

  @Option(names = "--max-depth", paramLabel = "N", defaultValue = "100",
      description = "Deepest element nesting in one SVG (default: ${DEFAULT-VALUE}).")
  int maxDepth;

  @Option(names = "--workers", paramLabel = "N", defaultValue = "4",
      description = "Drawings converted at once (default: ${DEFAULT-VALUE}).")
  int workers;

  private Path workFolder;

  @Override
  String task() {
    return "convert";
  }

  SvgOptions options() {
    SvgFormat format = packaging != null && packaging.singleDeck ? SvgFormat.PPTX : SvgFormat.parse(to);
    if (packaging != null && packaging.singleDeck && !to.equalsIgnoreCase("png")
        && !to.toLowerCase(Locale.ROOT).equals("pptx")) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--single-deck makes a PowerPoint deck: "
          + "drop --to " + to + " or use --zip for a ZIP of " + to + " files");
    }
    return new SvgOptions(format, width, height, scale,
        background == null ? null : SvgOptions.parseColor(background), dpi, jpegQuality, SlideSize.parse(slideSize),
        SvgRenderer.parse(renderer), maxOutputPixels, maxElements, maxDepth);
  }

  @Override
  BatchProcessor.Builder processors(BatchProcessor.Builder builder) throws IOException {
    SvgOptions options;
    try {
      options = options();
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    var svg = Processors.svg(Processors.svgSettings(options, background));
    builder.processor(svg).concurrency(svg.id(), Concurrency.cpuBound(workers));
    if (engine.isolation != EngineOptions.IsolationMode.none) {
      builder.isolation(svg.id(), engine.isolationSetting());
    }
    if (packaging == null) {
      Files.createDirectories(out);
      return builder;
    }
    Path target = out.toAbsolutePath();
    if (target.getParent() != null) {
      Files.createDirectories(target.getParent());
    }
    workFolder = Files.createTempDirectory("filebatch-convert-");
    Summarizer<?> inner = packaging.singleDeck
        ? new SvgDeckSummarizer("drawings.pptx", options.slideSize()) : new SvgZipSummarizer("outputs.zip");
    // the deck or archive goes straight to OUT; per-drawing intermediates stay in the work folder
    builder.summarizer((files, ctx) -> inner.summarize(files, new SummaryContext() {
      @Override
      public UUID batchId() {
        return ctx.batchId();
      }

      @Override
      public Path newArtifact(String fileName) throws IOException {
        Files.deleteIfExists(target);
        return target;
      }
    }));
    return builder;
  }

  @Override
  BatchInput input() {
    BatchInput.Builder in = BatchInput.builder().outputDirectory(workFolder != null ? workFolder : out);
    paths.forEach(in::path);
    return in.build();
  }

  @Override
  void finished() {
    if (workFolder != null) {
      try (Stream<Path> walk = Files.walk(workFolder)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // a leftover temp folder is harmless; nothing to tell the user
      }
    }
  }

  @Override
  void printSummary(BatchResult result, PrintWriter w) {
    if (result.summary() instanceof SvgDeckSummary deck) {
      w.printf("%nDeck: %s (%d slides)%n", out, deck.slides());
    } else if (result.summary() instanceof SvgArchiveSummary zip) {
      w.printf("%nArchive: %s%n", out);
    } else {
      long written = result.files().stream().filter(FileResult::hasPayload).count();
      w.printf("%nOutputs: %d files in %s%n", written, out);
      for (FileResult f : result.files()) {
        if (f.payload() instanceof SvgConversion c) {
          w.printf("  %s -> %s (%d x %d %s, %s)%n", f.fileName(), c.outputFile(), c.width(), c.height(), c.unit(),
              c.renderer().jsonName());
        }
      }
    }
  }

  static List<String> formats() {
    return List.of("png", "jpeg", "pdf", "pptx");
  }
}
