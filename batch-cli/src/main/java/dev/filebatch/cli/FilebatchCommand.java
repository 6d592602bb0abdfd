package dev.filebatch.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code filebatch} command. */
@Command(name = "filebatch", mixinStandardHelpOptions = true, versionProvider = FilebatchCommand.Version.class,
    description = "Process batches of untrusted files: analyze knowledge-test reports, convert SVGs, inspect.",
    subcommands = {AnalyzeCommand.class, ConvertCommand.class, InspectCommand.class,
        CommandLine.HelpCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every file succeeded", "1:some files failed or are partial",
        "2:the batch was rejected, or the command line is wrong"})
public final class FilebatchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a command: analyze, convert or inspect");
  }

  /** Runs the command line and returns the exit code (for tests and embedding). */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cmd = new CommandLine(new FilebatchCommand());
    cmd.setOut(out);
    cmd.setErr(err);
    cmd.setExecutionExceptionHandler((ex, line, parsed) -> {
      line.getErr().println("filebatch: " + ex.getClass().getSimpleName()
          + (ex.getMessage() == null ? "" : ": " + ex.getMessage()));
      line.getErr().flush();
      return ExitCodes.REJECTED_OR_USAGE;
    });
    return cmd.execute(args);
  }

  /** Entry point of {@code java -jar filebatch.jar}. */
  public static void main(String[] args) {
    java.util.OptionalInt restarted = HostJvm.runRestartedIfUseful(args);
    if (restarted.isPresent()) {
      System.exit(restarted.getAsInt());
    }
    configureLogging(args);
    PrintWriter out = new PrintWriter(System.out, true, java.nio.charset.StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, java.nio.charset.StandardCharsets.UTF_8);
    int code = run(out, err, args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Logs go to stderr at WARN, or INFO with {@code --verbose}; set before any logger exists. */
  private static void configureLogging(String[] args) {
    boolean verbose = java.util.Arrays.asList(args).contains("--verbose");
    System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
    System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
    System.setProperty("java.awt.headless", "true");
    // JSVG and others log through java.util.logging: same threshold, same place (stderr)
    java.util.logging.Logger.getLogger("").setLevel(verbose ? java.util.logging.Level.INFO
        : java.util.logging.Level.SEVERE);
  }

  /** The version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = FilebatchCommand.class.getPackage().getImplementationVersion();
      return new String[] {"filebatch " + (v == null ? "0.1.0-SNAPSHOT" : v)};
    }
  }
}
