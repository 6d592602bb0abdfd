package dev.filebatch.internal.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A workspace still open when the JVM exits is removed by the shutdown hook. */
class WorkspaceShutdownTest {
  @TempDir Path root;

  /** Runs in a child JVM: opens a workspace, writes into it, exits without closing it. */
  public static final class Child {
    public static void main(String[] args) throws Exception {
      // "lazy": the folder is made by the first write, as the engine makes it
      Workspace ws = args.length > 1 && args[1].equals("lazy") ? Workspace.lazy(Path.of(args[0]), UUID.randomUUID())
          : Workspace.create(Path.of(args[0]), UUID.randomUUID());
      Files.writeString(ws.fileSlot(0), "body");
      Files.writeString(ws.scratch(0).resolve("tmp"), "scratch");
      System.out.println(ws.root());
      System.exit(0);
    }
  }

  @Test
  void workspaceLeftOpenIsDeletedWhenTheJvmExits() throws Exception {
    assertChildLeavesNothing("eager");
  }

  @Test
  void lazyWorkspaceMadeByAWriteIsDeletedWhenTheJvmExits() throws Exception {
    assertChildLeavesNothing("lazy");
  }

  private void assertChildLeavesNothing(String mode) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
        Child.class.getName(), root.toString(), mode)).redirectErrorStream(true).start();
    String printed = new String(child.getInputStream().readAllBytes()).strip();
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).as(printed).isZero();
    assertThat(printed).contains(root.toString());
    try (Stream<Path> left = Files.list(root)) {
      assertThat(left.toList()).as("workspaces left after JVM exit").isEmpty();
    }
  }
}
