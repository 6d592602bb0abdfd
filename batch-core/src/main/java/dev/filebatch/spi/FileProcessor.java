package dev.filebatch.spi;

import dev.filebatch.MediaType;
import java.util.Objects;
import java.util.Set;

/**
 * Turns one file of a batch into a result. The engine routes each file to the processor whose
 * {@link #supportedTypes()} contain the type detected from the file's content, runs it in the processor's lane
 * under its {@link #concurrency()}, a timeout and a retry policy, and isolates any failure to that file.
 *
 * <p>Implementations must be thread-safe: one instance serves every file of every batch. Register them on
 * {@link dev.filebatch.BatchProcessor.Builder#processor(FileProcessor)} or list them for {@link java.util.ServiceLoader}
 * in {@code META-INF/services/dev.filebatch.spi.FileProcessor}.
 *
 * <p>Failing a file: throw {@link FileProcessingException} with a code, message and remediation; throw
 * {@link TransientException} to ask for a retry; any other exception or {@link Error} (but a
 * {@link VirtualMachineError}) fails the file with {@code PROCESSING_FAILED}. Call
 * {@link ProcessingContext#reportPartial} for a usable but incomplete result.
 *
 * @param <R> the result type; should serialise to JSON with Jackson
 */
public interface FileProcessor<R> {
  /** A stable id such as {@code pdf-text}: names the lane and is part of cache keys. */
  String id();

  /** Bump when the result for the same bytes changes, so cached results are not reused. */
  default String version() {
    return "1";
  }

  /** The content types this processor takes; each type must belong to exactly one registered processor. */
  Set<MediaType> supportedTypes();

  /** How many files may run at once; by default CPU-bound, up to the number of cores. */
  default Concurrency concurrency() {
    return Concurrency.cpuBound(Runtime.getRuntime().availableProcessors());
  }

  /** The type of what {@link #process} returns, for JSON round trips (forked workers, remote caches). */
  default Class<?> resultType() {
    return Object.class;
  }

  /**
   * Whether results may be cached by the SHA-256 of the input. Processors whose result depends on anything but the
   * bytes and {@link #version()}, or that write artifacts, return {@code false}.
   */
  default boolean cacheable() {
    return true;
  }

  /**
   * How to re-create this processor in a forked worker JVM, for {@link dev.filebatch.Isolation#forked()}. By
   * default empty: such a processor can run forked only if its class has a public no-argument constructor, which
   * the worker then calls.
   */
  default java.util.Optional<ProcessorRecipe> recipe() {
    return java.util.Optional.empty();
  }

  /**
   * Processes one file.
   *
   * @param file the file, already in the workspace
   * @param context deadline, cancellation, scratch space, artifacts, partial results
   * @return the result, never {@code null}
   * @throws Exception to fail the file (see the class comment for how each kind is treated)
   */
  R process(InputFile file, ProcessingContext context) throws Exception;

  /**
   * This processor followed by another step, e.g. PDF text then a report parser. The composed processor keeps
   * this one's types and concurrency; its id is {@code id() + ">" + next.id()}.
   */
  default <T> FileProcessor<T> andThen(ResultMapper<? super R, T> next) {
    Objects.requireNonNull(next, "next");
    FileProcessor<R> first = this;
    return new FileProcessor<>() {
      @Override
      public String id() {
        return first.id() + ">" + next.id();
      }

      @Override
      public String version() {
        return first.version() + ">" + next.version();
      }

      @Override
      public Set<MediaType> supportedTypes() {
        return first.supportedTypes();
      }

      @Override
      public Concurrency concurrency() {
        return first.concurrency();
      }

      @Override
      public Class<?> resultType() {
        return next.resultType();
      }

      @Override
      public boolean cacheable() {
        return first.cacheable();
      }

      @Override
      public T process(InputFile file, ProcessingContext context) throws Exception {
        R intermediate = first.process(file, context);
        context.checkCancelled();
        return next.map(intermediate, file, context);
      }

      @Override
      public String toString() {
        return id();
      }
    };
  }
}
