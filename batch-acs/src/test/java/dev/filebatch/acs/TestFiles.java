package dev.filebatch.acs;

import dev.filebatch.FileError;
import dev.filebatch.FileResult;
import dev.filebatch.FileStatus;
import dev.filebatch.MediaType;
import java.time.Duration;

/** File results as the engine would make them, for testing what reads them. */
final class TestFiles {
  private TestFiles() {}

  /** A successful file result carrying a report. */
  static FileResult success(int index, String name, KnowledgeTestReport report) {
    return new FileResult(index, name, FileStatus.SUCCESS, report, null, 1, Duration.ofMillis(5), "pdf-text>aktr",
        "pdf-text", MediaType.PDF, 1000, "0".repeat(64), false);
  }

  /** A failed file result. */
  static FileResult failed(int index, String name) {
    return new FileResult(index, name, FileStatus.FAILED, null,
        new FileError(AktrParser.NOT_AN_AKTR, "not a report", ""), 1, Duration.ofMillis(5), "pdf-text>aktr",
        "pdf-text", MediaType.PDF, 1000, "0".repeat(64), false);
  }
}
