package dev.filebatch.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.filebatch.BatchJson;
import dev.filebatch.BatchResult;
import dev.filebatch.BatchStatus;
import dev.filebatch.ErrorCode;
import dev.filebatch.FileError;
import dev.filebatch.FileResult;
import dev.filebatch.FileStatus;
import dev.filebatch.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class JsonTest {
  record Report(String applicantName, LocalDate examDate, int score) {}

  @Test
  void batchResultUsesTheDocumentedFieldNames() {
    UUID id = UUID.fromString("00000000-0000-0000-0000-000000000001");
    BatchResult r = new BatchResult(id, BatchStatus.PARTIAL, Instant.parse("2026-11-23T10:00:00Z"),
        Duration.ofMillis(1234), List.of(
            new FileResult(0, "a.pdf", FileStatus.SUCCESS, new Report("Jane Doe", LocalDate.of(2026, 1, 2), 85),
                null, 1, Duration.ofMillis(100), "pdf-text", "pdf-text", MediaType.PDF, 10, "ab", false),
            new FileResult(1, "b.png", FileStatus.FAILED, null,
                FileError.of(ErrorCode.IMAGE_TOO_LARGE, "too big", "shrink it"), 0, Duration.ZERO, null, null,
                MediaType.PNG, 20, "cd", false)),
        null);
    JsonNode json = BatchJson.mapper().readTree(BatchJson.write(r));
    assertThat(json.get("batch_id").asString()).isEqualTo(id.toString());
    assertThat(json.get("status").asString()).isEqualTo("partial");
    assertThat(json.get("processing_time_ms").asLong()).isEqualTo(1234);
    assertThat(json.get("total_files").asInt()).isEqualTo(2);
    assertThat(json.get("successful_files").asInt()).isEqualTo(1);
    assertThat(json.get("failed_files").asInt()).isEqualTo(1);
    JsonNode first = json.get("files").get(0);
    assertThat(first.get("file_name").asString()).isEqualTo("a.pdf");
    assertThat(first.get("status").asString()).isEqualTo("success");
    assertThat(first.get("processor").asString()).isEqualTo("pdf-text");
    assertThat(first.get("attempts").asInt()).isEqualTo(1);
    assertThat(first.get("processing_time_ms").asLong()).isEqualTo(100);
    assertThat(first.get("result").get("applicant_name").asString()).isEqualTo("Jane Doe");
    assertThat(first.get("result").get("exam_date").asString()).isEqualTo("2026-01-02");
    assertThat(first.has("error")).isFalse();
    JsonNode second = json.get("files").get(1);
    assertThat(second.get("status").asString()).isEqualTo("failed");
    assertThat(second.get("error").get("code").asString()).isEqualTo("IMAGE_TOO_LARGE");
    assertThat(second.get("error").get("message").asString()).isEqualTo("too big");
    assertThat(second.get("error").get("remediation").asString()).isEqualTo("shrink it");
  }

  @Test
  void fileErrorRoundTrips() {
    FileError e = FileError.of(ErrorCode.of("NOT_AN_AKTR"), "m", "r");
    assertThat(BatchJson.read(BatchJson.write(e), FileError.class)).isEqualTo(e);
  }
}
