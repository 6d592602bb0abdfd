package dev.filebatch.internal.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.filebatch.ArchiveLimits;
import dev.filebatch.BatchInput;
import dev.filebatch.BatchRejectedException;
import dev.filebatch.ErrorCode;
import dev.filebatch.IntakeLimits;
import dev.filebatch.MediaType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntakeTest {
  @TempDir Path tmp;
  Workspace ws;
  Intake intake = new Intake(IntakeLimits.defaults(), ArchiveLimits.defaults());

  @BeforeEach
  void open() throws IOException {
    ws = Workspace.create(tmp.resolve("work"), UUID.randomUUID());
  }

  @AfterEach
  void close() {
    ws.close();
  }

  private List<StagedFile> stage(BatchInput input) {
    return intake.stage(input, ws, () -> false);
  }

  private static void assertRejected(ThrowingCallable call, ErrorCode code) {
    assertThatThrownBy(call).isInstanceOfSatisfying(BatchRejectedException.class, e -> {
      assertThat(e.code()).isEqualTo(code);
      assertThat(e.error().message()).isNotBlank();
      assertThat(e.error().remediation()).isNotBlank();
    });
  }

  @Test
  void stagesBytesStreamsAndFilesInInputOrderCountedHashedAndTyped() throws Exception {
    Path svg = Files.write(tmp.resolve("drawing.svg"), Fixtures.svg());
    List<StagedFile> files = stage(BatchInput.builder()
        .bytes("report.pdf", Fixtures.pdf())
        .stream("photo.png", new ByteArrayInputStream(Fixtures.png()), -1, "image/png")
        .path(svg)
        .bytes("scan.jpg", Fixtures.jpeg())
        .build());

    assertThat(files).extracting(StagedFile::index).containsExactly(0, 1, 2, 3);
    assertThat(files).extracting(StagedFile::name).containsExactly("report.pdf", "photo.png", "drawing.svg", "scan.jpg");
    assertThat(files).extracting(StagedFile::detectedType)
        .containsExactly(MediaType.PDF, MediaType.PNG, MediaType.SVG, MediaType.JPEG);
    assertThat(files).allSatisfy(f -> assertThat(f.failed()).isFalse());
    StagedFile pdf = files.get(0);
    assertThat(pdf.size()).isEqualTo(Fixtures.pdf().length);
    assertThat(pdf.sha256()).isEqualTo(
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Fixtures.pdf())));
    assertThat(pdf.path()).startsWith(ws.root()).hasBinaryContent(Fixtures.pdf());
    assertThat(files.get(1).declaredType()).contains("image/png");
    assertThat(files.get(2).origin()).isEqualTo(svg.toString());
  }

  @Test
  void failsPdfBytesNamedPngWithTypeMismatch() {
    StagedFile f = stage(BatchInput.builder().bytes("photo.png", Fixtures.pdf()).build()).get(0);

    assertThat(f.error().code()).isEqualTo(ErrorCode.TYPE_MISMATCH);
    assertThat(f.error().message()).contains("photo.png").contains("application/pdf");
    assertThat(f.detectedType()).isEqualTo(MediaType.PDF);
    assertThat(f.path()).isNull();
  }

  @Test
  void failsContentThatDisagreesWithTheDeclaredType() {
    StagedFile f = stage(BatchInput.builder().bytes("photo", Fixtures.png(), "application/pdf").build()).get(0);

    assertThat(f.error().code()).isEqualTo(ErrorCode.TYPE_MISMATCH);
  }

  @Test
  void doesNotTakeTextForSvgBecauseOfItsName() {
    StagedFile f = stage(BatchInput.builder().bytes("x.svg", "hello".getBytes(StandardCharsets.UTF_8)).build()).get(0);

    assertThat(f.error().code()).isEqualTo(ErrorCode.TYPE_MISMATCH);
  }

  @Test
  void acceptsAliasesSpecialisationsAndAbsentClaims() {
    List<StagedFile> files = stage(BatchInput.builder()
        .bytes("a.jpeg", Fixtures.jpeg())
        .bytes("b.jpg", Fixtures.jpeg(), "image/jpg")
        .bytes("c.svg", Fixtures.svg(), "text/xml")
        .bytes("d.pdf", Fixtures.pdf(), "application/octet-stream")
        .bytes("noextension", Fixtures.png())
        .bytes("bare.svg", "<svg width=\"3\" height=\"3\"></svg>".getBytes(StandardCharsets.UTF_8))
        .bytes("e.svg", Fixtures.svg(), "image/svg+xml; charset=utf-8")
        .build());

    assertThat(files).allSatisfy(f -> assertThat(f.error()).as(f.name()).isNull());
    assertThat(files).extracting(StagedFile::detectedType).containsExactly(
        MediaType.JPEG, MediaType.JPEG, MediaType.SVG, MediaType.PDF, MediaType.PNG, MediaType.SVG, MediaType.SVG);
  }

  @Test
  void failsEmptyFileWithEmptyFileCode() {
    StagedFile f = stage(BatchInput.builder().bytes("blank.pdf", new byte[0]).build()).get(0);

    assertThat(f.error().code()).isEqualTo(ErrorCode.EMPTY_FILE);
    assertThat(f.error().message()).contains("blank.pdf");
    assertThat(f.path()).isNull();
  }

  @Test
  void stripsPathComponentsButKeepsTheOrigin() {
    List<StagedFile> files = stage(BatchInput.builder()
        .bytes("../../etc/passwd.pdf", Fixtures.pdf())
        .bytes("C:\\Users\\ann\\scan.png", Fixtures.png())
        .build());

    assertThat(files).extracting(StagedFile::name).containsExactly("passwd.pdf", "scan.png");
    assertThat(files).extracting(StagedFile::origin).containsExactly("../../etc/passwd.pdf", "C:\\Users\\ann\\scan.png");
  }

  @Test
  void makesDuplicateNamesUniqueAndKeepsUnicode() {
    List<StagedFile> files = stage(BatchInput.builder()
        .bytes("a.pdf", Fixtures.pdf())
        .bytes("dir/a.pdf", Fixtures.pdf())
        .bytes("A.pdf", Fixtures.pdf())
        .bytes("résumé ✈ 履歴書.pdf", Fixtures.pdf())
        .bytes("bell\u0007\u202Egpj.pdf", Fixtures.pdf())
        .bytes("folder/", Fixtures.pdf())
        .build());

    assertThat(files).extracting(StagedFile::name).containsExactly(
        "a.pdf", "a (2).pdf", "A (3).pdf", "résumé ✈ 履歴書.pdf", "bell__gpj.pdf", "file-6");
  }

  @Test
  void failsOversizeStreamWithoutKeepingOrBufferingIt() throws IOException {
    Fixtures.Generated body = new Fixtures.Generated(50L * 1024 * 1024);

    StagedFile f = stage(BatchInput.builder().stream("huge.pdf", body).build()).get(0);

    assertThat(f.error().code()).isEqualTo(ErrorCode.FILE_TOO_LARGE);
    assertThat(f.error().message()).contains("huge.pdf").contains("10 MB");
    assertThat(f.path()).isNull();
    // streaming stopped just past the cap: the rest of the 50 MB was never read, and nothing is left on disk
    assertThat(body.read).isLessThanOrEqualTo(IntakeLimits.DEFAULT_MAX_FILE_BYTES + 128 * 1024);
    assertThat(body.closed).isTrue();
    try (Stream<Path> left = Files.walk(ws.root())) {
      assertThat(left.filter(Files::isRegularFile)).isEmpty();
    }
  }

  @Test
  void failsStreamDeclaredOverTheFileLimitWithoutReadingIt() {
    Fixtures.Untouchable body = new Fixtures.Untouchable();

    StagedFile f = stage(BatchInput.builder().stream("big.pdf", body, 11L * 1024 * 1024, "application/pdf").build())
        .get(0);

    assertThat(f.error().code()).isEqualTo(ErrorCode.FILE_TOO_LARGE);
    assertThat(f.size()).isEqualTo(11L * 1024 * 1024);
    assertThat(body.closed).isTrue();
  }

  @Test
  void rejectsDeclaredSizesOverTheBatchLimitBeforeReading() {
    Fixtures.Untouchable body = new Fixtures.Untouchable();
    BatchInput input = BatchInput.builder()
        .bytes("a.pdf", Fixtures.pdf())
        .stream("big.zip", body, 101L * 1024 * 1024, "application/zip")
        .build();

    assertRejected(() -> intake.precheck(input), ErrorCode.BATCH_TOO_LARGE);
    assertThat(body.closed).isTrue();
    assertRejected(() -> stage(input), ErrorCode.BATCH_TOO_LARGE);
  }

  @Test
  void rejectsBatchTooLargeWhileStreaming() {
    Intake small = new Intake(new IntakeLimits(1, 30, 1024 * 1024, 2 * 1024 * 1024), ArchiveLimits.defaults());
    BatchInput.Builder b = BatchInput.builder();
    for (int i = 0; i < 3; i++) {
      b.stream("part" + i + ".pdf", new Fixtures.Generated(900 * 1024));
    }

    assertRejected(() -> small.stage(b.build(), ws, () -> false), ErrorCode.BATCH_TOO_LARGE);
  }

  @Test
  void rejectsTooManyFilesBeforeReading() {
    BatchInput.Builder b = BatchInput.builder();
    for (int i = 0; i < 31; i++) {
      b.bytes(i + ".pdf", Fixtures.pdf());
    }

    assertRejected(() -> intake.precheck(b.build()), ErrorCode.TOO_MANY_FILES);
  }

  @Test
  void rejectsAnEmptyBatchWithNoFiles() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    Files.write(empty.resolve(".hidden"), Fixtures.pdf());

    assertRejected(() -> intake.precheck(BatchInput.builder().build()), ErrorCode.NO_FILES);
    assertRejected(() -> intake.precheck(BatchInput.of(empty)), ErrorCode.NO_FILES);
  }

  @Test
  void rejectsTooFewFilesBeforeReadingWhenArchivesAreNotExpanded() {
    IntakeLimits atLeastThree = IntakeLimits.defaults().withMinFiles(3);
    BatchInput two = BatchInput.builder().bytes("a.pdf", Fixtures.pdf()).bytes("b.pdf", Fixtures.pdf()).build();

    assertRejected(() -> new Intake(atLeastThree, ArchiveLimits.defaults().withExpand(false)).precheck(two),
        ErrorCode.TOO_FEW_FILES);
    // with expansion on, an archive could add files: the count is checked after staging
    assertRejected(() -> new Intake(atLeastThree, ArchiveLimits.defaults()).stage(two, ws, () -> false),
        ErrorCode.TOO_FEW_FILES);
  }

  @Test
  void walksFoldersRecursivelySortedSkippingHiddenFilesAndLinks() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("in"));
    Files.createDirectories(dir.resolve("b"));
    Files.createDirectories(dir.resolve(".git"));
    Files.write(dir.resolve("b/2.pdf"), Fixtures.pdf());
    Files.write(dir.resolve("a.pdf"), Fixtures.pdf());
    Files.write(dir.resolve("c.svg"), Fixtures.svg());
    Files.write(dir.resolve(".secret.pdf"), Fixtures.pdf());
    Files.write(dir.resolve(".git/config.pdf"), Fixtures.pdf());
    Path outside = Files.write(tmp.resolve("outside.pdf"), Fixtures.pdf());
    Files.createSymbolicLink(dir.resolve("link.pdf"), outside);

    IntakeReport report = intake.stageReport(BatchInput.of(dir), ws, () -> false);

    Path real = dir.toRealPath();
    assertThat(report.files()).extracting(StagedFile::origin).containsExactly(
        real.resolve("a.pdf").toString(), real.resolve("b/2.pdf").toString(), real.resolve("c.svg").toString());
    assertThat(report.files()).extracting(StagedFile::name).containsExactly("a.pdf", "2.pdf", "c.svg");
    assertThat(report.skipped()).hasSize(3).anyMatch(s -> s.endsWith("link.pdf"))
        .anyMatch(s -> s.endsWith(".secret.pdf")).anyMatch(s -> s.endsWith(".git/"));
  }

  @Test
  void failsMissingPathWithUnreadableInput() {
    List<StagedFile> files = stage(BatchInput.of(tmp.resolve("nope.pdf"), Path.of("/definitely/missing.png")));

    assertThat(files).extracting(f -> f.error().code()).containsOnly(ErrorCode.UNREADABLE_INPUT);
    assertThat(files).extracting(StagedFile::name).containsExactly("nope.pdf", "missing.png");
  }

  @Test
  void failsBrokenStreamWithUnreadableInputAndKeepsTheOthers() {
    InputStream broken = new InputStream() {
      @Override
      public int read() throws IOException {
        throw new IOException("connection reset");
      }
    };

    List<StagedFile> files = stage(BatchInput.builder().stream("part.pdf", broken).bytes("ok.pdf", Fixtures.pdf())
        .build());

    assertThat(files.get(0).error().code()).isEqualTo(ErrorCode.UNREADABLE_INPUT);
    assertThat(files.get(0).error().message()).contains("part.pdf").contains("connection reset");
    assertThat(files.get(1).failed()).isFalse();
  }

  @Test
  void stopsWithCancelledWhenCancelled() {
    BatchInput input = BatchInput.builder().bytes("a.pdf", Fixtures.pdf()).build();

    assertRejected(() -> intake.stage(input, ws, () -> true), ErrorCode.CANCELLED);
  }
}
