package dev.filebatch.spi;

/**
 * A second step applied to a processor's result, in the same lane and under the same timeout and retry policy,
 * e.g. PDF text to a parsed report. Compose with {@link FileProcessor#andThen(ResultMapper)}.
 *
 * @param <R> what the first step produced
 * @param <T> what this step produces
 */
public interface ResultMapper<R, T> {
  /** A stable id for this step; becomes part of the composed processor's id and of cache keys. */
  String id();

  /** Bump when the output for the same input changes, so cached results are not reused. */
  default String version() {
    return "1";
  }

  /** The type of what {@link #map} returns, for JSON round trips (forked workers, remote caches). */
  default Class<?> resultType() {
    return Object.class;
  }

  /** Maps the previous step's result. Same exception contract as {@link FileProcessor#process}. */
  T map(R input, InputFile file, ProcessingContext context) throws Exception;
}
