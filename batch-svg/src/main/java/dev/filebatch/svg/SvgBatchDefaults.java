package dev.filebatch.svg;

import dev.filebatch.IntakeLimits;
import java.time.Duration;

/**
 * The batch limits of the SVG-conversion origin spec, for whoever configures the engine (the CLI, the Spring
 * starter): at most 20 files, 10 MB each, 100 MB in all, 30 s per file, 10 minutes per batch, 4 workers.
 *
 * @param intakeLimits files per batch and byte caps
 * @param fileTimeout time allowed per file
 * @param batchTimeout time allowed per batch
 * @param workers files converted at once
 */
public record SvgBatchDefaults(IntakeLimits intakeLimits, Duration fileTimeout, Duration batchTimeout, int workers) {
  /** Validates the values. */
  public SvgBatchDefaults {
    java.util.Objects.requireNonNull(intakeLimits, "intakeLimits");
    java.util.Objects.requireNonNull(fileTimeout, "fileTimeout");
    java.util.Objects.requireNonNull(batchTimeout, "batchTimeout");
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1, was " + workers);
    }
  }

  /** The origin spec's values. */
  public static SvgBatchDefaults originSpec() {
    return new SvgBatchDefaults(
        IntakeLimits.defaults().withMaxFiles(20), Duration.ofSeconds(30), Duration.ofMinutes(10), 4);
  }
}
