package dev.filebatch.acs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.filebatch.acs.fixtures.AktrGenerator;
import dev.filebatch.acs.fixtures.GroundTruth;
import dev.filebatch.acs.fixtures.Layout;
import java.util.Random;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class GeneratedPdfScratchTest {
  @Test
  void scratch() throws Exception {
    AktrParser parser = AktrParser.create();
    int bad = 0;
    for (int i = 0; i < 200; i++) {
      for (Layout layout : Layout.values()) {
        GroundTruth t = AktrGenerator.randomTruth(new Random(i), layout == Layout.LEGACY_PLT);
        String text;
        try (PDDocument doc = Loader.loadPDF(AktrGenerator.generatePdf(t, layout))) {
          PDFTextStripper s = new PDFTextStripper();
          s.setSortByPosition(true);
          text = s.getText(doc);
        }
        if (i == 0) {
          System.out.println("---- " + layout + "\n" + text);
        }
        KnowledgeTestReport r = parser.parse(text);
        boolean ok = t.applicantName().equals(r.applicantName()) && t.ftn().equals(r.ftn())
            && t.examId().equals(r.examId()) && t.examTitle().equals(r.examTitle())
            && t.examCode().equals(r.examCode()) && t.examDate().equals(r.examDate())
            && Integer.valueOf(t.score()).equals(r.score()) && (t.pass() ? Grade.PASS : Grade.FAIL) == r.grade()
            && Integer.valueOf(t.take()).equals(r.take()) && t.expirationDate().equals(r.expirationDate())
            && t.acsCodes().equals(r.codeStrings()) && t.pltCodes().equals(r.pltCodes());
        if (!ok && bad++ < 5) {
          System.out.println("MISMATCH " + layout + "\n" + t + "\n" + r + "\n" + text);
        }
      }
    }
    assertThat(bad).isZero();
  }
}
