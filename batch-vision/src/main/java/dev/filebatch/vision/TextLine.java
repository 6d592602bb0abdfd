package dev.filebatch.vision;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Objects;

/**
 * A line of a page as the first reading saw it, for a {@link LineReread} that wants to look at the pixels as well as
 * the text: the line's text, the page image it was read from, and the words of the line with their boxes.
 *
 * @param text the line as first read, without its line break
 * @param page the 8-bit greyscale page image the line was read from ({@link BufferedImage#TYPE_BYTE_GRAY}); do not
 *     modify it
 * @param words the line's words as first read, in reading order, with their boxes in {@code page}'s pixels
 */
public record TextLine(String text, BufferedImage page, List<Word> words) {
  /** Checks the parts and copies the word list. */
  public TextLine {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(page, "page");
    words = List.copyOf(words);
  }

  /**
   * A word as first read and the box around its ink, right and bottom exclusive.
   *
   * @param text the word as read
   * @param left the box's left edge
   * @param top the box's top edge
   * @param right the box's right edge, exclusive
   * @param bottom the box's bottom edge, exclusive
   */
  public record Word(String text, int left, int top, int right, int bottom) {
    /** Checks the parts. */
    public Word {
      Objects.requireNonNull(text, "text");
      if (right < left || bottom < top) {
        throw new IllegalArgumentException("a word's box must not be inverted, was " + left + "," + top + " to "
            + right + "," + bottom);
      }
    }
  }
}
