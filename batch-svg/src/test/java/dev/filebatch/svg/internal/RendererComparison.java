package dev.filebatch.svg.internal;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.*;

/**
 * Compares JSVG with Batik, the reference, on a corpus of one-feature documents: mean absolute channel difference
 * (percent of full scale) at 400 x 400 on white, mean time per rendering, and the renderer AUTO picks. Not a test:
 * run it by hand after {@code ./mvnw -pl batch-svg test-compile} with
 * {@code java -cp batch-svg/target/test-classes:batch-svg/target/classes:$(deps) dev.filebatch.svg.internal.RendererComparison 10 [out-dir]}
 * to decide AUTO's feature lists; with an output folder it also writes both renderings of each document.
 */
public final class RendererComparison {
  static final String NS = "xmlns='http://www.w3.org/2000/svg' xmlns:xlink='http://www.w3.org/1999/xlink'";
  static String svg(String body) { return "<svg " + NS + " width='200' height='200' viewBox='0 0 200 200'>" + body + "</svg>"; }
  public static void main(String[] args) throws Exception {
    Map<String, String> docs = new LinkedHashMap<>();
    docs.put("shapes", svg("<rect x='10' y='10' width='80' height='60' fill='#c33' stroke='#000' stroke-width='3'/><circle cx='140' cy='60' r='40' fill='#36c'/><ellipse cx='60' cy='150' rx='50' ry='25' fill='orange'/><polygon points='120,120 190,130 150,190' fill='green'/>"));
    docs.put("paths", svg("<path d='M10 80 C 40 10, 65 10, 95 80 S 150 150, 180 80' stroke='black' fill='none' stroke-width='4'/><path d='M20 150 Q 100 50 180 150 Z' fill='#9c6' fill-rule='evenodd'/>"));
    docs.put("strokes", svg("<line x1='10' y1='20' x2='190' y2='20' stroke='#000' stroke-width='6' stroke-dasharray='10 5' stroke-linecap='round'/><polyline points='10,60 60,120 110,60 160,120' fill='none' stroke='#a0a' stroke-width='8' stroke-linejoin='round'/>"));
    docs.put("transforms", svg("<g transform='rotate(30 100 100) scale(0.8) translate(20 10)'><rect x='40' y='40' width='100' height='60' fill='#0aa'/><g transform='skewX(20)'><rect x='30' y='120' width='60' height='40' fill='#a50'/></g></g>"));
    docs.put("opacity", svg("<rect x='20' y='20' width='120' height='120' fill='red' opacity='0.5'/><rect x='60' y='60' width='120' height='120' fill='blue' fill-opacity='0.4' stroke='black' stroke-opacity='0.7' stroke-width='5'/>"));
    docs.put("linear-gradient", svg("<defs><linearGradient id='g' x1='0' y1='0' x2='1' y2='1'><stop offset='0' stop-color='#f00'/><stop offset='0.5' stop-color='#ff0'/><stop offset='1' stop-color='#00f'/></linearGradient></defs><rect x='10' y='10' width='180' height='180' fill='url(#g)'/>"));
    docs.put("radial-gradient", svg("<defs><radialGradient id='g' cx='0.4' cy='0.4' r='0.6' fx='0.3' fy='0.3'><stop offset='0' stop-color='#fff'/><stop offset='1' stop-color='#036'/></radialGradient></defs><circle cx='100' cy='100' r='90' fill='url(#g)'/>"));
    docs.put("gradient-spread", svg("<defs><linearGradient id='g' x1='0.4' x2='0.6' spreadMethod='reflect'><stop offset='0' stop-color='#0f0'/><stop offset='1' stop-color='#00f'/></linearGradient></defs><rect width='200' height='200' fill='url(#g)'/>"));
    docs.put("clip-path", svg("<defs><clipPath id='c'><circle cx='100' cy='100' r='70'/></clipPath></defs><g clip-path='url(#c)'><rect width='100' height='200' fill='#c00'/><rect x='100' width='100' height='200' fill='#0c0'/></g>"));
    docs.put("mask", svg("<defs><linearGradient id='g'><stop offset='0' stop-color='white'/><stop offset='1' stop-color='black'/></linearGradient><mask id='m'><rect width='200' height='200' fill='url(#g)'/></mask></defs><rect width='200' height='200' fill='#339' mask='url(#m)'/>"));
    docs.put("pattern", svg("<defs><pattern id='p' width='20' height='20' patternUnits='userSpaceOnUse'><rect width='10' height='10' fill='#a33'/><circle cx='15' cy='15' r='4' fill='#33a'/></pattern></defs><rect x='10' y='10' width='180' height='180' fill='url(#p)'/>"));
    docs.put("marker", svg("<defs><marker id='a' markerWidth='10' markerHeight='10' refX='5' refY='5' orient='auto'><path d='M0,0 L10,5 L0,10 z' fill='#000'/></marker></defs><polyline points='20,180 80,40 140,160 190,20' fill='none' stroke='#555' stroke-width='3' marker-start='url(#a)' marker-mid='url(#a)' marker-end='url(#a)'/>"));
    docs.put("use-symbol", svg("<defs><symbol id='s' viewBox='0 0 10 10'><circle cx='5' cy='5' r='4' fill='#c60'/></symbol></defs><use href='#s' xlink:href='#s' x='10' y='10' width='80' height='80'/><use xlink:href='#s' x='110' y='110' width='60' height='60'/>"));
    docs.put("text", svg("<text x='20' y='60' font-family='sans-serif' font-size='32' fill='#222'>Hello SVG</text><text x='20' y='120' font-family='serif' font-size='24' font-weight='bold' fill='#a00'>Bold serif</text><text x='20' y='170' font-family='monospace' font-size='18'><tspan fill='blue'>mono</tspan> text</text>"));
    docs.put("text-anchor", svg("<text x='100' y='100' text-anchor='middle' font-family='sans-serif' font-size='28'>Centred</text><text x='190' y='150' text-anchor='end' font-size='20' font-family='sans-serif'>End</text>"));
    docs.put("textPath", svg("<defs><path id='p' d='M20 150 Q 100 20 180 150'/></defs><text font-family='sans-serif' font-size='20'><textPath href='#p' xlink:href='#p'>Along a curved path</textPath></text>"));
    docs.put("filter-blur", svg("<defs><filter id='f'><feGaussianBlur stdDeviation='5'/></filter></defs><rect x='40' y='40' width='120' height='120' fill='#06c' filter='url(#f)'/>"));
    docs.put("filter-dropshadow", svg("<defs><filter id='f' x='-20%' y='-20%' width='150%' height='150%'><feOffset dx='6' dy='6' in='SourceAlpha'/><feGaussianBlur stdDeviation='4' result='b'/><feMerge><feMergeNode in='b'/><feMergeNode in='SourceGraphic'/></feMerge></filter></defs><circle cx='90' cy='90' r='60' fill='#e80' filter='url(#f)'/>"));
    docs.put("filter-colormatrix", svg("<defs><filter id='f'><feColorMatrix type='saturate' values='0.1'/></filter></defs><g filter='url(#f)'><rect width='100' height='200' fill='red'/><rect x='100' width='100' height='200' fill='green'/></g>"));
    docs.put("filter-turbulence", svg("<defs><filter id='f'><feTurbulence baseFrequency='0.05' numOctaves='3' seed='2'/></filter></defs><rect width='200' height='200' filter='url(#f)'/>"));
    docs.put("filter-lighting", svg("<defs><filter id='f'><feDiffuseLighting in='SourceGraphic' surfaceScale='3'><feDistantLight azimuth='45' elevation='45'/></feDiffuseLighting></filter></defs><circle cx='100' cy='100' r='80' fill='#888' filter='url(#f)'/>"));
    docs.put("style-sheet", svg("<style>.a{fill:#c0c} #b{fill:#0cc;stroke:#000;stroke-width:4} rect + circle{fill:#cc0} g > .c{opacity:.5}</style><rect class='a' width='90' height='90'/><circle id='b' cx='150' cy='50' r='40'/><g><rect class='c' x='20' y='110' width='160' height='80' fill='#000'/></g>"));
    docs.put("style-attr", svg("<rect style='fill:#3a3;stroke:#030;stroke-width:5' x='20' y='20' width='160' height='160'/>"));
    docs.put("nested-svg", svg("<svg x='20' y='20' width='160' height='160' viewBox='0 0 10 10' preserveAspectRatio='xMidYMid slice'><rect width='10' height='5' fill='#a0f'/><circle cx='5' cy='7' r='3' fill='#f0a'/></svg>"));
    docs.put("switch", svg("<switch><rect requiredFeatures='http://www.w3.org/TR/SVG11/feature#Nonexistent' width='200' height='200' fill='red'/><rect width='200' height='200' fill='green'/></switch>"));
    docs.put("mix-blend", svg("<rect width='120' height='120' fill='#f00'/><rect x='60' y='60' width='120' height='120' fill='#0f0' style='mix-blend-mode:multiply'/>"));
    docs.put("paint-order", svg("<text x='20' y='100' font-size='48' font-family='sans-serif' fill='yellow' stroke='black' stroke-width='8' paint-order='stroke'>Outl</text>"));
    docs.put("css-vars", svg("<style>:root{--c:#f60} rect{fill:var(--c)}</style><rect width='150' height='150'/>"));
    docs.put("letter-spacing", svg("<text x='10' y='60' font-family='sans-serif' font-size='24' letter-spacing='6'>Spaced</text><text x='10' y='120' font-family='sans-serif' font-size='24' textLength='180' lengthAdjust='spacingAndGlyphs'>Stretched</text>"));
    docs.put("baseline-shift", svg("<text x='10' y='100' font-family='sans-serif' font-size='28'>E=mc<tspan baseline-shift='super' font-size='16'>2</tspan> H<tspan baseline-shift='sub' font-size='16'>2</tspan>O</text>"));
    docs.put("writing-mode", svg("<text x='100' y='20' writing-mode='tb' font-family='sans-serif' font-size='24'>Vertical</text>"));
    docs.put("vector-effect", svg("<g transform='scale(4)'><rect x='5' y='5' width='30' height='30' fill='none' stroke='#000' stroke-width='1' vector-effect='non-scaling-stroke'/></g>"));
    docs.put("gradient-transform", svg("<defs><linearGradient id='g' gradientTransform='rotate(45 .5 .5)'><stop offset='0' stop-color='#f0f'/><stop offset='1' stop-color='#0ff'/></linearGradient></defs><rect width='200' height='200' fill='url(#g)'/>"));
    docs.put("pattern-transform", svg("<defs><pattern id='p' width='20' height='20' patternUnits='userSpaceOnUse' patternTransform='rotate(30)'><rect width='10' height='20' fill='#555'/></pattern></defs><circle cx='100' cy='100' r='90' fill='url(#p)'/>"));
    docs.put("clip-bbox", svg("<defs><clipPath id='c' clipPathUnits='objectBoundingBox'><circle cx='.5' cy='.5' r='.5'/></clipPath></defs><rect x='20' y='50' width='160' height='100' fill='#c80' clip-path='url(#c)'/>"));
    docs.put("group-opacity", svg("<g opacity='0.5'><rect width='120' height='120' fill='red'/><rect x='60' y='60' width='120' height='120' fill='blue'/></g>"));
    docs.put("miter", svg("<polyline points='20,180 100,20 180,180' fill='none' stroke='#060' stroke-width='20' stroke-miterlimit='2'/>"));
    docs.put("image-data", svg("<image x='10' y='10' width='180' height='90' preserveAspectRatio='xMidYMid meet' href='data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP4z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg=='/>"));
    docs.put("fill-rule", svg("<path d='M100 10 L160 190 L10 70 L190 70 L40 190 Z' fill='#a0a' fill-rule='evenodd'/><path transform='translate(0 0) scale(0.4)' d='M100 10 L160 190 L10 70 L190 70 L40 190 Z' fill='#0a0' fill-rule='nonzero'/>"));
    docs.put("currentColor", svg("<g color='#c33'><rect width='100' height='100' fill='currentColor'/><circle cx='150' cy='150' r='40' stroke='currentColor' stroke-width='6' fill='none'/></g>"));
    docs.put("rgba-hsl", svg("<rect width='150' height='150' fill='rgba(255,0,0,0.5)'/><rect x='50' y='50' width='150' height='150' fill='hsl(120, 60%, 40%)'/>"));
    docs.put("inherit-display", svg("<g fill='#09c' stroke='#000'><rect width='90' height='90'/><rect x='100' width='90' height='90' display='none'/><rect y='100' width='90' height='90' visibility='hidden'/><rect x='100' y='100' width='90' height='90' fill='inherit'/></g>"));
    int n = Integer.parseInt(args.length > 0 ? args[0] : "10");
    System.out.printf("%-20s %8s %8s %8s %8s%n", "document", "diff%", "batikMs", "jsvgMs", "auto");
    double tb = 0, tj = 0;
    for (var e : docs.entrySet()) {
      byte[] bytes = e.getValue().getBytes(StandardCharsets.UTF_8);
      SvgAnalysis a = new SvgAnalyzer(200000, 100, 1L << 24).analyze(bytes);
      BufferedImage b = null, j = null; String err = "";
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) b = BatikRendering.raster(new SvgAnalyzer(200000, 100, 1L << 24).analyze(bytes), 400, 400, java.awt.Color.WHITE);
      long t1 = System.nanoTime();
      try { for (int i = 0; i < n; i++) j = JsvgRendering.raster(a, 400, 400, java.awt.Color.WHITE, 100, 200000); } catch (Throwable t) { err = t.toString(); }
      long t2 = System.nanoTime();
      double diff = j == null ? 100 : diff(b, j);
      double bm = (t1 - t0) / 1e6 / n, jm = (t2 - t1) / 1e6 / n;
      tb += bm; tj += jm;
      System.out.printf("%-20s %8.2f %8.1f %8.1f %8s %s%n", e.getKey(), diff, bm, jm, SvgConverter.chooseFor(a), err);
      if (args.length > 1) { javax.imageio.ImageIO.write(b, "png", new java.io.File(args[1], e.getKey() + "-batik.png")); if (j != null) javax.imageio.ImageIO.write(j, "png", new java.io.File(args[1], e.getKey() + "-jsvg.png")); }
    }
    System.out.printf("total batik %.1f ms, jsvg %.1f ms%n", tb, tj);
  }
  /** Mean absolute channel difference in percent of full scale. */
  static double diff(BufferedImage a, BufferedImage b) {
    long sum = 0;
    for (int y = 0; y < a.getHeight(); y++) for (int x = 0; x < a.getWidth(); x++) {
      int p = a.getRGB(x, y), q = b.getRGB(x, y);
      for (int s = 0; s < 32; s += 8) sum += Math.abs(((p >> s) & 255) - ((q >> s) & 255));
    }
    return 100.0 * sum / (a.getWidth() * a.getHeight() * 4 * 255.0);
  }
}
