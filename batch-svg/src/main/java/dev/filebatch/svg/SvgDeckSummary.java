package dev.filebatch.svg;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The {@code single_pptx} batch output.
 *
 * @param outputFile the deck's file name in the batch's output folder
 * @param path the deck's absolute path
 * @param slides how many slides it holds: one per successfully converted SVG
 * @param skipped the files that got no slide (failed, or not converted to PPTX), in input order
 * @param bytes the deck's size in bytes
 */
@JsonPropertyOrder({"output_file", "slides", "skipped", "bytes", "path"})
public record SvgDeckSummary(
    @JsonProperty("output_file") String outputFile,
    @JsonProperty("path") String path,
    @JsonProperty("slides") int slides,
    @JsonProperty("skipped") List<String> skipped,
    @JsonProperty("bytes") long bytes) {
  /** Copies the list. */
  public SvgDeckSummary {
    skipped = List.copyOf(skipped);
  }
}
