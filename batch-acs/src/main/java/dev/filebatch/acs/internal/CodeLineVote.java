package dev.filebatch.acs.internal;

import dev.filebatch.vision.LineReread;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * <p>Only lines made wholly of code-like tokens are reread, so a line with other words, or a code broken at its end
 * across lines, keeps its first reading.
 */
public final class CodeLineVote implements LineReread {
  // two letters, then a separator, then more, with a second separator somewhere: a code, however garbled
  private static final Pattern CODE_LIKE = Pattern.compile("[A-Za-z0-9|!\\u20AC$]{2}[.,:;]\\S*[.,:;]\\S*[^.,:;\\s]");
  private static final Pattern SPACE_AFTER_SEPARATOR = Pattern.compile("(?<=[.,:;])[ \\t]+");

  private final CodeReader reader;

  /** A vote validating codes with the given reader. */
  public CodeLineVote(CodeReader reader) {
    this.reader = Objects.requireNonNull(reader, "reader");
  }

  @Override
  public String id() {
    return "acs-codes";
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
    List<String> settled = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      // in reading order, so a tie goes to the page reading, then to the rereadings in their order
      Map<String, Integer> votes = new LinkedHashMap<>();
      for (List<String> codes : readings) {
        if (codes.size() == size) {
          votes.merge(codes.get(i), 1, Integer::sum);
        }
      }
      String best = null;
      int most = 0;
      for (Map.Entry<String, Integer> e : votes.entrySet()) {
        if (e.getValue() > most) {
          best = e.getKey();
          most = e.getValue();
        }
      }
      // a code fewer than half the readings agree on is more often a misreading than not: leave it out rather
      // than send the reader to study the wrong task
      if (most * 2 > voters) {
        settled.add(best);
      }
    }
    return String.join(" ", settled);
  }
}
