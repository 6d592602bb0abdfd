/**
 * OCR of PNG and JPEG images for Filebatch.
 *
 * <p>The front door is {@link dev.filebatch.vision.VisionProcessor}: it checks an image's dimensions from its header
 * before decoding anything, decodes it with bounded memory, applies the EXIF orientation, prepares it for OCR and
 * hands it to a {@link dev.filebatch.vision.TextRecognizer}. Two recognizers ship:
 * {@link dev.filebatch.vision.TesseractRecognizer} (local, the default) and
 * {@link dev.filebatch.vision.OpenAiVisionRecognizer} (any OpenAI-compatible chat-completions endpoint).
 *
 * <p>Tesseract runs in-process through the Bytedeco natives for linux-x86_64. Those natives are built without
 * OpenMP; a system Tesseract often is not, so run with {@code OMP_THREAD_LIMIT=1} to keep each engine on one thread
 * and let the lane's parallelism decide how many cores OCR uses.
 */
package dev.filebatch.vision;
