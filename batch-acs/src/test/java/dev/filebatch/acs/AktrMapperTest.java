package dev.filebatch.acs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.filebatch.MediaType;
import dev.filebatch.spi.FileProcessingException;
import dev.filebatch.spi.InputFile;
import dev.filebatch.testkit.TestContext;
import dev.filebatch.testkit.TestInputFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AktrMapperTest {
  @TempDir Path dir;

  private final AktrMapper<String> mapper = AktrMapper.of(AktrParser.create(), s -> s);

  @Test
  void marksTheFilePartialWhenARequiredFieldIsUnreadable() throws Exception {
    InputFile file = TestInputFile.write(dir, "a.pdf", new byte[] {1}, MediaType.PDF);
    TestContext ctx = TestContext.in(dir);
    KnowledgeTestReport r = mapper.map("""
        AIRMAN KNOWLEDGE TEST REPORT
        NAME: DOE, JANE
        EXAM: Private Pilot Airplane (PAR)
        EXAM DATE: 03/14/2024
        SCORE: ??
        ACS CODES: PA.I.B.K2
        """, file, ctx);
    assertThat(r.codeStrings()).containsExactly("PA.I.B.K2");
    assertThat(ctx.partial()).isNotNull();
    assertThat(ctx.partial().code()).isEqualTo(AktrMapper.INCOMPLETE_AKTR);
    assertThat(ctx.partial().message()).contains("score", "grade").doesNotContain("DOE");
  }

  @Test
  void leavesACompleteReportSuccessful() throws Exception {
    TestContext ctx = TestContext.in(dir);
    mapper.map("""
        AIRMAN KNOWLEDGE TEST REPORT
        NAME: DOE, JANE
        EXAM: Private Pilot Airplane (PAR)
        EXAM DATE: 03/14/2024
        SCORE: 90 GRADE: PASS
        """, TestInputFile.write(dir, "b.pdf", new byte[] {1}, MediaType.PDF), ctx);
    assertThat(ctx.partial()).isNull();
  }

  @Test
  void failsTextThatIsNotAReportWithNotAnAktr() throws Exception {
    InputFile file = TestInputFile.write(dir, "c.pdf", new byte[] {1}, MediaType.PDF);
    assertThatThrownBy(() -> mapper.map("Dear customer, your order has shipped.", file, TestContext.in(dir)))
        .isInstanceOf(FileProcessingException.class)
        .satisfies(e -> assertThat(((FileProcessingException) e).code()).isEqualTo(AktrParser.NOT_AN_AKTR));
  }

  @Test
  void declaresItsIdAndResultType() {
    assertThat(mapper.id()).isEqualTo("aktr");
    assertThat(mapper.resultType()).isEqualTo(KnowledgeTestReport.class);
  }
}
