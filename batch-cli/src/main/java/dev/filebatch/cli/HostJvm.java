package dev.filebatch.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Restarts a batch command with forked isolation in a JVM sized for what the host then does: hand files to worker
 * JVMs and collect their results. A JVM cannot lower its own heap once started, and {@code java -jar} gives it the
 * JDK's defaults: a heap of a quarter of the machine's memory whose first 1/64 (384 MB on 24 GB) the collector fills
 * before it collects, so the host alone reached 400-550 MB of RSS over the resvg suite. The restart costs one small
 * JVM start (the launching JVM stays, waiting, at about 40 MB) and keeps {@code java -jar filebatch.jar} the way to
 * run the tool; a {@code filebatch} shell launcher would have been the other way, but every documented command line
 * is {@code java -jar}.
 *
 * <p>No restart when: {@code --host-jvm keep} is given; the command runs in-process ({@code --isolation none}: the
 * host renders and needs the default heap) or is not a batch command; help or version is asked; or the java command
 * line already sets a heap size, collector or compiler level (the user chose), or attaches a debugger.
 */
final class HostJvm {
  /** The host's JVM options after a restart: a small first heap that grows as needed, the cheap collector, C1. */
  static final List<String> OPTIONS = List.of("-Xms16m", "-Xmx1g", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
  /** Set on the restarted JVM, so it never restarts again. */
  static final String RESTARTED = "filebatch.host.restarted";

  private static final List<String> BATCH_COMMANDS = List.of("convert", "analyze");

  private HostJvm() {}

  /**
   * Runs the command in a restarted JVM if that is wanted, and returns its exit status; empty when this JVM should
   * run the command itself (also when the restart cannot be started).
   */
  static OptionalInt runRestartedIfUseful(String[] args) {
    if (Boolean.getBoolean(RESTARTED)) {
      return OptionalInt.empty();
    }
    List<String> jvmArguments;
    try {
      jvmArguments = ManagementFactory.getRuntimeMXBean().getInputArguments();
    } catch (RuntimeException | LinkageError e) {
      return OptionalInt.empty();
    }
    Optional<List<String>> command = command(args, jvmArguments, System.getProperty("java.home"),
        System.getProperty("java.class.path"));
    if (command.isEmpty()) {
      return OptionalInt.empty();
    }
    Process child;
    try {
      child = new ProcessBuilder(command.get()).inheritIO().start();
    } catch (IOException | RuntimeException e) {
      return OptionalInt.empty(); // run here, with the default heap, rather than not at all
    }
    // a TERM to this JVM reaches the command too, which then cleans up its workers and workspace
    Thread stop = new Thread(() -> {
      if (child.isAlive()) {
        child.destroy();
        try {
          child.waitFor();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }, "filebatch-host-stop");
    Runtime.getRuntime().addShutdownHook(stop);
    while (true) {
      try {
        return OptionalInt.of(child.waitFor());
      } catch (InterruptedException e) {
        // keep waiting: the command decides when it is done
      }
    }
  }

  /**
   * The restarted JVM's command line, or empty when no restart is wanted.
   *
   * @param args the command's arguments
   * @param jvmArguments this JVM's own options (kept in the restarted JVM, after {@link #OPTIONS})
   * @param javaHome where {@code bin/java} is
   * @param classPath this JVM's class path, the jar itself under {@code java -jar}
   */
  static Optional<List<String>> command(String[] args, List<String> jvmArguments, String javaHome, String classPath) {
    if (!wanted(args, jvmArguments) || classPath == null || classPath.isEmpty()) {
      return Optional.empty();
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(javaHome, "bin", "java").toString());
    cmd.addAll(OPTIONS);
    cmd.addAll(jvmArguments);
    cmd.add("-D" + RESTARTED + "=true");
    cmd.add("-cp");
    cmd.add(classPath);
    cmd.add(FilebatchCommand.class.getName());
    cmd.addAll(List.of(args));
    return Optional.of(cmd);
  }

  static boolean wanted(String[] args, List<String> jvmArguments) {
    if (args.length == 0 || !BATCH_COMMANDS.contains(args[0])) {
      return false;
    }
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      String next = i + 1 < args.length ? args[i + 1] : "";
      if (a.equals("--")) {
        break; // file names from here on
      }
      if (a.equals("-h") || a.equals("--help") || a.equals("-V") || a.equals("--version")
          || a.equals("--isolation=none") || a.equals("--isolation") && next.equals("none")
          || a.equals("--host-jvm=keep") || a.equals("--host-jvm") && next.equals("keep")) {
        return false;
      }
    }
    for (String option : jvmArguments) {
      if (option.startsWith("-Xmx") || option.startsWith("-Xms") || option.startsWith("-XX:MaxHeapSize=")
          || option.startsWith("-XX:InitialHeapSize=") || option.matches("-XX:\\w*RAM\\w*=.*")
          || option.matches("-XX:[+-]Use\\w*GC") || option.startsWith("-XX:TieredStopAtLevel=")
          || option.endsWith("TieredCompilation") || option.startsWith("-agentlib:jdwp")
          || option.startsWith("-Xrunjdwp")) {
        return false;
      }
    }
    return true;
  }
}
