package dev.filebatch;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The complete outcome of an accepted batch: every input file in input order, each in exactly one final state,
 * and the summary the configured {@link dev.filebatch.spi.Summarizer} made of them.
 *
 * <p>The counts always add up: {@code totalFiles() == successfulFiles() + failedFiles()}, where partial files
 * count as successful (they carry a payload) and are also counted by {@link #partialFiles()}.
 *
 * @param batchId the batch's id, the same as its {@link BatchJob#id()}
 * @param status completed, partial or failed
 * @param createdAt when the batch was submitted
 * @param duration wall time from submission to the last file's end (summary included)
 * @param files one result per input file, in input order
 * @param summary the summarizer's output, or {@code null} without a summarizer
 * @param skipped what intake left out on purpose and did not count as files (hidden and {@code __MACOSX/}
 *     archive entries, hidden files and links in folders), by origin
 */
@JsonPropertyOrder({"batch_id", "status", "processing_time_ms", "total_files", "successful_files", "failed_files",
    "files", "summary"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BatchResult(
    @JsonProperty("batch_id") UUID batchId,
    @JsonProperty("status") BatchStatus status,
    @JsonProperty("created_at") Instant createdAt,
    @JsonIgnore Duration duration,
    @JsonProperty("files") List<FileResult> files,
    @JsonProperty("summary") Object summary,
    @JsonProperty("skipped") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> skipped) {

  /** Validates the components and copies the lists. */
  public BatchResult {
    Objects.requireNonNull(batchId, "batchId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(duration, "duration");
    files = List.copyOf(files);
    skipped = skipped == null ? List.of() : List.copyOf(skipped);
  }

  /** A result with nothing skipped. */
  public BatchResult(UUID batchId, BatchStatus status, Instant createdAt, Duration duration, List<FileResult> files,
      Object summary) {
    this(batchId, status, createdAt, duration, files, summary, List.of());
  }

  /** The status that the given files imply: completed if all succeeded, failed if none did, else partial. */
  public static BatchStatus statusOf(List<FileResult> files) {
    long ok = files.stream().filter(f -> f.status() == FileStatus.SUCCESS).count();
    long failed = files.stream().filter(f -> f.status() == FileStatus.FAILED).count();
    if (!files.isEmpty() && ok == files.size()) {
      return BatchStatus.COMPLETED;
    }
    if (failed == files.size()) {
      return BatchStatus.FAILED;
    }
    return BatchStatus.PARTIAL;
  }

  /** The number of files in the batch. */
  @JsonProperty("total_files")
  public int totalFiles() {
    return files.size();
  }

  /** Files that produced a payload: {@link FileStatus#SUCCESS} and {@link FileStatus#PARTIAL}. */
  @JsonProperty("successful_files")
  public int successfulFiles() {
    return (int) files.stream().filter(FileResult::hasPayload).count();
  }

  /** Files that ended {@link FileStatus#PARTIAL} (also counted by {@link #successfulFiles()}). */
  @JsonProperty("partial_files")
  public int partialFiles() {
    return (int) files.stream().filter(f -> f.status() == FileStatus.PARTIAL).count();
  }

  /** Files that ended {@link FileStatus#FAILED}. */
  @JsonProperty("failed_files")
  public int failedFiles() {
    return (int) files.stream().filter(f -> f.status() == FileStatus.FAILED).count();
  }

  /** Wall time in milliseconds, as serialised. */
  @JsonProperty("processing_time_ms")
  public long processingTimeMillis() {
    return duration.toMillis();
  }
}
