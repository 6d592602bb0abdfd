package dev.filebatch.vision.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

  private static HttpHeaders headers(Map<String, String> values) {
    return HttpHeaders.of(
        values.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue()))),
        (k, v) -> true);
  }

  @Test
  void readsDeltaSeconds() {
    assertThat(RetryAfter.from(headers(Map.of("Retry-After", "12")), NOW)).contains(Duration.ofSeconds(12));
  }

  @Test
  void readsAnHttpDate() {
    assertThat(RetryAfter.from(headers(Map.of("Retry-After", "Sun, 01 Jun 2025 12:00:45 GMT")), NOW))
        .contains(Duration.ofSeconds(45));
  }

  @Test
  void treatsADateInThePastAsNoWait() {
    assertThat(RetryAfter.parse("Sun, 01 Jun 2025 11:00:00 GMT", NOW)).contains(Duration.ZERO);
  }

  @Test
  void prefersOpenAisMillisecondHint() {
    assertThat(RetryAfter.from(headers(Map.of("Retry-After", "1", "retry-after-ms", "250")), NOW))
        .contains(Duration.ofMillis(250));
  }

  @Test
  void capsAbsurdWaitsAtAnHour() {
    assertThat(RetryAfter.from(headers(Map.of("Retry-After", "99999999")), NOW)).contains(Duration.ofHours(1));
  }

  @Test
  void ignoresGarbageAndNegativeValues() {
    assertThat(RetryAfter.from(headers(Map.of("Retry-After", "soon")), NOW)).isEmpty();
    assertThat(RetryAfter.from(headers(Map.of("Retry-After", "-5")), NOW)).isEmpty();
    assertThat(RetryAfter.from(headers(Map.of()), NOW)).isEmpty();
  }
}
