package dev.filebatch.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parsers for the human-friendly values of flags: sizes such as {@code 10MB} and durations such as {@code 30s}. */
final class Values {
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmg]?)(i?b)?", Pattern.CASE_INSENSITIVE);
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)", Pattern.CASE_INSENSITIVE);

  private Values() {}

  /** {@code 512}, {@code 64k}, {@code 10MB}, {@code 1g}: binary multiples (1 MB = 1,048,576 bytes). */
  static long parseSize(String text) {
    Matcher m = SIZE.matcher(text.strip());
    if (!m.matches()) {
      throw new TypeConversionException("'" + text + "' is not a size: use e.g. 512k, 10MB or 1g");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2).toLowerCase(Locale.ROOT)) {
      case "k" -> n * 1024;
      case "m" -> n * 1024 * 1024;
      case "g" -> n * 1024 * 1024 * 1024;
      default -> n;
    };
  }

  /** {@code 500ms}, {@code 30s}, {@code 10m}, {@code 1h}, or ISO-8601 such as {@code PT30S}. */
  static Duration parseDuration(String text) {
    String t = text.strip();
    if (t.toUpperCase(Locale.ROOT).startsWith("P")) {
      try {
        return Duration.parse(t);
      } catch (RuntimeException e) {
        throw new TypeConversionException("'" + text + "' is not a duration: use e.g. 500ms, 30s or 10m");
      }
    }
    Matcher m = DURATION.matcher(t);
    if (!m.matches()) {
      throw new TypeConversionException("'" + text + "' is not a duration: use e.g. 500ms, 30s or 10m");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2).toLowerCase(Locale.ROOT)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofHours(n);
    };
  }

  static String formatSize(long bytes) {
    if (bytes >= 1024L * 1024 && bytes % (1024L * 1024) == 0) {
      return bytes / (1024L * 1024) + "MB";
    }
    if (bytes >= 1024 && bytes % 1024 == 0) {
      return bytes / 1024 + "k";
    }
    return Long.toString(bytes);
  }

  static final class SizeConverter implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      return parseSize(value);
    }
  }

  static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      return parseDuration(value);
    }
  }
}
