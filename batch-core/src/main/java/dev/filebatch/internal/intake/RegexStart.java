package dev.filebatch.internal.intake;

/**
 * The characters (0 to 255) that the first character of any match of a regex must be one of, read from the regex's
 * source when its start is simple enough to be certain: an optional {@code (?s)}, an optional {@code ^}, then one
 * literal, escape ({@code \xHH}, {@code \d}, {@code \r}, {@code \n}, {@code \t}, an escaped symbol) or plain
 * character class, not made optional by {@code ?}, {@code *} or {@code {0,...}}, in a regex with no top-level
 * {@code |}. Anything else (a group first, {@code .}, a negated or nested class, {@code \Q}, other flags) gives
 * {@code null}: no filter.
 *
 * <p>Why: {@link MagicScreen} evaluates each of Tika's regex clauses at every offset of its range; with this set
 * it skips the offsets whose character cannot start a match, which is nearly all of them for text, without a
 * matcher per clause. Only for regexes compiled without {@code CASE_INSENSITIVE}.
 */
final class RegexStart {
  private RegexStart() {}

  /** The first-character set as four 64-bit words, or {@code null} when it cannot be read with certainty. */
  static long[] firstChars(String p) {
    if (p.contains("\\Q") || topLevelAlternation(p)) {
      return null;
    }
    int i = 0;
    if (p.startsWith("(?s)")) {
      i = 4;
    }
    if (i < p.length() && p.charAt(i) == '^') {
      i++;
    }
    if (i >= p.length()) {
      return null;
    }
    long[] set = new long[4];
    int next;
    char c = p.charAt(i);
    if (c == '\\') {
      int[] esc = escape(p, i);
      if (esc == null) {
        return null;
      }
      if (esc[0] == -2) {
        for (int d = '0'; d <= '9'; d++) {
          add(set, d);
        }
      } else {
        add(set, esc[0]);
      }
      next = esc[1];
    } else if (c == '[') {
      next = charClass(p, i + 1, set);
      if (next < 0) {
        return null;
      }
    } else if ("().{}*+?|$]".indexOf(c) >= 0) {
      return null;
    } else {
      add(set, c);
      next = i + 1;
    }
    return optional(p, next) ? null : set;
  }

  /** Whether the atom ending before {@code i} may occur zero times. */
  private static boolean optional(String p, int i) {
    if (i >= p.length()) {
      return false;
    }
    char q = p.charAt(i);
    if (q == '?' || q == '*') {
      return true;
    }
    if (q == '{') {
      int j = i + 1;
      int min = 0;
      boolean digits = false;
      while (j < p.length() && Character.isDigit(p.charAt(j)) && j < i + 6) {
        min = min * 10 + (p.charAt(j) - '0');
        digits = true;
        j++;
      }
      return !digits || min == 0;
    }
    return false;
  }

  /**
   * The escape at {@code i} (a backslash): {value, next index}, value -2 for {@code \d}; {@code null} for any
   * escape not understood here.
   */
  private static int[] escape(String p, int i) {
    if (i + 1 >= p.length()) {
      return null;
    }
    char e = p.charAt(i + 1);
    switch (e) {
      case 'x' -> {
        if (i + 3 < p.length() && hex(p.charAt(i + 2)) >= 0 && hex(p.charAt(i + 3)) >= 0) {
          return new int[] {hex(p.charAt(i + 2)) * 16 + hex(p.charAt(i + 3)), i + 4};
        }
        return null;
      }
      case 'd' -> {
        return new int[] {-2, i + 2};
      }
      case 'r' -> {
        return new int[] {'\r', i + 2};
      }
      case 'n' -> {
        return new int[] {'\n', i + 2};
      }
      case 't' -> {
        return new int[] {'\t', i + 2};
      }
      default -> {
        // an escaped symbol stands for itself; letters and digits are classes, back-references or controls
        return e < 128 && !Character.isLetterOrDigit(e) ? new int[] {e, i + 2} : null;
      }
    }
  }

  /** Reads a plain class whose body starts at {@code i} into {@code set}; the index after it, or -1. */
  private static int charClass(String p, int i, long[] set) {
    if (i >= p.length() || p.charAt(i) == '^' || p.charAt(i) == ']') {
      return -1;
    }
    while (i < p.length()) {
      char c = p.charAt(i);
      if (c == ']') {
        return i + 1;
      }
      if (c == '[' || (c == '&' && i + 1 < p.length() && p.charAt(i + 1) == '&')) {
        return -1;
      }
      int lo;
      if (c == '\\') {
        int[] esc = escape(p, i);
        if (esc == null || esc[0] == -2) {
          return -1; // keep ranges simple: \d inside a class is not needed by Tika's rules
        }
        lo = esc[0];
        i = esc[1];
      } else {
        lo = c;
        i++;
      }
      if (i + 1 < p.length() && p.charAt(i) == '-' && p.charAt(i + 1) != ']') {
        int hi;
        char h = p.charAt(i + 1);
        if (h == '\\') {
          int[] esc = escape(p, i + 1);
          if (esc == null || esc[0] == -2) {
            return -1;
          }
          hi = esc[0];
          i = esc[1];
        } else if (h == '[' || h == '&') {
          return -1;
        } else {
          hi = h;
          i += 2;
        }
        if (hi < lo) {
          return -1;
        }
        for (int v = lo; v <= Math.min(hi, 255); v++) {
          add(set, v);
        }
      } else {
        add(set, lo);
      }
    }
    return -1; // unterminated
  }

  /** Whether {@code |} occurs outside every group and class (then the first atom is not the only way to start). */
  private static boolean topLevelAlternation(String p) {
    int depth = 0;
    boolean inClass = false;
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      if (c == '\\') {
        i++;
      } else if (inClass) {
        if (c == ']') {
          inClass = false;
        }
      } else if (c == '[') {
        inClass = true;
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == '|' && depth <= 0) {
        return true;
      }
    }
    return false;
  }

  private static int hex(char c) {
    return Character.digit(c, 16);
  }

  private static void add(long[] set, int v) {
    if (v >= 0 && v < 256) { // the window's characters are ISO-8859-1: nothing above 255 can occur
      set[v >>> 6] |= 1L << v;
    }
  }
}
