package dev.filebatch.acs;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * One entry of a study plan: a missed ACS code to review, with where it appears.
 *
 * @param priority 1 for the first item to study
 * @param code the ACS code
 * @param examCode the exam whose reports list it
 * @param frequency in how many reports of that exam it appears
 * @param percentage {@code frequency} as a percentage of that exam's reports
 * @param area the area of operation's title
 * @param task the task's title
 * @param reports the file names of the reports listing it
 */
@JsonPropertyOrder({"priority", "code", "area", "task", "frequency", "percentage", "exam_code", "reports"})
public record StudyPlanItem(int priority, String code, String examCode, int frequency, double percentage, String area,
    String task, List<String> reports) {
  /** Copies the list. */
  public StudyPlanItem {
    reports = List.copyOf(reports);
  }
}
