package dev.filebatch.benchmarks;

import dev.filebatch.MediaType;
import dev.filebatch.acs.KnowledgeTestAnalysis;
import dev.filebatch.acs.KnowledgeTestReport;
import dev.filebatch.acs.fixtures.AktrGenerator;
import dev.filebatch.acs.fixtures.GroundTruth;
import dev.filebatch.acs.fixtures.Layout;
import dev.filebatch.spi.FileProcessor;
import dev.filebatch.testkit.TestContext;
import dev.filebatch.testkit.TestInputFile;
import dev.filebatch.vision.TesseractRecognizer;
import dev.filebatch.vision.VisionProcessor;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Issue 3, photo accuracy: ACS code recall and precision on generated phone photos of a seed range, per layout, with
 * the processor {@code analyze} builds (Tesseract with the bundled model, the code-line reread on unless
 * {@code --no-reread}; the numerals' strokes counted in the image unless {@code --no-strokes}), and the thread CPU
 * time per photo (decoding, preprocessing and OCR; the photo's generation is left out). One photo at a time, so the CPU time is what one photo costs whatever the machine's load.
 *
 * <pre>
 * OMP_THREAD_LIMIT=1 java -Djava.awt.headless=true -cp batch-benchmarks/target/benchmarks.jar \
 *     dev.filebatch.benchmarks.PhotoAccuracy 8000 80 [--no-reread] [--no-strokes] [--layout COMPACT]
 * </pre>
 */
public final class PhotoAccuracy {
  private PhotoAccuracy() {}

  /**
   * Measures.
   *
   * @param args the first seed, the number of photos, and optionally {@code --no-reread}, {@code --no-strokes}, and
   *     {@code --layout} with a layout name to draw every photo in that layout instead of the seed's own
   */
  public static void main(String[] args) throws Exception {
    if (!"1".equals(System.getenv("OMP_THREAD_LIMIT"))) {
      throw new IllegalStateException("run with OMP_THREAD_LIMIT=1 in the environment, as production does");
    }
    long first = Long.parseLong(args[0]);
    int count = Integer.parseInt(args[1]);
    List<String> options = Arrays.asList(args).subList(2, args.length);
    boolean reread = !options.contains("--no-reread");
    boolean strokes = !options.contains("--no-strokes");
    int layoutAt = options.indexOf("--layout");
    Layout forced = layoutAt >= 0 ? Layout.valueOf(options.get(layoutAt + 1)) : null;
    KnowledgeTestAnalysis analysis = KnowledgeTestAnalysis.create();
    TesseractRecognizer.Builder ocr = TesseractRecognizer.builder().language("eng").pageSegmentationMode(3);
    if (reread) {
      ocr.rereadLines(analysis.codeLineReread(strokes));
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Path folder = Folders.temp("filebatch-photo-accuracy-");
    Map<String, int[]> counts = new TreeMap<>(); // tp, fn, fp, photos
    long cpu = 0;
    try (VisionProcessor vision = VisionProcessor.builder().recognizer(ocr.build()).build()) {
      FileProcessor<KnowledgeTestReport> processor = analysis.photoProcessor(vision);
      TestContext context = TestContext.in(Files.createDirectories(folder.resolve("scratch")));
      for (int i = 0; i < count; i++) {
        long seed = first + i;
        GroundTruth truth = AktrGenerator.randomTruth(seed);
        Layout layout = forced != null ? forced : AktrGenerator.photoLayout(seed);
        byte[] jpeg = AktrGenerator.generatePhoto(truth, seed, layout);
        Path photo = Files.write(folder.resolve("photo.jpg"), jpeg);
        TestInputFile file = TestInputFile.of(photo, MediaType.JPEG).withIndex(i);
        long before = threads.getCurrentThreadCpuTime();
        Set<String> read;
        try {
          read = new LinkedHashSet<>(processor.process(file, context).codeStrings());
        } catch (dev.filebatch.spi.FileProcessingException e) {
          read = Set.of(); // counted as every code missed
        }
        cpu += threads.getCurrentThreadCpuTime() - before;
        Set<String> expected = new LinkedHashSet<>(truth.acsCodes());
        Set<String> found = read;
        for (String key : new String[] {layout.name(), "all"}) {
          int[] n = counts.computeIfAbsent(key, k -> new int[4]);
          found.forEach(c -> n[expected.contains(c) ? 0 : 2]++);
          expected.forEach(c -> n[1] += found.contains(c) ? 0 : 1);
          n[3]++;
        }
      }
    } finally {
      Folders.delete(folder);
    }
    System.out.printf(Locale.ROOT, "seeds %d-%d, reread %s, strokes %s%n", first, first + count - 1,
        reread ? "on" : "off", reread && strokes ? "on" : "off");
    counts.forEach((layout, n) -> System.out.printf(Locale.ROOT,
        "%-10s photos %3d  recall %.4f  precision %.4f  (tp %d, fn %d, fp %d)%n", layout, n[3],
        n[0] / (double) Math.max(1, n[0] + n[1]), n[0] / (double) Math.max(1, n[0] + n[2]), n[0], n[1], n[2]));
    System.out.printf(Locale.ROOT, "CPU per photo (thread, decode + preprocess + OCR + parse): %.2f s%n",
        cpu / 1e9 / count);
  }
}
