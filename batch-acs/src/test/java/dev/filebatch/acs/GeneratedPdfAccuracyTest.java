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
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Random;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generated text PDFs through the real PdfTextProcessor: every field and every code must come out exact. */
class GeneratedPdfAccuracyTest {
  @TempDir Path dir;

  private final FileProcessor<KnowledgeTestReport> processor = KnowledgeTestAnalysis.create().pdfProcessor();

  @Test
  void readsEveryFieldAndCodeExactlyFromGeneratedPdfsInEveryLayout() throws Exception {
    int reports = 0;
    for (int i = 0; i < 40; i++) {
      for (Layout layout : Layout.values()) {
        GroundTruth t = AktrGenerator.randomTruth(new Random(7000 + i), layout == Layout.LEGACY_PLT);
        TestContext ctx = TestContext.in(dir);
        KnowledgeTestReport r = processor.process(
            TestInputFile.write(dir, "r" + i + layout + ".pdf", AktrGenerator.generatePdf(t, layout), MediaType.PDF),
            ctx);
        String where = layout + " #" + i;
        assertThat(r.applicantName()).as(where).isEqualTo(t.applicantName());
        assertThat(r.ftn()).as(where).isEqualTo(t.ftn());
        assertThat(r.examId()).as(where).isEqualTo(t.examId());
        assertThat(r.examTitle()).as(where).isEqualTo(t.examTitle());
        assertThat(r.examCode()).as(where).isEqualTo(t.examCode());
        assertThat(r.examDate()).as(where).isEqualTo(t.examDate());
        assertThat(r.score()).as(where).isEqualTo(t.score());
        assertThat(r.grade()).as(where).isEqualTo(t.pass() ? Grade.PASS : Grade.FAIL);
        assertThat(r.take()).as(where).isEqualTo(t.take());
        assertThat(r.expirationDate()).as(where).isEqualTo(t.expirationDate());
        assertThat(r.codeStrings()).as(where).containsExactlyElementsOf(t.acsCodes());
        assertThat(r.pltCodes()).as(where).containsExactlyElementsOf(t.pltCodes());
        assertThat(r.unrecognizedCodes()).as(where).isEmpty();
        assertThat(ctx.partial()).as(where).isNull();
        reports++;
      }
    }
    System.out.println("[batch-acs] generated text PDFs: " + reports + " reports, every field and code exact");
  }

  @Test
  void wrappedCodeRunsSplitCodesAcrossLines() {
    assertThat(AktrGenerator.wrapCodesForTest("PA.I.B.K2, PA.III.A.K1, PA.IX.B.K2a", 15))
        .anyMatch(line -> line.endsWith("."));
  }

  @Test
  void failsAPdfThatIsNotAReportWithNotAnAktr() throws Exception {
    byte[] pdf;
    try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      PDPage page = new PDPage();
      doc.addPage(page);
      try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
        cs.beginText();
        cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
        cs.newLineAtOffset(72, 700);
        cs.showText("Quarterly fuel invoice - Total due: $1,240.00 - Thank you for flying with us");
        cs.endText();
      }
      doc.save(out);
      pdf = out.toByteArray();
    }
    assertThatThrownBy(() -> processor.process(TestInputFile.write(dir, "invoice.pdf", pdf, MediaType.PDF),
        TestContext.in(dir)))
        .isInstanceOf(FileProcessingException.class)
        .satisfies(e -> assertThat(((FileProcessingException) e).code()).isEqualTo(AktrParser.NOT_AN_AKTR));
  }

  @Test
  void composedProcessorKeepsThePdfLaneAndNamesItsSteps() {
    assertThat(processor.id()).isEqualTo("pdf-text>aktr");
    assertThat(processor.supportedTypes()).containsExactly(MediaType.PDF);
    assertThat(processor.resultType()).isEqualTo(KnowledgeTestReport.class);
  }
}
