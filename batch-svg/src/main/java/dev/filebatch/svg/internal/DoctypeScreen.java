package dev.filebatch.svg.internal;

import dev.filebatch.ErrorCode;
import dev.filebatch.spi.FileProcessingException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.Set;

/**
 * Handles a document that declares a DOCTYPE: checks, on the text itself, that it has no internal subset and that
 * every {@code &...;} is a character reference or one of XML's five predefined entities, then removes the DOCTYPE.
 *
 * <p>The check is on the text because the parsers cannot do it once a DOCTYPE names an external DTD: a reference to
 * an undeclared entity is then no longer a well-formedness error (the unread DTD might declare it), so in an
 * attribute value both JDK parsers silently drop it. Removing the DOCTYPE means the DOM parse, the renderers and the
 * PowerPoint deck never see it, so its public or system id cannot be dereferenced by any of them; the DOM parse keeps
 * refusing DOCTYPEs as a backstop. Only a well-formed document reaches this class, so a simple scan is exact: outside
 * comments, CDATA sections, processing instructions and the DOCTYPE, every {@code &} starts a reference.
 */
final class DoctypeScreen {
  private static final Set<String> PREDEFINED = Set.of("amp", "lt", "gt", "quot", "apos");

  private DoctypeScreen() {}

  /**
   * Checks the document and returns it without its DOCTYPE, in the encoding it came in, every other byte as it was.
   *
   * @param bytes a well-formed XML document that has a DOCTYPE
   * @param encoding the encoding the XML parser detected for it
   */
  static byte[] withoutDoctype(byte[] bytes, String encoding) throws FileProcessingException {
    Charset charset;
    try {
      charset = Charset.forName(encoding == null ? "UTF-8" : encoding);
    } catch (IllegalArgumentException e) {
      throw encodingProblem(encoding, e);
    }
    String text;
    byte[] out;
    try {
      text = charset.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
      String stripped = strip(text);
      ByteBuffer encoded = charset.newEncoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .encode(CharBuffer.wrap(stripped));
      out = new byte[encoded.remaining()];
      encoded.get(out);
    } catch (CharacterCodingException | UnsupportedOperationException e) {
      throw encodingProblem(encoding, e);
    }
    return out;
  }

  /** Checks references and the DOCTYPE in the decoded text and returns the text without the DOCTYPE. */
  static String strip(String text) throws FileProcessingException {
    int doctypeStart = -1;
    int doctypeEnd = -1;
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == '<') {
        if (text.startsWith("<!--", i)) {
          i = after(text, "-->", i + 4);
        } else if (text.startsWith("<![CDATA[", i)) {
          i = after(text, "]]>", i + 9);
        } else if (text.startsWith("<?", i)) {
          i = after(text, "?>", i + 2);
        } else if (text.startsWith("<!DOCTYPE", i)) {
          doctypeStart = i;
          doctypeEnd = endOfDoctype(text, i + 9);
          i = doctypeEnd;
        } else {
          i++;
        }
      } else if (c == '&') {
        i = checkReference(text, i);
      } else {
        i++;
      }
    }
    if (doctypeStart < 0) {
      return text;
    }
    return text.substring(0, doctypeStart) + text.substring(doctypeEnd);
  }

  private static int after(String text, String end, int from) {
    int at = text.indexOf(end, from);
    return at < 0 ? text.length() : at + end.length();
  }

  /** The index just past the DOCTYPE's {@code >}; refuses an internal subset ({@code [...]}). */
  private static int endOfDoctype(String text, int from) throws FileProcessingException {
    int i = from;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '"' || c == '\'') {
        int close = text.indexOf(c, i + 1);
        i = close < 0 ? text.length() : close + 1;
      } else if (c == '[') {
        throw internalSubset(text.indexOf("<!ENTITY", i) >= 0);
      } else if (c == '>') {
        return i + 1;
      } else {
        i++;
      }
    }
    return text.length();
  }

  /** Checks the reference starting at {@code &} and returns the index after its {@code ;}. */
  private static int checkReference(String text, int amp) throws FileProcessingException {
    int semicolon = text.indexOf(';', amp + 1);
    String name = semicolon < 0 ? text.substring(amp + 1) : text.substring(amp + 1, semicolon);
    boolean characterReference = name.matches("#[0-9]+|#x[0-9a-fA-F]+");
    if (semicolon < 0 || !(characterReference || PREDEFINED.contains(name))) {
      throw undeclaredEntity(name.length() > 40 ? name.substring(0, 40) + "..." : name);
    }
    return semicolon + 1;
  }

  /** The refusal for an internal DTD subset, with or without entity declarations. */
  static FileProcessingException internalSubset(boolean declaresEntities) {
    return new FileProcessingException(
        ErrorCode.UNSAFE_CONTENT,
        "The SVG's DOCTYPE has an internal subset (declarations between [ and ]"
            + (declaresEntities ? ", here entity declarations" : "")
            + "); it is refused because such declarations enable entity-expansion (billion laughs) and"
            + " external-entity (XXE) attacks. A DOCTYPE without [...] is accepted.",
        "Remove the [...] part of the <!DOCTYPE ...> (or the whole DOCTYPE: SVG does not need it) and write out any"
            + " custom entity, such as &ns_svg;, as its text.");
  }

  /** The refusal for a reference to anything but a character or one of XML's five predefined entities. */
  static FileProcessingException undeclaredEntity(String name) {
    return new FileProcessingException(
        ErrorCode.UNSAFE_CONTENT,
        "The SVG references the entity '&" + name.replaceAll("\\p{Cntrl}", "") + ";'; only character references"
            + " and XML's predefined entities (&amp; &lt; &gt; &quot; &apos;) are allowed, because custom entities"
            + " enable entity-expansion and external-entity attacks.",
        "Replace the entity with the text it stands for (or a character reference such as &#169;) and export again.");
  }

  private static FileProcessingException encodingProblem(String encoding, Exception cause) {
    return new FileProcessingException(
        ErrorCode.CORRUPT_FILE,
        "The SVG declares a DOCTYPE and is in an encoding (" + encoding + ") it could not be rewritten in without it.",
        "Save the drawing as UTF-8, or without the <!DOCTYPE ...> line, and upload it again.",
        cause);
  }
}
