package dev.filebatch.vision;

import static dev.filebatch.vision.TestFiles.jpeg;
import static dev.filebatch.vision.TestFiles.png;
import static dev.filebatch.vision.TestFiles.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.filebatch.BatchJson;
import dev.filebatch.ErrorCode;
import dev.filebatch.MediaType;
import dev.filebatch.spi.FileProcessingException;
import dev.filebatch.spi.InputFile;
import dev.filebatch.testkit.TestContext;
import dev.filebatch.testkit.TestInputFile;
import dev.filebatch.vision.internal.TessdataLocator;
import java.awt.geom.AffineTransform;
import java.awt.image.AffineTransformOp;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VisionProcessorTest {
  // One processor for the class: engines are reused from test to test, as in production.
  private static final VisionProcessor OCR = VisionProcessor.create();

  @TempDir Path dir;

  @AfterAll
  static void closeEngines() {
    OCR.close();
  }

  private static String words(RecognizedText result) {
    return result.text().replaceAll("\\s+", " ").toUpperCase();
  }

  @Test
  void readsRenderedTextFromPngWithBundledTesseract() throws Exception {
    BufferedImage image = text(900, 240, "FILEBATCH READS TEXT", "SCORE 87 PERCENT");
    TestContext ctx = TestContext.in(dir);

    RecognizedText result = OCR.process(TestInputFile.write(dir, "scan.png", png(image), MediaType.PNG), ctx);

    assertThat(words(result)).contains("FILEBATCH READS TEXT").contains("SCORE 87 PERCENT");
    assertThat(result.recognizer()).isEqualTo("tesseract:eng");
    assertThat(result.meanConfidence()).isBetween(0.5, 1.0);
    assertThat(result.width()).isEqualTo(900);
    assertThat(result.height()).isEqualTo(240);
    assertThat(result.orientation()).isEqualTo(1);
    assertThat(ctx.partial()).isNull();
  }

  @Test
  void readsRenderedTextFromJpeg() throws Exception {
    BufferedImage image = text(900, 170, "AIRMAN KNOWLEDGE TEST");

    RecognizedText result =
        OCR.process(TestInputFile.write(dir, "photo.jpg", jpeg(image), MediaType.JPEG), TestContext.in(dir));

    assertThat(words(result)).contains("AIRMAN KNOWLEDGE TEST");
  }

  @Test
  void appliesExifOrientationBeforeOcr() throws Exception {
    BufferedImage upright = text(900, 170, "ROTATED PHONE PHOTO");
    // Store the pixels turned a quarter left; orientation 6 tells viewers to turn them a quarter right.
    AffineTransform left = new AffineTransform(0, -1, 1, 0, 0, upright.getWidth());
    BufferedImage stored = new AffineTransformOp(left, AffineTransformOp.TYPE_NEAREST_NEIGHBOR)
        .filter(upright, new BufferedImage(170, 900, BufferedImage.TYPE_INT_RGB));
    byte[] bytes = TestFiles.withExifOrientation(jpeg(stored), 6, true);

    RecognizedText result =
        OCR.process(TestInputFile.write(dir, "sideways.jpg", bytes, MediaType.JPEG), TestContext.in(dir));

    assertThat(result.orientation()).isEqualTo(6);
    assertThat(result.width()).isEqualTo(900);
    assertThat(result.height()).isEqualTo(170);
    assertThat(words(result)).contains("ROTATED PHONE PHOTO");
  }

  @Test
  void rejectsPngWhoseHeaderClaimsHugeDimensionsWithoutDecoding() throws Exception {
    // IHDR says 100000 x 100000 and there is no IDAT at all: decoding would fail as CORRUPT_FILE, so
    // IMAGE_TOO_LARGE proves the cap was checked from the header alone.
    InputFile bomb = TestInputFile.write(dir, "bomb.png", TestFiles.pngHeaderOnly(100_000, 100_000), MediaType.PNG);
    RecordingRecognizer recognizer = new RecordingRecognizer();
    VisionProcessor processor = VisionProcessor.builder().recognizer(recognizer).build();

    assertThatThrownBy(() -> processor.process(bomb, TestContext.in(dir)))
        .isInstanceOfSatisfying(FileProcessingException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.IMAGE_TOO_LARGE);
          assertThat(e.getMessage()).contains("100,000 x 100,000").contains("40.0 megapixels");
          assertThat(e.error().remediation()).contains("maxPixels");
        });
    assertThat(recognizer.calls).hasValue(0);
  }

  @Test
  void headerOnlyPngUnderTheCapIsCorruptWhichShowsTheCapCheckNeedsNoPixels() throws Exception {
    InputFile small = TestInputFile.write(dir, "small.png", TestFiles.pngHeaderOnly(100, 100), MediaType.PNG);
    VisionProcessor processor = VisionProcessor.builder().recognizer(new RecordingRecognizer()).build();

    assertThatThrownBy(() -> processor.process(small, TestContext.in(dir)))
        .isInstanceOfSatisfying(FileProcessingException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_FILE));
  }

  @Test
  void rejectsJpegWhoseHeaderClaimsHugeDimensions() throws Exception {
    InputFile bomb = TestInputFile.write(dir, "bomb.jpg", TestFiles.jpegHeaderOnly(65_000, 65_000), MediaType.JPEG);
    VisionProcessor processor = VisionProcessor.builder().recognizer(new RecordingRecognizer()).build();

    assertThatThrownBy(() -> processor.process(bomb, TestContext.in(dir)))
        .isInstanceOfSatisfying(FileProcessingException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.IMAGE_TOO_LARGE));
  }

  @Test
  void honoursAConfiguredPixelCap() throws Exception {
    InputFile image = TestInputFile.write(dir, "wide.png", png(text(900, 170, "WIDE")), MediaType.PNG);
    VisionProcessor processor =
        VisionProcessor.builder().recognizer(new RecordingRecognizer()).maxPixels(100_000).build();

    assertThatThrownBy(() -> processor.process(image, TestContext.in(dir)))
        .isInstanceOfSatisfying(FileProcessingException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.IMAGE_TOO_LARGE));
  }

  @Test
  void rejectsTruncatedPngWithCorruptFileCode() throws Exception {
    byte[] whole = png(text(900, 240, "CUT SHORT"));
    InputFile cut = TestInputFile.write(dir, "cut.png", Arrays.copyOf(whole, whole.length / 2), MediaType.PNG);
    VisionProcessor processor = VisionProcessor.builder().recognizer(new RecordingRecognizer()).build();

    assertThatThrownBy(() -> processor.process(cut, TestContext.in(dir)))
        .isInstanceOfSatisfying(FileProcessingException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_FILE);
          assertThat(e.getMessage()).contains("PNG");
        });
  }

  @Test
  void rejectsGarbageAfterPngSignatureWithCorruptFileCode() throws Exception {
    byte[] bytes = new byte[200];
    System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, 0, bytes, 0, 8);
    Arrays.fill(bytes, 8, bytes.length, (byte) 0x5A);
    InputFile garbage = TestInputFile.write(dir, "garbage.png", bytes, MediaType.PNG);
    VisionProcessor processor = VisionProcessor.builder().recognizer(new RecordingRecognizer()).build();

    assertThatThrownBy(() -> processor.process(garbage, TestContext.in(dir)))
        .isInstanceOfSatisfying(FileProcessingException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_FILE));
  }

  @Test
  void keepsTextOfTruncatedJpegButMarksItPartialAsCorrupt() throws Exception {
    byte[] whole = jpeg(text(900, 240, "TOP LINE SURVIVES", "BOTTOM LINE"));
    InputFile cut = TestInputFile.write(dir, "cut.jpg", Arrays.copyOf(whole, whole.length * 2 / 3), MediaType.JPEG);
    TestContext ctx = TestContext.in(dir);

    RecognizedText result = OCR.process(cut, ctx);

    assertThat(ctx.partial().code()).isEqualTo(ErrorCode.CORRUPT_FILE);
    assertThat(words(result)).contains("TOP LINE SURVIVES");
  }

  @Test
  void marksImageWithoutTextPartialWithNoTextFound() throws Exception {
    TestContext ctx = TestContext.in(dir);

    RecognizedText result = OCR.process(TestInputFile.write(dir, "blank.png", png(text(400, 300)), MediaType.PNG), ctx);

    assertThat(result.text()).isEmpty();
    assertThat(ctx.partial().code()).isEqualTo(VisionProcessor.NO_TEXT_FOUND);
  }

  @Test
  void failsWithOcrUnavailableNamingTheFixesWhenNoTessdataIsFound() throws Exception {
    // Nothing anywhere: no TESSDATA_PREFIX, no batch-tessdata on the class path, no system folders.
    TessdataLocator nowhere = new TessdataLocator(null, Map.of(), null, List.of(dir.resolve("none")));
    try (VisionProcessor processor = VisionProcessor.builder()
        .recognizer(TesseractRecognizer.builder().locator(nowhere).build()).build()) {
      InputFile image = TestInputFile.write(dir, "scan.png", png(text(600, 170, "UNREAD")), MediaType.PNG);

      assertThatThrownBy(() -> processor.process(image, TestContext.in(dir)))
          .isInstanceOfSatisfying(FileProcessingException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.of("OCR_UNAVAILABLE"));
            assertThat(e.getMessage()).contains("'eng'").contains("TESSDATA_PREFIX (unset)");
            assertThat(e.error().remediation())
                .contains("dev.filebatch:batch-tessdata")
                .contains("TESSDATA_PREFIX")
                .contains("tesseract-ocr-eng");
          });
    }
  }

  @Test
  void failsWithOcrUnavailableWhenConfiguredTessdataPathLacksTheLanguage() throws Exception {
    Path empty = Files.createDirectory(dir.resolve("tessdata"));
    try (VisionProcessor processor = VisionProcessor.builder()
        .recognizer(TesseractRecognizer.builder().tessdataPath(empty).build()).build()) {
      InputFile image = TestInputFile.write(dir, "scan.png", png(text(600, 170, "UNREAD")), MediaType.PNG);

      assertThatThrownBy(() -> processor.process(image, TestContext.in(dir)))
          .isInstanceOfSatisfying(FileProcessingException.class, e -> {
            assertThat(e.code()).isEqualTo(TesseractRecognizer.OCR_UNAVAILABLE);
            assertThat(e.getMessage()).contains(empty.toString());
            assertThat(e.error().remediation()).contains("eng.traineddata").contains("batch-tessdata");
          });
    }
  }

  @Test
  void passesTheUprightPreparedImageToTheRecognizer() throws Exception {
    RecordingRecognizer recognizer = new RecordingRecognizer();
    VisionProcessor processor = VisionProcessor.builder().recognizer(recognizer).build();

    RecognizedText result =
        processor.process(TestInputFile.write(dir, "scan.png", png(text(900, 240, "X")), MediaType.PNG),
            TestContext.in(dir));

    assertThat(result.text()).isEqualTo("recorded");
    assertThat(recognizer.lastImage.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
    assertThat(recognizer.lastImage.getWidth()).isGreaterThan(900); // small images are scaled up for OCR
    assertThat(result.width()).isEqualTo(900); // but the result describes the source image
  }

  @Test
  void passesTheImageUntouchedWhenPreprocessingIsOff() throws Exception {
    RecordingRecognizer recognizer = new RecordingRecognizer();
    VisionProcessor processor = VisionProcessor.builder().recognizer(recognizer).preprocessing(false).build();

    processor.process(TestInputFile.write(dir, "scan.png", png(text(900, 240, "X")), MediaType.PNG),
        TestContext.in(dir));

    assertThat(recognizer.lastImage.getWidth()).isEqualTo(900);
    assertThat(recognizer.lastImage.getType()).isNotEqualTo(BufferedImage.TYPE_BYTE_GRAY);
  }

  @Test
  void declaresItsIdTypesAndFiveWideLaneByDefault() {
    VisionProcessor processor = VisionProcessor.builder().recognizer(new RecordingRecognizer()).build();

    assertThat(processor.id()).isEqualTo("vision-ocr");
    assertThat(processor.supportedTypes()).containsExactlyInAnyOrder(MediaType.PNG, MediaType.JPEG);
    assertThat(processor.concurrency().maxParallel()).isEqualTo(5);
    assertThat(processor.resultType()).isEqualTo(RecognizedText.class);
    assertThat(OCR.concurrency().cpuBound()).isTrue();
    assertThat(OCR.version()).contains("tesseract:eng");
  }

  @Test
  void refusesInvalidOptionsWithClearMessages() {
    assertThatThrownBy(() -> VisionProcessor.builder().maxPixels(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxPixels");
    assertThatThrownBy(() -> VisionProcessor.builder().parallelism(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parallelism");
    assertThatThrownBy(() -> TesseractRecognizer.builder().language("eng; rm"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("language");
    assertThatThrownBy(() -> TesseractRecognizer.builder().pageSegmentationMode(14))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("page segmentation");
  }

  @Test
  void writesResultAsSnakeCaseJson() {
    String json = BatchJson.write(new RecognizedText("A B", 0.9, "tesseract:eng", 10, 20, 6));

    assertThat(json).isEqualTo(
        "{\"text\":\"A B\",\"mean_confidence\":0.9,\"recognizer\":\"tesseract:eng\",\"width\":10,\"height\":20,"
            + "\"orientation\":6}");
    assertThat(BatchJson.read(json, RecognizedText.class))
        .isEqualTo(new RecognizedText("A B", 0.9, "tesseract:eng", 10, 20, 6));
    assertThat(BatchJson.write(RecognizedText.of("", null, "openai:m", 1, 1))).doesNotContain("mean_confidence");
  }

  /** A recognizer that records what it was given, for tests of the steps before OCR. */
  static final class RecordingRecognizer implements TextRecognizer {
    final AtomicInteger calls = new AtomicInteger();
    volatile BufferedImage lastImage;

    @Override
    public String id() {
      return "recording";
    }

    @Override
    public RecognizedText recognize(BufferedImage image, dev.filebatch.spi.ProcessingContext context) {
      calls.incrementAndGet();
      lastImage = image;
      return RecognizedText.of("recorded", null, id(), image.getWidth(), image.getHeight());
    }
  }
}
