package dev.filebatch.acs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.filebatch.acs.AcsCatalogue;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodeLineVoteTest {
  private final CodeLineVote vote = new CodeLineVote(new CodeReader(AcsCatalogue.standard()));

  @Test
  void wantsLinesMadeOnlyOfCodeLikeTokens() {
    assertThat(vote.wants("IR.III.B.K2 IR.I.A.K3 PA.VII.B.S6")).isTrue();
    assertThat(vote.wants("IR.TILA.K2 IR. VI.B.K3")).isTrue(); // garbled, and a space after a dot
    assertThat(vote.wants("PA.I.A.K1, PA.I.B.K2,")).isTrue();
  }

  @Test
  void leavesOtherLinesAndCodesCutAtTheLineEndAlone() {
    assertThat(vote.wants("ACS CODES:")).isFalse();
    assertThat(vote.wants("EXPIRATION DATE: 11/30/2024")).isFalse();
    assertThat(vote.wants("Codes PA.I.A.K1 PA.I.B.K2")).isFalse();
    assertThat(vote.wants("PA.I.A.K1, PA.I.")).isFalse();
    assertThat(vote.wants("   ")).isFalse();
  }

  @Test
  void eachCodeTakesTheValueMostReadingsAgreeOn() {
    String first = "IR.II.B.K2 IR.I.A.K3";
    List<String> rereadings = List.of("IR.III.B.K2 IR.I.A.K3", "IR.IIl.B.K2 IR.1.A.K3", "IR.II.B.K2 IR.I.A.K3",
        "IR.III.B.K2 IR.I.A.K3");

    assertThat(vote.settle(first, rereadings)).isEqualTo("IR.III.B.K2 IR.I.A.K3");
  }

  @Test
  void aReadingThatLostACodeDoesNotShortenTheLine() {
    String first = "IR.VI.A.K1 IR.ZZ.Q.K9 IR.V.B.K4";
    List<String> rereadings = List.of("IR.VI.A.K1 IR.II.C.K8 IR.V.B.K4", "IR.VI.A.K1 IR.II.C.K8 IR.V.B.K4");

    assertThat(vote.settle(first, rereadings)).isEqualTo("IR.VI.A.K1 IR.II.C.K8 IR.V.B.K4");
  }

  @Test
  void leavesOutACodeThatNoMajorityOfTheReadingsAgreesOn() {
    String first = "IR.VI.A.K1 IR.V.B.K4";
    List<String> rereadings = List.of("IR.VII.A.K1 IR.V.B.K4", "IR.VIII.A.K1 IR.V.B.K4", "IR.VI.A.K1 IR.V.B.K4",
        "IR.VII.A.K1 IR.V.B.K4");

    assertThat(vote.settle(first, rereadings)).isEqualTo("IR.V.B.K4");
  }

  @Test
  void aReadingThatFoundNoCodeHasNoSay() {
    String first = "CA.I.E.K3 CA.IV.A.K3 CA.IV.A.R4 CA.IV.C.K4";
    List<String> rereadings = List.of("", "~~~ ~~", "CA.I.E.K3 CA.IV.A.K3 CA.IV.A.R4 CA.IV.C.K4", "");

    assertThat(vote.settle(first, rereadings)).isEqualTo(first);
    assertThat(vote.settle(first, List.of("", ""))).isEqualTo(first);
  }

  @Test
  void keepsTheFirstReadingWhenNoReadingHoldsAValidCode() {
    assertThat(vote.settle("ZZ.Q.Q.K1", List.of("ZZ.Q.Q.K1", "ZZ.0.Q.K1"))).isEqualTo("ZZ.Q.Q.K1");
  }
}
