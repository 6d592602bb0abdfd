package dev.filebatch.acs;

/** Roman numerals of ACS areas of operation (I to XX). */
final class RomanNumerals {
  private static final String[] NUMERALS = {
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X",
    "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX"
  };

  private RomanNumerals() {}

  /** The value of a numeral from I to XX. */
  static int toInt(String numeral) {
    for (int i = 0; i < NUMERALS.length; i++) {
      if (NUMERALS[i].equals(numeral)) {
        return i + 1;
      }
    }
    throw new IllegalArgumentException("not a Roman numeral from I to XX: '" + numeral + "'");
  }

  /** Whether the text is a numeral from I to XX. */
  static boolean isValid(String numeral) {
    for (String n : NUMERALS) {
      if (n.equals(numeral)) {
        return true;
      }
    }
    return false;
  }
}
