package dev.filebatch.acs.internal;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Reads the shape of an ACS code's area numeral from the pixels: how many vertical stems it has, and where its
 * slanted strokes (a V or an X) stand among them.
 *
 * <p>Why: OCR miscounts the strokes of serif Roman numerals ("III" read as "II", "VI" as "VII"), because the serifs
 * of neighbouring I's join at the top and the bottom. Between the serifs, at mid height, the stems stay apart, and a
 * stem is dark over the whole middle of the letter height while a slanted stroke is dark over only part of it in
 * any one column. So: binarise the code's box, find the separator dots (small blobs on the baseline), and between the
 * first two, classify each column by how much of the band from 15% to 85% of the capital height is ink.
 *
 * <p>The answer is given only when the evidence is clear (three dots found, letters tall enough, stems of a
 * plausible width); otherwise it is empty and the OCR reading stands.
 */
public final class NumeralStrokes {
  /** Below this capital height in pixels the stems blur into each other: no answer. */
  static final int MIN_CAPITAL_HEIGHT = 14;
  // a column is a stem's when at least this share of the band's rows are ink (a slanted stroke of a V or X in a
  // serif or typewriter face covers well under 70% of the band; a stem, all of it)
  private static final double STEM_SHARE = 0.9;
  private static final double BAND_TOP = 0.15;
  private static final double BAND_BOTTOM = 0.85;

  private NumeralStrokes() {}

  /**
   * The shape of the numeral between the first two separator dots of the code whose ink is in the box: one
   * {@code I} per vertical stem and one {@code V} per group of slanted strokes, in reading order: {@code "III"} for
   * III, {@code "VII"} for VII or XII, {@code "IV"} for IV or IX. Empty when unclear.
   *
   * @param grey an 8-bit greyscale image, dark ink on a light ground
   * @param left the box's left edge in the image
   * @param top the box's top edge
   * @param right the box's right edge, exclusive
   * @param bottom the box's bottom edge, exclusive
   */
  public static Optional<String> areaShape(BufferedImage grey, int left, int top, int right, int bottom) {
    int pad = 3;
    int x0 = Math.max(0, left - pad);
    int y0 = Math.max(0, top - pad);
    int x1 = Math.min(grey.getWidth(), right + pad);
    int y1 = Math.min(grey.getHeight(), bottom + pad);
    int w = x1 - x0;
    int h = y1 - y0;
    if (w < 4 * MIN_CAPITAL_HEIGHT || h < MIN_CAPITAL_HEIGHT) {
      return Optional.empty();
    }
    Raster raster = grey.getRaster();
    int[] histogram = new int[256];
    int[] grey8 = raster.getSamples(x0, y0, w, h, 0, new int[w * h]);
    for (int v : grey8) {
      histogram[v & 0xff]++;
    }
    int threshold = otsu(histogram, w * h);
    // a looser mask, halfway to the paper's grey, sees the faint hairline above the foot of a letter, which the
    // threshold can leave looking like a dot
    int paper = median(histogram, w * h);
    int faint = (threshold + Math.max(threshold, paper)) / 2;
    boolean[][] ink = new boolean[h][w];
    boolean[][] anyInk = new boolean[h][w];
    int[] rowInk = new int[h];
    int most = 0;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        ink[y][x] = grey8[y * w + x] < threshold;
        anyInk[y][x] = grey8[y * w + x] < faint;
        if (ink[y][x]) {
          rowInk[y]++;
        }
      }
      most = Math.max(most, rowInk[y]);
    }
    // the capital height: the rows carrying a fair share of the ink (serifs, bowls and bars make every row between
    // the cap line and the baseline count; a stray descender does not)
    int capTop = -1;
    int baseline = -1;
    for (int y = 0; y < h; y++) {
      if (rowInk[y] > most * 0.25) {
        if (capTop < 0) {
          capTop = y;
        }
        baseline = y;
      }
    }
    if (capTop < 0 || baseline - capTop + 1 < MIN_CAPITAL_HEIGHT) {
      return Optional.empty();
    }
    int capital = baseline - capTop + 1;
    List<int[]> dots = dots(ink, anyInk, w, h, capTop, baseline, capital);
    if (dots.size() < 3 || dots.get(0)[0] < 0.8 * capital) {
      return Optional.empty(); // a code has three separators after a two-letter prefix; anything else is unclear
    }
    int from = dots.get(0)[1];
    int to = dots.get(1)[0];
    int bandTop = capTop + (int) Math.round(capital * BAND_TOP);
    int bandBottom = capTop + (int) Math.round(capital * BAND_BOTTOM);
    int rows = bandBottom - bandTop + 1;
    char[] columns = new char[Math.max(0, to - from)];
    for (int x = from; x < to; x++) {
      int dark = 0;
      for (int y = bandTop; y <= bandBottom; y++) {
        if (ink[y][x]) {
          dark++;
        }
      }
      columns[x - from] = dark >= STEM_SHARE * rows ? 'S' : dark > 0 ? 'd' : '.';
    }
    // a thick slanted stroke (bold or condensed faces) can also cover the whole band in a few columns; a stem's
    // stroke stays where it is from the top of the band to the bottom, a slanted one moves
    for (int a = 0; a < columns.length; ) {
      int b = a;
      while (b < columns.length && columns[b] == 'S') {
        b++;
      }
      if (b > a && !upright(ink, w, from + (a + b) / 2, bandTop, bandBottom, capital)) {
        for (int x = a; x < b; x++) {
          columns[x] = 'd';
        }
      }
      a = Math.max(b, a + 1);
    }
    return shape(new String(columns), capital);
  }

  /**
   * The shape from the columns' classes ({@code S} stem, {@code d} some ink, {@code .} none). Ink touching a stem
   * and narrower than a quarter of the capital height is its fringe (a serif, antialiasing); other ink is a slanted
   * stroke, and slanted strokes with no stem between them are one letter.
   */
  static Optional<String> shape(String columns, int capital) {
    List<int[]> runs = new ArrayList<>(); // {stem ? 1 : 0, start, end}
    int i = 0;
    while (i < columns.length()) {
      char c = columns.charAt(i);
      int j = i;
      while (j < columns.length() && columns.charAt(j) == c) {
        j++;
      }
      if (c != '.') {
        runs.add(new int[] {c == 'S' ? 1 : 0, i, j});
      }
      i = j;
    }
    StringBuilder shape = new StringBuilder();
    for (int k = 0; k < runs.size(); k++) {
      int[] run = runs.get(k);
      int width = run[2] - run[1];
      if (run[0] == 1) {
        if (width > 0.35 * capital) {
          return Optional.empty(); // wider than any stem: two stems run together, or a smudge
        }
        shape.append('I');
        continue;
      }
      boolean touchesStem = (k > 0 && runs.get(k - 1)[0] == 1 && runs.get(k - 1)[2] == run[1])
          || (k + 1 < runs.size() && runs.get(k + 1)[0] == 1 && runs.get(k + 1)[1] == run[2]);
      if ((touchesStem && width < 0.25 * capital) || width < 3) {
        continue;
      }
      if (shape.length() == 0 || shape.charAt(shape.length() - 1) != 'V') {
        shape.append('V');
      }
    }
    if (shape.length() == 0 || shape.length() > 5) {
      return Optional.empty();
    }
    return Optional.of(shape.toString());
  }

  /**
   * Whether the stroke through the column is upright: the middles of its ink in the top, middle and bottom thirds of
   * the band are within 5% of the capital height (at least a pixel and a half) of each other (the middle third tells a stem from the side of a
   * bold X, whose two strokes pass the column above and below the crossing).
   */
  private static boolean upright(boolean[][] ink, int w, int column, int bandTop, int bandBottom, int capital) {
    int third = (bandBottom - bandTop + 1) / 3;
    double upper = middle(ink, w, column, bandTop, bandTop + third - 1);
    double centre = middle(ink, w, column, bandTop + third, bandBottom - third);
    double lower = middle(ink, w, column, bandBottom - third + 1, bandBottom);
    if (Double.isNaN(upper) || Double.isNaN(centre) || Double.isNaN(lower)) {
      return false;
    }
    double spread = Math.max(upper, Math.max(centre, lower)) - Math.min(upper, Math.min(centre, lower));
    return spread <= Math.max(1.5, 0.05 * capital);
  }

  /** The mean middle of the ink runs through the column in the rows, or NaN when the column is blank there. */
  private static double middle(boolean[][] ink, int w, int column, int fromRow, int toRow) {
    double sum = 0;
    int n = 0;
    for (int y = fromRow; y <= toRow; y++) {
      if (!ink[y][column]) {
        continue;
      }
      int l = column;
      while (l > 0 && ink[y][l - 1]) {
        l--;
      }
      int r = column;
      while (r < w - 1 && ink[y][r + 1]) {
        r++;
      }
      sum += (l + r) / 2.0;
      n++;
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /** The shape a numeral has by this reading: I stays, each group of V and X becomes one V. */
  public static String shapeOf(String numeral) {
    return numeral.replaceAll("[VX]+", "V");
  }

  /** Small blobs sitting on the baseline, left to right, as {start, end} columns. */
  private static List<int[]> dots(boolean[][] ink, boolean[][] anyInk, int w, int h, int capTop, int baseline,
      int capital) {
    List<int[]> dots = new ArrayList<>();
    boolean[][] seen = new boolean[h][w];
    Deque<int[]> stack = new ArrayDeque<>();
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        if (!ink[y][x] || seen[y][x]) {
          continue;
        }
        int minX = x;
        int maxX = x;
        int minY = y;
        int maxY = y;
        int pixels = 0;
        seen[y][x] = true;
        stack.push(new int[] {y, x});
        while (!stack.isEmpty()) {
          int[] p = stack.pop();
          pixels++;
          minX = Math.min(minX, p[1]);
          maxX = Math.max(maxX, p[1]);
          minY = Math.min(minY, p[0]);
          maxY = Math.max(maxY, p[0]);
          for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
              int yy = p[0] + dy;
              int xx = p[1] + dx;
              if (yy >= 0 && yy < h && xx >= 0 && xx < w && ink[yy][xx] && !seen[yy][xx]) {
                seen[yy][xx] = true;
                stack.push(new int[] {yy, xx});
              }
            }
          }
        }
        int bw = maxX - minX + 1;
        int bh = maxY - minY + 1;
        boolean dotSized = bw <= 0.35 * capital && bh <= 0.35 * capital && bw >= 0.08 * capital
            && bh >= 0.08 * capital;
        boolean onBaseline = minY >= capTop + 0.6 * capital && maxY <= baseline + 0.15 * capital;
        // a dot is solid, about as wide as tall, with nothing above it (the foot of a letter has its stroke above)
        boolean round = pixels >= 0.45 * bw * bh && bw <= 2 * bh && bh <= 2 * bw;
        if (dotSized && onBaseline && round && pixels >= 4 && clearAbove(anyInk, minX, maxX, capTop, minY)) {
          dots.add(new int[] {minX, maxX + 1});
        }
      }
    }
    dots.sort(Comparator.comparingInt(d -> d[0]));
    return dots;
  }

  /** Whether the columns hold (almost) no ink from the cap line down to just above the row. */
  private static boolean clearAbove(boolean[][] ink, int fromColumn, int toColumn, int capTop, int row) {
    int dark = 0;
    for (int y = capTop; y < row - 1; y++) {
      for (int x = fromColumn; x <= toColumn; x++) {
        if (ink[y][x]) {
          dark++;
        }
      }
    }
    return dark <= 2;
  }

  /** The median grey level. */
  private static int median(int[] histogram, int total) {
    int seen = 0;
    for (int i = 0; i < 256; i++) {
      seen += histogram[i];
      if (seen * 2 >= total) {
        return i;
      }
    }
    return 255;
  }

  /** Otsu's threshold: grey levels below it are ink. */
  private static int otsu(int[] histogram, int total) {
    double sum = 0;
    for (int i = 0; i < 256; i++) {
      sum += i * (double) histogram[i];
    }
    double sumBelow = 0;
    double below = 0;
    double best = -1;
    int threshold = 128;
    for (int i = 0; i < 256; i++) {
      below += histogram[i];
      if (below == 0) {
        continue;
      }
      double above = total - below;
      if (above == 0) {
        break;
      }
      sumBelow += i * (double) histogram[i];
      double meanBelow = sumBelow / below;
      double meanAbove = (sum - sumBelow) / above;
      double between = below * above * (meanBelow - meanAbove) * (meanBelow - meanAbove);
      if (between > best) {
        best = between;
        threshold = i;
      }
    }
    return threshold + 1;
  }
}
