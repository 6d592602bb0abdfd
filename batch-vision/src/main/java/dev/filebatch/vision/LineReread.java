package dev.filebatch.vision;

import java.util.List;

/**
 * A second, closer reading of chosen lines of a page, for text where one misread character changes the meaning
 * (codes, identifiers). Give it to {@link TesseractRecognizer.Builder#rereadLines}: after reading the whole page,
 * the recognizer reads each line this {@link #wants} again on its own (Tesseract's single-line mode, the line's crop
 * at several scales, each a somewhat different look at the same pixels) and lets {@link #settle} decide the line's
 * text from all the readings, typically by a vote that only the reader of that kind of text can make well. The
 * recognizer calls {@link #settle(TextLine, List)}, which also gives the line's pixels and word boxes.
 *
 * <p>Implementations must be thread-safe: one instance serves every image at once.
 */
public interface LineReread {
  /**
   * A short, stable name for what this rereads, e.g. {@code acs-codes}; it becomes part of the recognizer's id,
   * and so of the cache key of results read with it.
   */
  String id();

  /**
   * Whether a line of the first reading should be read again.
   *
   * @param line the line as first read, without its line break
   */
  boolean wants(String line);

  /**
   * The line's final text.
   *
   * @param first the line as first read, with the rest of the page
   * @param rereadings the line read again on its own, one text per look, never empty
   * @return the text to put in place of the line; {@code first} to keep it
   */
  String settle(String first, List<String> rereadings);

  /**
   * The line's final text, with the line's pixels and word boxes at hand: a reread can check a reading against the
   * image (count strokes, measure gaps) where the readings disagree or agree on a likely error. By default the
   * pixels are not looked at: {@link #settle(String, List)} with the line's text.
   *
   * @param first the line as first read, with its page image and word boxes
   * @param rereadings the line read again on its own, one text per look, never empty
   * @return the text to put in place of the line; {@code first.text()} to keep it
   */
  default String settle(TextLine first, List<String> rereadings) {
    return settle(first.text(), rereadings);
  }
}
