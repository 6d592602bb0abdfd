package dev.filebatch.pdf.internal;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;

/**
 * Finds the image XObjects a page uses, directly or through form XObjects, from their dictionaries only: nothing is
 * decoded. Tells a scan (little text, an image) from a blank page, and gives the declared image sizes so a huge one
 * is refused before the renderer decodes it.
 *
 * <p>Forms are followed at most {@value #MAX_DEPTH} levels deep and each once, so a form that draws itself cannot
 * loop. Inline images are not seen; scanners do not produce them for whole pages.
 */
final class ScanImages {
  private static final int MAX_DEPTH = 8;

  private ScanImages() {}

  /** Whether the page uses at least one image. */
  static boolean hasImage(PDPage page) {
    return largestImagePixels(page) >= 0;
  }

  /** The pixel count (width times height) of the largest image the page uses, or -1 when it uses none. */
  static double largestImagePixels(PDPage page) {
    Set<COSBase> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    PDResources resources = page.getResources();
    return resources == null ? -1 : largest(resources.getCOSObject(), 0, seen);
  }

  // At the COS level: building PDImageXObjects would decode JPEG 2000 images just to learn their colour space.
  private static double largest(COSDictionary resources, int depth, Set<COSBase> seen) {
    if (resources == null || depth > MAX_DEPTH) {
      return -1;
    }
    COSDictionary xobjects = resources.getCOSDictionary(COSName.XOBJECT);
    if (xobjects == null) {
      return -1;
    }
    double largest = -1;
    for (COSName name : xobjects.keySet()) {
      if (!(xobjects.getDictionaryObject(name) instanceof COSStream xobject) || !seen.add(xobject)) {
        continue;
      }
      COSName subtype = xobject.getCOSName(COSName.SUBTYPE);
      if (COSName.IMAGE.equals(subtype)) {
        double width = Math.max(0, xobject.getInt(COSName.WIDTH, COSName.W, 0));
        double height = Math.max(0, xobject.getInt(COSName.HEIGHT, COSName.H, 0));
        largest = Math.max(largest, width * height);
      } else if (COSName.FORM.equals(subtype)) {
        largest = Math.max(largest, largest(xobject.getCOSDictionary(COSName.RESOURCES), depth + 1, seen));
      }
    }
    return largest;
  }
}
