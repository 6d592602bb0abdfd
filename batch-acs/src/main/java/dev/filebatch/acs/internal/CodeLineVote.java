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
 * <p>Only lines made wholly of code-like tokens are reread, so a line with other words, or a code broken at its end
 * across lines, keeps its first reading.
 */
public final class CodeLineVote implements LineReread {
  // two letters, then a separator, then more, with a second separator somewhere: a code, however garbled
  private static final Pattern CODE_LIKE = Pattern.compile("[A-Za-z0-9|!\\u20AC$]{2}[.,:;]\\S*[.,:;]\\S*[^.,:;\\s]");
  private static final Pattern SPACE_AFTER_SEPARATOR = Pattern.compile("(?<=[.,:;])[ \\t]+");

  private static final Pattern SEPARATOR_AT_END = Pattern.compile("[.,:;]$");

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
    String joined = SPACE_AFTER_SEPARATOR.matcher(line.strip()).replaceAll("");
    if (joined.isEmpty()) {
      return false;
    }
    for (String token : joined.split("\\s+")) {
      // a list separated by commas ("PA.I.A.K1, PA.I.B.K2") still counts; a code cut at a line end does not
      String bare = token.endsWith(",") ? token.substring(0, token.length() - 1) : token;
      if (!CODE_LIKE.matcher(bare).matches()) {
        return false;
      }
    }
    return true;
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
  private static List<Optional<String>> shapes(TextLine line) {
    List<Optional<String>> shapes = new ArrayList<>();
    TextLine.Word open = null;
    for (TextLine.Word w : line.words()) {
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
    if (open != null) {
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
    List<List<String>> readings = new ArrayList<>(rereadings.size() + 1);
    readings.add(reader.read(first).acsCodes());
    for (String r : rereadings) {
      readings.add(reader.read(r).acsCodes());
    }
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
      return first;
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
      String best = mostVoted(votes, null);
      Optional<String> shape = shaped ? shapes.get(i) : Optional.empty();
      if (shape.isPresent()) {
        // the pixels show how many stems the numeral has: the readings that agree with them are right about it
        String agreeing = mostVoted(votes, shape.get());
        String code = agreeing != null ? agreeing : reshaped(best, shape.get());
        if (code != null) {
          settled.add(code);
          continue;
        }
      }
      // a code fewer than half the readings agree on is more often a misreading than not: leave it out rather
      // than send the reader to study the wrong task
      if (votes.get(best) * 2 > voters) {
        settled.add(best);
      }
    }
    return String.join(" ", settled);
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
