package dev.filebatch.acs.internal;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the labelled fields of a report ({@code NAME:}, {@code EXAM DATE:}...). A field's value runs from its label
 * to the next label on the same line, or to the line's end, so one-column, two-column and run-on layouts read alike.
 * A label counts when it is printed in upper case (as on FAA reports) or is followed by a colon, so words such as
 * "score" in the explanatory paragraph are not taken for labels.
 */
public final class FieldReader {
  /** The labels the reader knows. */
  public enum Label {
    NAME, FTN, EXAM_ID, EXAM_DATE, EXAM_SITE, EXAM, SCORE, GRADE, TAKE, EXPIRATION, CODES
  }

  private record LabelPattern(Label label, Pattern pattern) {}

  private static final List<LabelPattern> LABELS = List.of(
      lp(Label.FTN, "FAA\\s+TRACKING\\s+(?:NUMBER|NO\\.?)(?:\\s*\\(\\s*FTN\\s*\\))?|FTN"),
      lp(Label.EXAM_ID, "EXAM(?:INATION)?\\s*ID|EXAM\\s+NUMBER|TEST\\s+ID"),
      lp(Label.EXAM_DATE, "EXAM(?:INATION)?\\s+DATE|DATE\\s+OF\\s+EXAM(?:INATION)?|TEST\\s+DATE|DATE\\s+TAKEN"),
      lp(Label.EXAM_SITE, "EXAM\\s+SITE|TEST(?:ING)?\\s+(?:SITE|CENTER)"),
      lp(Label.EXPIRATION, "EXPIRATION\\s+DATE|EXPIRES(?:\\s+ON)?|VALID\\s+UNTIL"),
      lp(Label.NAME, "APPLICANT(?:'S)?\\s+NAME|APPLICANT|NAME"),
      lp(Label.EXAM, "EXAM(?:INATION)?(?:\\s+TITLE)?|TEST\\s+TITLE"),
      lp(Label.SCORE, "SCORE"),
      lp(Label.GRADE, "GRADE"),
      lp(Label.TAKE, "TAKE(?:\\s*(?:NO\\.?|NUMBER|#))?"),
      lp(Label.CODES, "ACS\\s+CODES?|LEARNING\\s+STATEMENT\\s+CODES?|AREAS?\\s+OF\\s+DEFICIENCY"));

  private static LabelPattern lp(Label label, String regex) {
    return new LabelPattern(label, Pattern.compile(
        "(?<![A-Za-z])(?:" + regex + ")(?![A-Za-z])[ \\t]*([:;])?", Pattern.CASE_INSENSITIVE));
  }

  private record Hit(Label label, int start, int end) {}

  private final Map<Label, String> values = new EnumMap<>(Label.class);

  /** Reads the labelled values of a text. */
  public FieldReader(String text) {
    String[] lines = text.split("\\R");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      List<Hit> hits = hits(line);
      for (int h = 0; h < hits.size(); h++) {
        Hit hit = hits.get(h);
        int end = h + 1 < hits.size() ? hits.get(h + 1).start() : line.length();
        String value = line.substring(hit.end(), end).trim();
        if (value.isEmpty() && h + 1 == hits.size() && i + 1 < lines.length) {
          // label alone at the line end: its value may sit on the next line, before any label there
          String next = lines[i + 1];
          List<Hit> nextHits = hits(next);
          value = (nextHits.isEmpty() ? next : next.substring(0, nextHits.get(0).start())).trim();
        }
        value = value.replaceAll("^[:;.#\\s]+", "").replaceAll("[\\s;,|]+$", "");
        if (!value.isEmpty()) {
          values.putIfAbsent(hit.label(), value);
        } else {
          values.putIfAbsent(hit.label(), null);
        }
      }
    }
  }

  private static List<Hit> hits(String line) {
    List<Hit> hits = new ArrayList<>();
    for (LabelPattern lp : LABELS) {
      Matcher m = lp.pattern().matcher(line);
      while (m.find()) {
        String word = line.substring(m.start(), m.end(1) >= 0 ? m.start(1) : m.end()).trim();
        boolean upper = word.equals(word.toUpperCase(Locale.ROOT));
        if (!upper && m.group(1) == null) {
          continue;
        }
        Hit hit = new Hit(lp.label(), m.start(), m.end());
        if (hits.stream().noneMatch(o -> o.start() < hit.end() && hit.start() < o.end())) {
          hits.add(hit);
        }
      }
    }
    hits.sort(Comparator.comparingInt(Hit::start));
    return hits;
  }

  /** Whether the label appears in the text at all. */
  public boolean has(Label label) {
    return values.containsKey(label);
  }

  /** The raw value after a label, or null. */
  public String value(Label label) {
    return values.get(label);
  }

  /** How many of the given labels were found with a value. */
  public int countWithValue(Label... labels) {
    int n = 0;
    for (Label l : labels) {
      if (values.get(l) != null) {
        n++;
      }
    }
    return n;
  }

  private static final String MONTHS = "JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC";
  private static final Pattern US_DATE = Pattern.compile("(\\d{1,2})\\s?[/\\-.]\\s?(\\d{1,2})\\s?[/\\-.]\\s?(\\d{4})");
  private static final Pattern ISO_DATE = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})");
  private static final Pattern DAY_MONTH = Pattern.compile(
      "(\\d{1,2})[\\s\\-]+(" + MONTHS + ")[A-Z]*\\.?[\\s\\-,]+(\\d{4})", Pattern.CASE_INSENSITIVE);
  private static final Pattern MONTH_DAY = Pattern.compile(
      "(" + MONTHS + ")[A-Z]*\\.?\\s+(\\d{1,2}),?\\s+(\\d{4})", Pattern.CASE_INSENSITIVE);

  /** A parsed date and whether OCR repair was needed to read it. */
  public record DateRead(LocalDate date, boolean repaired) {}

  /** Reads a date in the forms FAA reports and their copies use; null if none. */
  public static DateRead date(String value) {
    if (value == null) {
      return null;
    }
    LocalDate d = dateOf(value);
    if (d != null) {
      return new DateRead(d, false);
    }
    d = dateOf(repairDigitTokens(value));
    return d == null ? null : new DateRead(d, true);
  }

  private static LocalDate dateOf(String v) {
    try {
      Matcher m = ISO_DATE.matcher(v);
      if (m.find()) {
        return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
      }
      m = US_DATE.matcher(v);
      if (m.find()) {
        return LocalDate.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
      }
      m = DAY_MONTH.matcher(v);
      if (m.find()) {
        return LocalDate.of(Integer.parseInt(m.group(3)), month(m.group(2)), Integer.parseInt(m.group(1)));
      }
      m = MONTH_DAY.matcher(v);
      if (m.find()) {
        return LocalDate.of(Integer.parseInt(m.group(3)), month(m.group(1)), Integer.parseInt(m.group(2)));
      }
    } catch (DateTimeException | NumberFormatException e) {
      return null;
    }
    return null;
  }

  private static int month(String name) {
    return MONTHS.indexOf(name.substring(0, 3).toUpperCase(Locale.ROOT)) / 4 + 1;
  }

  /**
   * Repairs tokens that are mostly digits (at least half) so that {@code O3/l4/2O24} reads {@code 03/14/2024};
   * words are left alone.
   */
  public static String repairDigitTokens(String value) {
    StringBuilder out = new StringBuilder();
    for (String token : value.split("(?<=[\\s/\\-.,])|(?=[\\s/\\-.,])")) {
      int digits = 0;
      for (char c : token.toCharArray()) {
        if (Character.isDigit(c)) {
          digits++;
        }
      }
      if (digits > 0 && digits * 2 >= token.length()) {
        String fixed = OcrRepair.digits(token);
        out.append(fixed == null ? token : fixed);
      } else {
        out.append(token);
      }
    }
    return out.toString();
  }
}
