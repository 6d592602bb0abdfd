package dev.filebatch.cli;

import dev.filebatch.BatchInput;
import dev.filebatch.BatchJson;
import dev.filebatch.BatchProcessor;
import dev.filebatch.BatchRejectedException;
import dev.filebatch.FileInspection;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code filebatch inspect}: what each file is and where it would go, without processing anything. */
@Command(name = "inspect", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Show each file's detected type, size and the processor that would take it, or why it "
        + "would be rejected. Nothing is processed.")
final class InspectCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin IntakeOptions intake;

  @Option(names = "--json", defaultValue = "false",
      description = "Print the inspection as JSON on stdout (default: ${DEFAULT-VALUE}).")
  boolean json;

  @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files, folders and ZIP archives.")
  List<Path> paths;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    BatchProcessor.Builder b = intake.configure(BatchProcessor.builder());
    // every processor the other commands use, at their defaults: inspect answers "which one would take it"
    b.processor(Analysis.pdf(Analysis.pdfSettings(Analysis.defaults())))
        .processor(Analysis.image(Analysis.imageSettings(Analysis.defaults())))
        .processor(Processors.svg(Processors.svgSettings(dev.filebatch.svg.SvgOptions.defaults(), null)));
    try (BatchProcessor processor = b.build()) {
      List<FileInspection> files;
      try {
        files = processor.inspect(BatchInput.of(paths));
      } catch (BatchRejectedException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "rejected");
        body.put("error", e.error());
        if (json) {
          out.println(BatchJson.writePretty(body));
        } else {
          out.printf("Batch would be rejected: %s%n  %s%n  hint: %s%n", e.code(), e.error().message(),
              e.error().remediation());
        }
        out.flush();
        return ExitCodes.REJECTED_OR_USAGE;
      }
      if (json) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "accepted");
        body.put("files", files);
        out.println(BatchJson.writePretty(body));
      } else {
        for (FileInspection f : files) {
          out.printf("%-40s %-22s %10d bytes  %s%n", f.fileName(), f.mediaType() == null ? "?" : f.mediaType(),
              f.size(), f.error() == null ? "-> " + f.processor()
                  : "REJECTED " + f.error().code() + ": " + f.error().message());
        }
      }
      out.flush();
      return files.stream().allMatch(f -> f.error() == null) ? ExitCodes.ALL_SUCCEEDED : ExitCodes.SOME_FAILED;
    }
  }
}
