package dev.filebatch.acs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.filebatch.MediaType;
import dev.filebatch.acs.fixtures.AktrGenerator;
import dev.filebatch.acs.fixtures.GroundTruth;
import dev.filebatch.acs.fixtures.Layout;
import dev.filebatch.spi.FileProcessingException;
import dev.filebatch.spi.FileProcessor;
import dev.filebatch.testkit.TestContext;
import dev.filebatch.testkit.TestInputFile;
import dev.filebatch.vision.VisionProcessor;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated phone-photo-like reports through real Tesseract (batch-vision, bundled tessdata). Prints the measured
 * ACS code recall and precision.
 *
 * <p>The bar is 98% recall and 99% precision, for the layouts the generator draws as photos; photos of the
 * compact layout (code lists wrapped across lines) are measured separately, against floors of their own. The seeds here (9000-9019, both photo layouts) were not used
 * to tune the preprocessing, the repairs, the code-line reread or the numeral stroke count (those were tuned on
 * seeds 1000-1019 and 5000-7039), so the figure is a test, not a fit. The assertions hold the bar, which these seeds
 * now pass with room; docs/benchmarks.md ("Photo accuracy") has the figures on further unseen seeds, per layout.
 */
class GeneratedPhotoAccuracyTest {
  private static final int PHOTOS = 20;
  private static final long FIRST_SEED = 9000;
  // The bar. Measured here: before the code-line reread 0.979 / 0.979; with it 0.971 / 0.987 (monospace
  // 0.964 / 1.000: four codes left out for want of a majority; serif two-column 0.977 / 0.977); with the numeral
  // stroke count 1.000 / 1.000 (239 codes). The floors are the bar, not the last figure, so a platform whose
  // rendering or OCR differs a little does not fail for one code.
  private static final double RECALL_FLOOR = 0.98;
  private static final double PRECISION_FLOOR = 0.99;

  // COMPACT photos: sans 9 pt, comma-separated codes wrapped across lines, codes cut at line ends. Seeds 9100-9109
  // were not used to tune the cut-code reread (tuned on 5000-5039). No bar of the issue applies to this layout;
  // the floors sit one code under what these seeds measured: 0.9825 / 0.9912 (tp 112, fn 2, fp 1); before the
  // change the layout read at 0.874 / 0.921 on seeds 5000-5019. These ten seeds read better than a fresh range
  // does: 60 photos of seeds 40000-40059 gave 0.962 / 0.975 (see docs/benchmarks.md, "Photo accuracy").
  private static final int COMPACT_PHOTOS = 10;
  private static final long COMPACT_FIRST_SEED = 9100;
  private static final double COMPACT_RECALL_FLOOR = 0.97;
  private static final double COMPACT_PRECISION_FLOOR = 0.98;

  @TempDir static Path dir;

  private static VisionProcessor vision;
  private static FileProcessor<KnowledgeTestReport> processor;

  @BeforeAll
  static void startTesseract() {
    KnowledgeTestAnalysis analysis = KnowledgeTestAnalysis.create();
    vision = VisionProcessor.builder().recognizer(analysis.photoRecognizer()).build();
    processor = analysis.photoProcessor(vision);
  }

  @AfterAll
  static void stopTesseract() {
    vision.close();
  }

  @Test
  void measuresAcsCodeRecallAndPrecisionOnGeneratedPhotos() throws Exception {
    double[] measured = measure("generated photos", FIRST_SEED, PHOTOS, null);
    assertThat(measured[0]).isGreaterThanOrEqualTo(RECALL_FLOOR);
    assertThat(measured[1]).isGreaterThanOrEqualTo(PRECISION_FLOOR);
  }

  @Test
  void measuresAcsCodeRecallAndPrecisionOnPhotosOfCodeListsWrappedAcrossLines() throws Exception {
    double[] measured = measure("compact photos", COMPACT_FIRST_SEED, COMPACT_PHOTOS, Layout.COMPACT);
    assertThat(measured[0]).isGreaterThanOrEqualTo(COMPACT_RECALL_FLOOR);
    assertThat(measured[1]).isGreaterThanOrEqualTo(COMPACT_PRECISION_FLOOR);
  }

  /** Recall and precision over the photos, each drawn in the layout given, or in its seed's own when null. */
  private static double[] measure(String what, long firstSeed, int photos, Layout forced) throws Exception {
    int truePositives = 0;
    int falseNegatives = 0;
    int falsePositives = 0;
    int exactReports = 0;
    Map<Layout, int[]> perLayout = new TreeMap<>();
    for (int i = 0; i < photos; i++) {
      long seed = firstSeed + i;
      GroundTruth t = AktrGenerator.randomTruth(seed);
      Layout drawn = forced != null ? forced : AktrGenerator.photoLayout(seed);
      KnowledgeTestReport r = processor.process(
          TestInputFile.write(dir, "photo" + seed + ".jpg", AktrGenerator.generatePhoto(t, seed, drawn),
              MediaType.JPEG),
          TestContext.in(dir));
      Set<String> expected = new LinkedHashSet<>(t.acsCodes());
      Set<String> read = new LinkedHashSet<>(r.codeStrings());
      int[] layout = perLayout.computeIfAbsent(drawn, l -> new int[3]);
      for (String c : read) {
        if (expected.contains(c)) {
          truePositives++;
          layout[0]++;
        } else {
          falsePositives++;
          layout[2]++;
        }
      }
      for (String c : expected) {
        if (!read.contains(c)) {
          falseNegatives++;
          layout[1]++;
        }
      }
      if (read.equals(expected)) {
        exactReports++;
      }
    }
    double recall = truePositives / (double) (truePositives + falseNegatives);
    double precision = truePositives / (double) Math.max(1, truePositives + falsePositives);
    System.out.printf(Locale.ROOT, "[batch-acs] %s: %d, ACS code recall %.4f, precision %.4f "
        + "(tp %d, fn %d, fp %d), reports with every code right %d/%d%n", what, photos, recall, precision,
        truePositives, falseNegatives, falsePositives, exactReports, photos);
    perLayout.forEach((layout, n) -> System.out.printf(Locale.ROOT, "[batch-acs]   %s: recall %.4f, precision %.4f "
        + "(tp %d, fn %d, fp %d)%n", layout, n[0] / (double) Math.max(1, n[0] + n[1]),
        n[0] / (double) Math.max(1, n[0] + n[2]), n[0], n[1], n[2]));
    return new double[] {recall, precision};
  }

  @Test
  void failsAPhotoOfSomethingElseWithNotAnAktr() throws Exception {
    BufferedImage img = new BufferedImage(1200, 800, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 1200, 800);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SERIF, Font.PLAIN, 48));
    g.drawString("Weekend fly-in breakfast", 80, 200);
    g.drawString("Pancakes served from 8 am", 80, 320);
    g.dispose();
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(img, "png", png);
    assertThatThrownBy(() -> processor.process(TestInputFile.write(dir, "flyer.png", png.toByteArray(), MediaType.PNG),
        TestContext.in(dir)))
        .isInstanceOf(FileProcessingException.class)
        .satisfies(e -> assertThat(((FileProcessingException) e).code()).isEqualTo(AktrParser.NOT_AN_AKTR));
  }
}
