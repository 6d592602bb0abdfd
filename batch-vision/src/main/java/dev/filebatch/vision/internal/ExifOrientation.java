package dev.filebatch.vision.internal;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the EXIF orientation tag (0x0112) of a JPEG and turns an image upright by it.
 *
 * <p>A purpose-built reader rather than a metadata library: we need one tag, and a few dozen bounded lines over
 * hostile bytes are easier to trust than a parser of every metadata format. It walks the JPEG segments up to the
 * first scan, looks only at {@code APP1 "Exif"} segments (at most 64 KiB each by the format), and reads IFD0.
 * Anything malformed counts as "no orientation": a broken EXIF block must not fail an otherwise good photo.
 */
public final class ExifOrientation {
  /** Stored pixels are upright. */
  public static final int NORMAL = 1;

  private static final int MAX_SEGMENTS = 64;

  private ExifOrientation() {}

  /** The orientation, 1 to 8, of the JPEG in {@code in}; {@link #NORMAL} when absent or unreadable. */
  public static int read(InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(new BufferedInputStream(in, 8192));
    try {
      if (data.readUnsignedByte() != 0xFF || data.readUnsignedByte() != 0xD8) {
        return NORMAL;
      }
      for (int segment = 0; segment < MAX_SEGMENTS; segment++) {
        int marker = nextMarker(data);
        if (marker == 0xDA || marker == 0xD9) {
          return NORMAL; // start of scan or end of image: metadata comes before either
        }
        if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
          continue; // standalone markers carry no length
        }
        int length = data.readUnsignedShort() - 2;
        if (length < 0) {
          return NORMAL;
        }
        if (marker == 0xE1 && length >= 14) {
          byte[] body = new byte[length];
          data.readFully(body);
          int orientation = fromExif(body);
          if (orientation != 0) {
            return orientation;
          }
        } else {
          data.skipNBytes(length);
        }
      }
      return NORMAL;
    } catch (EOFException e) {
      return NORMAL;
    }
  }

  private static int nextMarker(DataInputStream data) throws IOException {
    int b = data.readUnsignedByte();
    if (b != 0xFF) {
      throw new EOFException("not at a marker"); // treated as "no orientation"
    }
    while (b == 0xFF) {
      b = data.readUnsignedByte(); // fill bytes
    }
    return b;
  }

  /** The orientation in an APP1 body, or 0 when it is not EXIF or holds none. */
  static int fromExif(byte[] body) {
    if (!(body[0] == 'E' && body[1] == 'x' && body[2] == 'i' && body[3] == 'f' && body[4] == 0 && body[5] == 0)) {
      return 0;
    }
    int tiff = 6;
    boolean little;
    if (body[tiff] == 'I' && body[tiff + 1] == 'I') {
      little = true;
    } else if (body[tiff] == 'M' && body[tiff + 1] == 'M') {
      little = false;
    } else {
      return 0;
    }
    if (u16(body, tiff + 2, little) != 42) {
      return 0;
    }
    long ifd = tiff + u32(body, tiff + 4, little);
    if (ifd + 2 > body.length) {
      return 0;
    }
    int entries = u16(body, (int) ifd, little);
    for (int i = 0; i < entries; i++) {
      long entry = ifd + 2 + 12L * i;
      if (entry + 12 > body.length) {
        return 0;
      }
      int at = (int) entry;
      if (u16(body, at, little) == 0x0112) {
        int type = u16(body, at + 2, little);
        int value = type == 3 ? u16(body, at + 8, little) : type == 4 ? (int) u32(body, at + 8, little) : 0;
        return value >= 1 && value <= 8 ? value : 0;
      }
    }
    return 0;
  }

  private static int u16(byte[] b, int at, boolean little) {
    int b0 = b[at] & 0xFF;
    int b1 = b[at + 1] & 0xFF;
    return little ? (b1 << 8) | b0 : (b0 << 8) | b1;
  }

  private static long u32(byte[] b, int at, boolean little) {
    if (at + 4 > b.length) {
      return Integer.MAX_VALUE; // points past the end: callers' bounds checks reject it
    }
    long hi = u16(b, little ? at + 2 : at, little);
    long lo = u16(b, little ? at : at + 2, little);
    return (hi << 16) | lo;
  }

  /** Whether the orientation swaps width and height (the four transposing ones). */
  public static boolean swapsDimensions(int orientation) {
    return orientation >= 5 && orientation <= 8;
  }

  /** The image turned upright: {@code image} itself for {@link #NORMAL}, otherwise a new image. */
  public static BufferedImage apply(BufferedImage image, int orientation) {
    if (orientation <= NORMAL || orientation > 8) {
      return image;
    }
    int w = image.getWidth();
    int h = image.getHeight();
    // Each transform maps stored pixel coordinates to displayed ones (EXIF 2.32, tag 0x0112).
    AffineTransform t = switch (orientation) {
      case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0);
      case 3 -> new AffineTransform(-1, 0, 0, -1, w, h);
      case 4 -> new AffineTransform(1, 0, 0, -1, 0, h);
      case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);
      case 6 -> new AffineTransform(0, 1, -1, 0, h, 0);
      case 7 -> new AffineTransform(0, -1, -1, 0, h, w);
      default -> new AffineTransform(0, -1, 1, 0, 0, w);
    };
    boolean swap = swapsDimensions(orientation);
    int type = image.getType() == BufferedImage.TYPE_BYTE_GRAY ? BufferedImage.TYPE_BYTE_GRAY
        : image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
    BufferedImage upright = new BufferedImage(swap ? h : w, swap ? w : h, type);
    Graphics2D g = upright.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
      g.drawImage(image, t, null);
    } finally {
      g.dispose();
    }
    return upright;
  }
}
