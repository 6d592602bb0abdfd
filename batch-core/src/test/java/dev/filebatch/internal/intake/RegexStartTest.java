package dev.filebatch.internal.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.tika.mime.MimeTypes;
import org.junit.jupiter.api.Test;

/**
 * The first-character filter of the magic screen's regex clauses never changes an answer: the set read from a
 * regex holds every character a match can start with, and the screen answers the same with and without it.
 */
class RegexStartTest {
  private final MagicScreen screen = MagicScreen.forDefaultRegistry(MimeTypes.getDefaultMimeTypes());

  private static List<Integer> chars(long[] set) {
    List<Integer> out = new ArrayList<>();
    for (int v = 0; v < 256; v++) {
      if ((set[v >>> 6] & (1L << v)) != 0) {
        out.add(v);
      }
    }
    return out;
  }

  @Test
  void readsTheFirstCharacterOfSimpleStarts() {
    assertThat(chars(RegexStart.firstChars("P4"))).containsExactly((int) 'P');
    assertThat(chars(RegexStart.firstChars("(?s)^\\x44\\x43.\\x01"))).containsExactly(0x44);
    assertThat(chars(RegexStart.firstChars("[0-9]{5,5}"))).hasSize(10).contains((int) '0', (int) '9');
    assertThat(chars(RegexStart.firstChars("[\\r\\n]%AI5"))).containsExactly((int) '\n', (int) '\r');
    assertThat(chars(RegexStart.firstChars("[\\x72|\\x33]"))).containsExactly((int) '3', (int) 'r', (int) '|');
    assertThat(chars(RegexStart.firstChars("\\d+x"))).hasSize(10);
    assertThat(chars(RegexStart.firstChars("2\\r?\\n(?:HEADER|ENTITIES)"))).containsExactly((int) '2');
    assertThat(chars(RegexStart.firstChars("[a-c-]x"))).containsExactly((int) '-', (int) 'a', (int) 'b', (int) 'c');
  }

  @Test
  void givesNoFilterWhenTheStartIsNotCertain() {
    for (String p : new String[] {"(X|DKIM|ARC)-", "a|b", "a?b", "a*b", "a{0,2}b", "a{,2}b", "[^a]b", ".*x",
        "\\s*graph", "(?i)abc", "\\Qa\\E", "[a[b]]", "[a&&b]", "\\1", "\\x{41}", "", "[]a]", "[a", "\\w", "$"}) {
      assertThat(RegexStart.firstChars(p)).as(p).isNull();
    }
  }

  @Test
  void neverLeavesOutACharacterAMatchCanStartWith() {
    String[] regexes = {"P4", "[0-9]{5,5}", "[acdnp][acdefgijkmoprt][abcdims]", "(?s)^\\x0D.{51}\\x0C",
        "\\xFF[\\xE3\\xF2-\\xF7\\xFA-\\xFD\\xFF]", "function [a-zA-Z][A-Za-z0-9_]{0,62}\\s*=", "[\\x72|\\x33]",
        "2\\r?\\n(?:HEADER|ENTITIES)\\r?\\n", "[\\r\\n]%AI5_FileFormat [1-4][\\r\\n]", "a+b", "a{2}"};
    String[] tails = {"", "4", "1234", "cdm", "\r\n", "\n", "\nHEADER\n", "%AI5_FileFormat 3\n", "b", "ab", "aab",
        "unction f=", "\u00e3", "\u00ff"};
    for (String regex : regexes) {
      long[] set = RegexStart.firstChars(regex);
      assertThat(set).as(regex).isNotNull();
      Pattern p = Pattern.compile(regex);
      for (int v = 0; v < 256; v++) {
        for (String tail : tails) {
          String s = (char) v + tail + "\u0000".repeat(60);
          boolean in = (set[v >>> 6] & (1L << v)) != 0;
          if (!in) {
            assertThat(p.matcher(s).lookingAt()).as(regex + " on " + s.strip()).isFalse();
          }
        }
      }
    }
  }

  @Test
  void screenAnswersTheSameWithAndWithoutTheFilter() {
    List<byte[]> heads = new ArrayList<>(screen.headsMatchingEachClause());
    for (Map<String, byte[]> m : List.of(MagicScreenTest.texts(), MagicScreenTest.junk())) {
      heads.addAll(m.values());
    }
    for (String s : new String[] {"P4\n", "12345", "cdm", "2\nHEADER\n", "0123456789012\n2\nENTITIES\n",
        "\n%AI5_FileFormat 3\n", "function abc =", "JAVA PROFILE 1.0.2,", "\r", "3"}) {
      heads.add(s.getBytes(StandardCharsets.ISO_8859_1));
    }
    int filtered = -1;
    for (byte[] h : heads) {
      List<String> d = screen.filterDisagreements(h, h.length);
      filtered = Integer.parseInt(d.remove(d.size() - 1).substring("filtered=".length()));
      assertThat(d).as(new String(h, StandardCharsets.ISO_8859_1)).isEmpty();
    }
    assertThat(filtered).as("regex clauses with a filter").isGreaterThanOrEqualTo(15);
  }
}
