package dev.filebatch.svg;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The result of converting one SVG: where the output is and what it is.
 *
 * @param outputFile the output's file name, relative to the batch's output folder (unique within the batch)
 * @param path the output's absolute path
 * @param format the output format
 * @param width the output's width: pixels for PNG/JPEG, points for PDF pages and PPTX slides
 * @param height the output's height, in the same unit
 * @param unit {@code px} for raster outputs, {@code pt} for PDF and PPTX
 * @param renderer the engine that drew the output (PDF is always {@code batik}; PPTX names the fallback's)
 * @param bytes the output's size in bytes
 */
@JsonPropertyOrder({"output_file", "format", "width", "height", "unit", "renderer", "bytes", "path"})
public record SvgConversion(
    @JsonProperty("output_file") String outputFile,
    @JsonProperty("path") String path,
    @JsonProperty("format") SvgFormat format,
    @JsonProperty("width") int width,
    @JsonProperty("height") int height,
    @JsonProperty("unit") String unit,
    @JsonProperty("renderer") SvgRenderer renderer,
    @JsonProperty("bytes") long bytes) {}
