package dev.filebatch.internal.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceTest {
  @TempDir Path tmp;

  @Test
  void deletesEverythingOnCloseAndOnlyOnce() throws IOException {
    int before = Workspace.openCount();
    Workspace ws = Workspace.create(tmp.resolve("root"), UUID.randomUUID());
    assertThat(Workspace.openCount()).isEqualTo(before + 1);
    Files.write(ws.fileSlot(0), new byte[] {1, 2, 3});
    Files.write(ws.scratch(0).resolve("page.png"), new byte[] {4});
    Files.createSymbolicLink(ws.root().resolve("link"), Files.write(tmp.resolve("keep.txt"), new byte[] {5}));

    ws.close();
    ws.close();

    assertThat(ws.root()).doesNotExist();
    assertThat(tmp.resolve("keep.txt")).exists(); // a link inside is removed, never followed
    assertThat(Workspace.openCount()).isEqualTo(before);
  }

  @Test
  void isPrivateToItsOwnerAndNamedAfterTheBatch() throws IOException {
    UUID id = UUID.randomUUID();
    try (Workspace ws = Workspace.create(tmp.resolve("root"), id)) {
      assertThat(ws.root().getFileName().toString()).isEqualTo("filebatch-" + id);
      if (ws.root().getFileSystem().supportedFileAttributeViews().contains("posix")) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ws.root()))).isEqualTo("rwx------");
      }
      assertThat(ws.scratch(3)).isDirectory().startsWith(ws.root());
      assertThat(ws.fileSlot(3)).doesNotExist();
      assertThat(ws.fileSlot(3).startsWith(ws.root())).isTrue();
    }
  }

  @Test
  void givesASecondWorkspaceForTheSameBatchItsOwnPrivateFolder() throws IOException {
    UUID id = UUID.randomUUID();
    try (Workspace first = Workspace.create(tmp.resolve("root"), id);
        Workspace second = Workspace.create(tmp.resolve("root"), id)) {
      assertThat(second.root()).isNotEqualTo(first.root());
      assertThat(second.root().getFileName().toString()).startsWith("filebatch-" + id + "-");
      if (second.root().getFileSystem().supportedFileAttributeViews().contains("posix")) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(second.root())))
            .isEqualTo("rwx------");
      }
      Files.write(first.fileSlot(0), new byte[] {1});
      Files.write(second.fileSlot(0), new byte[] {2});
      assertThat(first.fileSlot(0)).hasBinaryContent(new byte[] {1});
    }
  }
}
