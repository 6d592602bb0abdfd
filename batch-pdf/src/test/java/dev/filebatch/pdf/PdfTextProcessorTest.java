package dev.filebatch.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.filebatch.BatchJson;
import dev.filebatch.ErrorCode;
import dev.filebatch.MediaType;
import dev.filebatch.spi.Concurrency;
import dev.filebatch.spi.FileProcessingException;
import dev.filebatch.spi.TransientException;
import dev.filebatch.testkit.TestContext;
import dev.filebatch.testkit.TestInputFile;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class PdfTextProcessorTest {
  @TempDir Path dir;

  private TestContext context() {
    return TestContext.in(dir);
  }

  private static TestInputFile inputFile(Path pdf) throws IOException {
    return TestInputFile.of(pdf, MediaType.PDF);
  }

  private static FileProcessingException failure(ThrowingRead read) {
    try {
      read.run();
    } catch (FileProcessingException e) {
      return e;
    } catch (Exception e) {
      throw new AssertionError("expected a FileProcessingException, got " + e, e);
    }
    throw new AssertionError("expected a FileProcessingException, but the file was read");
  }

  @FunctionalInterface
  private interface ThrowingRead {
    void run() throws Exception;
  }

  /** A recognizer that returns a fixed text and remembers what it was given. */
  private static final class FixedTextRecognizer implements ScanRecognizer {
    final List<BufferedImage> seen = new CopyOnWriteArrayList<>();
    private final String text;

    FixedTextRecognizer(String text) {
      this.text = text;
    }

    @Override
    public String recognize(BufferedImage page, dev.filebatch.spi.ProcessingContext context) {
      seen.add(page);
      return text;
    }
  }

  @Nested
  class TextLayer {
    @Test
    void readsTheExactTextOfEachPage() throws Exception {
      Path pdf = PdfFixtures.textPdf(dir.resolve("report.pdf"),
          List.of("EXAM: Private Pilot Airplane\nSCORE: 85", "PLT123 PLT456"));
      TestContext ctx = context();

      PdfText text = PdfTextProcessor.create().process(inputFile(pdf), ctx);

      assertThat(text.pageCount()).isEqualTo(2);
      assertThat(text.pages()).containsExactly(
          new PdfText.Page(1, "EXAM: Private Pilot Airplane\nSCORE: 85", PdfText.Source.TEXT_LAYER),
          new PdfText.Page(2, "PLT123 PLT456", PdfText.Source.TEXT_LAYER));
      assertThat(text.text()).isEqualTo("EXAM: Private Pilot Airplane\nSCORE: 85\n\nPLT123 PLT456");
      assertThat(text.title()).isEqualTo("Fixture");
      assertThat(text.encrypted()).isFalse();
      assertThat(text.pdfVersion()).matches("\\d\\.\\d");
      assertThat(ctx.partial()).isNull();
      assertThat(ctx.progress()).containsExactly(0.5, 1.0);
    }

    @Test
    void leavesNoStreamCacheFilesBehindInTheScratchFolder() throws Exception {
      Path pdf = PdfFixtures.scannedPdf(dir.resolve("scan.pdf"), List.of("ONE", "TWO"));
      Path scratch = dir.resolve("scratch");

      PdfTextProcessor.builder().scanRecognizer(new FixedTextRecognizer("t")).build()
          .process(inputFile(pdf), TestContext.in(dir));

      // the folder is only made if PDFBox needed its stream cache; either way nothing may be left in it
      if (java.nio.file.Files.exists(scratch)) {
        try (var left = java.nio.file.Files.list(scratch)) {
          assertThat(left).isEmpty();
        }
      }
    }

    @Test
    void readsEveryPageOfAMultiPageDocumentInOrder() throws Exception {
      List<String> pages = IntStream.rangeClosed(1, 12).mapToObj(i -> "This is page number " + i).toList();
      Path pdf = PdfFixtures.textPdf(dir.resolve("long.pdf"), pages);

      PdfText text = PdfTextProcessor.create().process(inputFile(pdf), context());

      assertThat(text.pageCount()).isEqualTo(12);
      assertThat(text.pages()).extracting(PdfText.Page::number).containsExactlyElementsOf(
          IntStream.rangeClosed(1, 12).boxed().toList());
      assertThat(text.pages()).extracting(PdfText.Page::text).containsExactlyElementsOf(pages);
    }

    @Test
    void keepsABlankPageWithoutImagesAsTextLayerWithoutMarkingThePdfPartial() throws Exception {
      Path pdf = PdfFixtures.textPdf(dir.resolve("blank-last.pdf"), List.of("Some real text on page one", ""));
      TestContext ctx = context();

      PdfText text = PdfTextProcessor.create().process(inputFile(pdf), ctx);

      assertThat(text.pages().get(1)).isEqualTo(new PdfText.Page(2, "", PdfText.Source.TEXT_LAYER));
      assertThat(ctx.partial()).isNull();
    }

    @Test
    void readsAPdfWithExactlyTheMaximumNumberOfPages() throws Exception {
      Path pdf = PdfFixtures.textPdf(dir.resolve("three.pdf"), List.of("one", "two", "three"));

      PdfText text = PdfTextProcessor.builder().maxPages(3).build().process(inputFile(pdf), context());

      assertThat(text.pageCount()).isEqualTo(3);
    }

    @Test
    void rejectsPdfOverThePageLimitWithTooManyPagesCode() throws Exception {
      Path pdf = PdfFixtures.textPdf(dir.resolve("four.pdf"), List.of("one", "two", "three", "four"));
      TestContext ctx = context();

      FileProcessingException e = failure(
          () -> PdfTextProcessor.builder().maxPages(3).build().process(inputFile(pdf), ctx));

      assertThat(e.code()).isEqualTo(ErrorCode.of("TOO_MANY_PAGES")).isEqualTo(PdfTextProcessor.TOO_MANY_PAGES);
      assertThat(e.error().message()).contains("four.pdf", "4 pages", "3");
      assertThat(e.error().remediation()).contains("Split");
      assertThat(ctx.progress()).as("no page is read before the limit is checked").isEmpty();
    }

    @Test
    void rejectsPdfOverTheDefaultLimitOfFiftyPages() throws Exception {
      List<String> pages = IntStream.rangeClosed(1, 51).mapToObj(i -> "page " + i).toList();
      Path pdf = PdfFixtures.textPdf(dir.resolve("fifty-one.pdf"), pages);

      FileProcessingException e = failure(() -> PdfTextProcessor.create().process(inputFile(pdf), context()));

      assertThat(e.code()).isEqualTo(PdfTextProcessor.TOO_MANY_PAGES);
    }
  }

  @Nested
  class Encryption {
    @Test
    void rejectsPdfEncryptedWithAUserPasswordWithEncryptedFileCode() throws Exception {
      Path pdf = PdfFixtures.encryptedPdf(dir.resolve("locked.pdf"), List.of("secret text"), "owner", "user",
          new AccessPermission());

      FileProcessingException e = failure(() -> PdfTextProcessor.create().process(inputFile(pdf), context()));

      assertThat(e.code()).isEqualTo(ErrorCode.ENCRYPTED_FILE);
      assertThat(e.error().message()).contains("locked.pdf", "password");
      assertThat(e.error().remediation()).isNotBlank();
    }

    @Test
    void rejectsPdfEncryptedForCertificateHoldersWithEncryptedFileCode() throws Exception {
      Path pdf = PdfFixtures.certificateEncryptedPdf(dir.resolve("for-recipients.pdf"));

      FileProcessingException e = failure(() -> PdfTextProcessor.create().process(inputFile(pdf), context()));

      assertThat(e.code()).isEqualTo(ErrorCode.ENCRYPTED_FILE);
      assertThat(e.error().message()).contains("for-recipients.pdf", "certificates", "cannot be opened");
      assertThat(e.error().remediation()).isNotBlank();
    }

    @Test
    void readsPdfProtectedOnlyByAnOwnerPasswordEvenWhenItForbidsTextExtraction() throws Exception {
      AccessPermission restricted = new AccessPermission();
      restricted.setCanExtractContent(false);
      restricted.setCanExtractForAccessibility(false);
      restricted.setCanPrint(false);
      restricted.setCanModify(false);
      Path pdf = PdfFixtures.encryptedPdf(dir.resolve("restricted.pdf"), List.of("Score: 92", "PLT059 PLT194"),
          "owner-secret", "", restricted);
      TestContext ctx = context();

      PdfText text = PdfTextProcessor.create().process(inputFile(pdf), ctx);

      assertThat(text.encrypted()).isTrue();
      assertThat(text.pages()).extracting(PdfText.Page::text).containsExactly("Score: 92", "PLT059 PLT194");
      assertThat(ctx.partial()).isNull();
    }
  }

  @Nested
  class DamagedFiles {
    @Test
    void rejectsGarbageBytesWithCorruptFileCode() throws Exception {
      Path file = PdfFixtures.write(dir.resolve("garbage.pdf"),
          "this is not a PDF at all, just words".getBytes(StandardCharsets.US_ASCII));

      FileProcessingException e = failure(() -> PdfTextProcessor.create().process(inputFile(file), context()));

      assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_FILE);
      assertThat(e.error().message()).contains("garbage.pdf");
      assertThat(e.error().remediation()).isNotBlank();
    }

    @Test
    void rejectsAnEmptyFileWithCorruptFileCode() throws Exception {
      Path file = PdfFixtures.write(dir.resolve("empty.pdf"), new byte[0]);

      FileProcessingException e = failure(() -> PdfTextProcessor.create().process(inputFile(file), context()));

      assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_FILE);
    }

    @Test
    void rejectsAPdfHeaderFollowedByGarbageWithCorruptFileCode() throws Exception {
      byte[] bytes = new byte[4096];
      new java.util.Random(7).nextBytes(bytes);
      byte[] header = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
      System.arraycopy(header, 0, bytes, 0, header.length);
      Path file = PdfFixtures.write(dir.resolve("random.pdf"), bytes);

      FileProcessingException e = failure(() -> PdfTextProcessor.create().process(inputFile(file), context()));

      assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_FILE);
    }

    @Test
    void rejectsATruncatedPdfWithCorruptFileCode() throws Exception {
      byte[] whole = PdfFixtures.textPdfBytes(List.of("first page text", "second page text"));
      Path file = PdfFixtures.write(dir.resolve("truncated.pdf"), Arrays.copyOf(whole, whole.length / 3));

      FileProcessingException e = failure(() -> PdfTextProcessor.create().process(inputFile(file), context()));

      assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_FILE);
    }

    @Test
    void readsAPdfThatLostOnlyItsCrossReferenceTail() throws Exception {
      // PDFBox rebuilds a missing cross-reference table from the objects, as viewers do: such a file is not lost.
      byte[] whole = PdfFixtures.textPdfBytes(List.of("first page text", "second page text"));
      Path file = PdfFixtures.write(dir.resolve("tail-cut.pdf"), Arrays.copyOf(whole, whole.length * 95 / 100));

      PdfText text = PdfTextProcessor.create().process(inputFile(file), context());

      assertThat(text.pages()).extracting(PdfText.Page::text).containsExactly("first page text", "second page text");
    }

    @Test
    void rejectsAPdfWhoseStructureIsOverwrittenWithCorruptFileCode() throws Exception {
      byte[] bytes = PdfFixtures.textPdfBytes(List.of("page text"));
      // Keep the header, wipe every object definition and the cross-reference data.
      Arrays.fill(bytes, 16, bytes.length, (byte) 'x');
      Path file = PdfFixtures.write(dir.resolve("overwritten.pdf"), bytes);

      FileProcessingException e = failure(() -> PdfTextProcessor.create().process(inputFile(file), context()));

      assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_FILE);
    }
  }

  @Nested
  class Scans {
    @Test
    void marksAScannedPdfPartialWithNoTextLayerWhenNoRecognizerIsConfigured() throws Exception {
      Path pdf = PdfFixtures.scannedPdf(dir.resolve("scan.pdf"), List.of("AKTR", "PAGE"));
      TestContext ctx = context();

      PdfText text = PdfTextProcessor.create().process(inputFile(pdf), ctx);

      assertThat(text.pageCount()).isEqualTo(2);
      assertThat(text.pages()).extracting(PdfText.Page::text).containsOnly("");
      assertThat(ctx.partial()).isNotNull();
      assertThat(ctx.partial().code()).isEqualTo(ErrorCode.of("NO_TEXT_LAYER"));
      assertThat(ctx.partial().message()).contains("scan.pdf", "pages 1, 2");
      assertThat(ctx.partial().remediation()).contains("recognizer", "Tesseract");
    }

    @Test
    void readsScannedPagesWithTheRecognizerAsOcrText() throws Exception {
      Path pdf = PdfFixtures.scannedPdf(dir.resolve("scan.pdf"), List.of("AKTR"));
      FixedTextRecognizer recognizer = new FixedTextRecognizer("  SCORE: 88\nPLT012  \n");
      TestContext ctx = context();

      PdfText text = PdfTextProcessor.builder().scanRecognizer(recognizer).build().process(inputFile(pdf), ctx);

      assertThat(text.pages()).containsExactly(new PdfText.Page(1, "SCORE: 88\nPLT012", PdfText.Source.OCR));
      assertThat(ctx.partial()).isNull();
      BufferedImage rendered = recognizer.seen.get(0);
      assertThat(rendered.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
      // Letter (8.5 x 11 in) at the default 300 DPI.
      // PDFBox truncates the scaled size, so allow a pixel's rounding.
      assertThat(rendered.getWidth()).isCloseTo(2550, within(1));
      assertThat(rendered.getHeight()).isCloseTo(3300, within(1));
    }

    @Test
    void rendersScansAtTheConfiguredDpi() throws Exception {
      Path pdf = PdfFixtures.scannedPdf(dir.resolve("scan.pdf"), List.of("AKTR"));
      FixedTextRecognizer recognizer = new FixedTextRecognizer("text");

      PdfTextProcessor.builder().scanRecognizer(recognizer).scanDpi(100).build()
          .process(inputFile(pdf), context());

      assertThat(recognizer.seen.get(0).getWidth()).isCloseTo(850, within(1));
      assertThat(recognizer.seen.get(0).getHeight()).isCloseTo(1100, within(1));
    }

    @Test
    void sendsOnlyScannedPagesOfAMixedDocumentToTheRecognizer() throws Exception {
      Path scan = PdfFixtures.scannedPdf(dir.resolve("scan.pdf"), List.of("SCAN"));
      Path typed = PdfFixtures.textPdf(dir.resolve("typed.pdf"), List.of("A typed cover page with enough text"));
      Path mixed = dir.resolve("mixed.pdf");
      try (var out = new org.apache.pdfbox.pdmodel.PDDocument();
          var a = org.apache.pdfbox.Loader.loadPDF(typed.toFile());
          var b = org.apache.pdfbox.Loader.loadPDF(scan.toFile())) {
        out.importPage(a.getPage(0));
        out.importPage(b.getPage(0));
        out.save(mixed.toFile());
      }
      FixedTextRecognizer recognizer = new FixedTextRecognizer("recognised words");

      PdfText text = PdfTextProcessor.builder().scanRecognizer(recognizer).build()
          .process(inputFile(mixed), context());

      assertThat(text.pages()).containsExactly(
          new PdfText.Page(1, "A typed cover page with enough text", PdfText.Source.TEXT_LAYER),
          new PdfText.Page(2, "recognised words", PdfText.Source.OCR));
      assertThat(recognizer.seen).hasSize(1);
    }

    @Test
    void passesTheRecognizersTypedFailureThroughUnchanged() throws Exception {
      Path pdf = PdfFixtures.scannedPdf(dir.resolve("scan.pdf"), List.of("AKTR"));
      ScanRecognizer refusing = (page, ctx) -> {
        throw new FileProcessingException(ErrorCode.of("OCR_FAILED"), "engine refused", "try later");
      };

      FileProcessingException e = failure(() -> PdfTextProcessor.builder().scanRecognizer(refusing).build()
          .process(inputFile(pdf), context()));

      assertThat(e.code()).isEqualTo(ErrorCode.of("OCR_FAILED"));
    }

    @Test
    void passesTheRecognizersTransientFailureThroughForRetry() throws Exception {
      Path pdf = PdfFixtures.scannedPdf(dir.resolve("scan.pdf"), List.of("AKTR"));
      ScanRecognizer busy = (page, ctx) -> {
        throw new TransientException(ErrorCode.RATE_LIMITED, "busy", Duration.ofSeconds(1), null);
      };

      assertThatThrownBy(() -> PdfTextProcessor.builder().scanRecognizer(busy).build()
          .process(inputFile(pdf), context()))
          .isInstanceOf(TransientException.class);
    }

    @Test
    void rejectsAScanWhosePageSizeWouldRenderTooManyPixelsWithImageTooLargeCode() throws Exception {
      // 200 x 200 inches: 60,000 x 60,000 pixels at 300 DPI.
      Path pdf = PdfFixtures.scannedPdfOfSize(dir.resolve("poster.pdf"), 14_400, 14_400);
      FixedTextRecognizer recognizer = new FixedTextRecognizer("never");

      FileProcessingException e = failure(() -> PdfTextProcessor.builder().scanRecognizer(recognizer).build()
          .process(inputFile(pdf), context()));

      assertThat(e.code()).isEqualTo(ErrorCode.IMAGE_TOO_LARGE);
      assertThat(e.error().message()).contains("poster.pdf", "Page 1");
      assertThat(recognizer.seen).isEmpty();
    }

    @Test
    void rejectsAScanHoldingAnImageDeclaredHugeWithImageTooLargeCodeBeforeDecodingIt() throws Exception {
      Path pdf = PdfFixtures.pdfWithDeclaredImageSize(dir.resolve("bomb.pdf"), 100_000, 100_000);
      FixedTextRecognizer recognizer = new FixedTextRecognizer("never");

      FileProcessingException e = failure(() -> PdfTextProcessor.builder().scanRecognizer(recognizer).build()
          .process(inputFile(pdf), context()));

      assertThat(e.code()).isEqualTo(ErrorCode.IMAGE_TOO_LARGE);
      assertThat(recognizer.seen).isEmpty();
    }
  }

  @Nested
  class Cancellation {
    @Test
    void stopsBetweenPagesWhenCancelled() throws Exception {
      List<String> pages = IntStream.rangeClosed(1, 5).mapToObj(i -> "page " + i).toList();
      Path pdf = PdfFixtures.textPdf(dir.resolve("five.pdf"), pages);
      TestContext ctx = context().cancelAfterProgressReports(2);

      assertThatThrownBy(() -> PdfTextProcessor.create().process(inputFile(pdf), ctx))
          .isInstanceOf(CancellationException.class);
      assertThat(ctx.progress()).hasSize(2);
    }

    @Test
    void stopsWhenTheWorkerThreadIsInterrupted() throws Exception {
      Path pdf = PdfFixtures.scannedPdf(dir.resolve("scan.pdf"), List.of("ONE", "TWO"));
      FixedTextRecognizer counting = new FixedTextRecognizer("text");
      ScanRecognizer interrupted = (page, c) -> {
        // What the engine does to a timed-out file's thread; PDFBox itself would not notice.
        Thread.currentThread().interrupt();
        return counting.recognize(page, c);
      };
      try {
        assertThatThrownBy(() -> PdfTextProcessor.builder().scanRecognizer(interrupted).build()
            .process(inputFile(pdf), context()))
            .isInstanceOf(CancellationException.class);
        assertThat(counting.seen).hasSize(1);
      } finally {
        Thread.interrupted();
      }
    }

    @Test
    void readsNothingWhenCancelledBeforeStarting() throws Exception {
      Path pdf = PdfFixtures.textPdf(dir.resolve("one.pdf"), List.of("text"));
      TestContext ctx = context();
      ctx.cancel();

      assertThatThrownBy(() -> PdfTextProcessor.create().process(inputFile(pdf), ctx))
          .isInstanceOf(CancellationException.class);
      assertThat(ctx.progress()).isEmpty();
    }

    @Test
    void stopsAfterTheRecognizerWhenCancelledDuringRecognition() throws Exception {
      Path pdf = PdfFixtures.scannedPdf(dir.resolve("scan.pdf"), List.of("ONE", "TWO", "THREE"));
      TestContext ctx = context();
      FixedTextRecognizer counting = new FixedTextRecognizer("text");
      ScanRecognizer cancelling = (page, c) -> {
        ctx.cancel();
        return counting.recognize(page, c);
      };

      assertThatThrownBy(() -> PdfTextProcessor.builder().scanRecognizer(cancelling).build()
          .process(inputFile(pdf), ctx))
          .isInstanceOf(CancellationException.class);
      assertThat(counting.seen).hasSize(1);
    }
  }

  @Nested
  class Json {
    @Test
    void writesSnakeCaseJsonWithPagesAndTheirSource() throws Exception {
      PdfText text = new PdfText(2, "1.7", null, false, List.of(
          new PdfText.Page(1, "typed", PdfText.Source.TEXT_LAYER),
          new PdfText.Page(2, "scanned", PdfText.Source.OCR)));

      JsonNode json = BatchJson.mapper().readTree(BatchJson.write(text));

      assertThat(json.get("page_count").asInt()).isEqualTo(2);
      assertThat(json.get("pdf_version").asString()).isEqualTo("1.7");
      assertThat(json.get("encrypted").asBoolean()).isFalse();
      assertThat(json.has("title")).as("an absent title is left out").isFalse();
      assertThat(json.has("text")).as("the joined text is derived, not stored").isFalse();
      assertThat(json.get("pages").get(0).get("number").asInt()).isEqualTo(1);
      assertThat(json.get("pages").get(0).get("text").asString()).isEqualTo("typed");
      assertThat(json.get("pages").get(0).get("source").asString()).isEqualTo("text-layer");
      assertThat(json.get("pages").get(1).get("source").asString()).isEqualTo("ocr");
    }

    @Test
    void readsBackWhatItWrites() throws Exception {
      Path pdf = PdfFixtures.textPdf(dir.resolve("report.pdf"), List.of("line one\nline two"));
      PdfText text = PdfTextProcessor.create().process(inputFile(pdf), context());

      assertThat(BatchJson.read(BatchJson.write(text), PdfText.class)).isEqualTo(text);
    }
  }

  @Nested
  class Options {
    @Test
    void defaultsToAPdfOnlySequentialProcessorWithTheDocumentedSettings() {
      PdfTextProcessor processor = PdfTextProcessor.create();

      assertThat(processor.id()).isEqualTo("pdf-text");
      assertThat(processor.supportedTypes()).containsExactly(MediaType.PDF);
      assertThat(processor.concurrency()).isEqualTo(Concurrency.sequential());
      assertThat(processor.resultType()).isEqualTo(PdfText.class);
      PdfTextOptions options = processor.options();
      assertThat(options.maxPages()).isEqualTo(50);
      assertThat(options.sortByPosition()).isTrue();
      assertThat(options.minTextCharsPerPage()).isEqualTo(16);
      assertThat(options.scanDpi()).isEqualTo(300);
      assertThat(options.maxScanPixels()).isEqualTo(40_000_000L);
      assertThat(options.scanRecognizer()).isEmpty();
    }

    @Test
    void changesVersionWhenTheRecognizerChangesSoCachedTextIsNotReused() {
      ScanRecognizer recognizer = new FixedTextRecognizer("x");

      assertThat(PdfTextProcessor.builder().scanRecognizer(recognizer).build().version())
          .isNotEqualTo(PdfTextProcessor.create().version());
    }

    @Test
    void refusesOutOfRangeSettingsWithTheSettingsName() {
      assertThatThrownBy(() -> PdfTextProcessor.builder().maxPages(0))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxPages");
      assertThatThrownBy(() -> PdfTextProcessor.builder().scanDpi(20))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scanDpi").hasMessageContaining("36");
      assertThatThrownBy(() -> PdfTextProcessor.builder().minTextCharsPerPage(-1))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minTextCharsPerPage");
      assertThatThrownBy(() -> PdfTextProcessor.builder().maxScanPixels(0))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxScanPixels");
      assertThatThrownBy(() -> PdfTextProcessor.builder().scanRecognizer(null))
          .isInstanceOf(NullPointerException.class);
    }

    @Test
    void runsInTheConfiguredLane() {
      assertThat(PdfTextProcessor.builder().concurrency(Concurrency.parallel(2)).build().concurrency())
          .isEqualTo(Concurrency.parallel(2));
    }
  }
}
