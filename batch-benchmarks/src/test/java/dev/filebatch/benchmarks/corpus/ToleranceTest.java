package dev.filebatch.benchmarks.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToleranceTest {
  private static BufferedImage canvas(int size, Color background) {
    BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = img.createGraphics();
    g.setColor(background);
    g.fillRect(0, 0, size, size);
    g.dispose();
    return img;
  }

  private static BufferedImage withSquare(BufferedImage img, Color fill, int x, int side) {
    Graphics2D g = img.createGraphics();
    g.setColor(fill);
    g.fillRect(x, x, side, side);
    g.dispose();
    return img;
  }

  @Test
  void transparentAndWhiteAreTheSameOverWhite() {
    Tolerance.Difference d = Tolerance.DEFAULT.compare(canvas(100, new Color(0, 0, 0, 0)), canvas(100, Color.WHITE));
    assertThat(d.fractionAbove(8)).isZero();
    assertThat(Tolerance.DEFAULT.passes(d)).isTrue();
  }

  @Test
  void aMissingShapeLargerThanTheAllowanceFails() {
    BufferedImage reference = withSquare(canvas(500, Color.WHITE), Color.GREEN, 100, 100);
    Tolerance.Difference d = Tolerance.DEFAULT.compare(canvas(500, Color.WHITE), reference);
    assertThat(d.fractionAbove(64)).isEqualTo(10_000 / 250_000.0);
    assertThat(Tolerance.DEFAULT.passes(d)).isFalse();
  }

  @Test
  void anOutlineShiftedByOnePixelPasses() {
    BufferedImage reference = withSquare(canvas(500, Color.WHITE), Color.BLUE, 100, 200);
    BufferedImage shifted = withSquare(canvas(500, Color.WHITE), Color.BLUE, 101, 200);
    Tolerance.Difference d = Tolerance.DEFAULT.compare(shifted, reference);
    assertThat(d.fractionAbove(64)).isGreaterThan(0).isLessThanOrEqualTo(0.015);
    assertThat(Tolerance.DEFAULT.passes(d)).isTrue();
  }

  @Test
  void aSmallColourErrorIsIgnoredAndALargeOneIsNot() {
    BufferedImage reference = withSquare(canvas(200, Color.WHITE), new Color(100, 100, 100), 0, 200);
    BufferedImage near = withSquare(canvas(200, Color.WHITE), new Color(140, 100, 100), 0, 200);
    BufferedImage far = withSquare(canvas(200, Color.WHITE), new Color(200, 100, 100), 0, 200);
    assertThat(Tolerance.DEFAULT.passes(Tolerance.DEFAULT.compare(near, reference))).isTrue();
    assertThat(Tolerance.DEFAULT.passes(Tolerance.DEFAULT.compare(far, reference))).isFalse();
  }

  @Test
  void aRenderingOfAnotherSizeIsScaledToTheReference() {
    Tolerance.Difference d = Tolerance.DEFAULT.compare(canvas(250, Color.RED), canvas(500, Color.RED));
    assertThat(d.resized()).isTrue();
    assertThat(d.width()).isEqualTo(500);
    assertThat(Tolerance.DEFAULT.passes(d)).isTrue();
  }

  @Test
  void readsWallTimePeakMemoryAndExitStatusFromGnuTime(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("time.txt");
    Files.writeString(file, String.join("\n",
        "\tCommand being timed: \"java -jar filebatch.jar convert a.svg\"",
        "\tUser time (seconds): 93.58",
        "\tSystem time (seconds): 6.66",
        "\tPercent of CPU this job got: 119%",
        "\tElapsed (wall clock) time (h:mm:ss or m:ss): 1:23.65",
        "\tMaximum resident set size (kbytes): 489456",
        "\tExit status: 1", ""));
    Map<String, Object> t = CompareWithReference.gnuTime(file);
    assertThat(t).containsEntry("wall_seconds", 83.65).containsEntry("max_rss_kb", 489456L)
        .containsEntry("exit_status", 1).containsEntry("user_seconds", 93.58).doesNotContainKey("signal");
  }
}
