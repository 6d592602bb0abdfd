package dev.filebatch.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Proves a batch left nothing behind in a folder (workspace root, output folder). */
final class Leftovers {
  private Leftovers() {}

  /** {@code dir} is missing or empty. */
  static void assertNoneIn(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> s = Files.list(dir)) {
        assertThat(s.toList()).as("left behind in " + dir).isEmpty();
      }
    }
  }
}
