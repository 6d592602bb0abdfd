package dev.filebatch.internal.intake;

import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Gives every file of a batch a safe, unique base name: path components stripped (both {@code /} and {@code \}),
 * control and bidirectional-override characters replaced, Unicode kept (NFC), duplicates numbered
 * ({@code a.pdf}, {@code a (2).pdf}). Uniqueness ignores case, because outputs named after inputs may land on a
 * case-insensitive file system or in a ZIP opened on one.
 */
final class BatchNames {
  private static final int MAX_LENGTH = 200;

  private final Set<String> taken = new HashSet<>();

  /** The unique name for the file at {@code index} whose uploader called it {@code raw}. */
  String assign(String raw, int index) {
    String name = clean(raw);
    if (name.isEmpty()) {
      name = "file-" + (index + 1);
    }
    String candidate = name;
    int n = 2;
    while (!taken.add(candidate.toLowerCase(Locale.ROOT))) {
      candidate = numbered(name, n++);
    }
    return candidate;
  }

  /** The base name of {@code raw}: the part after the last {@code /} or {@code \}, cleaned; may be empty. */
  static String clean(String raw) {
    if (raw == null) {
      return "";
    }
    String base = raw;
    int cut = Math.max(base.lastIndexOf('/'), base.lastIndexOf('\\'));
    if (cut >= 0) {
      base = base.substring(cut + 1);
    }
    base = Normalizer.normalize(base, Normalizer.Form.NFC);
    StringBuilder sb = new StringBuilder(base.length());
    base.codePoints().forEach(cp -> sb.appendCodePoint(unsafe(cp) ? '_' : cp));
    String out = sb.toString().strip();
    if (out.equals(".") || out.equals("..")) {
      return "";
    }
    return shorten(out);
  }

  private static boolean unsafe(int cp) {
    // control characters, and the bidi overrides/isolates that make "gpj.exe" display as "exe.jpg"
    return Character.getType(cp) == Character.CONTROL
        || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
  }

  private static String shorten(String name) {
    if (name.codePointCount(0, name.length()) <= MAX_LENGTH) {
      return name;
    }
    int extLength = TypeDetector.extension(name).length();
    String ext = extLength > 20 ? "" : name.substring(name.length() - extLength);
    String stem = name.substring(0, name.length() - ext.length());
    int keep = stem.offsetByCodePoints(0, MAX_LENGTH - ext.length());
    return stem.substring(0, keep) + ext;
  }

  private static String numbered(String name, int n) {
    int dot = name.lastIndexOf('.');
    if (dot <= 0) {
      return name + " (" + n + ")";
    }
    return name.substring(0, dot) + " (" + n + ")" + name.substring(dot);
  }
}
