package dev.filebatch.spi;

import java.util.Objects;

/**
 * Identifies a cached result: the same bytes through the same processor at the same version give the same result.
 *
 * @param processorId the processor's {@link FileProcessor#id()}
 * @param processorVersion the processor's {@link FileProcessor#version()}
 * @param sha256 lower-case hex SHA-256 of the input bytes
 */
public record CacheKey(String processorId, String processorVersion, String sha256) {
  /** Validates the components. */
  public CacheKey {
    Objects.requireNonNull(processorId, "processorId");
    Objects.requireNonNull(processorVersion, "processorVersion");
    Objects.requireNonNull(sha256, "sha256");
  }

  /** A flat string form, {@code id:version:sha256}, for key-value stores. */
  public String asString() {
    return processorId + ":" + processorVersion + ":" + sha256;
  }
}
