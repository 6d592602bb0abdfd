package dev.filebatch.vision.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class OcrPreprocessingTest {
  @Test
  void keepsTextInAShadowThatAGlobalThresholdWouldLose() {
    // Light falls off from left (bright) to right (dark); text on the dark side is darker than the paper on the
    // bright side, so no single threshold separates both.
    int w = 1200;
    int h = 300;
    BufferedImage photo = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    for (int x = 0; x < w; x++) {
      int paper = 240 - x * 170 / w; // 240 down to 70
      for (int y = 0; y < h; y++) {
        photo.getRaster().setSample(x, y, 0, paper);
      }
    }
    Graphics2D g = photo.createGraphics();
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 60));
    g.setColor(new Color(150, 150, 150)); // ink on the bright side
    g.fillRect(100, 100, 60, 60);
    g.setColor(new Color(30, 30, 30)); // ink in the shadow
    g.fillRect(1000, 100, 60, 60);
    g.dispose();

    BufferedImage prepared = OcrPreprocessing.prepare(photo, true);

    assertThat(prepared.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
    assertThat(prepared.getWidth()).isEqualTo(w); // between the small and large limits: no scaling
    // Both marks are ink; the paper around them, bright or shadowed, is white.
    assertThat(sample(prepared, 105, 105)).isZero();
    assertThat(sample(prepared, 1005, 105)).isZero();
    assertThat(sample(prepared, 50, 250)).isEqualTo(255);
    assertThat(sample(prepared, 1150, 250)).isEqualTo(255);
  }

  @Test
  void composesTransparencyOverWhite() {
    BufferedImage transparent = new BufferedImage(1200, 100, BufferedImage.TYPE_INT_ARGB);

    BufferedImage prepared = OcrPreprocessing.prepare(transparent);

    assertThat(sample(prepared, 600, 50)).isEqualTo(255);
  }

  @Test
  void scalesSmallImagesUpAndHugeOnesDown() {
    assertThat(OcrPreprocessing.scaleFor(600, 200)).isEqualTo(3.0);
    assertThat(OcrPreprocessing.scaleFor(100, 50)).isEqualTo(4.0);
    assertThat(OcrPreprocessing.scaleFor(2000, 1500)).isEqualTo(1.0);
    assertThat(OcrPreprocessing.scaleFor(6000, 4000)).isEqualTo(0.5);
  }

  @Test
  void scalesSmallTextUpToTheLineHeightTesseractReadsBest() {
    BufferedImage page = page(1200, 1500, 0);

    double before = OcrPreprocessing.lineHeight(page);
    BufferedImage prepared = OcrPreprocessing.prepare(page);

    assertThat(before).isBetween(8.0, 16.0);
    assertThat(prepared.getWidth()).isGreaterThan(page.getWidth() * 2);
    assertThat(OcrPreprocessing.lineHeight(prepared)).isGreaterThan(before * 1.8);
  }

  @Test
  void levelsAPagePhotographedAtAnAngle() {
    BufferedImage skewed = page(1200, 1500, 2.5);

    double angle = Deskew.angle(skewed);
    BufferedImage level = Deskew.straighten(skewed, angle);

    assertThat(angle).isCloseTo(2.5, org.assertj.core.data.Offset.offset(0.3));
    assertThat(Math.abs(Deskew.angle(level))).isLessThan(0.3);
    assertThat(level.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
  }

  // Lines of small text in columns across the page, turned clockwise by the given degrees.
  private static BufferedImage page(int w, int h, double degrees) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    g.rotate(Math.toRadians(degrees), w / 2.0, h / 2.0);
    g.setRenderingHint(java.awt.RenderingHints.KEY_TEXT_ANTIALIASING,
        java.awt.RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    for (int y = 100; y < h - 100; y += 24) {
      for (int x = 80; x < w - 300; x += 280) {
        g.drawString("PA.III.B.K4 Quick brown fox", x, y);
      }
    }
    g.dispose();
    return img;
  }

  private static int sample(BufferedImage image, int x, int y) {
    return image.getRaster().getSample(x, y, 0);
  }
}
