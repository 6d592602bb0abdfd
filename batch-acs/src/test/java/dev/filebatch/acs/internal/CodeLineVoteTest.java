package dev.filebatch.acs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.filebatch.acs.AcsCatalogue;
import dev.filebatch.vision.TextLine;
import java.awt.Font;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodeLineVoteTest {
  private static final Font SERIF = new Font(Font.SERIF, Font.PLAIN, 40);
  private final CodeLineVote vote = new CodeLineVote(new CodeReader(AcsCatalogue.standard()));
  private final CodeLineVote withoutStrokes = new CodeLineVote(new CodeReader(AcsCatalogue.standard()), false);

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

  @Test
  void theStemsInTheImageChooseTheNumeralAmongTheReadingsEvenWithoutAMajority() {
    TextLine line = RenderedCodes.line(SERIF, "IR.III.B.K2", "IR.I.A.K3");
    List<String> rereadings = List.of("IR.II.B.K2 IR.I.A.K3", "IR.III.B.K2 IR.I.A.K3", "IR.II.B.K2 IR.I.A.K3",
        "IR.III.B.K2 IR.I.A.K3");
    String first = "IR.II.B.K2 IR.I.A.K3";

    assertThat(vote.settle(reading(line, first), rereadings)).isEqualTo("IR.III.B.K2 IR.I.A.K3");
    assertThat(withoutStrokes.settle(reading(line, first), rereadings)).isEqualTo("IR.II.B.K2 IR.I.A.K3");
  }

  @Test
  void theStemsInTheImageCorrectANumeralEveryReadingMiscountedWhenTheCodeIsInTheCatalogue() {
    TextLine line = RenderedCodes.line(SERIF, "IR.VII.A.K4", "IR.VI.E.R2");
    List<String> rereadings = List.of("IR.VI.A.K4 IR.VI.E.R2", "IR.VI.A.K4 IR.VI.E.R2");

    assertThat(vote.settle(reading(line, "IR.VI.A.K4 IR.VI.E.R2"), rereadings))
        .isEqualTo("IR.VII.A.K4 IR.VI.E.R2");
  }

  @Test
  void keepsTheVotedCodeWhenTheCodeTheStemsSuggestIsNotInTheCatalogue() {
    // the image says III, but IR.III has no task C: the stems cannot make a code out of it
    TextLine line = RenderedCodes.line(SERIF, "IR.III.C.K1");
    List<String> rereadings = List.of("IR.II.C.K1", "IR.II.C.K1");

    assertThat(vote.settle(reading(line, "IR.II.C.K1"), rereadings)).isEqualTo("IR.II.C.K1");
  }

  @Test
  void keepsTheVoteWhenTheStemsAreUnclear() {
    TextLine tiny = RenderedCodes.line(new Font(Font.SERIF, Font.PLAIN, 12), "IR.III.B.K2");
    List<String> rereadings = List.of("IR.II.B.K2", "IR.II.B.K2");

    assertThat(vote.settle(reading(tiny, "IR.II.B.K2"), rereadings)).isEqualTo("IR.II.B.K2");
  }

  @Test
  void keepsTheVoteWhenTheWordsDoNotMatchTheCodesOneToOne() {
    // the first reading ran two codes into one word: which word is which code is not known
    TextLine line = RenderedCodes.line(SERIF, "IR.III.B.K2", "IR.I.A.K3");
    TextLine merged = new TextLine("IR.II.B.K2IR.I.A.K3", line.page(), List.of(new TextLine.Word(
        "IR.II.B.K2IR.I.A.K3", line.words().get(0).left(), line.words().get(0).top(), line.words().get(1).right(),
        line.words().get(1).bottom())));
    List<String> rereadings = List.of("IR.II.B.K2 IR.I.A.K3", "IR.II.B.K2 IR.I.A.K3");

    assertThat(vote.settle(merged, rereadings)).isEqualTo("IR.II.B.K2 IR.I.A.K3");
  }

  @Test
  void joinsACodeTheFirstReadingSplitAfterADot() {
    TextLine line = RenderedCodes.line(SERIF, "PA.", "VIII.A.K1");
    List<String> rereadings = List.of("PA.VII.A.K1", "PA.VII.A.K1");

    assertThat(vote.settle(reading(line, "PA. VII.A.K1"), rereadings)).isEqualTo("PA.VIII.A.K1");
  }

  @Test
  void readsTheStemsOfCodesListedWithCommas() {
    TextLine line = RenderedCodes.line(SERIF, "IR.III.B.K2,", "IR.VII.A.K4");
    List<String> rereadings = List.of("IR.II.B.K2, IR.VI.A.K4", "IR.II.B.K2, IR.VI.A.K4");

    assertThat(vote.settle(reading(line, "IR.II.B.K2, IR.VI.A.K4"), rereadings))
        .isEqualTo("IR.III.B.K2 IR.VII.A.K4");
  }

  @Test
  void namesWhetherItCountsStrokes() {
    assertThat(vote.id()).isEqualTo("acs-codes+strokes");
    assertThat(withoutStrokes.id()).isEqualTo("acs-codes");
  }

  /** The rendered line as the first reading read it. */
  private static TextLine reading(TextLine line, String text) {
    return new TextLine(text, line.page(), line.words());
  }
}
