package dev.filebatch;

import dev.filebatch.spi.TransientException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * When and how a failed file is tried again. Only transient failures are retried: a
 * {@link TransientException}, or whatever {@link #retryOn()} accepts. Back-off is exponential with jitter, bounded
 * by a maximum delay, a maximum number of attempts and a maximum total time; a
 * {@linkplain TransientException#retryAfter() retry-after hint} replaces the computed delay when it is longer.
 *
 * @param maxAttempts attempts in all, first one included (1 disables retries)
 * @param initialDelay the delay before the second attempt
 * @param maxDelay the cap on any one delay
 * @param jitterFactor each delay is varied randomly by up to this fraction (0 to 1)
 * @param maxDuration no new attempt starts after this much time since the first (also bounded by the file timeout)
 * @param retryOn which other failures count as transient, besides {@link TransientException}
 */
public record RetrySettings(
    int maxAttempts, Duration initialDelay, Duration maxDelay, double jitterFactor, Duration maxDuration,
    Predicate<Throwable> retryOn) {

  /** Validates the settings. */
  public RetrySettings {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    Objects.requireNonNull(initialDelay, "initialDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    Objects.requireNonNull(maxDuration, "maxDuration");
    Objects.requireNonNull(retryOn, "retryOn");
    if (initialDelay.isNegative() || initialDelay.isZero()) {
      throw new IllegalArgumentException("initialDelay must be positive");
    }
    if (maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException("maxDelay (" + maxDelay + ") is below initialDelay (" + initialDelay + ")");
    }
    if (jitterFactor < 0 || jitterFactor > 1) {
      throw new IllegalArgumentException("jitterFactor must be between 0 and 1, was " + jitterFactor);
    }
    if (maxDuration.isNegative() || maxDuration.isZero()) {
      throw new IllegalArgumentException("maxDuration must be positive");
    }
  }

  /** 3 attempts, 200 ms doubling up to 5 s, 25% jitter, 30 s in all, only {@link TransientException}. */
  public static RetrySettings defaults() {
    return new RetrySettings(3, Duration.ofMillis(200), Duration.ofSeconds(5), 0.25, Duration.ofSeconds(30), t -> false);
  }

  /** No retries at all. */
  public static RetrySettings none() {
    return defaults().withMaxAttempts(1);
  }

  /** A copy with another attempt count. */
  public RetrySettings withMaxAttempts(int value) {
    return new RetrySettings(value, initialDelay, maxDelay, jitterFactor, maxDuration, retryOn);
  }

  /** A copy with other delays. */
  public RetrySettings withBackoff(Duration initial, Duration max) {
    return new RetrySettings(maxAttempts, initial, max, jitterFactor, maxDuration, retryOn);
  }

  /** A copy with another jitter factor. */
  public RetrySettings withJitter(double factor) {
    return new RetrySettings(maxAttempts, initialDelay, maxDelay, factor, maxDuration, retryOn);
  }

  /** A copy with another total-time cap. */
  public RetrySettings withMaxDuration(Duration value) {
    return new RetrySettings(maxAttempts, initialDelay, maxDelay, jitterFactor, value, retryOn);
  }

  /** A copy that also retries failures the predicate accepts. */
  public RetrySettings withRetryOn(Predicate<Throwable> predicate) {
    return new RetrySettings(maxAttempts, initialDelay, maxDelay, jitterFactor, maxDuration, predicate);
  }
}
