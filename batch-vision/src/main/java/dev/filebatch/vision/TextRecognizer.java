package dev.filebatch.vision;

import dev.filebatch.spi.ProcessingContext;
import java.awt.image.BufferedImage;

/**
 * Reads the text in an image: the extension point of {@link VisionProcessor}. Two implementations ship,
 * {@link TesseractRecognizer} (local) and {@link OpenAiVisionRecognizer} (remote); write your own for another
 * engine or service.
 *
 * <p>Implementations must be thread-safe: one instance serves every file of the processor's lane at once. Fail with
 * {@link dev.filebatch.spi.FileProcessingException} for a typed, final failure and
 * {@link dev.filebatch.spi.TransientException} for one a retry may cure (rate limits, server errors).
 */
public interface TextRecognizer extends AutoCloseable {
  /**
   * A stable id naming the recognizer and whatever changes its output, e.g. {@code tesseract:eng} or
   * {@code openai:gpt-4o-mini}: it is stored in each {@link RecognizedText} and is part of the processor's cache
   * key.
   */
  String id();

  /**
   * Reads the text of one image.
   *
   * @param image the image, already upright; greyscale and binarised when the processor's preprocessing is on
   * @param context the file's deadline, cancellation and partial-result reporting
   * @return the text, never {@code null}; see {@link RecognizedText#of}
   * @throws Exception to fail the file, as described in the class comment
   */
  RecognizedText recognize(BufferedImage image, ProcessingContext context) throws Exception;

  /**
   * Whether recognition keeps a core busy (local OCR) rather than waiting on a remote service. The processor's lane
   * then also shares the engine's CPU pool, so OCR never oversubscribes the machine. {@code false} by default.
   */
  default boolean cpuBound() {
    return false;
  }

  /** Releases engines, connections and files the recognizer holds; it must not be used afterwards. */
  @Override
  default void close() {}
}
