package dev.filebatch.svg;

import dev.filebatch.BatchJson;
import dev.filebatch.FileResult;
import dev.filebatch.spi.Summarizer;
import dev.filebatch.spi.SummaryContext;
import java.io.BufferedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The {@code zip_archive} batch output: a ZIP of every converted file plus a {@code manifest.json} mapping every
 * input, failed ones included, to its output, status and error. The archive is streamed straight to disk, one
 * output at a time; entry names are unique (a clash gets {@code -2}, {@code -3}... before the extension).
 */
public final class SvgZipSummarizer implements Summarizer<SvgArchiveSummary> {
  /** The manifest's entry name. */
  public static final String MANIFEST = "manifest.json";

  private final String fileName;

  /** A summarizer writing {@code drawings.zip}. */
  public SvgZipSummarizer() {
    this("drawings.zip");
  }

  /**
   * A summarizer with its own archive name.
   *
   * @param fileName the wished-for file name, ending in {@code .zip}; made unique in the batch's output folder
   */
  public SvgZipSummarizer(String fileName) {
    this.fileName = Objects.requireNonNull(fileName, "fileName");
    if (!fileName.toLowerCase(Locale.ROOT).endsWith(".zip")) {
      throw new IllegalArgumentException("the archive's file name must end in .zip, was '" + fileName + "'");
    }
  }

  @Override
  public SvgArchiveSummary summarize(List<FileResult> files, SummaryContext context) throws Exception {
    Path target = context.newArtifact(fileName);
    List<SvgArchiveSummary.Entry> manifest = new ArrayList<>();
    Set<String> names = new HashSet<>();
    names.add(MANIFEST.toLowerCase(Locale.ROOT));
    int outputs = 0;
    try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(target)))) {
      for (FileResult file : files) {
        String output = null;
        if (file.hasPayload() && file.payload() instanceof SvgConversion conversion
            && Files.isRegularFile(Path.of(conversion.path()))) {
          output = unique(conversion.outputFile(), names);
          zip.putNextEntry(new ZipEntry(output));
          Files.copy(Path.of(conversion.path()), zip);
          zip.closeEntry();
          outputs++;
        }
        manifest.add(new SvgArchiveSummary.Entry(file.fileName(), output, file.status(), file.error()));
      }
      zip.putNextEntry(new ZipEntry(MANIFEST));
      // written as bytes: the mapper would otherwise close the zip stream with the entry
      zip.write(BatchJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(
          new SvgArchiveSummary.Manifest(context.batchId().toString(), manifest)));
      zip.closeEntry();
    }
    return new SvgArchiveSummary(target.getFileName().toString(), target.toAbsolutePath().toString(), outputs,
        manifest, Files.size(target));
  }

  private static String unique(String name, Set<String> taken) {
    String safe = name.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_");
    if (safe.isBlank() || safe.startsWith(".")) {
      safe = "output" + safe;
    }
    String base = safe;
    String ext = "";
    int dot = safe.lastIndexOf('.');
    if (dot > 0) {
      base = safe.substring(0, dot);
      ext = safe.substring(dot);
    }
    String candidate = safe;
    for (int n = 2; !taken.add(candidate.toLowerCase(Locale.ROOT)); n++) {
      candidate = base + "-" + n + ext;
    }
    return candidate;
  }
}
