package dev.filebatch.cli;

import dev.filebatch.BatchInput;
import dev.filebatch.BatchJob;
import dev.filebatch.BatchJson;
import dev.filebatch.BatchProcessor;
import dev.filebatch.BatchRejectedException;
import dev.filebatch.BatchResult;
import dev.filebatch.FileError;
import dev.filebatch.FileResult;
import dev.filebatch.FileStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** What {@code analyze} and {@code convert} share: inputs, engine flags, output flags, running and reporting. */
abstract class BatchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin EngineOptions engine;

  @Mixin OutputOptions output;

  @Parameters(paramLabel = "PATH", arity = "1..*",
      description = "Files, folders (walked recursively) and ZIP archives making up one batch.")
  List<Path> paths;

  /** Registers the command's processors and summarizer on a builder already holding the engine flags. */
  abstract BatchProcessor.Builder processors(BatchProcessor.Builder builder) throws Exception;

  /** Prints the command-specific part of the human-readable report (summary, outputs). */
  abstract void printSummary(BatchResult result, PrintWriter out);

  /** The task name on the progress display. */
  abstract String task();

  /** The batch to run; by default the paths as given. Called after {@link #processors}. */
  BatchInput input() {
    return BatchInput.of(paths);
  }

  /** Called once the batch is over, whatever happened; for clean-up. */
  void finished() {}

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    BatchProcessor.Builder builder = engine.configure(BatchProcessor.builder());
    try (BatchProcessor processor = processors(builder).build()) {
      BatchJob job;
      try {
        job = processor.submit(input());
      } catch (BatchRejectedException e) {
        return rejected(e, out);
      }
      BatchResult result;
      try {
        result = new ProgressDisplay(System.err, System.console() != null && !output.json, output.quiet)
            .follow(job, task());
      } catch (BatchRejectedException e) {
        return rejected(e, out);
      }
      String json = BatchJson.writePretty(result);
      writeOutputFile(json);
      if (output.json) {
        out.println(json);
      } else {
        printFiles(result, out);
        printSummary(result, out);
        out.printf("%n%d files: %d succeeded (%d partial), %d failed, in %.1f s%n", result.totalFiles(),
            result.successfulFiles(), result.partialFiles(), result.failedFiles(),
            result.processingTimeMillis() / 1000.0);
      }
      out.flush();
      return ExitCodes.of(result);
    } finally {
      finished();
    }
  }

  private int rejected(BatchRejectedException e, PrintWriter out) throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "rejected");
    body.put("error", e.error());
    String json = BatchJson.writePretty(body);
    writeOutputFile(json);
    if (output.json) {
      out.println(json);
    } else {
      FileError err = e.error();
      out.printf("Batch rejected: %s%n  %s%n  hint: %s%n", err.code(), err.message(), err.remediation());
    }
    out.flush();
    return ExitCodes.REJECTED_OR_USAGE;
  }

  private void writeOutputFile(String json) throws IOException {
    if (output.output != null) {
      Path parent = output.output.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(output.output, json + System.lineSeparator(), StandardCharsets.UTF_8);
    }
  }

  static void printFiles(BatchResult result, PrintWriter out) {
    out.println("Files:");
    for (FileResult f : result.files()) {
      String mark = switch (f.status()) {
        case SUCCESS -> "ok     ";
        case PARTIAL -> "partial";
        case FAILED -> "FAILED ";
      };
      out.printf("  %s %s%s%n", mark, f.fileName(),
          f.processor() == null ? "" : "  [" + f.processor() + ", " + f.processingTimeMillis() + " ms"
              + (f.attempts() > 1 ? ", " + f.attempts() + " attempts" : "") + (f.cached() ? ", cached" : "") + "]");
      if (f.status() != FileStatus.SUCCESS && f.error() != null) {
        out.printf("          %s: %s%n", f.error().code(), f.error().message());
        if (!f.error().remediation().isBlank()) {
          out.printf("          hint: %s%n", f.error().remediation());
        }
      }
    }
  }
}
