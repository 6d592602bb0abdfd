package dev.filebatch.acs;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one Airman Knowledge Test Report (AKTR) says. Fields the parser could not read are {@code null} and have a
 * confidence of 0; {@link #confidence()} gives, per field name (the JSON names), how sure the parser is, from 0 to 1
 * (1 = read cleanly, lower = repaired from OCR noise or inferred).
 *
 * <p>The name, FTN and exam id are personal data: never log them above DEBUG.
 *
 * @param applicantName the applicant's name as printed, whitespace collapsed
 * @param ftn the FAA Tracking Number, e.g. {@code C1234567}
 * @param examId the exam id
 * @param examTitle the exam title without its code, e.g. {@code Private Pilot Airplane}
 * @param examCode the three-letter exam code, e.g. {@code PAR}
 * @param examDate the exam date
 * @param score the score, 0 to 100
 * @param grade pass or fail
 * @param take which attempt this was, from 1
 * @param expirationDate when the test result expires
 * @param acsCodes the ACS codes of topics answered incorrectly, validated against the catalogue, no duplicates, in
 *     the order printed
 * @param pltCodes the older learning statement codes (e.g. {@code PLT058}), no duplicates, in the order printed
 * @param unrecognizedCodes code-like text that did not validate against the catalogue (kept for review)
 * @param confidence per field, 0 to 1
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "applicant_name", "ftn", "exam_id", "exam_title", "exam_code", "exam_date", "score", "grade", "take",
  "expiration_date", "acs_codes", "plt_codes", "unrecognized_codes", "confidence"
})
public record KnowledgeTestReport(
    String applicantName,
    String ftn,
    String examId,
    String examTitle,
    String examCode,
    LocalDate examDate,
    Integer score,
    Grade grade,
    Integer take,
    LocalDate expirationDate,
    List<AcsCode> acsCodes,
    List<String> pltCodes,
    List<String> unrecognizedCodes,
    Map<String, Double> confidence) {

  /** The fields a report must have to be complete; any missing one makes the file PARTIAL. */
  public static final List<String> REQUIRED_FIELDS =
      List.of("applicant_name", "exam_code", "exam_date", "score", "grade");

  /** Copies the lists and map; {@code null} lists become empty. */
  public KnowledgeTestReport {
    acsCodes = acsCodes == null ? List.of() : List.copyOf(acsCodes);
    pltCodes = pltCodes == null ? List.of() : List.copyOf(pltCodes);
    unrecognizedCodes = unrecognizedCodes == null ? List.of() : List.copyOf(unrecognizedCodes);
    confidence = confidence == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(confidence));
  }

  /** The ACS code strings only, e.g. {@code [PA.I.B.K2, PA.III.A.K1]}. */
  @JsonIgnore
  public List<String> codeStrings() {
    List<String> out = new ArrayList<>(acsCodes.size());
    for (AcsCode c : acsCodes) {
      out.add(c.code());
    }
    return out;
  }

  /** The {@link #REQUIRED_FIELDS} this report lacks, empty when complete. */
  @JsonIgnore
  public List<String> missingFields() {
    List<String> missing = new ArrayList<>();
    if (applicantName == null) {
      missing.add("applicant_name");
    }
    if (examCode == null) {
      missing.add("exam_code");
    }
    if (examDate == null) {
      missing.add("exam_date");
    }
    if (score == null) {
      missing.add("score");
    }
    if (grade == null) {
      missing.add("grade");
    }
    return missing;
  }
}
