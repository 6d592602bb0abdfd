package dev.filebatch.internal.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.filebatch.ArchiveLimits;
import dev.filebatch.BatchInput;
import dev.filebatch.BatchRejectedException;
import dev.filebatch.ErrorCode;
import dev.filebatch.IntakeLimits;
import dev.filebatch.MediaType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.AsiExtraField;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZipExpansionTest {
  @TempDir Path tmp;
  Workspace ws;
  final List<Workspace> extra = new java.util.ArrayList<>();
  Intake intake = new Intake(IntakeLimits.defaults(), ArchiveLimits.defaults());

  @BeforeEach
  void open() throws IOException {
    ws = Workspace.create(tmp.resolve("work"), UUID.randomUUID());
  }

  @AfterEach
  void close() {
    ws.close();
    extra.forEach(Workspace::close);
  }

  private IntakeReport stage(String name, byte[] zip) {
    return intake.stageReport(BatchInput.builder().bytes(name, zip).build(), ws, () -> false);
  }

  private Workspace other() throws IOException {
    Workspace second = Workspace.create(tmp.resolve("other"), UUID.randomUUID());
    extra.add(second);
    return second;
  }

  private static void assertRejected(ThrowingCallable call, ErrorCode code) {
    assertThatThrownBy(call).isInstanceOfSatisfying(BatchRejectedException.class, e -> {
      assertThat(e.code()).isEqualTo(code);
      assertThat(e.error().message()).isNotBlank();
      assertThat(e.error().remediation()).isNotBlank();
    });
  }

  private static Map<String, byte[]> entries(Object... nameThenBytes) {
    Map<String, byte[]> m = new LinkedHashMap<>();
    for (int i = 0; i < nameThenBytes.length; i += 2) {
      m.put((String) nameThenBytes[i], (byte[]) nameThenBytes[i + 1]);
    }
    return m;
  }

  @Test
  void expandsEntriesInArchiveOrderWithArchiveOrigins() {
    byte[] zip = Fixtures.zip(entries("dir/", new byte[0], "dir/a.svg", Fixtures.svg(), "b.pdf", Fixtures.pdf()));

    List<StagedFile> files = intake.stage(BatchInput.builder().bytes("x.pdf", Fixtures.pdf()).bytes("pack.zip", zip)
        .build(), ws, () -> false);

    assertThat(files).extracting(StagedFile::name).containsExactly("x.pdf", "a.svg", "b.pdf");
    assertThat(files).extracting(StagedFile::index).containsExactly(0, 1, 2);
    assertThat(files.get(1).origin()).isEqualTo("pack.zip!/dir/a.svg");
    assertThat(files.get(1).detectedType()).isEqualTo(MediaType.SVG);
    assertThat(files.get(1).path()).hasBinaryContent(Fixtures.svg());
    assertThat(files).allSatisfy(f -> assertThat(f.failed()).isFalse());
  }

  @Test
  void recognisesArchivesFromContentNotName() throws IOException {
    byte[] zip = Fixtures.zip(entries("a.pdf", Fixtures.pdf()));

    assertThat(stage("upload", zip).files()).extracting(StagedFile::origin).containsExactly("upload!/a.pdf");
    StagedFile renamed = intake.stage(BatchInput.builder().bytes("scan.pdf", zip).build(), other(), () -> false)
        .get(0);
    assertThat(renamed.error().code()).isEqualTo(ErrorCode.TYPE_MISMATCH);
  }

  @Test
  void keepsArchivesWholeWhenExpansionIsOff() {
    Intake off = new Intake(IntakeLimits.defaults(), ArchiveLimits.defaults().withExpand(false));
    byte[] zip = Fixtures.zip(entries("a.pdf", Fixtures.pdf()));

    StagedFile f = off.stage(BatchInput.builder().bytes("pack.zip", zip).build(), ws, () -> false).get(0);

    assertThat(f.detectedType()).isEqualTo(MediaType.ZIP);
    assertThat(f.path()).hasBinaryContent(zip);
  }

  @Test
  void rejectsEntryEscapingTheWorkspaceWithArchiveUnsafe() {
    byte[] zip = Fixtures.zip(entries("ok.pdf", Fixtures.pdf(), "../evil.pdf", Fixtures.pdf()));

    assertRejected(() -> stage("slip.zip", zip), ErrorCode.ARCHIVE_UNSAFE);
    assertRejected(() -> stage("slip.zip", Fixtures.zip(entries("a/..\\..\\evil.pdf", Fixtures.pdf()))),
        ErrorCode.ARCHIVE_UNSAFE);
  }

  @Test
  void rejectsAbsolutePathEntryWithArchiveUnsafe() {
    assertRejected(() -> stage("abs.zip", Fixtures.zip(entries("/etc/evil.pdf", Fixtures.pdf()))),
        ErrorCode.ARCHIVE_UNSAFE);
    assertRejected(() -> stage("abs.zip", Fixtures.zip(entries("C:/evil.pdf", Fixtures.pdf()))),
        ErrorCode.ARCHIVE_UNSAFE);
  }

  @Test
  void rejectsSymlinkEntryFromExternalAttributesWithArchiveUnsafe() {
    byte[] zip = compressZip(e -> e.setUnixMode(0120777));

    assertRejected(() -> stage("links.zip", zip), ErrorCode.ARCHIVE_UNSAFE);
  }

  @Test
  void rejectsSymlinkEntryFromLocalExtraFieldWithArchiveUnsafe() {
    byte[] zip = compressZip(e -> {
      AsiExtraField asi = new AsiExtraField();
      asi.setLinkedFile("/etc/passwd");
      e.addExtraField(asi);
    });
    // drop the central directory so only the streaming reader's local-header check can catch it
    byte[] localOnly = Arrays.copyOf(zip, centralDirectoryStart(zip));

    assertRejected(() -> stage("links.zip", localOnly), ErrorCode.ARCHIVE_UNSAFE);
  }

  @Test
  void rejectsRatioBombWithArchiveBomb() {
    byte[] zip = Fixtures.zip(entries("zeros.txt", new byte[20 * 1024 * 1024]));

    assertRejected(() -> stage("bomb.zip", zip), ErrorCode.ARCHIVE_BOMB);
  }

  @Test
  void rejectsOverlappingEntryBombFromItsDirectoryWithArchiveBomb() {
    byte[] zip = Fixtures.overlappingBomb(20, 20 * 1024 * 1024, true);

    assertRejected(() -> stage("zbsm.zip", zip), ErrorCode.ARCHIVE_BOMB);
  }

  @Test
  void stopsOverlappingEntryBombWhileStreamingWithBoundedDiskUse() {
    byte[] zip = Fixtures.overlappingBomb(20, 20 * 1024 * 1024, false);
    long[] maxDisk = {0};
    BooleanSupplier measuring = () -> {
      maxDisk[0] = Math.max(maxDisk[0], diskUse(ws.root()));
      return false;
    };

    assertRejected(() -> intake.stageReport(BatchInput.builder().bytes("zbsm.zip", zip).build(), ws, measuring),
        ErrorCode.ARCHIVE_BOMB);
    assertThat(maxDisk[0]).isLessThan(zip.length + 2L * 1024 * 1024);
  }

  @Test
  void rejectsArchiveExpandingBeyondItsCapWithArchiveBomb() {
    Intake capped = new Intake(IntakeLimits.defaults(), ArchiveLimits.defaults().withMaxExpandedBytes(1024 * 1024));
    byte[] zip = Fixtures.zip(entries("a.bin", Fixtures.random(600 * 1024, 1), "b.bin", Fixtures.random(600 * 1024, 2)));

    assertRejected(() -> capped.stage(BatchInput.builder().bytes("big.zip", zip).build(), ws, () -> false),
        ErrorCode.ARCHIVE_BOMB);
  }

  @Test
  void expandsNestedArchivesUpToTheDepthAndRejectsDeeperWithArchiveUnsafe() {
    byte[] level3 = Fixtures.zip(entries("a.svg", Fixtures.svg()));
    byte[] level2 = Fixtures.zip(entries("inner.zip", level3));
    byte[] level1 = Fixtures.zip(entries("middle.zip", level2));

    assertThat(stage("outer.zip", level1).files()).extracting(StagedFile::origin)
        .containsExactly("outer.zip!/middle.zip!/inner.zip!/a.svg");
    byte[] level0 = Fixtures.zip(entries("outer.zip", level1));
    assertRejected(() -> stage("deep.zip", level0), ErrorCode.ARCHIVE_UNSAFE);
  }

  @Test
  void rejectsTooManyEntriesWithArchiveUnsafe() {
    Intake capped = new Intake(IntakeLimits.defaults(), ArchiveLimits.defaults().withMaxEntries(5));
    Map<String, byte[]> six = new LinkedHashMap<>();
    for (int i = 0; i < 6; i++) {
      six.put(i + ".pdf", Fixtures.pdf());
    }

    assertRejected(() -> capped.stage(BatchInput.builder().bytes("many.zip", Fixtures.zip(six)).build(), ws,
        () -> false), ErrorCode.ARCHIVE_UNSAFE);
    byte[] localOnly = Fixtures.zip(six);
    byte[] noDirectory = Arrays.copyOf(localOnly, centralDirectoryStart(localOnly));
    assertRejected(() -> capped.stage(BatchInput.builder().bytes("many.zip", noDirectory).build(), ws,
        () -> false), ErrorCode.ARCHIVE_UNSAFE);
  }

  @Test
  void rejectsArchiveEntriesPastTheFileCountWithTooManyFiles() {
    Intake three = new Intake(IntakeLimits.defaults().withMaxFiles(3), ArchiveLimits.defaults());
    Map<String, byte[]> five = new LinkedHashMap<>();
    for (int i = 0; i < 5; i++) {
      five.put(i + ".pdf", Fixtures.pdf());
    }

    assertRejected(() -> three.stage(BatchInput.builder().bytes("five.zip", Fixtures.zip(five)).build(), ws,
        () -> false), ErrorCode.TOO_MANY_FILES);
  }

  @Test
  void failsEncryptedEntryWithEncryptedFileAndKeepsTheOthers() {
    byte[] zip = Fixtures.markEncrypted(
        Fixtures.storedZip(entries("secret.pdf", Fixtures.pdf(), "open.svg", Fixtures.svg())), "secret.pdf");

    List<StagedFile> files = stage("mixed.zip", zip).files();

    assertThat(files).extracting(StagedFile::name).containsExactly("secret.pdf", "open.svg");
    assertThat(files.get(0).error().code()).isEqualTo(ErrorCode.ENCRYPTED_FILE);
    assertThat(files.get(0).error().message()).contains("mixed.zip!/secret.pdf");
    assertThat(files.get(1).failed()).isFalse();
  }

  @Test
  void keepsEntriesReadBeforeTruncationAndFailsTheArchiveAsCorrupt() {
    byte[] zip = Fixtures.zip(entries("a.pdf", Fixtures.pdf(), "b.svg", Fixtures.svg(),
        "c.bin", Fixtures.random(200 * 1024, 3)));
    byte[] cut = Arrays.copyOf(zip, zip.length - 120 * 1024);

    List<StagedFile> files = stage("cut.zip", cut).files();

    assertThat(files).extracting(StagedFile::name).containsExactly("a.pdf", "b.svg", "cut.zip");
    assertThat(files.get(2).error().code()).isEqualTo(ErrorCode.CORRUPT_FILE);
    assertThat(files.get(2).error().message()).contains("cut.zip");
    assertThat(files.subList(0, 2)).allSatisfy(f -> assertThat(f.failed()).isFalse());
  }

  @Test
  void skipsAndReportsMacosxAndHiddenEntries() {
    byte[] zip = Fixtures.zip(entries("__MACOSX/._a.svg", new byte[] {0, 5, 22, 7}, ".DS_Store", new byte[] {1},
        "dir/.cache/x.pdf", Fixtures.pdf(), "a.svg", Fixtures.svg()));

    IntakeReport report = stage("mac.zip", zip);

    assertThat(report.files()).extracting(StagedFile::name).containsExactly("a.svg");
    assertThat(report.skipped()).containsExactly(
        "mac.zip!/__MACOSX/._a.svg", "mac.zip!/.DS_Store", "mac.zip!/dir/.cache/x.pdf");
  }

  @Test
  void failsArchiveWithNoFilesAsEmpty() {
    StagedFile f = stage("hollow.zip", Fixtures.zip(entries("__MACOSX/._a", new byte[] {1}, "dir/", new byte[0])))
        .files().get(0);

    assertThat(f.error().code()).isEqualTo(ErrorCode.EMPTY_FILE);
    assertThat(f.name()).isEqualTo("hollow.zip");
  }

  @Test
  void failsOversizeEntryAndGoesOnWithTheNext() {
    Intake small = new Intake(IntakeLimits.defaults().withMaxFileBytes(1024 * 1024), ArchiveLimits.defaults());
    byte[] zip = Fixtures.zip(entries("big.bin", Fixtures.random(1536 * 1024, 4), "next.pdf", Fixtures.pdf()));

    List<StagedFile> files = small.stage(BatchInput.builder().bytes("two.zip", zip).build(), ws, () -> false);

    assertThat(files.get(0).error().code()).isEqualTo(ErrorCode.FILE_TOO_LARGE);
    assertThat(files.get(1).failed()).isFalse();
    assertThat(files.get(1).path()).hasBinaryContent(Fixtures.pdf());
  }

  @Test
  void keepsDuplicateAndUnicodeEntryNamesApart() {
    byte[] zip = Fixtures.zip(entries("x/résumé.pdf", Fixtures.pdf(), "y/résumé.pdf", Fixtures.pdf(),
        "图纸.svg", Fixtures.svg()));

    assertThat(stage("names.zip", zip).files()).extracting(StagedFile::name)
        .containsExactly("résumé.pdf", "résumé (2).pdf", "图纸.svg");
  }

  /** The same archive as the caller may hand it over: a byte array, a file on disk, a stream. */
  private List<BatchInput> asEachSource(String name, byte[] zip) throws IOException {
    Path file = Files.write(tmp.resolve(name), zip);
    return List.of(
        BatchInput.builder().bytes(name, zip).build(),
        BatchInput.of(file),
        BatchInput.builder().stream(name, new java.io.ByteArrayInputStream(zip), zip.length, "application/zip")
            .build());
  }

  @Test
  void expandsArchivesFromBytesFilesAndStreamsAlike() throws IOException {
    byte[] zip = Fixtures.zip(entries("a.pdf", Fixtures.pdf(), "b.svg", Fixtures.svg()));

    for (BatchInput input : asEachSource("upload.zip", zip)) {
      Workspace w = other();
      List<StagedFile> files = intake.stage(input, w, () -> false);

      assertThat(files).extracting(StagedFile::name).containsExactly("a.pdf", "b.svg");
      assertThat(files).allSatisfy(f -> assertThat(f.path()).exists().hasBinaryContent(
          f.name().equals("a.pdf") ? Fixtures.pdf() : Fixtures.svg()));
    }
  }

  @Test
  void checksTheDirectoryOfFileAndByteArchivesWhereTheyAreWithoutCopyingThem() throws IOException {
    byte[] zip = Fixtures.zip(entries("a.pdf", Fixtures.pdf()));
    List<BatchInput> inputs = asEachSource("upload.zip", zip);

    for (BatchInput input : inputs.subList(0, 2)) {
      Workspace w = other();
      intake.stage(input, w, () -> false);
      assertThat(w.root().resolve("tmp")).doesNotExist();
    }
    Workspace streamed = other();
    intake.stage(inputs.get(2), streamed, () -> false);
    assertThat(streamed.root().resolve("tmp")).isEmptyDirectory(); // a stream is copied once, then removed
  }

  @Test
  void rejectsHostileArchivesFromBytesFilesAndStreamsAlike() throws IOException {
    for (BatchInput input : asEachSource("zbsm.zip", Fixtures.overlappingBomb(20, 20 * 1024 * 1024, true))) {
      assertRejected(() -> intake.stage(input, other(), () -> false), ErrorCode.ARCHIVE_BOMB);
    }
    for (BatchInput input : asEachSource("links.zip", compressZip(e -> e.setUnixMode(0120777)))) {
      assertRejected(() -> intake.stage(input, other(), () -> false), ErrorCode.ARCHIVE_UNSAFE);
    }
    byte[] slip = Fixtures.zip(entries("../../evil.pdf", Fixtures.pdf()));
    for (BatchInput input : asEachSource("slip.zip", slip)) {
      assertRejected(() -> intake.stage(input, other(), () -> false), ErrorCode.ARCHIVE_UNSAFE);
    }
  }

  private interface EntryTweak {
    void apply(ZipArchiveEntry e);
  }

  /** A ZIP with one tweaked entry "link.pdf", built with commons-compress. */
  private static byte[] compressZip(EntryTweak tweak) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out)) {
      ZipArchiveEntry e = new ZipArchiveEntry("link.pdf");
      tweak.apply(e);
      zip.putArchiveEntry(e);
      zip.write("/etc/passwd".getBytes(StandardCharsets.US_ASCII));
      zip.closeArchiveEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static int centralDirectoryStart(byte[] zip) {
    for (int i = 0; i + 4 <= zip.length; i++) {
      if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 1 && zip[i + 3] == 2) {
        return i;
      }
    }
    throw new AssertionError("no central directory");
  }

  private static long diskUse(Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    } catch (IOException | UncheckedIOException e) {
      return 0;
    }
  }

}
