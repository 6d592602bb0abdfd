package dev.filebatch.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where and how a command reports. */
final class OutputOptions {
  @Option(names = "--json", defaultValue = "false",
      description = "Print the result as JSON on stdout and nothing else (default: ${DEFAULT-VALUE}).")
  boolean json;

  @Option(names = "--output", paramLabel = "FILE",
      description = "Also write the JSON result to FILE (default: none).")
  Path output;

  @Option(names = {"-q", "--quiet"}, defaultValue = "false",
      description = "No progress display (default: ${DEFAULT-VALUE}).")
  boolean quiet;

  @Option(names = "--verbose", defaultValue = "false",
      description = "Log what the engine does to stderr (default: ${DEFAULT-VALUE}).")
  boolean verbose;
}
