package dev.filebatch.vision.internal;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads how long a server asked us to wait: {@code Retry-After} (seconds or an HTTP date) or {@code retry-after-ms}. */
public final class RetryAfter {
  /** Longer hints are capped: a broken or hostile server must not park a file for days. */
  static final Duration MAX = Duration.ofHours(1);

  private RetryAfter() {}

  /** The wait the headers ask for, if any, relative to {@code now}; never negative, at most an hour. */
  public static Optional<Duration> from(HttpHeaders headers, Instant now) {
    // OpenAI sends the finer retry-after-ms beside Retry-After; prefer it when present.
    Optional<Duration> millis = headers.firstValue("retry-after-ms").flatMap(v -> number(v, true));
    if (millis.isPresent()) {
      return millis.map(RetryAfter::capped);
    }
    return headers.firstValue("retry-after").flatMap(v -> parse(v, now)).map(RetryAfter::capped);
  }

  /** Parses one {@code Retry-After} value: delta-seconds or an RFC 1123 date. */
  static Optional<Duration> parse(String value, Instant now) {
    String v = value.trim();
    Optional<Duration> seconds = number(v, false);
    if (seconds.isPresent()) {
      return seconds;
    }
    try {
      Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration wait = Duration.between(now, at);
      return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Optional<Duration> number(String value, boolean millis) {
    try {
      double amount = Double.parseDouble(value.trim());
      if (!(amount >= 0) || Double.isInfinite(amount)) {
        return Optional.empty();
      }
      double ms = millis ? amount : amount * 1000;
      return Optional.of(Duration.ofMillis((long) Math.min(ms, MAX.toMillis())));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Duration capped(Duration d) {
    return d.compareTo(MAX) > 0 ? MAX : d;
  }
}
