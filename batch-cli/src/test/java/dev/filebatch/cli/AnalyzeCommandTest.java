package dev.filebatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.filebatch.BatchJson;
import dev.filebatch.acs.fixtures.AktrGenerator;
import dev.filebatch.acs.fixtures.GroundTruth;
import dev.filebatch.acs.fixtures.Layout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class AnalyzeCommandTest {
  @TempDir Path tmp;

  private List<GroundTruth> writePdfs(Path dir, int n) throws Exception {
    Files.createDirectories(dir);
    List<GroundTruth> truths = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      GroundTruth t = AktrGenerator.randomTruth(100 + i);
      truths.add(t);
      Files.write(dir.resolve("report-" + i + ".pdf"), AktrGenerator.generatePdf(t, Layout.values()[i % 3]));
    }
    return truths;
  }

  @Test
  void analysesReportPdfsIntoJsonWithEveryFieldAndASummary() throws Exception {
    List<GroundTruth> truths = writePdfs(tmp.resolve("reports"), 3);
    CliRun run = CliRun.of("analyze", tmp.resolve("reports").toString(), "--json", "--isolation", "none");
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    JsonNode json = BatchJson.mapper().readTree(run.out());
    assertThat(json.get("status").asString()).isEqualTo("completed");
    for (int i = 0; i < truths.size(); i++) {
      JsonNode file = json.get("files").get(i);
      JsonNode report = file.get("result");
      GroundTruth t = truths.get(i);
      assertThat(file.get("processor").asString()).isEqualTo("pdf-text>aktr");
      assertThat(report.get("applicant_name").asString()).isEqualTo(t.applicantName());
      assertThat(report.get("exam_code").asString()).isEqualTo(t.examCode());
      assertThat(report.get("exam_date").asString()).isEqualTo(t.examDate().toString());
      assertThat(report.get("score").asInt()).isEqualTo(t.score());
      List<String> codes = new ArrayList<>();
      report.get("acs_codes").forEach(c -> codes.add(c.get("code").asString()));
      assertThat(codes).containsExactlyInAnyOrderElementsOf(t.acsCodes());
    }
    JsonNode summary = json.get("summary");
    assertThat(summary.has("common_weak_areas")).isTrue();
    assertThat(summary.has("score_distribution")).isTrue();
    assertThat(summary.has("study_plan")).isTrue();
  }

  @Test
  void withoutOcrDataPhotosFailWithTheirOwnCodeAndPdfsStillWork() throws Exception {
    writePdfs(tmp.resolve("mixed"), 1);
    Files.write(tmp.resolve("mixed").resolve("photo.jpg"),
        AktrGenerator.generatePhoto(AktrGenerator.randomTruth(7), 7));
    Path empty = Files.createDirectories(tmp.resolve("no-tessdata"));
    CliRun run = CliRun.of("analyze", tmp.resolve("mixed").toString(), "--tessdata", empty.toString(), "--json",
        "--isolation", "none");
    assertThat(run.exitCode()).isEqualTo(1);
    JsonNode json = BatchJson.mapper().readTree(run.out());
    // folder contents come in path order: photo.jpg, then report-0.pdf
    JsonNode photo = json.get("files").get(0);
    assertThat(photo.get("file_name").asString()).isEqualTo("photo.jpg");
    assertThat(photo.get("status").asString()).isEqualTo("failed");
    assertThat(photo.get("error").get("code").asString()).isEqualTo("OCR_UNAVAILABLE");
    assertThat(photo.get("error").get("remediation").asString()).containsIgnoringCase("tessdata");
    assertThat(json.get("files").get(1).get("status").asString()).isEqualTo("success");
  }

  @Test
  void readsAPhotoWithTheBundledModelInAForkedWorker() throws Exception {
    GroundTruth t = AktrGenerator.randomTruth(11);
    Path photo = Files.write(tmp.resolve("photo.jpg"), AktrGenerator.generatePhoto(t, 11));
    CliRun run = CliRun.of("analyze", photo.toString(), "--json", "--isolation", "forked", "--file-timeout", "120s");
    JsonNode json = BatchJson.mapper().readTree(run.out());
    JsonNode file = json.get("files").get(0);
    assertThat(file.get("processor").asString()).as(run.out() + run.err()).isEqualTo("vision-ocr>aktr");
    assertThat(file.get("status").asString()).as(run.out()).isIn("success", "partial");
    List<String> codes = new ArrayList<>();
    file.get("result").get("acs_codes").forEach(c -> codes.add(c.get("code").asString()));
    assertThat(codes).containsExactlyInAnyOrderElementsOf(t.acsCodes());
  }

  @Test
  void humanReportShowsOutcomesWeakAreasAndStudyPlan() throws Exception {
    writePdfs(tmp.resolve("reports"), 3);
    CliRun run = CliRun.of("analyze", tmp.resolve("reports").toString(), "--isolation", "none", "-q");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Files:").contains("report-0.pdf").contains("Scores:")
        .contains("Weak areas").contains("Study plan");
  }

  @Test
  void inspectTellsTypeAndProcessorWithoutProcessing() throws Exception {
    writePdfs(tmp.resolve("reports"), 1);
    Files.writeString(tmp.resolve("reports").resolve("notes.txt"), "hello");
    Files.writeString(tmp.resolve("reports").resolve("drawing.svg"), ConvertCommandTest.SVG);
    CliRun run = CliRun.of("inspect", tmp.resolve("reports").toString(), "--json");
    assertThat(run.exitCode()).isEqualTo(1);
    JsonNode files = BatchJson.mapper().readTree(run.out()).get("files");
    assertThat(files.get(0).get("processor").asString()).isEqualTo("svg-convert");
    assertThat(files.get(1).get("error").get("code").asString()).isEqualTo("UNSUPPORTED_TYPE");
    assertThat(files.get(2).get("media_type").asString()).isEqualTo("application/pdf");
    assertThat(files.get(2).get("processor").asString()).isEqualTo("pdf-text>aktr");
  }
}
