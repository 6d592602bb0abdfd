package dev.filebatch;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What {@link BatchProcessor#inspect(BatchInput)} learned about one file without processing it.
 *
 * @param index position in the batch
 * @param fileName the name within the batch
 * @param origin where it came from (path, part name, {@code archive.zip!/entry})
 * @param mediaType the type detected from content, or {@code null} if intake failed first
 * @param size bytes
 * @param sha256 lower-case hex SHA-256, or {@code null} if intake failed first
 * @param processor the processor that would take it, or {@code null}
 * @param error why it would fail before reaching a processor, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FileInspection(
    @JsonProperty("index") int index,
    @JsonProperty("file_name") String fileName,
    @JsonProperty("origin") String origin,
    @JsonProperty("media_type") MediaType mediaType,
    @JsonProperty("size") long size,
    @JsonProperty("sha256") String sha256,
    @JsonProperty("processor") String processor,
    @JsonProperty("error") FileError error) {}
