package dev.filebatch.svg;

import dev.filebatch.ErrorCode;
import dev.filebatch.MediaType;
import dev.filebatch.spi.InputFile;
import dev.filebatch.spi.ProcessingContext;
import dev.filebatch.spi.SummaryContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** Test-side stand-ins for what the engine hands a processor: files in a folder and a context with an output folder. */
final class TestFiles {
  private final Path workspace;
  private final Path outputs;
  private final AtomicInteger index = new AtomicInteger();

  TestFiles(Path root) throws IOException {
    this.workspace = Files.createDirectories(root.resolve("workspace"));
    this.outputs = Files.createDirectories(root.resolve("outputs"));
  }

  Path outputs() {
    return outputs;
  }

  InputFile file(String name, String content) throws IOException {
    return file(name, content.getBytes(StandardCharsets.UTF_8));
  }

  InputFile file(String name, byte[] content) throws IOException {
    int i = index.getAndIncrement();
    Path dir = Files.createDirectories(workspace.resolve(Integer.toString(i)));
    Path path = Files.write(dir.resolve(name), content);
    String sha;
    try {
      sha = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return new InputFile() {
      @Override
      public int index() {
        return i;
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
        return MediaType.SVG;
      }

      @Override
      public long size() {
        return content.length;
      }

      @Override
      public String sha256() {
        return sha;
      }

      @Override
      public Path path() {
        return path;
      }
    };
  }

  /** A context whose artifacts land in the output folder with unique names, like the engine's. */
  Context context() {
    return new Context();
  }

  SummaryContext summaryContext() {
    UUID id = UUID.randomUUID();
    return new SummaryContext() {
      @Override
      public UUID batchId() {
        return id;
      }

      @Override
      public Path newArtifact(String fileName) throws IOException {
        return unique(fileName);
      }
    };
  }

  synchronized Path unique(String fileName) throws IOException {
    String base = fileName;
    String ext = "";
    int dot = fileName.lastIndexOf('.');
    if (dot > 0) {
      base = fileName.substring(0, dot);
      ext = fileName.substring(dot);
    }
    Path candidate = outputs.resolve(fileName);
    for (int n = 2; Files.exists(candidate); n++) {
      candidate = outputs.resolve(base + "-" + n + ext);
    }
    Files.createFile(candidate);
    Files.delete(candidate);
    return candidate;
  }

  final class Context implements ProcessingContext {
    private final UUID batchId = UUID.randomUUID();
    volatile boolean cancelled;
    volatile ErrorCode partial;

    @Override
    public UUID batchId() {
      return batchId;
    }

    @Override
    public int attempt() {
      return 1;
    }

    @Override
    public Instant deadline() {
      return Instant.now().plusSeconds(30);
    }

    @Override
    public boolean isCancelled() {
      return cancelled;
    }

    @Override
    public Path scratchDirectory() throws IOException {
      return Files.createTempDirectory(workspace, "scratch");
    }

    @Override
    public Path newArtifact(String fileName) throws IOException {
      // reserve the name so concurrent files never collide
      Path p = unique(fileName);
      Files.createFile(p);
      Files.delete(p);
      return p;
    }

    @Override
    public void reportPartial(ErrorCode code, String message, String remediation) {
      partial = code;
    }
  }
}
