package dev.filebatch.acs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.filebatch.spi.FileProcessingException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class AktrParserTest {
  private final AktrParser parser = AktrParser.create();

  private static final String CLEAN = """
      U.S. DEPARTMENT OF TRANSPORTATION - FEDERAL AVIATION ADMINISTRATION
      AIRMAN KNOWLEDGE TEST REPORT
      NAME: DOE, JANE Q
      FAA TRACKING NUMBER (FTN): C1234567
      EXAM ID: 123456789012345
      EXAM: Private Pilot Airplane (PAR)
      EXAM DATE: 03/14/2024
      SCORE: 82 GRADE: PASS TAKE: 2
      The ACS codes listed below identify the knowledge areas in which questions were answered incorrectly.
      ACS CODES:
      PA.I.B.K2 PA.I.C.K3 PA.III.A.K1 PA.IX.B.K2a
      EXPIRATION DATE: 03/31/2026
      """;

  /** {@link #CLEAN} with its list of ACS codes replaced by {@code codes}. */
  private static String withCodes(String codes) {
    return CLEAN.replace("PA.I.B.K2 PA.I.C.K3 PA.III.A.K1 PA.IX.B.K2a", codes);
  }

  @Test
  void readsEveryFieldOfACleanReport() throws Exception {
    KnowledgeTestReport r = parser.parse(CLEAN);
    assertThat(r.applicantName()).isEqualTo("DOE, JANE Q");
    assertThat(r.ftn()).isEqualTo("C1234567");
    assertThat(r.examId()).isEqualTo("123456789012345");
    assertThat(r.examTitle()).isEqualTo("Private Pilot Airplane");
    assertThat(r.examCode()).isEqualTo("PAR");
    assertThat(r.examDate()).isEqualTo(LocalDate.of(2024, 3, 14));
    assertThat(r.score()).isEqualTo(82);
    assertThat(r.grade()).isEqualTo(Grade.PASS);
    assertThat(r.take()).isEqualTo(2);
    assertThat(r.expirationDate()).isEqualTo(LocalDate.of(2026, 3, 31));
    assertThat(r.codeStrings()).containsExactly("PA.I.B.K2", "PA.I.C.K3", "PA.III.A.K1", "PA.IX.B.K2a");
    assertThat(r.acsCodes().get(0)).isEqualTo(new AcsCode("PA.I.B.K2", "Preflight Preparation",
        "Airworthiness Requirements"));
    assertThat(r.missingFields()).isEmpty();
    assertThat(r.confidence()).containsEntry("applicant_name", 1.0).containsEntry("score", 1.0)
        .containsEntry("acs_codes", 1.0);
  }

  @Test
  void repairsOcrConfusionsInsideCodes() throws Exception {
    String text = withCodes(
        "PA.l.B.K2 PA.1.C.Kl PA.IlI.A.K1 PA.IX.B.K2a lR.VIlI.A.K1 P4.I.D.K5 CA.I.B.K3a VA.I.B.K1 CA.IV.1I.S6");
    KnowledgeTestReport r = parser.parse(text);
    assertThat(r.codeStrings()).containsExactly("PA.I.B.K2", "PA.I.C.K1", "PA.III.A.K1", "PA.IX.B.K2a",
        "IR.VIII.A.K1", "PA.I.D.K5", "CA.I.B.K3a", "UA.I.B.K1", "CA.IV.I.S6");
    assertThat(r.confidence().get("acs_codes")).isLessThan(1.0);
  }

  @Test
  void readsADotSwallowedIntoAnLButKeepsTheRealTaskL() throws Exception {
    String text = withCodes("PA.IV.LK8 PA.IV.L.K3 PA.XILA.R5 IR.VIL.E.K7");
    assertThat(parser.parse(text).codeStrings())
        .containsExactly("PA.IV.I.K8", "PA.IV.L.K3", "PA.XII.A.R5", "IR.VI.E.K7");
  }

  @Test
  void toleratesStrayPunctuationAndSpacesInCodes() throws Exception {
    String text = withCodes("PA. I. B. K2, PA,I,C,K3; PA.III.A.K 1 | PA:IX:B:K2a.");
    assertThat(parser.parse(text).codeStrings())
        .containsExactly("PA.I.B.K2", "PA.I.C.K3", "PA.III.A.K1", "PA.IX.B.K2a");
  }

  @Test
  void joinsCodesSplitAcrossLines() throws Exception {
    String text = withCodes("PA.I.B.K2, PA.I.C.\nK3, PA.III\n.A.K1, PA.\nIX.B.K2a");
    assertThat(parser.parse(text).codeStrings())
        .containsExactly("PA.I.B.K2", "PA.I.C.K3", "PA.III.A.K1", "PA.IX.B.K2a");
  }

  @Test
  void separatesAPrefixRunIntoItsNumeralWhereAListBreaksACodeAfterThePrefix() throws Exception {
    // the dot after the prefix lost ("UAIV") or read as an L ("UALIV"); an H is two stems joined ("UAH" for UA.II)
    String text = withCodes("UA.I.B.K1, UALIV.\nA.K4a, UAH.\nA.K5, PAIX.\nB.K2a");
    assertThat(parser.parse(text).codeStrings())
        .containsExactly("UA.I.B.K1", "UA.IV.A.K4a", "UA.II.A.K5", "PA.IX.B.K2a");
  }

  @Test
  void leavesRunTogetherLettersAloneUnlessAKnownPrefixAndACodeFollow() throws Exception {
    // "XII.B.S1" after a dot is a numeral, not a prefix; "HAIL.A.K1" does not start with a prefix; "PAI" with no
    // task and element after it is not a code
    String text = withCodes("PA.XII.B.S1 HAIL.A.K1 PAI.");
    assertThat(parser.parse(text).codeStrings()).containsExactly("PA.XII.B.S1");
  }

  @Test
  void takesTheNearestRealTaskOnlyWhenItIsTheOnlyOneThatNear() throws Exception {
    // IR.VUI.A: U is two I's (VIII.A is real); TR is IR; K9C has an upper-case sub-element; IR.IIII.A: one I too
    // many, and both III.A and (dropping another) nothing else: III.A is the one real task one edit away.
    // IR.IV.I.K1 is not a task and its nearest readings (IV.A? no: I's look-alikes L, J, T are not tasks) stay out.
    String text = withCodes("IR.VUI.A.S1 TR.II.A.K4 IR.VI.A.K9C IR.IIII.A.K2 IR.IV.I.K1 IR.VI.B.KS5");
    KnowledgeTestReport r = parser.parse(text);
    assertThat(r.codeStrings()).containsExactly("IR.VIII.A.S1", "IR.II.A.K4", "IR.VI.A.K9c", "IR.III.A.K2",
        "IR.VI.B.K5");
    assertThat(r.unrecognizedCodes()).containsExactly("IR.IV.I.K1");
  }

  @Test
  void repairsTaskLetterOnlyWhenOneLookAlikeIsARealTask() throws Exception {
    // IR area I has tasks A-C: "0" reads as O, whose only valid look-alike there is... none (D is not a task)
    String text = withCodes("IR.I.0.K1 PA.VI.0.K2");
    KnowledgeTestReport r = parser.parse(text);
    assertThat(r.codeStrings()).containsExactly("PA.VI.D.K2");
    assertThat(r.unrecognizedCodes()).containsExactly("IR.I.0.K1");
  }

  @Test
  void keepsCodesOutsideTheCatalogueApartAndRemovesDuplicates() throws Exception {
    String text = withCodes("PA.I.B.K2 PA.I.B.K2 PA.XV.A.K1 PA.I.Z.K1 PA.I.B.K2");
    KnowledgeTestReport r = parser.parse(text);
    assertThat(r.codeStrings()).containsExactly("PA.I.B.K2");
    assertThat(r.unrecognizedCodes()).containsExactly("PA.XV.A.K1", "PA.I.Z.K1");
    assertThat(r.confidence().get("acs_codes")).isLessThan(0.5);
  }

  @Test
  void doesNotValidateElementNumbersWhichRevisionsRenumber() throws Exception {
    String text = withCodes("PA.I.B.K42 PA.I.B.R17");
    assertThat(parser.parse(text).codeStrings()).containsExactly("PA.I.B.K42", "PA.I.B.R17");
  }

  @Test
  void readsLegacyLearningStatementCodes() throws Exception {
    String text = CLEAN.replace("ACS CODES:", "LEARNING STATEMENT CODES:")
        .replace("PA.I.B.K2 PA.I.C.K3 PA.III.A.K1 PA.IX.B.K2a", "PLT058 PLTO12 PLT 123 PLT058");
    KnowledgeTestReport r = parser.parse(text);
    assertThat(r.pltCodes()).containsExactly("PLT058", "PLT012", "PLT123");
    assertThat(r.acsCodes()).isEmpty();
  }

  @Test
  void repairsDigitConfusionsInNumbersAndDates() throws Exception {
    String text = CLEAN.replace("SCORE: 82", "SCORE: 8Z").replace("03/14/2024", "O3/l4/2O24")
        .replace("C1234567", "C12345G7");
    KnowledgeTestReport r = parser.parse(text);
    assertThat(r.score()).isEqualTo(82);
    assertThat(r.examDate()).isEqualTo(LocalDate.of(2024, 3, 14));
    assertThat(r.ftn()).isEqualTo("C1234567");
    assertThat(r.confidence().get("exam_date")).isEqualTo(0.8);
    assertThat(r.confidence().get("score")).isEqualTo(0.8);
  }

  @Test
  void readsRunOnAndTwoColumnLines() throws Exception {
    String text = """
        AIRMAN KNOWLEDGE TEST REPORT
        Applicant Name: ROE, RICHARD; FTN: A7654321; Exam ID: 987654321098765
        Exam: Instrument Rating Airplane (IRA); Exam Date: 2023-11-02; Score: 64; Grade: FAIL; Take: 1
        NAME: ignored second name            EXAM SITE: SOMEWHERE
        ACS Codes: IR.I.B.K1, IR.III.B.K3
        Expiration Date: 30-NOV-2025
        """;
    KnowledgeTestReport r = parser.parse(text);
    assertThat(r.applicantName()).isEqualTo("ROE, RICHARD");
    assertThat(r.ftn()).isEqualTo("A7654321");
    assertThat(r.examCode()).isEqualTo("IRA");
    assertThat(r.examTitle()).isEqualTo("Instrument Rating Airplane");
    assertThat(r.examDate()).isEqualTo(LocalDate.of(2023, 11, 2));
    assertThat(r.grade()).isEqualTo(Grade.FAIL);
    assertThat(r.expirationDate()).isEqualTo(LocalDate.of(2025, 11, 30));
    assertThat(r.codeStrings()).containsExactly("IR.I.B.K1", "IR.III.B.K3");
  }

  @Test
  void infersAnIllegibleGradeFromTheScoreWithLowConfidence() throws Exception {
    KnowledgeTestReport r = parser.parse(CLEAN.replace("GRADE: PASS", "GRADE: ####"));
    assertThat(r.grade()).isEqualTo(Grade.PASS);
    assertThat(r.confidence().get("grade")).isEqualTo(0.5);
  }

  @Test
  void leavesUnreadableRequiredFieldsEmptyWithZeroConfidence() throws Exception {
    KnowledgeTestReport r = parser.parse(CLEAN.replace("SCORE: 82", "SCORE: --").replace("GRADE: PASS", "GRADE:")
        .replace("EXAM DATE: 03/14/2024", "EXAM DATE: smudged"));
    assertThat(r.score()).isNull();
    assertThat(r.grade()).isNull();
    assertThat(r.examDate()).isNull();
    assertThat(r.missingFields()).containsExactly("exam_date", "score", "grade");
    assertThat(r.confidence()).containsEntry("score", 0.0).containsEntry("exam_date", 0.0);
  }

  @Test
  void rejectsTextThatIsNotAnAktrWithNotAnAktrCode() {
    String invoice = """
        INVOICE 2024-0042
        Bill to: ACME Flight School
        Item: fuel, 40 gallons        Total: $240.00
        Payment due within 30 days.
        """;
    assertThatThrownBy(() -> parser.parse(invoice))
        .isInstanceOf(FileProcessingException.class)
        .satisfies(e -> assertThat(((FileProcessingException) e).code()).isEqualTo(AktrParser.NOT_AN_AKTR))
        .hasMessageContaining("does not look like an FAA Airman Knowledge Test Report");
  }

  @Test
  void rejectsBlankTextWithNotAnAktrCode() {
    assertThatThrownBy(() -> parser.parse("  \n "))
        .isInstanceOf(FileProcessingException.class)
        .satisfies(e -> assertThat(((FileProcessingException) e).code()).isEqualTo(AktrParser.NOT_AN_AKTR));
  }

  @Test
  void neverLogsPersonalDataAboveDebug() throws Exception {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      parser.parse(CLEAN);
    } finally {
      System.setErr(original);
    }
    assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("DOE").doesNotContain("C1234567")
        .doesNotContain("123456789012345");
  }

  @Test
  void rejectsAnImpossiblePassingScore() {
    assertThatThrownBy(() -> AktrParser.create(AcsCatalogue.standard(), 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 1 and 100");
  }
}
