package dev.filebatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.filebatch.ArchiveLimits;
import dev.filebatch.IntakeLimits;
import dev.filebatch.Isolation;
import dev.filebatch.RetrySettings;
import dev.filebatch.acs.AcsSummaryAnalyzer;
import dev.filebatch.pdf.PdfTextOptions;
import dev.filebatch.svg.SvgOptions;
import dev.filebatch.svg.SvgProcessor;
import dev.filebatch.vision.VisionProcessor;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

class HelpTest {
  @ParameterizedTest
  @ValueSource(strings = {"analyze", "convert", "inspect"})
  void helpListsEveryOptionWithItsDefault(String command) {
    CommandLine sub = new CommandLine(new FilebatchCommand()).getSubcommands().get(command);
    for (OptionSpec option : sub.getCommandSpec().options()) {
      if (option.usageHelp() || option.versionHelp() || (option.required() && option.group() == null)) {
        continue; // a required option (convert -o) has no default to show
      }
      String description = String.join(" ", option.description());
      assertThat(description).as(command + " " + option.longestName()).containsIgnoringCase("default");
    }
    CliRun run = CliRun.of(command, "--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("--max-files").contains("(default: ");
  }

  @Test
  void inspectOffersOnlyTheFlagsThatShapeIntake() {
    Map<String, String> inspect = defaults("inspect");
    assertThat(inspect).containsKeys("--max-files", "--max-file-size", "--max-batch-size", "--max-archive-entries",
        "--max-compression-ratio", "--expand-archives");
    // nothing is processed: no time limits, retries, threads or isolation
    assertThat(inspect).doesNotContainKeys("--file-timeout", "--batch-timeout", "--max-attempts", "--isolation",
        "--host-jvm", "--worker-heap", "--files-per-worker");
    assertThat(CliRun.of("inspect", "--isolation", "none", "x.pdf").exitCode()).isEqualTo(ExitCodes.REJECTED_OR_USAGE);
  }

  @Test
  void theNumeralStrokeCountIsOnByDefaultAndCanBeTurnedOff() {
    AnalyzeCommand byDefault = new AnalyzeCommand();
    new CommandLine(byDefault).parseArgs("report.jpg");
    AnalyzeCommand off = new AnalyzeCommand();
    new CommandLine(off).parseArgs("--no-ocr-count-strokes", "report.jpg");

    assertThat(byDefault.settings()).containsEntry(Analysis.COUNT_STROKES, "true");
    assertThat(off.settings()).containsEntry(Analysis.COUNT_STROKES, "false");
    assertThat(CliRun.of("analyze", "--help").out()).contains("--[no-]ocr-count-strokes");
  }

  private static Map<String, String> defaults(String command) {
    CommandLine sub = new CommandLine(new FilebatchCommand()).getSubcommands().get(command);
    return sub.getCommandSpec().options().stream().filter(o -> o.defaultValueString() != null)
        .collect(Collectors.toMap(OptionSpec::longestName, OptionSpec::defaultValueString));
  }

  @Test
  void cliDefaultsAreTheLibraryDefaults() {
    Map<String, String> analyze = defaults("analyze");
    IntakeLimits limits = IntakeLimits.defaults();
    assertThat(analyze.get("--max-files")).isEqualTo(Integer.toString(limits.maxFiles()));
    assertThat(Values.parseSize(analyze.get("--max-file-size"))).isEqualTo(limits.maxFileBytes());
    assertThat(Values.parseSize(analyze.get("--max-batch-size"))).isEqualTo(limits.maxBatchBytes());
    ArchiveLimits archive = ArchiveLimits.defaults();
    assertThat(analyze.get("--max-archive-entries")).isEqualTo(Integer.toString(archive.maxEntries()));
    assertThat(Values.parseSize(analyze.get("--max-expanded-size"))).isEqualTo(archive.maxExpandedBytes());
    assertThat(analyze.get("--max-compression-ratio")).isEqualTo(Integer.toString(archive.maxCompressionRatio()));
    assertThat(analyze.get("--max-archive-depth")).isEqualTo(Integer.toString(archive.maxNestingDepth()));
    RetrySettings retry = RetrySettings.defaults();
    assertThat(analyze.get("--max-attempts")).isEqualTo(Integer.toString(retry.maxAttempts()));
    assertThat(Values.parseDuration(analyze.get("--retry-delay"))).isEqualTo(retry.initialDelay());
    assertThat(Values.parseDuration(analyze.get("--retry-max-delay"))).isEqualTo(retry.maxDelay());
    Isolation forked = Isolation.forked();
    assertThat(analyze.get("--worker-heap")).isEqualTo(forked.maxHeap());
    assertThat(analyze.get("--files-per-worker")).isEqualTo(Integer.toString(forked.filesPerWorker()));
    assertThat(Values.parseDuration(analyze.get("--worker-hang-timeout"))).isEqualTo(forked.hangTimeout());

    PdfTextOptions pdf = PdfTextOptions.defaults();
    assertThat(analyze.get("--max-pages")).isEqualTo(Integer.toString(pdf.maxPages()));
    assertThat(analyze.get("--scan-dpi")).isEqualTo(Integer.toString(pdf.scanDpi()));
    assertThat(analyze.get("--min-text-chars")).isEqualTo(Integer.toString(pdf.minTextCharsPerPage()));
    assertThat(analyze.get("--max-pixels")).isEqualTo(Long.toString(VisionProcessor.DEFAULT_MAX_PIXELS));
    assertThat(analyze.get("--image-workers")).isEqualTo(Integer.toString(VisionProcessor.DEFAULT_PARALLELISM));
    assertThat(Double.parseDouble(analyze.get("--weak-area-threshold")))
        .isEqualTo(AcsSummaryAnalyzer.DEFAULT_WEAK_AREA_THRESHOLD);
    assertThat(Analysis.defaults()).containsEntry(Analysis.MAX_PAGES, analyze.get("--max-pages"));
    assertThat(Analysis.defaults()).containsEntry(Analysis.REREAD_CODES, analyze.get("--ocr-reread-codes"))
        .containsEntry(Analysis.COUNT_STROKES, analyze.get("--ocr-count-strokes"));
    assertThat(Analysis.recognizer(Analysis.defaults()).id()).isEqualTo("tesseract:eng;reread=acs-codes+strokes");
    Map<String, String> noStrokes = Analysis.defaults();
    noStrokes.put(Analysis.COUNT_STROKES, "false");
    assertThat(Analysis.recognizer(noStrokes).id()).isEqualTo("tesseract:eng;reread=acs-codes");

    Map<String, String> convert = defaults("convert");
    SvgOptions svg = SvgOptions.defaults();
    assertThat(convert.get("--max-files"))
        .isEqualTo(Integer.toString(SvgProcessor.conversionDefaults().intakeLimits().maxFiles()));
    assertThat(convert.get("--workers")).isEqualTo(Integer.toString(SvgProcessor.conversionDefaults().workers()));
    assertThat(convert.get("--to")).isEqualToIgnoringCase(svg.format().name());
    assertThat(convert.get("--renderer")).isEqualToIgnoringCase(svg.renderer().name());
    assertThat(convert.get("--dpi")).isEqualTo(Integer.toString(svg.dpi()));
    assertThat(Float.parseFloat(convert.get("--jpeg-quality"))).isEqualTo(svg.jpegQuality());
    assertThat(convert.get("--max-output-pixels")).isEqualTo(Long.toString(svg.maxOutputPixels()));
    assertThat(convert.get("--max-elements")).isEqualTo(Integer.toString(svg.maxElements()));
    assertThat(convert.get("--max-depth")).isEqualTo(Integer.toString(svg.maxDepth()));
  }
}
