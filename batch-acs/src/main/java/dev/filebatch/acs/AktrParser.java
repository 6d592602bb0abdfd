package dev.filebatch.acs;

import dev.filebatch.ErrorCode;
import dev.filebatch.acs.internal.CodeReader;
import dev.filebatch.acs.internal.FieldReader;
import dev.filebatch.acs.internal.FieldReader.Label;
import dev.filebatch.acs.internal.OcrRepair;
import dev.filebatch.spi.FileProcessingException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses the text of an Airman Knowledge Test Report (from a text PDF or from OCR of a photo) into a
 * {@link KnowledgeTestReport}.
 *
 * <p>Robust to OCR noise: repairs I/l/1 and O/0 (and similar) confusions inside codes, numbers and dates, joins codes
 * split across lines, ignores stray punctuation, validates each ACS code's prefix, area and task against the
 * {@link AcsCatalogue} (never the element number, which ACS revisions renumber) and removes duplicates. Each field
 * gets a confidence from 0 to 1. Text that is not an AKTR fails with {@link #NOT_AN_AKTR}.
 *
 * <p>Thread-safe. Personal data (name, FTN, exam id) is only ever logged at DEBUG.
 */
public final class AktrParser {
  /** The failure code for text that is not a knowledge test report. */
  public static final ErrorCode NOT_AN_AKTR = ErrorCode.of("NOT_AN_AKTR");

  /** The default passing score, used only to infer a grade the report does not show legibly. */
  public static final int DEFAULT_PASSING_SCORE = 70;

  private static final Logger LOG = LoggerFactory.getLogger(AktrParser.class);
  private static final Pattern EXAM_WITH_CODE =
      Pattern.compile("(.*?)[\\s\\-:]*[(\\[{]\\s*([A-Z0-9]{3})\\s*[)\\]}]");
  private static final Pattern ANYWHERE_EXAM = Pattern.compile(
      "([A-Z][A-Za-z/&\\- ]{5,80}?)\\s*[(\\[{]\\s*([A-Z0-9]{3})\\s*[)\\]}]");
  private static final Pattern FTN = Pattern.compile("([A-Z0-9\\u20AC\\u00A2])[\\s-]?([0-9OILSBZGDQ|]{7})(?![0-9A-Za-z])");
  private static final Pattern NUMBER = Pattern.compile("(?<![A-Za-z0-9])[0-9OoIlSBZG|]{0,2}[0-9][0-9OoIlSBZG|]{0,2}(?![A-Za-z0-9])");
  private static final Pattern EXAM_ID = Pattern.compile("[0-9OoIlSBZ|][0-9OoIlSBZ| -]{4,30}[0-9OoIlSBZ|]");

  private final AcsCatalogue catalogue;
  private final CodeReader codes;
  private final int passingScore;

  private AktrParser(AcsCatalogue catalogue, int passingScore) {
    this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
    if (passingScore < 1 || passingScore > 100) {
      throw new IllegalArgumentException("passing score must be between 1 and 100, was " + passingScore);
    }
    this.passingScore = passingScore;
    this.codes = new CodeReader(catalogue);
  }

  /** A parser using the bundled catalogue and a passing score of 70. */
  public static AktrParser create() {
    return new AktrParser(AcsCatalogue.standard(), DEFAULT_PASSING_SCORE);
  }

  /**
   * A parser with the given catalogue and passing score.
   *
   * @param passingScore 1 to 100; only used to infer a grade the text does not show
   */
  public static AktrParser create(AcsCatalogue catalogue, int passingScore) {
    return new AktrParser(catalogue, passingScore);
  }

  /** The catalogue codes are validated against. */
  public AcsCatalogue catalogue() {
    return catalogue;
  }

  /**
   * Parses one report's text.
   *
   * @param text the text of a report, as extracted or recognised
   * @return the report; check {@link KnowledgeTestReport#missingFields()} for required fields that could not be read
   * @throws FileProcessingException with {@link #NOT_AN_AKTR} when the text is not a knowledge test report
   */
  public KnowledgeTestReport parse(String text) throws FileProcessingException {
    if (text == null || text.isBlank()) {
      throw notAnAktr("The file has no readable text.");
    }
    String clean = normalise(text);
    FieldReader fields = new FieldReader(clean);
    CodeReader.Found found = codes.read(clean);
    boolean heading = hasHeading(clean);
    int labelled = fields.countWithValue(Label.NAME, Label.FTN, Label.EXAM_ID, Label.EXAM, Label.EXAM_DATE,
        Label.SCORE, Label.GRADE, Label.EXPIRATION);
    boolean anyCodes = !found.acsCodes().isEmpty() || !found.pltCodes().isEmpty();
    if (!(heading && (labelled >= 2 || anyCodes)) && labelled < 4) {
      throw notAnAktr("The text has " + (heading ? "a knowledge test heading but " : "no 'Airman Knowledge Test "
          + "Report' heading and ") + "only " + labelled + " of the fields a report shows (name, FTN, exam, date, "
          + "score, grade, expiration).");
    }

    Map<String, Double> confidence = new LinkedHashMap<>();
    String name = name(fields.value(Label.NAME), confidence);
    String ftn = ftn(fields.value(Label.FTN), confidence);
    String examId = examId(fields.value(Label.EXAM_ID), confidence);
    String[] exam = exam(fields.value(Label.EXAM), clean, confidence);
    FieldReader.DateRead examDate = FieldReader.date(fields.value(Label.EXAM_DATE));
    confidence.put("exam_date", examDate == null ? 0.0 : examDate.repaired() ? 0.8 : 1.0);
    Integer score = score(fields.value(Label.SCORE), confidence);
    Grade grade = grade(fields.value(Label.GRADE), score, confidence);
    Integer take = take(fields.value(Label.TAKE), confidence);
    FieldReader.DateRead expiration = FieldReader.date(fields.value(Label.EXPIRATION));
    confidence.put("expiration_date", expiration == null ? 0.0 : expiration.repaired() ? 0.8 : 1.0);

    List<AcsCode> acs = new ArrayList<>();
    for (String code : found.acsCodes()) {
      String[] p = code.split("\\.");
      AcsCatalogue.Task task = catalogue.task(p[0], p[1], p[2]).orElseThrow();
      String area = catalogue.area(p[0], p[1]).map(AcsCatalogue.Area::title).orElse(null);
      acs.add(new AcsCode(code, area, task.title()));
    }
    int candidates = found.acsCodes().size() + found.unrecognized().size();
    double codeConfidence = candidates == 0
        ? (fields.has(Label.CODES) || (score != null && score == 100) || !found.pltCodes().isEmpty() ? 1.0 : 0.5)
        : (double) found.acsCodes().size() / candidates * (found.repaired() > 0 ? 0.9 : 1.0);
    confidence.put("acs_codes", round(codeConfidence));
    confidence.put("plt_codes", found.pltCodes().isEmpty() ? (found.acsCodes().isEmpty() ? 0.5 : 1.0) : 1.0);

    KnowledgeTestReport report = new KnowledgeTestReport(name, ftn, examId, exam[0], exam[1],
        examDate == null ? null : examDate.date(), score, grade, take,
        expiration == null ? null : expiration.date(), acs, found.pltCodes(), found.unrecognized(), confidence);
    if (LOG.isDebugEnabled()) {
      LOG.debug("parsed AKTR for {} (FTN {}, exam id {}): exam {} score {} {} ACS codes, {} PLT codes, {} "
          + "unrecognised", name, ftn, examId, exam[1], score, acs.size(), found.pltCodes().size(),
          found.unrecognized().size());
    }
    return report;
  }

  private static FileProcessingException notAnAktr(String why) {
    return new FileProcessingException(NOT_AN_AKTR, "This file does not look like an FAA Airman Knowledge Test "
        + "Report. " + why, "Upload the knowledge test report (the PDF from the testing centre, or a sharp, "
        + "well-lit photo of the whole page).");
  }

  private static String normalise(String text) {
    String t = Normalizer.normalize(text, Normalizer.Form.NFKC);
    return t.replace('\u00A0', ' ').replace('\u2019', '\'').replace('\u2018', '\'')
        .replace('\u2013', '-').replace('\u2014', '-').replace('\u201C', '"').replace('\u201D', '"')
        .replace('\r', '\n');
  }

  private static boolean hasHeading(String text) {
    String letters = OcrRepair.lettersOnly(text);
    return letters.contains("KNOWLEDGETESTREPORT") || letters.contains("AIRMANKNOWLEDGETEST")
        || letters.contains("KNOWLEDGETESTRESULT") || text.contains("AKTR");
  }

  private static String name(String value, Map<String, Double> confidence) {
    if (value == null) {
      confidence.put("applicant_name", 0.0);
      return null;
    }
    String kept = value.replaceAll("[^\\p{L} ,.'\\-]", "").replaceAll("\\s+", " ").trim()
        .replaceAll("^[,.\\-' ]+|[,\\-' ]+$", "");
    if (kept.chars().filter(Character::isLetter).count() < 2) {
      confidence.put("applicant_name", 0.0);
      return null;
    }
    confidence.put("applicant_name", kept.equals(value.replaceAll("\\s+", " ").trim()) ? 1.0 : 0.7);
    return kept;
  }

  private static String ftn(String value, Map<String, Double> confidence) {
    if (value != null) {
      Matcher m = FTN.matcher(value.toUpperCase(Locale.ROOT).replace('|', 'I'));
      if (m.find()) {
        char first = OcrRepair.toLetter(m.group(1).charAt(0));
        String digits = OcrRepair.digits(m.group(2));
        if (first != 0 && digits != null) {
          String ftn = first + digits;
          confidence.put("ftn", ftn.equals(m.group().replaceAll("[\\s-]", "")) ? 1.0 : 0.8);
          return ftn;
        }
      }
    }
    confidence.put("ftn", 0.0);
    return null;
  }

  private static String examId(String value, Map<String, Double> confidence) {
    if (value != null) {
      Matcher m = EXAM_ID.matcher(value);
      if (m.find()) {
        String raw = m.group().replaceAll("[\\s-]", "");
        String digits = OcrRepair.digits(raw);
        if (digits != null) {
          confidence.put("exam_id", digits.equals(raw) ? 1.0 : 0.8);
          return digits;
        }
      }
    }
    confidence.put("exam_id", 0.0);
    return null;
  }

  private String[] exam(String value, String text, Map<String, Double> confidence) {
    if (value != null) {
      Matcher m = EXAM_WITH_CODE.matcher(value);
      if (m.find()) {
        String code = OcrRepair.letters(m.group(2));
        String title = cleanTitle(m.group(1));
        if (code != null) {
          confidence.put("exam_title", title.isEmpty() ? 0.0 : 1.0);
          confidence.put("exam_code", catalogue.prefixForExam(code).isPresent() ? 1.0 : 0.7);
          return new String[] {title.isEmpty() ? null : title, code};
        }
      }
      String title = cleanTitle(value);
      confidence.put("exam_title", title.isEmpty() ? 0.0 : 0.8);
      confidence.put("exam_code", 0.0);
      return new String[] {title.isEmpty() ? null : title, null};
    }
    // no EXAM label: look for a known exam code in parentheses anywhere
    Matcher m = ANYWHERE_EXAM.matcher(text);
    while (m.find()) {
      String code = OcrRepair.letters(m.group(2));
      if (code != null && catalogue.prefixForExam(code).isPresent()) {
        confidence.put("exam_title", 0.6);
        confidence.put("exam_code", 0.8);
        return new String[] {cleanTitle(m.group(1)), code};
      }
    }
    confidence.put("exam_title", 0.0);
    confidence.put("exam_code", 0.0);
    return new String[] {null, null};
  }

  private static String cleanTitle(String raw) {
    return raw.replaceAll("\\s+", " ").replaceAll("^[\\s:;.,\\-]+|[\\s:;.,\\-]+$", "");
  }

  private static Integer score(String value, Map<String, Double> confidence) {
    if (value != null) {
      Matcher m = NUMBER.matcher(value);
      if (m.find()) {
        String digits = OcrRepair.digits(m.group());
        if (digits != null) {
          int s = Integer.parseInt(digits);
          if (s >= 0 && s <= 100) {
            confidence.put("score", digits.equals(m.group()) ? 1.0 : 0.8);
            return s;
          }
        }
      }
    }
    confidence.put("score", 0.0);
    return null;
  }

  private Grade grade(String value, Integer score, Map<String, Double> confidence) {
    if (value != null) {
      String word = OcrRepair.lettersOnly(value.split("\\s+")[0]);
      for (Grade g : Grade.values()) {
        if (word.equals(g.name()) || word.equals(g.name() + "ED")) {
          confidence.put("grade", 1.0);
          return g;
        }
      }
      for (Grade g : Grade.values()) {
        if (OcrRepair.distance(word, g.name()) <= 1 || OcrRepair.distance(word, g.name() + "ED") <= 1) {
          confidence.put("grade", 0.8);
          return g;
        }
      }
    }
    if (score != null) {
      // not legible: infer from the score, with low confidence
      confidence.put("grade", 0.5);
      return score >= passingScore ? Grade.PASS : Grade.FAIL;
    }
    confidence.put("grade", 0.0);
    return null;
  }

  private static Integer take(String value, Map<String, Double> confidence) {
    if (value != null) {
      Matcher m = NUMBER.matcher(value);
      if (m.find() && m.group().length() <= 2) {
        String digits = OcrRepair.digits(m.group());
        if (digits != null && Integer.parseInt(digits) >= 1) {
          confidence.put("take", digits.equals(m.group()) ? 1.0 : 0.8);
          return Integer.parseInt(digits);
        }
      }
    }
    confidence.put("take", 0.0);
    return null;
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
