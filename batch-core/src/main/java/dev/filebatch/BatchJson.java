package dev.filebatch;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON form of batch results: snake_case names ({@code batch_id}, {@code processing_time_ms}...), ISO-8601
 * dates, enums in lower case. Batch and file results leave absent values out; payload and summary records are
 * written with the same naming, so a processor's {@code examDate} becomes {@code exam_date}, and keep their
 * {@code null}s unless they say otherwise with {@code @JsonInclude}.
 */
public final class BatchJson {
  private static final JsonMapper MAPPER = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private BatchJson() {}

  /** The shared, thread-safe mapper. Use {@code mapper().rebuild()} to derive one with other settings. */
  public static JsonMapper mapper() {
    return MAPPER;
  }

  /** Writes a value (a {@link BatchResult}, a payload, a summary) as compact JSON. */
  public static String write(Object value) {
    return MAPPER.writeValueAsString(value);
  }

  /** Writes a value as indented JSON. */
  public static String writePretty(Object value) {
    return MAPPER.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
  }

  /**
   * Reads JSON into the given type.
   *
   * @throws JacksonException if the JSON is malformed or does not fit the type
   */
  public static <T> T read(String json, Class<T> type) {
    return MAPPER.readValue(json, type);
  }

  /** The mapper as a plain {@link ObjectMapper}. */
  static ObjectMapper objectMapper() {
    return MAPPER;
  }
}
