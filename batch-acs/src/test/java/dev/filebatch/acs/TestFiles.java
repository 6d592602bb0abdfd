package dev.filebatch.acs;

import dev.filebatch.ErrorCode;
import dev.filebatch.FileError;
import dev.filebatch.FileResult;
import dev.filebatch.FileStatus;
import dev.filebatch.MediaType;
import dev.filebatch.spi.InputFile;
import dev.filebatch.spi.ProcessingContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Small real implementations of the engine's per-file interfaces, for calling processors directly. */
final class TestFiles {
  private TestFiles() {}

  /** An input file over bytes written into a folder. */
  static InputFile file(Path dir, String name, byte[] bytes, MediaType type) throws IOException {
    Path path = dir.resolve(name);
    Files.write(path, bytes);
    return new InputFile() {
      @Override
      public int index() {
        return 0;
      }

      @Override
      public String name() {
        return name;
      }

      @Override
      public String origin() {
        return name;
      }

      @Override
      public Optional<String> declaredType() {
        return Optional.empty();
      }

      @Override
      public MediaType detectedType() {
        return type;
      }

      @Override
      public long size() {
        return bytes.length;
      }

      @Override
      public String sha256() {
        return "0".repeat(64);
      }

      @Override
      public Path path() {
        return path;
      }
    };
  }

  /** A context recording the partial report, with a generous deadline. */
  static final class Context implements ProcessingContext {
    private final Path dir;
    FileError partial;

    Context(Path dir) {
      this.dir = dir;
    }

    @Override
    public UUID batchId() {
      return new UUID(0, 1);
    }

    @Override
    public int attempt() {
      return 1;
    }

    @Override
    public Instant deadline() {
      return Instant.now().plusSeconds(120);
    }

    @Override
    public boolean isCancelled() {
      return false;
    }

    @Override
    public Path scratchDirectory() throws IOException {
      return Files.createDirectories(dir.resolve("scratch"));
    }

    @Override
    public Path newArtifact(String fileName) throws IOException {
      return Files.createDirectories(dir.resolve("out")).resolve(fileName);
    }

    @Override
    public void reportPartial(ErrorCode code, String message, String remediation) {
      partial = new FileError(code, message, remediation);
    }
  }

  /** A successful file result carrying a report. */
  static FileResult success(int index, String name, KnowledgeTestReport report) {
    return new FileResult(index, name, FileStatus.SUCCESS, report, null, 1, Duration.ofMillis(5), "pdf-text>aktr",
        "pdf-text", MediaType.PDF, 1000, "0".repeat(64), false);
  }

  /** A failed file result. */
  static FileResult failed(int index, String name) {
    return new FileResult(index, name, FileStatus.FAILED, null,
        new FileError(AktrParser.NOT_AN_AKTR, "not a report", ""), 1, Duration.ofMillis(5), "pdf-text>aktr",
        "pdf-text", MediaType.PDF, 1000, "0".repeat(64), false);
  }
}
