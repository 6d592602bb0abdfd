package dev.filebatch.acs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.filebatch.vision.TextLine;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NumeralStrokesTest {
  private static final String[] NUMERALS = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"};

  static List<Arguments> faces() {
    List<Arguments> faces = new ArrayList<>();
    for (String family : new String[] {Font.SERIF, Font.SANS_SERIF, Font.MONOSPACED}) {
      for (int style : new int[] {Font.PLAIN, Font.BOLD}) {
        for (int size : new int[] {28, 40, 56}) {
          faces.add(Arguments.of(new Font(family, style, size)));
        }
      }
    }
    return faces;
  }

  @ParameterizedTest
  @MethodSource("faces")
  void countsTheStemsAndPlacesTheSlantedLettersOfEveryAreaNumeral(Font font) {
    for (String numeral : NUMERALS) {
      String code = "PA." + numeral + ".A.K1";

      assertThat(shape(RenderedCodes.line(font, code)))
          .as("%s in %s", code, font).contains(NumeralStrokes.shapeOf(numeral));
    }
  }

  @Test
  void tellsTheShapeOfANumeralAsItsStemsAndSlantedLetters() {
    assertThat(NumeralStrokes.shapeOf("III")).isEqualTo("III");
    assertThat(NumeralStrokes.shapeOf("XII")).isEqualTo("VII");
    assertThat(NumeralStrokes.shapeOf("IX")).isEqualTo("IV");
    assertThat(NumeralStrokes.shapeOf("VIII")).isEqualTo("VIII");
  }

  @Test
  void givesNoAnswerForLettersTooSmallToKeepTheirStemsApart() {
    assertThat(shape(RenderedCodes.line(new Font(Font.SERIF, Font.PLAIN, 14), "IR.III.B.K2"))).isEmpty();
  }

  @Test
  void givesNoAnswerForAWordWithoutTheDotsOfACode() {
    assertThat(shape(RenderedCodes.line(new Font(Font.SERIF, Font.PLAIN, 40), "ANDERSON"))).isEmpty();
    assertThat(shape(RenderedCodes.line(new Font(Font.SERIF, Font.PLAIN, 40), "IR.III"))).isEmpty();
  }

  @Test
  void givesNoAnswerWhenTheNumeralIsASmudgeWiderThanAnyStem() {
    Font font = new Font(Font.SERIF, Font.PLAIN, 40);
    TextLine line = RenderedCodes.line(font, "PA.III.A.K1");
    // ink over the numeral, as a thumb or a fold would leave it (the line's text starts at x = size, baseline 2 size)
    Graphics2D g = line.page().createGraphics();
    int from = 40 + g.getFontMetrics(font).stringWidth("PA.") + 1;
    int to = 40 + g.getFontMetrics(font).stringWidth("PA.III") - 1;
    g.setColor(new Color(30, 30, 35));
    g.fillRect(from, 80 - 24, to - from, 24);
    g.dispose();

    assertThat(shape(line)).isEmpty();
  }

  @Test
  void givesNoAnswerWhenNothingStandsBetweenTheDots() {
    assertThat(shape(RenderedCodes.line(new Font(Font.SERIF, Font.PLAIN, 40), "PA..A.K1"))).isEmpty();
  }

  private static Optional<String> shape(TextLine line) {
    TextLine.Word w = line.words().get(0);
    return NumeralStrokes.areaShape(line.page(), w.left(), w.top(), w.right(), w.bottom());
  }
}
