package dev.filebatch.internal.fork;

import static org.assertj.core.api.Assertions.assertThat;

import dev.filebatch.Isolation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The worker JVM's defaults, and that a caller's own options replace them rather than fight them. */
class WorkerCommandTest {
  @Test
  void aWorkerStartsWithTheSerialCollectorASmallFirstHeapAndC1Only() {
    List<String> cmd = ForkedRunner.jvmOptionsFor(Isolation.forked());

    assertThat(cmd).contains("-Xmx512m", "-XX:+UseSerialGC", "-Xms16384k", "-XX:MinHeapFreeRatio=10",
        "-XX:MaxHeapFreeRatio=30", "-XX:TieredStopAtLevel=1");
  }

  @Test
  void theFirstHeapNeverExceedsASmallerMaximum() {
    assertThat(ForkedRunner.jvmOptionsFor(Isolation.forked().withMaxHeap("8m"))).contains("-Xmx8m", "-Xms8192k");
  }

  @Test
  void theCallersOwnCollectorHeapAndCompilerSettingsReplaceTheDefaults() {
    List<String> cmd = ForkedRunner.jvmOptionsFor(Isolation.forked()
        .withJvmOptions(List.of("-XX:+UseParallelGC", "-Xms64m", "-XX:TieredStopAtLevel=4")));

    assertThat(cmd).doesNotContain("-XX:+UseSerialGC", "-Xms16384k", "-XX:TieredStopAtLevel=1")
        .contains("-XX:+UseParallelGC", "-Xms64m", "-XX:TieredStopAtLevel=4");
    assertThat(ForkedRunner.jvmOptionsFor(Isolation.forked().withJvmOptions(List.of("-XX:-TieredCompilation"))))
        .doesNotContain("-XX:TieredStopAtLevel=1");
    assertThat(ForkedRunner.jvmOptionsFor(Isolation.forked().withJvmOptions(List.of("-XX:InitialHeapSize=32m"))))
        .doesNotContain("-Xms16384k");
    assertThat(ForkedRunner.jvmOptionsFor(Isolation.forked().withJvmOptions(List.of("-XX:MaxHeapFreeRatio=70"))))
        .doesNotContain("-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30");
  }
}
