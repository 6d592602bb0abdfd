package dev.filebatch.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextLineTest {
  private final BufferedImage page = new BufferedImage(10, 10, BufferedImage.TYPE_BYTE_GRAY);

  @Test
  void refusesAnInvertedWordBox() {
    assertThatThrownBy(() -> new TextLine.Word("AB", 5, 0, 4, 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inverted");
    assertThatThrownBy(() -> new TextLine.Word("AB", 0, 5, 4, 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inverted");
  }

  @Test
  void refusesMissingParts() {
    assertThatThrownBy(() -> new TextLine(null, page, List.of())).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("text");
    assertThatThrownBy(() -> new TextLine("AB", null, List.of())).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("page");
    assertThatThrownBy(() -> new TextLine.Word(null, 0, 0, 1, 1)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void keepsItsOwnCopyOfTheWords() {
    List<TextLine.Word> words = new ArrayList<>(List.of(new TextLine.Word("AB", 0, 0, 4, 3)));
    TextLine line = new TextLine("AB", page, words);
    words.clear();

    assertThat(line.words()).hasSize(1);
  }

  @Test
  void aRereadThatDoesNotLookAtPixelsSettlesFromTheText() {
    LineReread textOnly = new TestFiles.RereadOfSevens() {
      @Override
      public String settle(String first, List<String> rereadings) {
        return first + "|" + String.join("|", rereadings);
      }
    };

    assertThat(textOnly.settle(new TextLine("AB", page, List.of()), List.of("A8"))).isEqualTo("AB|A8");
  }
}
