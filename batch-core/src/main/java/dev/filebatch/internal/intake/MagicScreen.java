package dev.filebatch.internal.intake;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.tika.detect.MagicDetector;
import org.apache.tika.mime.MimeTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Proves, without Tika's allocation-heavy loop, that none of Tika's magic rules can match a head, so that Tika's
 * own answer for it is what its {@code TextDetector} says.
 *
 * <p>Why: for content no rule matches (plain text, unknown binary), {@code MimeTypes.detect} evaluates all of its
 * 849 rules, each clause through a fresh stream, {@code Metadata} and comparison buffer: about 0.6 ms and 1 MB of
 * garbage per file, where the comparisons themselves take microseconds.
 *
 * <p>How, and why the answer is Tika's: a rule ({@code <magic>}) matches only if one of its top-level
 * {@code <match>} elements does; a {@code <match>} with a value matches only if its own clause does (its children
 * narrow it further); a {@code <match minShouldMatch="n">}, n at least 1, only if one of its children does. So if
 * none of those necessary clauses matches, no rule matches. The clauses are read from Tika's own
 * {@code tika-mimetypes.xml} and built with Tika's own {@link MagicDetector#parse}, so their patterns, masks and
 * offsets are exactly Tika's; each is then evaluated over the head as {@link MagicDetector#detect} does (the same
 * comparison window, zero-filled past the data, the same regex flags and regions), without copying the head. If
 * anything is not as expected (an unknown element, a custom {@code custom-mimetypes.xml} on the class path,
 * reflection refused), the screen is off and every head goes to Tika. {@code TypeDetectorTest} checks the answers
 * against Tika over a broad generated set, including a head built from every clause.
 */
final class MagicScreen {
  private static final Logger LOG = LoggerFactory.getLogger(MagicScreen.class);

  /** One clause as Tika's {@link MagicDetector} holds it. */
  private record Clause(byte[] pattern, byte[] mask, int length, int begin, int end, boolean ignoreCase,
      Pattern regex, int keyPos, int key, int keyAlt) {

    /**
     * A clause as Tika holds it, with its key: the first fully masked pattern position and the head bytes that can
     * satisfy it there (for an ignore-case letter, its capital too; keyPos -1 when there is none), so that a
     * window is compared byte by byte only when its key byte is right.
     */
    static Clause of(byte[] pattern, byte[] mask, int length, int begin, int end, boolean ignoreCase, Pattern regex) {
      int keyPos = -1;
      int key = -1;
      int keyAlt = -1;
      for (int j = 0; regex == null && j < length; j++) {
        if (mask[j] == (byte) 0xFF) {
          keyPos = j;
          key = pattern[j] & 0xFF;
          keyAlt = ignoreCase && key >= 'a' && key <= 'z' ? key - 32 : key;
          break;
        }
      }
      return new Clause(pattern, mask, length, begin, end, ignoreCase, regex, keyPos, key, keyAlt);
    }

    /**
     * For a byte clause: per fully masked pattern position, the head bytes that can satisfy it (the byte itself;
     * for an ignore-case clause also the ASCII capital that {@code Character.toLowerCase} folds onto it).
     */
    int[][] needed() {
      List<int[]> out = new ArrayList<>();
      for (int j = 0; j < length; j++) {
        if (mask[j] != (byte) 0xFF) {
          continue;
        }
        int v = pattern[j] & 0xFF;
        out.add(ignoreCase && v >= 'a' && v <= 'z' ? new int[] {v, v - 32} : new int[] {v});
      }
      return out.toArray(new int[0][]);
    }
  }

  private final Clause[] clauses;
  private final int headerLength;
  // Clauses at one fixed offset with a fully masked, case-sensitive byte at head position `positions[k]` are only
  // checked when the head holds that byte there: `byByte[k][value]`. The rest are checked one by one.
  private final int[] positions;
  private final Clause[][][] byByte;
  private final Clause[] others;
  // For byte clauses among others: the byte values every match needs present (one bit each), and the ignore-case
  // positions that need one of two values (Clause.needed()); null for regex clauses.
  private final long[][] othersAll;
  private final int[][][] othersEither;
  // For regex clauses among others: the characters a match's first character must be one of, or null (unknown).
  private final long[][] othersFirst;
  private final int reach; // how far into the head any of the others looks

  private MagicScreen(Clause[] clauses, int headerLength) {
    this.clauses = clauses;
    this.headerLength = headerLength;
    java.util.TreeMap<Integer, List<List<Clause>>> index = new java.util.TreeMap<>();
    List<Clause> rest = new ArrayList<>();
    for (Clause c : clauses) {
      int key = c.regex == null && !c.ignoreCase && c.begin == c.end ? fullyMasked(c) : -1;
      if (key < 0) {
        rest.add(c);
        continue;
      }
      List<List<Clause>> buckets = index.computeIfAbsent(c.begin + key, k -> {
        List<List<Clause>> b = new ArrayList<>(256);
        for (int v = 0; v < 256; v++) {
          b.add(new ArrayList<>());
        }
        return b;
      });
      buckets.get(c.pattern[key] & 0xFF).add(c);
    }
    positions = new int[index.size()];
    byByte = new Clause[index.size()][][];
    int k = 0;
    for (var e : index.entrySet()) {
      positions[k] = e.getKey();
      byByte[k] = new Clause[256][];
      for (int v = 0; v < 256; v++) {
        byByte[k][v] = e.getValue().get(v).toArray(new Clause[0]);
      }
      k++;
    }
    others = rest.toArray(new Clause[0]);
    othersAll = new long[others.length][];
    othersEither = new int[others.length][][];
    othersFirst = new long[others.length][];
    int far = 0;
    for (int o = 0; o < others.length; o++) {
      if (others[o].regex == null) {
        long[] all = new long[4];
        List<int[]> either = new ArrayList<>();
        for (int[] choices : others[o].needed()) {
          if (choices.length == 1) {
            all[choices[0] >>> 6] |= 1L << choices[0];
          } else {
            either.add(choices);
          }
        }
        othersAll[o] = all;
        othersEither[o] = either.toArray(new int[0][]);
      } else {
        othersFirst[o] = others[o].ignoreCase ? null : RegexStart.firstChars(others[o].regex.pattern());
      }
      far = Math.max(far, others[o].end + others[o].length);
    }
    reach = far;
  }

  /** The first pattern position whose mask keeps every bit, or -1. */
  private static int fullyMasked(Clause c) {
    for (int j = 0; j < c.length; j++) {
      if (c.mask[j] == (byte) 0xFF) {
        return j;
      }
    }
    return -1;
  }

  /** The screen for Tika's default registry, or {@code null} when it cannot be built with certainty. */
  static MagicScreen forDefaultRegistry(MimeTypes mimeTypes) {
    try {
      ClassLoader loader = MimeTypes.class.getClassLoader();
      if (loader.getResources("org/apache/tika/mime/custom-mimetypes.xml").hasMoreElements()) {
        return null; // extra rules Tika would also read: not worth mirroring
      }
      URL core = loader.getResource("org/apache/tika/mime/tika-mimetypes.xml");
      if (core == null) {
        return null;
      }
      List<Clause> found = new ArrayList<>();
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setExpandEntityReferences(false);
      Element root;
      try (InputStream in = core.openStream()) {
        root = f.newDocumentBuilder().parse(in).getDocumentElement();
      }
      for (Element type : children(root, "mime-type")) {
        org.apache.tika.mime.MediaType mediaType = org.apache.tika.mime.MediaType.parse(type.getAttribute("type"));
        for (Element magic : children(type, "magic")) {
          for (Element match : children(magic, "match")) {
            if (!necessary(match, mediaType, found)) {
              return null;
            }
          }
        }
      }
      return new MagicScreen(found.toArray(new Clause[0]), mimeTypes.getMinLength());
    } catch (Exception | LinkageError e) {
      LOG.warn("Tika magic screen unavailable, every head goes to Tika: {}", e.toString());
      return null;
    }
  }

  /** Adds the clauses one of which must match for {@code match} to match; false if there is no such set. */
  private static boolean necessary(Element match, org.apache.tika.mime.MediaType mediaType, List<Clause> out)
      throws ReflectiveOperationException {
    if (match.hasAttribute("minShouldMatch")) {
      if (Integer.parseInt(match.getAttribute("minShouldMatch").trim()) < 1) {
        return false; // matches with no child matching
      }
      List<Element> kids = children(match, "match");
      if (kids.isEmpty()) {
        return false;
      }
      for (Element kid : kids) {
        if (!necessary(kid, mediaType, out)) {
          return false;
        }
      }
      return true;
    }
    if (!match.hasAttribute("value")) {
      return false;
    }
    String type = attr(match, "type");
    MagicDetector d = MagicDetector.parse(mediaType, type == null ? "string" : type, // Tika's reader's default
        attr(match, "offset"), attr(match, "value"), attr(match, "mask"));
    byte[] pattern = (byte[]) field(d, "pattern");
    boolean isRegex = (boolean) field(d, "isRegex");
    boolean ignoreCase = (boolean) field(d, "isStringIgnoreCase");
    Pattern regex = isRegex ? Pattern.compile(new String(pattern, StandardCharsets.UTF_8),
        ignoreCase ? Pattern.CASE_INSENSITIVE : 0) : null; // as MagicDetector.detect compiles it
    out.add(Clause.of(pattern, (byte[]) field(d, "mask"), (int) field(d, "length"), (int) field(d, "offsetRangeBegin"),
        (int) field(d, "offsetRangeEnd"), ignoreCase, regex));
    return true;
  }

  private static String attr(Element e, String name) {
    return e.hasAttribute(name) ? e.getAttribute(name) : null; // as Tika's reader passes a missing attribute
  }

  private static Object field(MagicDetector d, String name) throws ReflectiveOperationException {
    Field f = MagicDetector.class.getDeclaredField(name);
    f.setAccessible(true);
    return f.get(d);
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        out.add(e);
      }
    }
    return out;
  }

  /** Whether no magic rule of Tika's can match the first {@code n} bytes of {@code head} ({@code n > 0}). */
  boolean noMagicMatches(byte[] head, int n) {
    int data = Math.min(n, headerLength); // Tika reads at most this much before matching
    for (int k = 0; k < positions.length; k++) {
      // a clause in another bucket needs a different byte here than the head has, so it cannot match
      for (Clause c : byByte[k][at(head, data, positions[k]) & 0xFF]) {
        if (bytesMatch(c, head, data)) {
          return false;
        }
      }
    }
    // Which byte values occur where the remaining clauses look (zero too once a window can reach past the data,
    // since Tika compares zeros there): a byte clause needing a value that occurs nowhere cannot match.
    long[] present = new long[4];
    int scan = Math.min(data, reach);
    for (int i = 0; i < scan; i++) {
      int v = head[i] & 0xFF;
      present[v >>> 6] |= 1L << v;
    }
    if (data < reach) {
      present[0] |= 1L;
    }
    for (int k = 0; k < others.length; k++) {
      Clause c = others[k];
      if (c.regex != null) {
        if (regexMatches(c, othersFirst[k], head, data)) {
          return false;
        }
      } else if (possible(othersAll[k], othersEither[k], present) && bytesMatch(c, head, data)) {
        return false;
      }
    }
    return true;
  }

  private static boolean possible(long[] all, int[][] either, long[] present) {
    if ((all[0] & ~present[0] | all[1] & ~present[1] | all[2] & ~present[2] | all[3] & ~present[3]) != 0) {
      return false;
    }
    for (int[] choices : either) {
      boolean any = false;
      for (int v : choices) {
        any |= (present[v >>> 6] & (1L << v)) != 0;
      }
      if (!any) {
        return false;
      }
    }
    return true;
  }

  /** The bytes Tika would hold at window position {@code k} of the clause: the data, then zeros. */
  private static int at(byte[] head, int data, int pos) {
    return pos < data ? head[pos] : 0;
  }

  /** {@link MagicDetector#detect}'s non-regex branch over {@code head}. */
  private static boolean bytesMatch(Clause c, byte[] head, int data) {
    if (data < c.begin) {
      return false; // Tika cannot skip to the window
    }
    int read = Math.min(data, c.end + c.length); // the offset Tika reaches filling its window
    if (read < c.begin + c.length) {
      return false;
    }
    int windows = c.end - c.begin;
    // Past the data every window holds only zeros, so all such windows compare alike: test one of them.
    int lastWithData = Math.min(windows, Math.max(0, data - c.begin));
    for (int i = 0; i <= lastWithData; i++) {
      if (c.keyPos >= 0) {
        int v = at(head, data, c.begin + i + c.keyPos) & 0xFF;
        if (v != c.key && v != c.keyAlt) {
          continue; // window() would fail at the key position anyway
        }
      }
      if (window(c, head, data, c.begin + i)) {
        return true;
      }
    }
    return false;
  }

  private static boolean window(Clause c, byte[] head, int data, int from) {
    for (int j = 0; j < c.length; j++) {
      int masked = at(head, data, from + j) & c.mask[j];
      if (c.ignoreCase) {
        masked = Character.toLowerCase(masked);
      }
      if (masked != c.pattern[j]) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@link MagicDetector#detect}'s regex branch: ISO-8859-1 chars of the zero-filled window, region by region.
   * With {@code first} (see {@link RegexStart}), a region whose first character cannot start a match is not handed
   * to the regex engine: the answer is the same, without a matcher per clause and file.
   */
  private static boolean regexMatches(Clause c, long[] first, byte[] head, int data) {
    if (data < c.begin) {
      return false;
    }
    int size = c.length + (c.end - c.begin);
    Matcher m = null;
    int windows = c.end - c.begin;
    // Regions that start past the data hold only zeros and have the same length: one stands for all.
    int lastWithData = Math.min(windows, Math.max(0, data - c.begin));
    for (int i = 0; i <= lastWithData; i++) {
      if (first != null) {
        int v = at(head, data, c.begin + i) & 0xFF;
        if (c.length == 0 || (first[v >>> 6] & (1L << v)) == 0) {
          continue;
        }
      }
      if (m == null) {
        m = c.regex.matcher(new Window(head, data, c.begin, size));
      }
      m.region(i, c.length + i);
      if (m.lookingAt()) {
        return true;
      }
    }
    return false;
  }

  /** The comparison window as characters, without copying the head. */
  private static final class Window implements CharSequence {
    private final byte[] head;
    private final int data;
    private final int from;
    private final int size;

    Window(byte[] head, int data, int from, int size) {
      this.head = head;
      this.data = data;
      this.from = from;
      this.size = size;
    }

    @Override
    public int length() {
      return size;
    }

    @Override
    public char charAt(int index) {
      if (index < 0 || index >= size) {
        throw new IndexOutOfBoundsException(index);
      }
      return (char) (at(head, data, from + index) & 0xFF);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      StringBuilder sb = new StringBuilder(end - start);
      for (int i = start; i < end; i++) {
        sb.append(charAt(i));
      }
      return sb;
    }

    @Override
    public String toString() {
      return subSequence(0, size).toString();
    }
  }

  /**
   * For tests: the regex clauses whose answer over {@code head} differs with and without their first-character
   * filter (must be none), and how many clauses have a filter, as the last element ("filtered=N").
   */
  List<String> filterDisagreements(byte[] head, int n) {
    int data = Math.min(n, headerLength);
    List<String> out = new ArrayList<>();
    int filtered = 0;
    for (int k = 0; k < others.length; k++) {
      Clause c = others[k];
      if (c.regex == null || othersFirst[k] == null) {
        continue;
      }
      filtered++;
      if (regexMatches(c, othersFirst[k], head, data) != regexMatches(c, null, head, data)) {
        out.add(c.regex.pattern());
      }
    }
    out.add("filtered=" + filtered);
    return out;
  }

  /** How many clauses the screen checks (for tests). */
  int size() {
    return clauses.length;
  }

  /**
   * For tests: for every byte (non-regex) clause, heads that satisfy it, with its pattern at the first and at the
   * last offset of its range, after text; the screen must never clear them.
   */
  List<byte[]> headsMatchingEachClause() {
    List<byte[]> out = new ArrayList<>();
    for (Clause c : clauses) {
      if (c.regex != null) {
        continue;
      }
      for (int at : new int[] {c.begin, c.end}) {
        byte[] h = new byte[at + c.length + 32];
        for (int i = 0; i < h.length; i++) {
          h[i] = (byte) ("The quick brown fox. ".charAt(i % 21));
        }
        System.arraycopy(c.pattern, 0, h, at, c.length);
        out.add(h);
      }
    }
    return out;
  }
}
