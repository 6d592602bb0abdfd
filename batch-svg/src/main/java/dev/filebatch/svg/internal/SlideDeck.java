package dev.filebatch.svg.internal;

import dev.filebatch.svg.SlideSize;
import java.awt.Dimension;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.poi.sl.usermodel.PictureData.PictureType;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFPictureData;
import org.apache.poi.xslf.usermodel.XSLFPictureShape;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFTextBox;
import org.apache.poi.xslf.usermodel.XSLFTextRun;

/**
 * A PowerPoint deck of drawings, one per slide: a title from the file name and the drawing fitted and centred below
 * it. Each drawing is a PNG picture carrying the SVG in PowerPoint's {@code svgBlip} extension, so PowerPoint 2016+
 * shows the vectors and older viewers the raster.
 *
 * <p>POI's own {@code XSLFPictureShape.addSvgImage} is not used: it renders the preview with an unrestricted Batik
 * user agent. The preview is rendered by this module's locked-down renderers instead.
 */
public final class SlideDeck implements AutoCloseable {
  private static final double MARGIN = 0.3 * 72;
  private static final double TITLE_HEIGHT = 0.6 * 72;

  private final XMLSlideShow show = new XMLSlideShow();
  private final SlideSize size;

  /** Starts an empty deck with slides of the given size. */
  public SlideDeck(SlideSize size) {
    this.size = size;
    show.setPageSize(new Dimension((int) Math.round(size.widthPoints()), (int) Math.round(size.heightPoints())));
  }

  /** The box, in points, a drawing of the given aspect ratio occupies on a slide: fitted below the title, centred. */
  public static Rectangle2D pictureBox(SlideSize size, double drawingWidth, double drawingHeight) {
    double areaX = MARGIN;
    double areaY = MARGIN + TITLE_HEIGHT + MARGIN / 2;
    double areaW = size.widthPoints() - 2 * MARGIN;
    double areaH = size.heightPoints() - areaY - MARGIN;
    double scale = Math.min(areaW / drawingWidth, areaH / drawingHeight);
    double w = drawingWidth * scale;
    double h = drawingHeight * scale;
    return new Rectangle2D.Double(areaX + (areaW - w) / 2, areaY + (areaH - h) / 2, w, h);
  }

  /**
   * Adds a slide.
   *
   * @param title the slide's title
   * @param svg the SVG source to embed as the vector picture
   * @param png the raster fallback
   * @param box where the picture goes, in points (see {@link #pictureBox})
   */
  public void addSlide(String title, byte[] svg, byte[] png, Rectangle2D box) {
    XSLFSlide slide = show.createSlide();
    XSLFTextBox titleBox = slide.createTextBox();
    titleBox.setAnchor(new Rectangle2D.Double(MARGIN, MARGIN, size.widthPoints() - 2 * MARGIN, TITLE_HEIGHT));
    XSLFTextRun run = titleBox.setText(title);
    run.setFontSize(24.0);
    run.setBold(true);
    XSLFPictureData raster = show.addPicture(png, PictureType.PNG);
    XSLFPictureShape picture = slide.createPicture(raster);
    picture.setSvgImage(show.addPicture(svg, PictureType.SVG));
    picture.setAnchor(box);
  }

  /** How many slides the deck holds. */
  public int slides() {
    return show.getSlides().size();
  }

  /** Writes the deck. */
  public void write(OutputStream out) throws IOException {
    show.write(out);
  }

  @Override
  public void close() throws IOException {
    show.close();
  }
}
