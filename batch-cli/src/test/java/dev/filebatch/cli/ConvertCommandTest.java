package dev.filebatch.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.filebatch.BatchJson;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class ConvertCommandTest {
  static final String SVG = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200\" height=\"100\">"
      + "<rect x=\"10\" y=\"10\" width=\"180\" height=\"80\" fill=\"#3a7\"/></svg>";

  @TempDir Path tmp;
  Path in;

  @BeforeEach
  void drawings() throws Exception {
    in = Files.createDirectories(tmp.resolve("in"));
    Files.writeString(in.resolve("a.svg"), SVG, UTF_8);
    Files.writeString(in.resolve("b.svg"), SVG.replace("#3a7", "#a37"), UTF_8);
  }

  @Test
  void convertsAFolderToPngsAndExitsZero() throws Exception {
    Path out = tmp.resolve("out");
    CliRun run = CliRun.of("convert", in.toString(), "--to", "png", "--width", "400", "-o", out.toString(),
        "--isolation", "none", "-q");
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    BufferedImage png = ImageIO.read(out.resolve("a.png").toFile());
    assertThat(png.getWidth()).isEqualTo(400);
    assertThat(png.getHeight()).isEqualTo(200);
    assertThat(out.resolve("b.png")).exists();
    assertThat(run.out()).contains("2 files: 2 succeeded");
  }

  @Test
  void jsonModePrintsOnlyTheBatchResultAndExitsOneWhenAFileFails() throws Exception {
    Files.writeString(in.resolve("c.svg"), "<svg><unclosed></svg>", UTF_8);
    CliRun run = CliRun.of("convert", in.toString(), "-o", tmp.resolve("out").toString(), "--json",
        "--isolation", "none");
    assertThat(run.exitCode()).isEqualTo(1);
    JsonNode json = BatchJson.mapper().readTree(run.out());
    assertThat(json.get("status").asString()).isEqualTo("partial");
    assertThat(json.get("total_files").asInt()).isEqualTo(3);
    assertThat(json.get("failed_files").asInt()).isEqualTo(1);
    assertThat(json.get("files").get(0).get("result").get("output_file").asString()).isEqualTo("a.png");
    assertThat(json.get("files").get(2).get("error").get("code").asString()).isEqualTo("CORRUPT_FILE");
  }

  @Test
  void singleDeckMakesOnePptxWithASlidePerDrawing() throws Exception {
    Path deck = tmp.resolve("deck.pptx");
    CliRun run = CliRun.of("convert", in.toString(), "--single-deck", "-o", deck.toString(), "--isolation",
        "none", "-q");
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    try (XMLSlideShow show = new XMLSlideShow(Files.newInputStream(deck))) {
      assertThat(show.getSlides()).hasSize(2);
    }
  }

  @Test
  void zipMakesOneArchiveWithAManifest() throws Exception {
    Path zip = tmp.resolve("outputs.zip");
    CliRun run = CliRun.of("convert", in.toString(), "--zip", "--to", "pdf", "-o", zip.toString(), "--isolation",
        "none", "-q");
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    try (ZipFile z = new ZipFile(zip.toFile())) {
      assertThat(z.getEntry("manifest.json")).isNotNull();
      assertThat(z.getEntry("a.pdf")).isNotNull();
      assertThat(z.getEntry("b.pdf")).isNotNull();
    }
  }

  @Test
  void convertsZippedDrawingsInForkedWorkers() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bytes)) {
      z.putNextEntry(new ZipEntry("drawings/x.svg"));
      z.write(SVG.getBytes(UTF_8));
      z.closeEntry();
    }
    Path zip = Files.write(tmp.resolve("upload.zip"), bytes.toByteArray());
    Path out = tmp.resolve("out");
    CliRun run = CliRun.of("convert", zip.toString(), "-o", out.toString(), "-q", "--isolation", "forked",
        "--worker-heap", "256m");
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(out.resolve("x.png")).exists();
  }

  @Test
  void aRejectedBatchPrintsARejectedJsonAndExitsTwo() throws Exception {
    CliRun run = CliRun.of("convert", in.toString(), "-o", tmp.resolve("out").toString(), "--json",
        "--max-files", "1", "--isolation", "none");
    assertThat(run.exitCode()).isEqualTo(2);
    JsonNode json = BatchJson.mapper().readTree(run.out());
    assertThat(json.get("status").asString()).isEqualTo("rejected");
    assertThat(json.get("error").get("code").asString()).isEqualTo("TOO_MANY_FILES");
    assertThat(json.get("error").get("remediation").asString()).isNotBlank();
  }

  @Test
  void wrongUsageExitsTwo() {
    assertThat(CliRun.of("convert", in.toString()).exitCode()).as("no -o").isEqualTo(2);
    assertThat(CliRun.of("convert", in.toString(), "-o", "x", "--to", "gif").exitCode()).isEqualTo(2);
    assertThat(CliRun.of("convert", in.toString(), "-o", "x", "--single-deck", "--zip").exitCode()).isEqualTo(2);
    assertThat(CliRun.of("convert", in.toString(), "-o", "x", "--max-file-size", "lots").exitCode()).isEqualTo(2);
    assertThat(CliRun.of("frobnicate").exitCode()).isEqualTo(2);
  }

  @Test
  void outputFileGetsTheJsonToo() throws Exception {
    Path json = tmp.resolve("result.json");
    CliRun run = CliRun.of("convert", in.toString(), "-o", tmp.resolve("out").toString(), "--output",
        json.toString(), "--isolation", "none", "-q");
    assertThat(run.exitCode()).isZero();
    assertThat(BatchJson.mapper().readTree(Files.readString(json)).get("total_files").asInt()).isEqualTo(2);
  }
}
