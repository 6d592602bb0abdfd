package dev.filebatch.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.filebatch.testkit.TestContext;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TesseractRecognizerTest {
  @TempDir Path dir;

  @Test
  void reusesEnginesAndNeverMakesMoreThanTheWorkersRunningAtOnce() throws Exception {
    int workers = 3;
    int imagesEach = 4;
    BufferedImage image = TestFiles.text(700, 120, "REUSED ENGINE");
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    try (TesseractRecognizer ocr = TesseractRecognizer.create()) {
      CyclicBarrier together = new CyclicBarrier(workers); // all workers in flight at once on the first image
      List<Future<List<String>>> results = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        results.add(pool.submit(() -> {
          List<String> texts = new ArrayList<>();
          together.await(1, TimeUnit.MINUTES);
          for (int i = 0; i < imagesEach; i++) {
            texts.add(ocr.recognize(image, TestContext.in(dir)).text());
          }
          return texts;
        }));
      }
      for (Future<List<String>> result : results) {
        assertThat(result.get(2, TimeUnit.MINUTES)).hasSize(imagesEach).allSatisfy(
            text -> assertThat(text.replaceAll("\\s+", " ")).containsIgnoringCase("REUSED ENGINE"));
      }

      assertThat(ocr.enginesCreated()).isBetween(1, workers);

      // A later call on a new thread reuses an idle engine rather than making one.
      int before = ocr.enginesCreated();
      Thread later = new Thread(() -> {
        try {
          ocr.recognize(image, TestContext.in(dir));
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      });
      later.start();
      later.join();
      assertThat(ocr.enginesCreated()).isEqualTo(before);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void refusesWorkAfterClose() {
    TesseractRecognizer ocr = TesseractRecognizer.create();
    ocr.close();

    assertThatThrownBy(() -> ocr.recognize(TestFiles.text(200, 80, "X"), TestContext.in(dir)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }

  @Test
  void failsWithOcrUnavailableWhenTheLanguageDataIsDamaged() throws Exception {
    Path tessdata = java.nio.file.Files.createDirectory(dir.resolve("tessdata"));
    java.nio.file.Files.writeString(tessdata.resolve("eng.traineddata"), "not a model");
    try (TesseractRecognizer ocr = TesseractRecognizer.builder().tessdataPath(tessdata).build()) {
      assertThatThrownBy(() -> ocr.recognize(TestFiles.text(200, 80, "X"), TestContext.in(dir)))
          .isInstanceOfSatisfying(dev.filebatch.spi.FileProcessingException.class, e -> {
            assertThat(e.code()).isEqualTo(TesseractRecognizer.OCR_UNAVAILABLE);
            assertThat(e.getMessage()).contains("could not load");
            assertThat(e.error().remediation()).contains("tessdata_fast");
          });
    }
  }

  @Test
  void rereadsOnlyTheWantedLinesAndPutsTheSettledTextInTheirPlace() throws Exception {
    List<String> wanted = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<List<String>> rereadings = new java.util.concurrent.CopyOnWriteArrayList<>();
    LineReread codes = new TestFiles.RereadOfSevens() {
      @Override
      public String settle(String first, List<String> readings) {
        wanted.add(first);
        rereadings.add(readings);
        return "SETTLED";
      }
    };
    BufferedImage image = TestFiles.text(900, 300, "FIRST LINE WORDS", "CODE 4711", "LAST LINE WORDS");
    try (TesseractRecognizer ocr = TesseractRecognizer.builder().rereadLines(codes).build()) {
      RecognizedText read = ocr.recognize(image, TestContext.in(dir));

      assertThat(wanted).singleElement().satisfies(line -> assertThat(line).contains("4711"));
      assertThat(rereadings).singleElement().satisfies(readings -> assertThat(readings)
          .hasSizeGreaterThan(1).allSatisfy(r -> assertThat(r).contains("4711")));
      assertThat(read.text().lines().toList())
          .containsExactly("FIRST LINE WORDS", "SETTLED", "LAST LINE WORDS");
      assertThat(read.recognizer()).isEqualTo("tesseract:eng;reread=test");

      // the engine is back in page mode for the next image: a page of three lines is still read as three lines
      assertThat(ocr.recognize(TestFiles.text(900, 300, "ONE", "TWO", "THREE"), TestContext.in(dir))
          .text().lines().toList()).containsExactly("ONE", "TWO", "THREE");
    }
  }

  @Test
  void givesTheRereadTheLinesPixelsAndItsWordsWithTheirBoxes() throws Exception {
    List<TextLine> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    LineReread codes = new TestFiles.RereadOfSevens() {
      @Override
      public String settle(String first, List<String> readings) {
        throw new AssertionError("the recognizer gives the line with its pixels");
      }

      @Override
      public String settle(TextLine first, List<String> readings) {
        seen.add(first);
        return first.text();
      }
    };
    BufferedImage image = TestFiles.text(900, 300, "FIRST LINE WORDS", "CODE 4711 XY", "LAST LINE WORDS");
    try (TesseractRecognizer ocr = TesseractRecognizer.builder().rereadLines(codes).build()) {
      RecognizedText read = ocr.recognize(image, TestContext.in(dir));

      assertThat(read.text()).contains("4711");
      assertThat(seen).singleElement().satisfies(line -> {
        assertThat(line.page().getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
        assertThat(line.page().getWidth()).isEqualTo(900);
        assertThat(line.words()).extracting(TextLine.Word::text).containsExactly("CODE", "4711", "XY");
        // the words stand left to right on the second line (baseline 140, 40-point letters, drawn from x = 40)
        assertThat(line.words()).allSatisfy(w -> {
          assertThat(w.top()).isBetween(95, 140);
          assertThat(w.bottom()).isBetween(130, 155);
          assertThat(w.left()).isBetween(35, 900);
        });
        assertThat(line.words().get(0).right()).isLessThan(line.words().get(1).left());
        assertThat(line.words().get(1).right()).isLessThan(line.words().get(2).left());
      });
    }
  }

  @Test
  void refusesANullReread() {
    assertThatThrownBy(() -> TesseractRecognizer.builder().rereadLines(null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("reread");
  }

  @Test
  void namesItselfByLanguage() {
    assertThat(TesseractRecognizer.builder().language("eng+deu").build().id()).isEqualTo("tesseract:eng+deu");
    assertThat(TesseractRecognizer.create().cpuBound()).isTrue();
  }
}
