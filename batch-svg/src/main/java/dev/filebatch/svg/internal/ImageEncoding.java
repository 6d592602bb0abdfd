package dev.filebatch.svg.internal;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/** Encodes rendered images with the JDK's own ImageIO writers. */
public final class ImageEncoding {
  private ImageEncoding() {}

  /**
   * Writes a PNG, alpha kept, recording the resolution (pHYs) so print tools size it right. The renderers' own
   * images go through {@link PngEncoder} (same pixels, a quarter of ImageIO's CPU); anything else through ImageIO.
   */
  public static void png(BufferedImage image, int dpi, OutputStream out) throws IOException {
    if (PngEncoder.accepts(image)) {
      PngEncoder.write(image, dpi, out);
      return;
    }
    imageIoPng(image, dpi, out);
  }

  /** ImageIO's PNG writer: the general path, and the reference {@link PngEncoder} is checked against. */
  static void imageIoPng(BufferedImage image, int dpi, OutputStream out) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
    try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(ios);
      ImageWriteParam param = writer.getDefaultWriteParam();
      IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
      String pixelsPerMetre = Long.toString(Math.round(dpi / 0.0254));
      IIOMetadataNode physical = new IIOMetadataNode("pHYs");
      physical.setAttribute("pixelsPerUnitXAxis", pixelsPerMetre);
      physical.setAttribute("pixelsPerUnitYAxis", pixelsPerMetre);
      physical.setAttribute("unitSpecifier", "meter");
      IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
      root.appendChild(physical);
      metadata.mergeTree("javax_imageio_png_1.0", root);
      writer.write(null, new IIOImage(image, null, metadata), param);
    } finally {
      writer.dispose();
    }
  }

  /** Encodes a PNG into memory. */
  public static byte[] png(BufferedImage image, int dpi) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    png(image, dpi, out);
    return out.toByteArray();
  }

  /** Writes a JPEG at the given quality; transparency is flattened onto the background (white when null). */
  public static void jpeg(BufferedImage image, Color background, float quality, OutputStream out)
      throws IOException {
    BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = rgb.createGraphics();
    try {
      g.setColor(background == null ? Color.WHITE : new Color(background.getRGB() & 0xffffff));
      g.fillRect(0, 0, rgb.getWidth(), rgb.getHeight());
      g.drawImage(image, 0, 0, null);
    } finally {
      g.dispose();
    }
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(ios);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality);
      writer.write(null, new IIOImage(rgb, null, null), param);
    } finally {
      writer.dispose();
    }
  }
}
