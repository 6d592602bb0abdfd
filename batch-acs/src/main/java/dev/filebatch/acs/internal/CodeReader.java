package dev.filebatch.acs.internal;

import dev.filebatch.acs.AcsCatalogue;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds ACS and learning statement (PLT) codes in report text and repairs OCR noise in them.
 *
 * <p>Design: codes are found with a deliberately lenient pattern (any separator among {@code . , : ;}, optional
 * spaces, look-alike characters in every part), then each part is repaired for its expected shape (letters, a Roman
 * numeral, a letter, K/R/S and digits) and the result is validated against the catalogue on prefix, area and task.
 * A task letter that does not validate is retried with its look-alikes, accepted only when exactly one look-alike
 * validates, so a repair never picks between two real tasks. Codes split across lines are joined before matching.
 */
public final class CodeReader {
  private static final String SEP = "[ \\t]?[.,:;\\u00B7][ \\t]?";
  private static final Pattern ACS = Pattern.compile(
      "(?<![A-Za-z0-9])([A-Z0-9|!l]{2})" + SEP + "([IVXlvx1|!iLjJTUH\\]\\[]{1,5})"
          // OCR sometimes drops the dot between area and task ("VIIIB"): allow it when the task cannot be a numeral
          + "(?:" + SEP + "|(?=[A-HK-SUWYZ]))"
          // a lone I is sometimes read as two strokes ("1I"): a task is one letter, so two strokes can only be I
          + "(1I|I1|Il|lI|[A-Za-z0-9|!])" + SEP
          + "([KRSkrs5$])[ \\t]?([0-9IlLOoi|!SZG]{1,2})([a-zC\\u00A2])?(?![A-Za-z0-9])");
  private static final Pattern PLT = Pattern.compile(
      "(?<![A-Za-z0-9])P[ \\t]?[L1l|I][ \\t]?T[ \\t]?([0-9OoIl|SB]{3})(?![0-9])");
  // A code broken after (or before) a separator at a line end: join the pieces.
  private static final Pattern SPLIT_AFTER_DOT = Pattern.compile("(?<=[A-Za-z0-9|!])[ \\t]*([.,])[ \\t]*\\R[ \\t]*(?=[A-Za-z0-9|!])");
  private static final Pattern SPLIT_BEFORE_DOT = Pattern.compile("(?<=[A-Za-z0-9|!])[ \\t]*\\R[ \\t]*([.,])[ \\t]*(?=[A-Za-z0-9|!])");

  private static final String[][] LOOK_ALIKES = {
    {"O", "DQ"}, {"D", "OQ"}, {"Q", "OD"}, {"B", "ERS"}, {"E", "BF"}, {"F", "EP"}, {"P", "F"}, {"C", "GO"},
    {"G", "CO"}, {"I", "LJT"}, {"L", "IJ"}, {"J", "IL"}, {"T", "I"}, {"H", "NMK"}, {"N", "HM"}, {"M", "NH"},
    {"U", "V"}, {"V", "U"}, {"K", "H"}, {"R", "B"}, {"S", "B"}
  };

  private final AcsCatalogue catalogue;

  /** A reader validating against the given catalogue. */
  public CodeReader(AcsCatalogue catalogue) {
    this.catalogue = catalogue;
  }

  /** What was found: validated codes, codes that did not validate, and whether any repair was needed. */
  public record Found(List<String> acsCodes, List<String> unrecognized, List<String> pltCodes, int repaired) {}

  /** Finds every code in the text, deduplicated, in order of appearance. */
  public Found read(String text) {
    String joined = SPLIT_AFTER_DOT.matcher(text).replaceAll(".");
    joined = SPLIT_BEFORE_DOT.matcher(joined).replaceAll(".");
    joined = dotsReadAsL(gluedPrefixes(joined));
    Set<String> codes = new LinkedHashSet<>();
    Set<String> unrecognized = new LinkedHashSet<>();
    int repaired = 0;
    Matcher m = ACS.matcher(joined);
    while (m.find()) {
      String raw = m.group();
      Optional<String> code = repair(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), m.group(6));
      if (code.isPresent()) {
        codes.add(code.get());
        if (!code.get().equals(raw)) {
          repaired++;
        }
      } else {
        unrecognized.add(raw.replaceAll("\\s+", ""));
      }
    }
    Set<String> plt = new LinkedHashSet<>();
    Matcher p = PLT.matcher(joined);
    while (p.find()) {
      String digits = OcrRepair.digits(p.group(1));
      if (digits != null) {
        plt.add("PLT" + digits);
        if (!p.group().equals("PLT" + digits)) {
          repaired++;
        }
      }
    }
    return new Found(List.copyOf(codes), List.copyOf(unrecognized), List.copyOf(plt), repaired);
  }

  // a prefix run into its numeral, the dot lost or read as an L ("UALIV.A.K4", "UAH.A.K5"), before a task and element
  private static final Pattern GLUED = Pattern.compile(
      "(?<![A-Za-z0-9.,:;])([A-Z0-9|!]{2})L?([IVXH1l|]{1,4})(?=[.,:;][A-Za-z0-9][.,:;][KRSkrs5$])");

  /**
   * Separates a known prefix OCR ran into the area numeral, which happens most where a wrapped code list breaks a
   * code after its prefix; an H there is two stems joined ("UAH" for "UA.II").
   */
  private String gluedPrefixes(String text) {
    Matcher m = GLUED.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String replacement = readsAsPrefix(m.group(1))
          ? m.group(1) + "." + m.group(2).replace("H", "II") : m.group();
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static final Pattern CODE_TOKEN = Pattern.compile("(?<![A-Za-z0-9])([A-Z0-9|!l\\u20AC]{2}[.,:;])(\\S+)");

  /**
   * In serif faces OCR often reads "I." as a single "L" ("PA.IV.LK8" for PA.IV.I.K8). Inside a code-like token, an
   * L not followed by a separator becomes "I."; an L standing alone between separators is kept, since L is a real
   * task letter (rough water landings).
   */
  static String dotsReadAsL(String text) {
    Matcher m = CODE_TOKEN.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String rest = m.group(2).replaceAll("L(?![.,:;])", "I.").replaceAll("\\.{2,}", ".");
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + rest));
    }
    m.appendTail(out);
    return out.toString();
  }

  private Optional<String> repair(String rawPrefix, String rawArea, String rawTask, String rawKind, String rawNumber,
      String sub) {
    String prefix = prefix(rawPrefix);
    // Tesseract splits a serifed I after a dot into "1I": a leading 1 before I is that artefact, not a stroke
    String area = OcrRepair.roman(rawArea.length() > 1 && rawArea.charAt(0) == '1'
        && "IlL|".indexOf(rawArea.charAt(1)) >= 0 ? rawArea.substring(1) : rawArea);
    if (prefix == null) {
      return Optional.empty();
    }
    char taskChar = OcrRepair.toLetter(rawTask.charAt(0));
    if (taskChar == 0 || rawTask.length() == 2 || "l|!".indexOf(rawTask.charAt(0)) >= 0) {
      taskChar = 'I';
    }
    String task = String.valueOf(taskChar);
    if (area == null || catalogue.task(prefix, area, task).isEmpty()) {
      // The plain reading is not a real task: take the nearest reading that is, if exactly one is nearest.
      String[] nearest = nearestTask(prefix, rawArea, task);
      if (nearest == null) {
        return Optional.empty();
      }
      area = nearest[0];
      task = nearest[1];
    }
    char kind = Character.toUpperCase(rawKind.charAt(0));
    if (kind == '5' || kind == '$') {
      kind = 'S';
    }
    // one 5 read twice, once as a letter ("KS5", "R5S"): no ACS element number reaches 55
    String number = rawNumber.matches("[5S$]{2}") && !rawNumber.equals("55") ? "5" : OcrRepair.digits(rawNumber);
    if (number == null || number.startsWith("0")) {
      return Optional.empty();
    }
    String element = kind + number + (sub == null ? "" : sub.equals("\u00A2") || sub.equals("C") ? "c" : sub);
    return Optional.of(prefix + "." + area + "." + task + "." + element);
  }

  /** Whether the text reads as a known ACS prefix ("PA", "VA" for UA), as the first part of a code would. */
  public boolean readsAsPrefix(String raw) {
    return raw.length() == 2 && prefix(raw) != null;
  }

  private String prefix(String raw) {
    String p = OcrRepair.letters(raw);
    if (p == null) {
      return null;
    }
    if (catalogue.knowsPrefix(p)) {
      return p;
    }
    // accept a known prefix reachable by swapping look-alike letters (VA -> UA), only when exactly one is
    String only = null;
    for (AcsCatalogue.Edition e : catalogue.editions()) {
      if (lookAlike(p, e.prefix())) {
        if (only != null) {
          return null;
        }
        only = e.prefix();
      }
    }
    return only;
  }

  private static final String[] PREFIX_LOOK_ALIKES = {"UVY", "PFR", "CGO", "AR", "ILT"};

  private static boolean lookAlike(String read, String known) {
    if (read.length() != known.length()) {
      return false;
    }
    for (int i = 0; i < read.length(); i++) {
      char a = read.charAt(i);
      char b = known.charAt(i);
      if (a != b && java.util.Arrays.stream(PREFIX_LOOK_ALIKES)
          .noneMatch(set -> set.indexOf(a) >= 0 && set.indexOf(b) >= 0)) {
        return false;
      }
    }
    return true;
  }

  /** The most a repaired area and task may cost, in half-edits: two edits. */
  private static final int MAX_EDITS = 4;
  /** A numeral edit (stray mark, I added or dropped, U or H split) costs 2; a task look-alike 3, so the numeral's
   * repair wins over swapping a letter that OCR read cleanly. */
  private static final int NUMERAL_EDIT = 2;
  private static final int LETTER_EDIT = 3;

  /**
   * The catalogue task nearest to what OCR read, as {area, letter}, or null when none is within {@link #MAX_EDITS}
   * or two are equally near. Edits: a stray mark dropped from the numeral (a dot read as L, a
   * speck read as 1 or T), an I added to or dropped from the numeral (serif faces merge and split I's), a glyph
   * read for two I's (U, H) split back, and, dearer, the task letter swapped for a look-alike. Only readings that are real
   * tasks of the prefix count, so 'II' becomes 'III' only when II is not a task there and III is the one task
   * within reach.
   */
  private String[] nearestTask(String prefix, String rawArea, String task) {
    Map<String, Integer> areas = new HashMap<>();
    areaReadings(rawArea, 0, "", 0, areas);
    for (Map.Entry<String, Integer> e : List.copyOf(areas.entrySet())) {
      String numeral = e.getKey();
      for (int i = 0; i <= numeral.length(); i++) {
        areas.merge(numeral.substring(0, i) + "I" + numeral.substring(i), e.getValue() + NUMERAL_EDIT, Math::min);
        if (i < numeral.length() && numeral.charAt(i) == 'I') {
          areas.merge(numeral.substring(0, i) + numeral.substring(i + 1), e.getValue() + NUMERAL_EDIT, Math::min);
        }
      }
    }
    Map<String, Integer> letters = new HashMap<>();
    letters.put(task, 0);
    for (String[] pair : LOOK_ALIKES) {
      if (pair[0].equals(task)) {
        for (char alt : pair[1].toCharArray()) {
          letters.put(String.valueOf(alt), LETTER_EDIT);
        }
      }
    }
    String[] best = null;
    int bestCost = MAX_EDITS + 1;
    boolean tie = false;
    for (Map.Entry<String, Integer> a : areas.entrySet()) {
      if (a.getKey().isEmpty()) {
        continue;
      }
      for (Map.Entry<String, Integer> l : letters.entrySet()) {
        int cost = a.getValue() + l.getValue();
        if (cost > MAX_EDITS || cost > bestCost || catalogue.task(prefix, a.getKey(), l.getKey()).isEmpty()) {
          continue;
        }
        if (cost < bestCost) {
          best = new String[] {a.getKey(), l.getKey()};
          bestCost = cost;
          tie = false;
        } else if (!best[0].equals(a.getKey()) || !best[1].equals(l.getKey())) {
          tie = true;
        }
      }
    }
    return tie ? null : best;
  }

  // Every numeral the raw characters can be read as, with its number of edits (at most MAX_EDITS).
  private static void areaReadings(String raw, int at, String read, int cost, Map<String, Integer> out) {
    if (cost > MAX_EDITS || read.length() > 6) {
      return;
    }
    if (at == raw.length()) {
      out.merge(read, cost, Math::min);
      return;
    }
    char c = raw.charAt(at);
    String plain = OcrRepair.roman(String.valueOf(c));
    if (plain != null) {
      areaReadings(raw, at + 1, read + plain, cost, out);
    }
    if (c == 'U' || c == 'H') {
      areaReadings(raw, at + 1, read + "II", cost + NUMERAL_EDIT, out);
      if (c == 'U') {
        areaReadings(raw, at + 1, read + "V", cost + NUMERAL_EDIT, out);
      }
    } else if (c != 'V' && c != 'X' && c != 'v' && c != 'x') {
      areaReadings(raw, at + 1, read, cost + NUMERAL_EDIT, out); // a stray mark: a dot or speck, never a V or X
    }
  }
}
