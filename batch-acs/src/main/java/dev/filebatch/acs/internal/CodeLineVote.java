package dev.filebatch.acs.internal;

import dev.filebatch.vision.LineReread;
import dev.filebatch.vision.TextLine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Settles lines of ACS codes from several OCR readings by a vote on the codes they validate to.
 *
 * <p>Why: on photos, Tesseract's page reading miscounts the strokes of Roman numerals in serif faces ("III" read
 * as "II", "VI" as "VII") in a few percent of codes, and such a misreading often still validates (IR.II.B and
 * IR.III.B are both real tasks), so no repair can see it. Rereadings of the line at other scales make those errors
 * partly independently; each reading is parsed and validated on its own, and each code position takes the code most
 * readings agree on, if more than half of the readings that found codes on the line do; otherwise the position is
 * left out (measured on tuning photos: codes with two votes of five were wrong three times in eight). Readings are
 * compared as validated codes, not as characters, so "IR.T1.B.K2" and "IR.II.B.K2" count as the same vote.
 *
 * <p>The readings often make the same stroke-count error, so the vote alone leaves some. When it counts strokes, the
 * vote also reads each code's area numeral from the pixels ({@link NumeralStrokes}); where that shape is clear, the
 * code takes the most voted value whose numeral has it, even without a majority, or, when no reading has it, the
 * voted code with its numeral rebuilt to the shape if that code is in the catalogue. Where the shape is unclear, or
 * the line's words do not match the codes one to one, the vote stands as above.
 *
 * <p>Only lines of code-like tokens are reread (a line with other words keeps its first reading). A code list
 * wrapped across lines may begin with the end of a code cut on the line above and end with the start of one the next
 * line finishes: those pieces are kept out of the line's vote and put back at its ends, so the parser can join them
 * across the line break; the end of a code cut after its prefix is voted as the code it makes with the line's
 * prefix. When most readings split the line into as many words as the page reading, the vote is word by word, so a
 * reading that garbles one code keeps its say on the others.
 */
public final class CodeLineVote implements LineReread {
  // two letters, then a separator, then more, with a second separator somewhere: a code, however garbled
  private static final Pattern CODE_LIKE = Pattern.compile("[A-Za-z0-9|!\\u20AC$]{2}[.,:;]\\S*[.,:;]\\S*[^.,:;\\s]");
  // a space after a dot, colon or semicolon is an OCR gap inside a code; one after a comma separates list items
  private static final Pattern SPACE_AFTER_SEPARATOR = Pattern.compile("(?<=[.:;])[ \\t]+");

  private static final Pattern SEPARATOR_AT_END = Pattern.compile("[.,:;]$");
  // code characters only, with a separator, long enough not to be a word with a colon ("Date:")
  private static final Pattern GARBLED_CODE = Pattern.compile("(?=.*[.,:;])[A-Za-z0-9|!\\u20AC$.,:;]{7,}");
  // the end of a code cut at the line above: a few characters with a separator, e.g. "IV.A.K1," "E.K3" "K5,"
  private static final Pattern TAIL =
      Pattern.compile("(?=.*[.,:;])[A-Za-z0-9|!]{1,5}(?:[.,:;][A-Za-z0-9|!]{1,5}){0,3},?");
  // the start of a code the next line finishes: a prefix and perhaps more parts, ending with a dot, e.g. "PA." "UA.V."
  // (more characters before the dot when OCR glued the prefix to the numeral: "UAH." for "UA.II.", "UALIV.")
  private static final Pattern HEAD = Pattern.compile("[A-Za-z0-9|!\\u20AC$]{2,5}[.:;](?:[A-Za-z0-9|!]{1,5}[.:;]){0,2}");

  private final CodeReader reader;
  private final boolean countStrokes;

  /** A vote validating codes with the given reader, counting the numerals' strokes in the pixels. */
  public CodeLineVote(CodeReader reader) {
    this(reader, true);
  }

  /**
   * A vote validating codes with the given reader.
   *
   * @param countStrokes whether to read each area numeral's shape from the pixels ({@link NumeralStrokes}) and let
   *     it decide the numeral where it is clear
   */
  public CodeLineVote(CodeReader reader, boolean countStrokes) {
    this.reader = Objects.requireNonNull(reader, "reader");
    this.countStrokes = countStrokes;
  }

  /** {@code acs-codes}, or {@code acs-codes+strokes} when counting strokes. */
  @Override
  public String id() {
    return countStrokes ? "acs-codes+strokes" : "acs-codes";
  }

  @Override
  public boolean wants(String line) {
    Tokens tokens = Tokens.of(line, reader);
    if (tokens.codes().isEmpty()) {
      return false;
    }
    boolean anyCode = false;
    for (String token : tokens.codes()) {
      // a list separated by commas ("PA.I.A.K1, PA.I.B.K2") still counts; so does a code garbled past looking like
      // one ("CAAILF.R3") among codes, which the rereadings may read better
      String bare = stripComma(token);
      if (CODE_LIKE.matcher(bare).matches()) {
        anyCode = true;
      } else if (!GARBLED_CODE.matcher(bare).matches()) {
        return false;
      }
    }
    return anyCode;
  }

  /**
   * A line's tokens: a code list wrapped across lines may begin with the end of a code cut on the line above
   * ({@code tail}, e.g. "IV.A.K1," or "K5,") and end with the start of one the next line finishes ({@code head},
   * e.g. "PA." or "UA.V."); the tokens between are the line's own codes. Spaces after a dot, colon or semicolon
   * are OCR gaps inside a code and are closed; a comma followed by a space separates codes.
   */
  record Tokens(String tail, List<String> codes, String head) {
    static Tokens of(String line, CodeReader reader) {
      String joined = SPACE_AFTER_SEPARATOR.matcher(line.strip()).replaceAll("");
      List<String> all = new ArrayList<>(joined.isEmpty() ? List.of() : List.of(joined.split("\\s+")));
      String tail = null;
      String head = null;
      // the end of a cut code does not start with a prefix: "IV.A.K1," and "H1.B.K3" are ends, "PA.VILA.R2" is not
      if (all.size() > 1 && TAIL.matcher(all.get(0)).matches()
          && (!CODE_LIKE.matcher(stripComma(all.get(0))).matches()
              || !reader.readsAsPrefix(all.get(0).split("[.,:;]", 2)[0]))) {
        tail = all.remove(0);
      }
      if (all.size() > 1 && HEAD.matcher(all.get(all.size() - 1)).matches()) {
        head = all.remove(all.size() - 1);
      }
      return new Tokens(tail, List.copyOf(all), head);
    }

    /** Every token, in order, the cut codes included. */
    List<String> all() {
      List<String> all = new ArrayList<>(codes.size() + 2);
      if (tail != null) {
        all.add(tail);
      }
      all.addAll(codes);
      if (head != null) {
        all.add(head);
      }
      return all;
    }
  }

  private static String stripComma(String token) {
    return token.endsWith(",") ? token.substring(0, token.length() - 1) : token;
  }

  @Override
  public String settle(String first, List<String> rereadings) {
    return settle(first, rereadings, List.of());
  }

  /**
   * As {@link #settle(String, List)}, and when this vote counts strokes, the area numeral of each code is also
   * read from the pixels ({@link NumeralStrokes}); where that shape is clear it decides between the readings'
   * numerals, or corrects the numeral when no reading has the shape and the corrected code is in the catalogue.
   */
  @Override
  public String settle(TextLine first, List<String> rereadings) {
    return settle(first.text(), rereadings, countStrokes ? shapes(first) : List.of());
  }

  /**
   * The numeral shape of each code on the line, in order (empty where unclear). A word the first reading split
   * after a separator ("PA." "VIII.A.K1") is joined again; a whole code followed by a comma is an item of a list.
   */
  private List<Optional<String>> shapes(TextLine line) {
    Tokens tokens = Tokens.of(line.text(), reader);
    List<TextLine.Word> words = new ArrayList<>(line.words());
    // the end of a code cut on the line above has no prefix to find the numeral by: leave its words out
    int skipped = 0;
    while (tokens.tail() != null && skipped < tokens.tail().length() && !words.isEmpty()) {
      skipped += words.remove(0).text().length();
    }
    List<Optional<String>> shapes = new ArrayList<>();
    TextLine.Word open = null;
    for (TextLine.Word w : words) {
      if (open != null && SEPARATOR_AT_END.matcher(open.text()).find() && !listItem(open.text())) {
        open = new TextLine.Word(open.text() + w.text(), Math.min(open.left(), w.left()),
            Math.min(open.top(), w.top()), Math.max(open.right(), w.right()), Math.max(open.bottom(), w.bottom()));
        continue;
      }
      if (open != null) {
        shapes.add(shape(line, open));
      }
      open = w;
    }
    if (open != null && tokens.head() == null) {
      shapes.add(shape(line, open));
    }
    return shapes;
  }

  private static boolean listItem(String word) {
    return word.endsWith(",") && CODE_LIKE.matcher(word.substring(0, word.length() - 1)).matches();
  }

  private static Optional<String> shape(TextLine line, TextLine.Word w) {
    return NumeralStrokes.areaShape(line.page(), w.left(), w.top(), w.right(), w.bottom());
  }

  /**
   * The vote. {@code shapes} holds the numeral shape read from the pixels for each code of the line, or is empty;
   * it is used only when it has one entry per code the vote settles on.
   */
  private String settle(String first, List<String> rereadings, List<Optional<String>> shapes) {
    Tokens page = Tokens.of(first, reader);
    List<List<String>> tokens = new ArrayList<>(rereadings.size() + 1);
    tokens.add(Tokens.of(first, reader).all());
    for (String r : rereadings) {
      tokens.add(Tokens.of(r, reader).all());
    }
    // every reading loses the same places the page reading has cut codes at; the rest are the line's own codes
    int drop = (page.tail() != null ? 1 : 0) + (page.head() != null ? 1 : 0);
    List<List<String>> words = new ArrayList<>(tokens.size());
    List<List<String>> readings = new ArrayList<>(tokens.size());
    for (List<String> t : tokens) {
      List<String> own = t.size() <= drop ? List.of()
          : t.subList(page.tail() != null ? 1 : 0, t.size() - (page.head() != null ? 1 : 0));
      words.add(own);
      readings.add(reader.read(String.join(" ", own)).acsCodes());
    }
    List<String> settled = voteByWord(words, shapes);
    if (settled == null) {
      settled = vote(readings, shapes);
    }
    if (settled == null) {
      return first;
    }
    if (drop == 0) {
      return String.join(" ", settled);
    }
    List<String> out = new ArrayList<>(settled.size() + 2);
    if (page.tail() != null) {
      out.add(tail(page.tail(), tokens, prefix(settled, readings)));
    }
    out.addAll(settled);
    if (page.head() != null) {
      out.add(head(page.head(), tokens));
    }
    return String.join(" ", out);
  }

  /**
   * The end of a code cut on the line above, as most readings give it. Where the line above cut after the prefix
   * only, each reading's end is completed with the prefix of the line's codes and validated, and the vote is on the
   * codes; otherwise, or when no reading validates, the page reading stands.
   */
  private String tail(String pageTail, List<List<String>> tokens, String prefix) {
    if (prefix == null) {
      return pageTail;
    }
    Map<String, Integer> votes = new LinkedHashMap<>();
    for (List<String> t : tokens) {
      if (t.size() < 2) {
        continue;
      }
      String end = stripComma(t.get(0));
      if (!reader.read(end).acsCodes().isEmpty()) {
        continue; // a whole code, not the end of one
      }
      String candidate = prefix + "." + end;
      List<String> codes = reader.read(candidate).acsCodes();
      if (codes.size() == 1 && codes.get(0).startsWith(prefix + ".")) {
        votes.merge(codes.get(0), 1, Integer::sum);
      }
    }
    String best = mostVoted(votes, null);
    return best == null ? pageTail : best.substring(prefix.length() + 1) + ",";
  }

  /** The start of a code the next line finishes, as most readings give it (the page reading on a tie). */
  private static String head(String pageHead, List<List<String>> tokens) {
    Map<String, Integer> votes = new LinkedHashMap<>();
    votes.put(pageHead, 0);
    for (List<String> t : tokens) {
      if (t.size() >= 2 && HEAD.matcher(t.get(t.size() - 1)).matches()) {
        votes.merge(t.get(t.size() - 1), 1, Integer::sum);
      }
    }
    return mostVoted(votes, null);
  }

  /** The prefix most of the line's codes have, or {@code null} when none. */
  private static String prefix(List<String> settled, List<List<String>> readings) {
    Map<String, Integer> votes = new LinkedHashMap<>();
    for (String code : settled) {
      votes.merge(code.substring(0, code.indexOf('.')), 1, Integer::sum);
    }
    if (votes.isEmpty()) {
      for (List<String> codes : readings) {
        codes.forEach(code -> votes.merge(code.substring(0, code.indexOf('.')), 1, Integer::sum));
      }
    }
    return mostVoted(votes, null);
  }

  /**
   * The codes of the line from each reading's codes, or {@code null} when no reading found any. {@code shapes}
   * holds the numeral shape read from the pixels for each code of the line, or is empty; it is used only when it
   * has one entry per code the vote settles on.
   */
  private List<String> vote(List<List<String>> readings, List<Optional<String>> shapes) {
    // how many codes the line holds: the count most readings give (the larger on a tie, since a code a reading
    // could not validate shortens it)
    Map<Integer, Integer> counts = new HashMap<>();
    int voters = 0; // a reading that found no code on the line (a failed crop, a blur) has no say
    for (List<String> codes : readings) {
      if (!codes.isEmpty()) {
        counts.merge(codes.size(), 1, Integer::sum);
        voters++;
      }
    }
    if (counts.isEmpty()) {
      return null;
    }
    int size = 0;
    int support = 0;
    for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
      if (e.getValue() > support || (e.getValue() == support && e.getKey() > size)) {
        size = e.getKey();
        support = e.getValue();
      }
    }
    boolean shaped = shapes.size() == size;
    List<String> settled = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      // in reading order, so a tie goes to the page reading, then to the rereadings in their order
      Map<String, Integer> votes = new LinkedHashMap<>();
      for (List<String> codes : readings) {
        if (codes.size() == size) {
          votes.merge(codes.get(i), 1, Integer::sum);
        }
      }
      String code = settleCode(votes, shaped ? shapes.get(i) : Optional.empty(), voters);
      if (code != null) {
        settled.add(code);
      }
    }
    return settled;
  }

  /**
   * The vote by word, for when most readings split the line into as many words as the page reading: each word is
   * read on its own, so a code one reading garbles beyond validation costs that reading its say on that code only,
   * not on the whole line. {@code null} when the readings do not line up so (then {@link #vote} decides).
   */
  private List<String> voteByWord(List<List<String>> words, List<Optional<String>> shapes) {
    int size = words.get(0).size();
    List<List<String>> aligned = new ArrayList<>();
    for (List<String> w : words) {
      if (w.size() == size) {
        aligned.add(w);
      }
    }
    if (size == 0 || aligned.size() * 2 <= words.size()) {
      return null;
    }
    List<List<String>> read = new ArrayList<>(aligned.size());
    for (List<String> w : aligned) {
      List<String> codes = new ArrayList<>(size);
      for (String word : w) {
        List<String> found = reader.read(word).acsCodes();
        if (found.size() > 1) {
          return null; // two codes run together: the words do not match the codes one to one
        }
        codes.add(found.isEmpty() ? null : found.get(0));
      }
      read.add(codes);
    }
    if (read.stream().allMatch(codes -> codes.stream().allMatch(Objects::isNull))) {
      return null; // no reading found a code: the page reading stands
    }
    boolean shaped = shapes.size() == size;
    List<String> settled = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      Map<String, Integer> votes = new LinkedHashMap<>();
      int voters = 0;
      for (List<String> codes : read) {
        if (codes.get(i) != null) {
          votes.merge(codes.get(i), 1, Integer::sum);
          voters++;
        }
      }
      if (voters > 0) {
        String code = settleCode(votes, shaped ? shapes.get(i) : Optional.empty(), voters);
        if (code != null) {
          settled.add(code);
        }
      }
    }
    return settled;
  }

  /** One code of the line from its votes, or {@code null} to leave it out. */
  private String settleCode(Map<String, Integer> votes, Optional<String> shape, int voters) {
    String best = mostVoted(votes, null);
    if (shape.isPresent()) {
      // the pixels show how many stems the numeral has: the readings that agree with them are right about it
      String agreeing = mostVoted(votes, shape.get());
      String code = agreeing != null ? agreeing : reshaped(best, shape.get());
      if (code != null) {
        return code;
      }
    }
    // a code fewer than half the readings agree on is more often a misreading than not: leave it out rather
    // than send the reader to study the wrong task
    return votes.get(best) * 2 > voters ? best : null;
  }

  /** The code with most votes (the first on a tie), among those whose numeral has the shape when one is given. */
  private static String mostVoted(Map<String, Integer> votes, String shape) {
    String best = null;
    int most = 0;
    for (Map.Entry<String, Integer> e : votes.entrySet()) {
      if (e.getValue() > most && (shape == null || NumeralStrokes.shapeOf(area(e.getKey())).equals(shape))) {
        best = e.getKey();
        most = e.getValue();
      }
    }
    return best;
  }

  /**
   * The code with its numeral rebuilt to the shape: a stem for each I, the code's own V or X for each slanted
   * letter; {@code null} when the code's numeral has another number of slanted letters or the rebuilt code is not
   * in the catalogue.
   */
  private String reshaped(String code, String shape) {
    String[] parts = code.split("\\.", 3);
    String slanted = parts[1].replaceAll("I+", " ").strip();
    String[] letters = slanted.isEmpty() ? new String[0] : slanted.split(" ");
    StringBuilder numeral = new StringBuilder();
    int next = 0;
    for (char c : shape.toCharArray()) {
      if (c == 'I') {
        numeral.append('I');
      } else if (next < letters.length) {
        numeral.append(letters[next++]);
      } else {
        return null;
      }
    }
    if (next != letters.length) {
      return null;
    }
    String rebuilt = parts[0] + "." + numeral + "." + parts[2];
    return reader.read(rebuilt).acsCodes().contains(rebuilt) ? rebuilt : null;
  }

  private static String area(String code) {
    int dot = code.indexOf('.');
    return code.substring(dot + 1, code.indexOf('.', dot + 1));
  }
}
