package dev.filebatch.svg;

import dev.filebatch.FileResult;
import dev.filebatch.spi.Summarizer;
import dev.filebatch.spi.SummaryContext;
import dev.filebatch.svg.internal.SlideDeck;
import dev.filebatch.svg.internal.SvgConverter;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFPictureShape;
import org.apache.poi.xslf.usermodel.XSLFShape;

/**
 * The {@code single_pptx} batch output: one PowerPoint deck with a slide per successfully converted SVG, in input
 * order, each titled from its file name. Pair it with {@code SvgProcessor.builder().format(SvgFormat.PPTX)}: every
 * file's one-slide deck is merged into the batch deck, keeping the SVG vector picture and its PNG fallback. Files
 * that failed, or were converted to another format, get no slide and are listed as skipped.
 */
public final class SvgDeckSummarizer implements Summarizer<SvgDeckSummary> {
  private final String fileName;
  private final SlideSize slideSize;

  /** A summarizer writing {@code drawings.pptx} with 10 x 7.5 in slides. */
  public SvgDeckSummarizer() {
    this("drawings.pptx", SlideSize.standard());
  }

  /**
   * A summarizer with its own deck name and slide size (use the processor's slide size).
   *
   * @param fileName the deck's wished-for file name; made unique in the batch's output folder
   * @param slideSize the slide size
   */
  public SvgDeckSummarizer(String fileName, SlideSize slideSize) {
    this.fileName = Objects.requireNonNull(fileName, "fileName");
    this.slideSize = Objects.requireNonNull(slideSize, "slideSize");
    if (!fileName.toLowerCase(java.util.Locale.ROOT).endsWith(".pptx")) {
      throw new IllegalArgumentException("the deck's file name must end in .pptx, was '" + fileName + "'");
    }
  }

  @Override
  public SvgDeckSummary summarize(List<FileResult> files, SummaryContext context) throws Exception {
    List<String> skipped = new ArrayList<>();
    Path target = context.newArtifact(fileName);
    try (SlideDeck deck = new SlideDeck(slideSize)) {
      for (FileResult file : files) {
        if (!file.hasPayload() || !(file.payload() instanceof SvgConversion conversion)
            || conversion.format() != SvgFormat.PPTX) {
          skipped.add(file.fileName());
          continue;
        }
        if (!copySlide(Path.of(conversion.path()), SvgConverter.baseName(file.fileName()), deck)) {
          skipped.add(file.fileName());
        }
      }
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target))) {
        deck.write(out);
      }
      return new SvgDeckSummary(target.getFileName().toString(), target.toAbsolutePath().toString(), deck.slides(),
          List.copyOf(skipped), Files.size(target));
    }
  }

  private boolean copySlide(Path source, String title, SlideDeck deck) throws Exception {
    if (!Files.isRegularFile(source)) {
      return false;
    }
    try (InputStream in = Files.newInputStream(source);
        XMLSlideShow show = new XMLSlideShow(in)) {
      for (var slide : show.getSlides()) {
        for (XSLFShape shape : slide.getShapes()) {
          if (shape instanceof XSLFPictureShape picture && picture.getSvgImage() != null) {
            var anchor = picture.getAnchor();
            var box = SlideDeck.pictureBox(slideSize, anchor.getWidth(), anchor.getHeight());
            deck.addSlide(title, picture.getSvgImage().getData(), picture.getPictureData().getData(), box);
            return true;
          }
        }
      }
    }
    return false;
  }
}
