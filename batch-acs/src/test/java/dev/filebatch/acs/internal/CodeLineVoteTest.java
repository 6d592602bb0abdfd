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
  void leavesOtherLinesAlone() {
    assertThat(vote.wants("ACS CODES:")).isFalse();
    assertThat(vote.wants("EXPIRATION DATE: 11/30/2024")).isFalse();
    assertThat(vote.wants("Codes PA.I.A.K1 PA.I.B.K2")).isFalse();
    assertThat(vote.wants("PA.I.A.K1 Codes")).isFalse();
    assertThat(vote.wants("   ")).isFalse();
    // pieces of cut codes alone hold no code of the line's own
    assertThat(vote.wants("PA.")).isFalse();
    assertThat(vote.wants("IV.A.K1, PA.")).isFalse();
  }

  @Test
  void wantsCodeListsWithCodesCutAtTheLineEnds() {
    assertThat(vote.wants("PA.I.A.K1, PA.I.")).isTrue();
    assertThat(vote.wants("IV.A.K1, PA.IV.B.K3, PA.")).isTrue();
    assertThat(vote.wants("K5, CA.X.B.R3, CA.XI.A.S5")).isTrue();
    assertThat(vote.wants("E.K3 UA.V.F.R5")).isTrue();
  }

  @Test
  void wantsALineWithACodeGarbledPastLookingLikeOneAmongCodes() {
    assertThat(vote.wants("CA.I.I.K3, CA.I.C.K5, CAAILF.R3, CA.IV.D.R4, CA.")).isTrue();
    assertThat(vote.wants("CAAILF.R3")).isFalse(); // no code at all
    assertThat(vote.wants("PA.I.A.K1 Date: 11/30/2024")).isFalse();
  }

  @Test
  void aReadingThatGarblesOneCodeKeepsItsSayOnTheOthers() {
    // the readings that could not validate the middle code would be left out of a vote on whole lines; word by word
    // they still outvote the page reading's misread numeral on the first code
    String first = "IR.II.B.K2 IR.WLC.R5 IR.V.A.K3";
    List<String> rereadings = List.of("IR.III.B.K2 IR.NLC.RS IR.V.A.K3", "IR.III.B.K2 IR.II.C.R5 IR.V.A.K3",
        "IR.III.B.K2 IR.1NLC.R5 IR.V.A.K3", "IR.II.B.K2 IR.II.C.R5 IR.V.A.K3");

    assertThat(withoutStrokes.settle(first, rereadings)).isEqualTo("IR.III.B.K2 IR.II.C.R5 IR.V.A.K3");
  }

  @Test
  void keepsTheCutCodesAtTheLineEndsOutOfTheVoteAndInTheText() {
    String first = "E.K3, UA.II.B.K4, UA.V.B.K2, UA.V.";
    List<String> rereadings = List.of("E.K3, UA.III.B.K4, UA.V.B.K2, UA.V.", "F.K3, UA.III.B.K4, UA.V.B.K2, UA.V.",
        "E.K3, UA.III.B.K4, UA.V.B.K2, UA.V.", "E.K3, UA.III.B.K4, UA.V.B.K2, UA.Y.");

    assertThat(withoutStrokes.settle(first, rereadings)).isEqualTo("E.K3, UA.III.B.K4 UA.V.B.K2 UA.V.");
  }

  @Test
  void theEndOfACodeCutAfterItsPrefixIsVotedAsTheCodeWithTheLinePrefix() {
    String first = "H1.B.K3, UA.III.B.K4, UA.";
    List<String> rereadings = List.of("III.B.K3, UA.III.B.K4, UA.", "IIl.B.K3, UA.III.B.K4, UA.",
        "II.B.K3, UA.III.B.K4, UA.", "III.B.K3, UA.III.B.K4, UA.");

    String settled = withoutStrokes.settle(first, rereadings);

    assertThat(settled).isEqualTo("III.B.K3, UA.III.B.K4 UA.");
    assertThat(new CodeReader(AcsCatalogue.standard()).read("UA.\n" + settled).acsCodes())
        .containsExactly("UA.III.B.K3", "UA.III.B.K4");
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
