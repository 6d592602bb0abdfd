package dev.filebatch.acs.internal;

import dev.filebatch.vision.TextLine;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A line of codes rendered as a photo would show it: 8-bit grey, dark grey ink, antialiased, slightly blurred, with
 * a little sensor noise; each word's box is the box around its ink, as OCR gives it.
 */
final class RenderedCodes {
  private RenderedCodes() {}

  /** The words rendered on one line, a wide gap apart, with their ink boxes. */
  static TextLine line(Font font, String... words) {
    int size = font.getSize();
    int gap = size * 2;
    int width = size;
    for (String w : words) {
      width += w.length() * size + gap;
    }
    BufferedImage sharp = new BufferedImage(width, size * 3, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = sharp.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, sharp.getWidth(), sharp.getHeight());
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(new Color(30, 30, 35));
    g.setFont(font);
    List<int[]> spans = new ArrayList<>();
    int x = size;
    for (String w : words) {
      int advance = g.getFontMetrics().stringWidth(w);
      g.drawString(w, x, size * 2);
      spans.add(new int[] {x - 2, x + advance + 2});
      x += advance + gap;
    }
    g.dispose();
    float[] k = {1 / 16f, 2 / 16f, 1 / 16f, 2 / 16f, 4 / 16f, 2 / 16f, 1 / 16f, 2 / 16f, 1 / 16f};
    BufferedImage page = new ConvolveOp(new Kernel(3, 3, k), ConvolveOp.EDGE_NO_OP, null).filter(sharp, null);
    Random noise = new Random(size * 31L + words.length);
    for (int y = 0; y < page.getHeight(); y++) {
      for (int xx = 0; xx < page.getWidth(); xx++) {
        int v = page.getRaster().getSample(xx, y, 0) + (int) Math.round(noise.nextGaussian() * 4);
        page.getRaster().setSample(xx, y, 0, Math.max(0, Math.min(255, v)));
      }
    }
    List<TextLine.Word> boxes = new ArrayList<>();
    for (int i = 0; i < words.length; i++) {
      boxes.add(box(page, words[i], spans.get(i)[0], spans.get(i)[1]));
    }
    return new TextLine(String.join(" ", words), page, boxes);
  }

  /** The box around the ink (grey under 160) within the columns. */
  private static TextLine.Word box(BufferedImage page, String text, int from, int to) {
    int left = Integer.MAX_VALUE;
    int top = Integer.MAX_VALUE;
    int right = -1;
    int bottom = -1;
    for (int y = 0; y < page.getHeight(); y++) {
      for (int x = Math.max(0, from); x < Math.min(page.getWidth(), to); x++) {
        if (page.getRaster().getSample(x, y, 0) < 160) {
          left = Math.min(left, x);
          top = Math.min(top, y);
          right = Math.max(right, x + 1);
          bottom = Math.max(bottom, y + 1);
        }
      }
    }
    return new TextLine.Word(text, left, top, right, bottom);
  }
}
