package dev.filebatch.acs.internal;

import java.util.Locale;

/**
 * Repairs the character confusions OCR makes in short, well-formed tokens (I/l/1, O/0, S/5, B/8...). Each method
 * works on a token whose expected shape is known, so a repair never guesses across shapes.
 */
public final class OcrRepair {
  private OcrRepair() {}

  /** A token expected to be digits: letters that look like digits become those digits; returns null if hopeless. */
  public static String digits(String token) {
    StringBuilder out = new StringBuilder(token.length());
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      char d = toDigit(c);
      if (d == 0) {
        return null;
      }
      out.append(d);
    }
    return out.toString();
  }

  /** The digit a character looks like, or 0 if none. */
  public static char toDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c;
    }
    return switch (c) {
      case 'O', 'o', 'D', 'Q' -> '0';
      case 'I', 'l', '|', 'i', '!', 'L', 'J', ']', '[' -> '1';
      case 'Z', 'z' -> '2';
      case 'S', 's', '$' -> '5';
      case 'B' -> '8';
      case 'G', 'b' -> '6';
      case 'T' -> '7';
      case 'g', 'q' -> '9';
      case 'A' -> '4';
      default -> 0;
    };
  }

  /** An upper-case letter a character looks like (digits included), or 0 if none. */
  public static char toLetter(char c) {
    char u = Character.toUpperCase(c);
    if (u >= 'A' && u <= 'Z') {
      return u;
    }
    return switch (c) {
      case '0' -> 'O';
      case '1', '|', '!' -> 'I';
      case '2' -> 'Z';
      case '5', '$' -> 'S';
      case '6' -> 'G';
      case '8' -> 'B';
      case '4' -> 'A';
      case '\u20AC', '\u00A2', '(' -> 'C';
      default -> 0;
    };
  }

  /** A token expected to be upper-case letters; returns null if a character looks like no letter. */
  public static String letters(String token) {
    StringBuilder out = new StringBuilder(token.length());
    for (int i = 0; i < token.length(); i++) {
      char l = toLetter(token.charAt(i));
      if (l == 0) {
        return null;
      }
      out.append(l);
    }
    return out.toString();
  }

  /** A token expected to be a Roman numeral made of I, V and X. */
  public static String roman(String token) {
    StringBuilder out = new StringBuilder(token.length());
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      char r = switch (c) {
        case 'I', 'l', '1', '|', '!', 'i', 'L', 'j', 'J', 'T', 't', ']', '[' -> 'I';
        case 'V', 'v' -> 'V';
        case 'X', 'x' -> 'X';
        default -> 0;
      };
      if (r == 0) {
        return null;
      }
      out.append(r);
    }
    return out.toString();
  }

  /** Letters only, upper case, for fuzzy keyword comparison. */
  public static String lettersOnly(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isLetter(c)) {
        out.append(Character.toUpperCase(c));
      } else if (c == '5' || c == '$') {
        out.append('S');
      } else if (c == '0') {
        out.append('O');
      } else if (c == '1' || c == '|') {
        out.append('I');
      }
    }
    return out.toString().toUpperCase(Locale.ROOT);
  }

  /** Levenshtein distance, for short strings. */
  public static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
