package dev.filebatch.spi;

import dev.filebatch.ErrorCode;
import java.time.Duration;
import java.util.Optional;

/**
 * Thrown by a {@link FileProcessor} to say the failure may go away if the file is tried again: a rate limit, a
 * 5xx from a remote service, a lock held elsewhere. The engine retries it under the batch's
 * {@link dev.filebatch.RetrySettings}; when attempts run out the file fails with this exception's code
 * ({@link ErrorCode#RETRIES_EXHAUSTED} unless another is given, e.g. {@link ErrorCode#RATE_LIMITED}).
 */
public class TransientException extends FileProcessingException {
  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;

  /** A transient failure with no retry-after hint. */
  public TransientException(String message) {
    this(ErrorCode.RETRIES_EXHAUSTED, message, null, null);
  }

  /** A transient failure with no retry-after hint and a cause. */
  public TransientException(String message, Throwable cause) {
    this(ErrorCode.RETRIES_EXHAUSTED, message, null, cause);
  }

  /**
   * A transient failure.
   *
   * @param code the code the file ends with if every retry fails
   * @param message what went wrong
   * @param retryAfter how long the far side asked us to wait (e.g. HTTP {@code Retry-After}), or {@code null}
   * @param cause the underlying failure, or {@code null}
   */
  public TransientException(ErrorCode code, String message, Duration retryAfter, Throwable cause) {
    super(code, message, "The failure looked temporary and persisted through every retry; try again later.", cause);
    this.retryAfter = retryAfter;
  }

  /** How long the far side asked to wait before the next attempt, if it said. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
