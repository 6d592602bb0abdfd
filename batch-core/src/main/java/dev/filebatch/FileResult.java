package dev.filebatch;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Duration;
import java.util.Objects;

/**
 * The final outcome of one file of a batch.
 *
 * @param index the file's position in the batch, from 0, in input order (archive entries in archive order)
 * @param fileName the file's name as the batch knows it: base name only, made unique within the batch
 * @param status success, partial or failed
 * @param payload what the processor returned, or {@code null} when the file failed
 * @param error why the file failed or is partial; {@code null} on success
 * @param attempts how many times the processor ran (0 when the file never reached one, e.g. rejected at intake)
 * @param duration wall time spent on the file, retries and back-off included
 * @param processor the id of the processor that handled the file, or {@code null} if none did
 * @param lane the lane the file ran in (the processor id, or {@code null})
 * @param mediaType the type detected from content, or {@code null} if intake failed before detection
 * @param size the file's size in bytes as streamed into the workspace
 * @param sha256 the lower-case hex SHA-256 of the bytes, or {@code null} if intake failed before hashing or the
 *     workspace copy could no longer be read when the hash was first needed (a processor deleted it, say)
 * @param cached whether the payload came from the result cache instead of running the processor
 */
@JsonPropertyOrder({"file_name", "status", "processor", "attempts", "processing_time_ms", "error", "result"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FileResult(
    @JsonIgnore int index,
    @JsonProperty("file_name") String fileName,
    @JsonProperty("status") FileStatus status,
    @JsonProperty("result") Object payload,
    @JsonProperty("error") FileError error,
    @JsonProperty("attempts") int attempts,
    @JsonIgnore Duration duration,
    @JsonProperty("processor") String processor,
    @JsonIgnore String lane,
    @JsonProperty("media_type") MediaType mediaType,
    @JsonProperty("size") long size,
    @JsonProperty("sha256") String sha256,
    @JsonProperty("cached") boolean cached) {

  /** Validates the components: a failed or partial file has an error, a successful one none. */
  public FileResult {
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(duration, "duration");
    if (status == FileStatus.SUCCESS && error != null) {
      throw new IllegalArgumentException("a successful file has no error");
    }
    if (status != FileStatus.SUCCESS && error == null) {
      throw new IllegalArgumentException("a " + status + " file needs an error");
    }
    if (attempts < 0) {
      throw new IllegalArgumentException("attempts < 0");
    }
  }

  /** The wall time in milliseconds, as serialised. */
  @JsonProperty("processing_time_ms")
  public long processingTimeMillis() {
    return duration.toMillis();
  }

  /** Whether the file produced a usable payload (success or partial). */
  @JsonIgnore
  public boolean hasPayload() {
    return status != FileStatus.FAILED;
  }

  /** The payload cast to the given type, for summarizers. */
  public <T> T payload(Class<T> type) {
    return type.cast(payload);
  }
}
