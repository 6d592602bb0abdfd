package dev.filebatch.acs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.LocalDate;
import java.util.List;

/**
 * The batch summary of knowledge test reports, produced by {@link AcsSummaryAnalyzer}.
 *
 * @param reportCount how many reports were analysed (successful and partial files)
 * @param exams the exams seen, with their report counts
 * @param codeFrequencies every ACS code seen: in how many reports, and what percentage of its exam's reports
 * @param commonWeakAreas codes missed in more than the threshold share of their exam's reports, grouped per exam
 *     (a PAR code is only ever compared with PAR reports)
 * @param scoreDistribution min, max, mean, median, standard deviation and buckets of the scores
 * @param passRate the percentage (0 to 100) of reports graded pass, or {@code null} with no grade
 * @param trends per person with several attempts at the same exam: score change and codes resolved or still missed
 * @param studyPlan every missed code, most frequent first, then in ACS order
 * @param weakAreaThreshold the threshold used, as a fraction (0.30 = codes in more than 30% of reports)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "report_count", "exams", "common_weak_areas", "score_distribution", "pass_rate", "trends", "study_plan",
  "code_frequencies", "weak_area_threshold"
})
public record KnowledgeTestSummary(
    int reportCount,
    List<ExamGroup> exams,
    List<CodeFrequency> codeFrequencies,
    List<WeakArea> commonWeakAreas,
    ScoreDistribution scoreDistribution,
    Double passRate,
    List<Trend> trends,
    List<StudyPlanItem> studyPlan,
    double weakAreaThreshold) {

  /** Copies the lists. */
  public KnowledgeTestSummary {
    exams = List.copyOf(exams);
    codeFrequencies = List.copyOf(codeFrequencies);
    commonWeakAreas = List.copyOf(commonWeakAreas);
    trends = List.copyOf(trends);
    studyPlan = List.copyOf(studyPlan);
  }

  /**
   * One exam of the batch.
   *
   * @param examCode e.g. {@code PAR}; {@code null} when the reports did not show it (they are grouped by ACS prefix)
   * @param examTitle the title printed most often
   * @param reportCount how many reports of this exam
   */
  public record ExamGroup(String examCode, String examTitle, int reportCount) {}

  /**
   * How often one code was missed.
   *
   * @param code the ACS code
   * @param examCode the exam whose reports were counted
   * @param count in how many reports it appears
   * @param percentage {@code count} as a percentage of that exam's reports
   */
  public record CodeFrequency(String code, String examCode, int count, double percentage) {}

  /**
   * A consistent weak area: a code missed in more than the threshold share of its exam's reports.
   *
   * @param code the ACS code
   * @param examCode the exam it belongs to
   * @param frequency in how many of that exam's reports it appears
   * @param percentage {@code frequency} as a percentage of that exam's reports
   * @param description the area and task titles, e.g. {@code Preflight Preparation - Airworthiness Requirements}
   */
  @JsonPropertyOrder({"code", "frequency", "percentage", "description", "exam_code"})
  public record WeakArea(String code, String examCode, int frequency, double percentage, String description) {}

  /**
   * Statistics of the scores read.
   *
   * @param count how many reports had a score
   * @param min lowest score
   * @param max highest score
   * @param mean arithmetic mean, rounded to 0.1
   * @param median median, rounded to 0.1
   * @param stdDev population standard deviation, rounded to 0.1
   * @param buckets counts per score range, from the lowest to the highest non-empty range
   */
  @JsonPropertyOrder({"count", "min", "max", "mean", "median", "std_dev", "buckets"})
  public record ScoreDistribution(int count, Integer min, Integer max, Double mean, Double median, Double stdDev,
      List<ScoreBucket> buckets) {}

  /**
   * Reports whose score lies in {@code [from, to]}.
   *
   * @param range e.g. {@code 70-79}
   * @param from lowest score of the range
   * @param to highest score of the range
   * @param count reports in the range
   */
  public record ScoreBucket(String range, int from, int to, int count) {}

  /**
   * One person's repeated attempts at one exam, oldest first.
   *
   * @param applicantName the name from the latest report
   * @param ftn the FAA Tracking Number when known
   * @param examCode the exam
   * @param matchedBy {@code ftn} or {@code name} (normalised, tolerant of small OCR differences)
   * @param attempts every attempt, oldest first
   * @param scoreChange latest score minus first score, when both are known
   * @param codesResolved codes missed on the first attempt and not on the latest
   * @param codesStillMissed codes missed on both the first and the latest attempt
   * @param newCodes codes missed on the latest attempt only
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Trend(String applicantName, String ftn, String examCode, String matchedBy, List<Attempt> attempts,
      Integer scoreChange, List<String> codesResolved, List<String> codesStillMissed, List<String> newCodes) {}

  /**
   * One attempt in a {@link Trend}.
   *
   * @param fileName the report's file
   * @param examDate the exam date
   * @param take the take number printed
   * @param score the score
   * @param grade the grade
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Attempt(String fileName, LocalDate examDate, Integer take, Integer score, Grade grade) {}
}
