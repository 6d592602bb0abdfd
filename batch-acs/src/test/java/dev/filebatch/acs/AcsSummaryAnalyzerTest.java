package dev.filebatch.acs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.filebatch.BatchJson;
import dev.filebatch.FileResult;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AcsSummaryAnalyzerTest {
  private static final AcsCatalogue CATALOGUE = AcsCatalogue.standard();

  private static KnowledgeTestReport report(String name, String ftn, String exam, LocalDate date, int score,
      int take, String... codes) {
    List<AcsCode> acs = new ArrayList<>();
    for (String c : codes) {
      String[] p = c.split("\\.");
      acs.add(new AcsCode(c, CATALOGUE.area(p[0], p[1]).orElseThrow().title(),
          CATALOGUE.task(p[0], p[1], p[2]).orElseThrow().title()));
    }
    String title = switch (exam) {
      case "PAR" -> "Private Pilot Airplane";
      case "IRA" -> "Instrument Rating Airplane";
      default -> "Commercial Pilot Airplane";
    };
    return new KnowledgeTestReport(name, ftn, "1234567890", title, exam, date, score,
        score >= 70 ? Grade.PASS : Grade.FAIL, take, date.plusMonths(24), acs, List.of(), List.of(), Map.of());
  }

  private static List<FileResult> batch(KnowledgeTestReport... reports) {
    List<FileResult> files = new ArrayList<>();
    for (int i = 0; i < reports.length; i++) {
      files.add(TestFiles.success(i, "r" + (i + 1) + ".pdf", reports[i]));
    }
    return files;
  }

  private static final LocalDate D = LocalDate.of(2024, 1, 10);

  @Test
  void countsEachCodeAsAShareOfItsExamsReports() {
    KnowledgeTestSummary s = AcsSummaryAnalyzer.create().summarize(batch(
        report("A, ONE", "C1000001", "PAR", D, 80, 1, "PA.I.B.K2", "PA.I.C.K3"),
        report("B, TWO", "C1000002", "PAR", D, 75, 1, "PA.I.B.K2"),
        report("C, THREE", "C1000003", "PAR", D, 90, 1, "PA.VI.A.K1"),
        report("D, FOUR", "C1000004", "PAR", D, 95, 1)), null);
    assertThat(s.reportCount()).isEqualTo(4);
    assertThat(s.codeFrequencies()).first().satisfies(f -> {
      assertThat(f.code()).isEqualTo("PA.I.B.K2");
      assertThat(f.count()).isEqualTo(2);
      assertThat(f.percentage()).isEqualTo(50.0);
    });
  }

  @Test
  void weakAreasAreCodesInMoreThanThirtyPercentOfReportsPerExam() {
    KnowledgeTestSummary s = AcsSummaryAnalyzer.create().summarize(batch(
        report("A, ONE", "C1000001", "PAR", D, 80, 1, "PA.I.B.K2", "PA.I.C.K3"),
        report("B, TWO", "C1000002", "PAR", D, 75, 1, "PA.I.B.K2"),
        report("C, THREE", "C1000003", "PAR", D, 90, 1, "PA.I.C.K3"),
        report("D, FOUR", "C1000004", "PAR", D, 95, 1, "PA.VI.A.K1"),
        // one IRA report: its code is in 100% of IRA reports, but only 20% of all reports
        report("E, FIVE", "C1000005", "IRA", D, 72, 1, "IR.III.B.K1")), null);
    assertThat(s.commonWeakAreas()).extracting(KnowledgeTestSummary.WeakArea::code)
        .containsExactly("PA.I.B.K2", "PA.I.C.K3", "IR.III.B.K1");
    assertThat(s.commonWeakAreas().get(0).examCode()).isEqualTo("PAR");
    assertThat(s.commonWeakAreas().get(0).percentage()).isEqualTo(50.0);
    assertThat(s.commonWeakAreas().get(0).description())
        .isEqualTo("Preflight Preparation - Airworthiness Requirements");
    assertThat(s.commonWeakAreas().get(2).examCode()).isEqualTo("IRA");
    // PA.VI.A.K1 is in 25% of PAR reports: not above 30%
    assertThat(s.commonWeakAreas()).noneMatch(w -> w.code().equals("PA.VI.A.K1"));
  }

  @Test
  void weakAreaThresholdIsConfigurableAndStrict() {
    List<FileResult> files = batch(
        report("A, ONE", "C1000001", "PAR", D, 80, 1, "PA.I.B.K2"),
        report("B, TWO", "C1000002", "PAR", D, 75, 1),
        report("C, THREE", "C1000003", "PAR", D, 90, 1),
        report("D, FOUR", "C1000004", "PAR", D, 95, 1));
    assertThat(AcsSummaryAnalyzer.builder().weakAreaThreshold(0.25).build().summarize(files, null)
        .commonWeakAreas()).isEmpty();
    assertThat(AcsSummaryAnalyzer.builder().weakAreaThreshold(0.20).build().summarize(files, null)
        .commonWeakAreas()).hasSize(1);
    assertThatThrownBy(() -> AcsSummaryAnalyzer.builder().weakAreaThreshold(30))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fraction");
  }

  @Test
  void describesTheScoreDistributionAndPassRate() {
    KnowledgeTestSummary s = AcsSummaryAnalyzer.create().summarize(batch(
        report("A, ONE", "C1000001", "PAR", D, 60, 1),
        report("B, TWO", "C1000002", "PAR", D, 70, 1),
        report("C, THREE", "C1000003", "PAR", D, 80, 1),
        report("D, FOUR", "C1000004", "PAR", D, 100, 1)), null);
    KnowledgeTestSummary.ScoreDistribution d = s.scoreDistribution();
    assertThat(d.min()).isEqualTo(60);
    assertThat(d.max()).isEqualTo(100);
    assertThat(d.mean()).isEqualTo(77.5);
    assertThat(d.median()).isEqualTo(75.0);
    assertThat(d.stdDev()).isEqualTo(14.8);
    assertThat(d.buckets()).extracting(KnowledgeTestSummary.ScoreBucket::range)
        .containsExactly("60-69", "70-79", "80-89", "90-100");
    assertThat(d.buckets()).extracting(KnowledgeTestSummary.ScoreBucket::count).containsExactly(1, 1, 1, 1);
    assertThat(s.passRate()).isEqualTo(75.0);
  }

  @Test
  void tracksRepeatAttemptsByFtnWithResolvedAndRemainingCodes() {
    KnowledgeTestSummary s = AcsSummaryAnalyzer.create().summarize(batch(
        report("SMITH, JOHN", "C1000001", "PAR", D.plusDays(30), 84, 2, "PA.I.B.K2", "PA.VI.A.K1"),
        report("SMITH, JOHN", "C1000001", "PAR", D, 64, 1, "PA.I.B.K2", "PA.I.C.K3"),
        report("SMITH, JOHN", "C9999999", "PAR", D, 90, 1)), null);
    assertThat(s.trends()).hasSize(1);
    KnowledgeTestSummary.Trend t = s.trends().get(0);
    assertThat(t.matchedBy()).isEqualTo("ftn");
    assertThat(t.attempts()).extracting(KnowledgeTestSummary.Attempt::fileName).containsExactly("r2.pdf", "r1.pdf");
    assertThat(t.scoreChange()).isEqualTo(20);
    assertThat(t.codesResolved()).containsExactly("PA.I.C.K3");
    assertThat(t.codesStillMissed()).containsExactly("PA.I.B.K2");
    assertThat(t.newCodes()).containsExactly("PA.VI.A.K1");
  }

  @Test
  void matchesAttemptsWithoutFtnByTolerantName() {
    KnowledgeTestSummary s = AcsSummaryAnalyzer.create().summarize(batch(
        report("MCALLISTER, KATHERINE A", null, "IRA", D, 66, 1, "IR.I.B.K1"),
        report("Katherine McAllistor", null, "IRA", D.plusDays(20), 78, 2),
        report("MCALLISTER, KATHERINE", null, "PAR", D, 88, 1)), null);
    assertThat(s.trends()).singleElement().satisfies(t -> {
      assertThat(t.matchedBy()).isEqualTo("name");
      assertThat(t.examCode()).isEqualTo("IRA");
      assertThat(t.scoreChange()).isEqualTo(12);
      assertThat(t.codesResolved()).containsExactly("IR.I.B.K1");
    });
  }

  @Test
  void studyPlanOrdersByFrequencyThenAreaOrderAndNamesTheReports() {
    KnowledgeTestSummary s = AcsSummaryAnalyzer.create().summarize(batch(
        report("A, ONE", "C1000001", "PAR", D, 80, 1, "PA.IX.A.K1", "PA.II.A.K1", "PA.I.B.K2"),
        report("B, TWO", "C1000002", "PAR", D, 75, 1, "PA.IX.A.K1")), null);
    assertThat(s.studyPlan()).extracting(StudyPlanItem::code)
        .containsExactly("PA.IX.A.K1", "PA.I.B.K2", "PA.II.A.K1");
    StudyPlanItem first = s.studyPlan().get(0);
    assertThat(first.priority()).isEqualTo(1);
    assertThat(first.area()).isEqualTo("Emergency Operations");
    assertThat(first.task()).isEqualTo("Emergency Descent");
    assertThat(first.reports()).containsExactly("r1.pdf", "r2.pdf");
  }

  @Test
  void ignoresFailedFiles() {
    List<FileResult> files = new ArrayList<>(batch(report("A, ONE", "C1000001", "PAR", D, 80, 1, "PA.I.B.K2")));
    files.add(TestFiles.failed(1, "photo.jpg"));
    assertThat(AcsSummaryAnalyzer.create().summarize(files, null).reportCount()).isEqualTo(1);
  }

  @Test
  void summarisesAnEmptyBatch() {
    KnowledgeTestSummary s = AcsSummaryAnalyzer.create().summarize(List.of(), null);
    assertThat(s.reportCount()).isZero();
    assertThat(s.passRate()).isNull();
    assertThat(s.scoreDistribution().count()).isZero();
  }

  @Test
  void serialisesWithTheOriginApiNames() {
    KnowledgeTestSummary s = AcsSummaryAnalyzer.create().summarize(batch(
        report("A, ONE", "C1000001", "PAR", D, 80, 1, "PA.I.B.K2"),
        report("A, ONE", "C1000001", "PAR", D.plusDays(3), 90, 2)), null);
    JsonNode json = BatchJson.mapper().readTree(BatchJson.write(s));
    assertThat(json.has("common_weak_areas")).isTrue();
    assertThat(json.get("common_weak_areas").get(0).propertyNames())
        .contains("code", "frequency", "percentage", "description");
    assertThat(json.get("score_distribution").propertyNames()).contains("min", "max", "mean", "median", "std_dev");
    assertThat(json.has("pass_rate")).isTrue();
    assertThat(json.get("trends").get(0).has("codes_resolved")).isTrue();
    assertThat(json.get("study_plan").get(0).get("reports").get(0).asString()).isEqualTo("r1.pdf");
  }

  @Test
  void reportSerialisesWithTheOriginApiNamesAndIsoDates() {
    KnowledgeTestReport r = report("A, ONE", "C1000001", "PAR", D, 80, 1, "PA.I.B.K2");
    JsonNode json = BatchJson.mapper().readTree(BatchJson.write(r));
    assertThat(json.propertyNames()).contains("applicant_name", "ftn", "exam_id", "exam_title", "exam_code",
        "exam_date", "score", "grade", "take", "expiration_date", "acs_codes", "plt_codes");
    assertThat(json.get("exam_date").asString()).isEqualTo("2024-01-10");
    assertThat(json.get("grade").asString()).isEqualTo("pass");
    assertThat(json.get("acs_codes").get(0).get("task").asString()).isEqualTo("Airworthiness Requirements");
    assertThat(BatchJson.read(BatchJson.write(r), KnowledgeTestReport.class)).isEqualTo(r);
  }
}
