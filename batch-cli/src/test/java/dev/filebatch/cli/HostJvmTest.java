package dev.filebatch.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostJvmTest {
  private static final List<String> NO_OPTIONS = List.of();

  @TempDir Path tmp;

  private static Optional<List<String>> command(List<String> jvm, String... args) {
    return HostJvm.command(args, jvm, "/jdk", "filebatch.jar");
  }

  @Test
  void aForkedConvertRestartsInASmallJvmKeepingTheUsersOptionsAndArguments() {
    List<String> cmd = command(List.of("-XX:ErrorFile=/tmp/e.log", "-Dfoo=bar"), "convert", "--to", "png", "-o",
        "out", "a.svg").orElseThrow();

    assertThat(cmd.get(0)).isEqualTo(Path.of("/jdk", "bin", "java").toString());
    assertThat(cmd.subList(1, 5)).containsExactlyElementsOf(HostJvm.OPTIONS);
    assertThat(cmd).containsSubsequence("-XX:ErrorFile=/tmp/e.log", "-Dfoo=bar", "-Dfilebatch.host.restarted=true",
        "-cp", "filebatch.jar", FilebatchCommand.class.getName(), "convert", "--to", "png", "-o", "out", "a.svg");
    assertThat(command(NO_OPTIONS, "analyze", "report.pdf")).isPresent();
  }

  @Test
  void noRestartWhenTheHostDoesTheWorkOrTheUserChoseTheJvm() {
    assertThat(command(NO_OPTIONS, "convert", "--isolation", "none", "a.svg")).isEmpty();
    assertThat(command(NO_OPTIONS, "convert", "--isolation=none", "a.svg")).isEmpty();
    assertThat(command(NO_OPTIONS, "convert", "--host-jvm", "keep", "a.svg")).isEmpty();
    assertThat(command(NO_OPTIONS, "convert", "--host-jvm=keep", "a.svg")).isEmpty();
    assertThat(command(NO_OPTIONS, "convert", "--help")).isEmpty();
    assertThat(command(NO_OPTIONS, "inspect", "a.svg")).isEmpty();
    assertThat(command(NO_OPTIONS)).isEmpty();
    for (String chosen : List.of("-Xmx2g", "-Xms1g", "-XX:MaxRAMPercentage=50", "-XX:+UseParallelGC",
        "-XX:TieredStopAtLevel=4", "-XX:-TieredCompilation", "-agentlib:jdwp=transport=dt_socket,server=y")) {
      assertThat(command(List.of(chosen), "convert", "a.svg")).as(chosen).isEmpty();
    }
  }

  @Test
  void wordsAfterTheEndOfOptionsAreFileNamesNotSettings() {
    assertThat(command(NO_OPTIONS, "convert", "-o", "out", "--", "--isolation", "none")).isPresent();
  }

  @Test
  void theRestartedJvmRunsWithTheSmallHeapAndItsExitStatusIsTheCommands() throws Exception {
    Path svg = tmp.resolve("a.svg");
    Files.writeString(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>", UTF_8);
    Path stdout = tmp.resolve("stdout.txt");
    Path stderr = tmp.resolve("stderr.txt");
    // every JVM of the chain prints its flags; --to gif makes the command itself fail with the usage status
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+PrintCommandLineFlags", "-cp", System.getProperty("java.class.path"), FilebatchCommand.class.getName(),
        "convert", "--to", "gif", "-o", tmp.resolve("out").toString(), svg.toString())
        .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();

    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    List<String> flags = Files.readAllLines(stdout).stream().filter(l -> l.contains("-XX:MaxHeapSize=")).toList();
    assertThat(p.exitValue()).as(Files.readString(stderr)).isEqualTo(ExitCodes.REJECTED_OR_USAGE);
    assertThat(Files.readString(stderr)).contains("gif");
    assertThat(flags).hasSize(2);
    assertThat(flags.get(1)).contains("-XX:MaxHeapSize=1073741824", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
  }
}
