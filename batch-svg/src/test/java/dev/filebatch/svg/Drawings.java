package dev.filebatch.svg;

/** SVG fixtures built by the tests themselves. */
final class Drawings {
  private Drawings() {}

  static final String NS = "xmlns=\"http://www.w3.org/2000/svg\"";
  static final String XLINK = "xmlns:xlink=\"http://www.w3.org/1999/xlink\"";

  /** 200 x 100 with a red rectangle, a blue circle and a caption. */
  static String simple() {
    return "<svg " + NS + " width=\"200\" height=\"100\" viewBox=\"0 0 200 100\">"
        + "<rect x=\"10\" y=\"10\" width=\"80\" height=\"80\" fill=\"#d00\"/>"
        + "<circle cx=\"150\" cy=\"50\" r=\"40\" fill=\"#00c\"/>"
        + "<text x=\"100\" y=\"95\" font-family=\"sans-serif\" font-size=\"12\">Hello</text>"
        + "</svg>";
  }

  /** Shapes only (no text): every renderer draws it the same way. */
  static String shapes() {
    return "<svg " + NS + " width=\"120\" height=\"60\">"
        + "<rect width=\"120\" height=\"60\" fill=\"#0a0\"/><circle cx=\"60\" cy=\"30\" r=\"20\" fill=\"#fff\"/>"
        + "</svg>";
  }

  /** Wraps body elements in an SVG root of the given size, with the xlink namespace declared. */
  static String svg(String body) {
    return "<svg " + NS + " " + XLINK + " width=\"100\" height=\"100\">" + body + "</svg>";
  }
}
