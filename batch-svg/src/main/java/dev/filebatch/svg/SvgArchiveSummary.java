package dev.filebatch.svg;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.filebatch.FileError;
import dev.filebatch.FileStatus;
import java.util.List;

/**
 * The {@code zip_archive} batch output.
 *
 * @param outputFile the archive's file name in the batch's output folder
 * @param path the archive's absolute path
 * @param outputs how many converted files it holds
 * @param files the manifest: every input in input order with its output entry, status and error
 * @param bytes the archive's size in bytes
 */
@JsonPropertyOrder({"output_file", "outputs", "files", "bytes", "path"})
public record SvgArchiveSummary(
    @JsonProperty("output_file") String outputFile,
    @JsonProperty("path") String path,
    @JsonProperty("outputs") int outputs,
    @JsonProperty("files") List<Entry> files,
    @JsonProperty("bytes") long bytes) {
  /** Copies the list. */
  public SvgArchiveSummary {
    files = List.copyOf(files);
  }

  /**
   * One input in the manifest.
   *
   * @param input the input's file name in the batch
   * @param output its entry name in the archive, or {@code null} when it has none (failed)
   * @param status success, partial or failed
   * @param error why it failed, or {@code null}
   */
  @JsonPropertyOrder({"input", "output", "status", "error"})
  public record Entry(
      @JsonProperty("input") String input,
      @JsonProperty("output") String output,
      @JsonProperty("status") FileStatus status,
      @JsonProperty("error") FileError error) {}

  /**
   * The {@code manifest.json} inside the archive.
   *
   * @param batchId the batch's id
   * @param files every input, in input order
   */
  @JsonPropertyOrder({"batch_id", "files"})
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Manifest(@JsonProperty("batch_id") String batchId, @JsonProperty("files") List<Entry> files) {
    /** Copies the list. */
    public Manifest {
      files = List.copyOf(files);
    }
  }
}
