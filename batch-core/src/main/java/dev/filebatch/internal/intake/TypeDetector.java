package dev.filebatch.internal.intake;

import dev.filebatch.MediaType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.xml.namespace.QName;
import org.apache.tika.detect.TextDetector;
import org.apache.tika.detect.XmlRootExtractor;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypeException;
import org.apache.tika.mime.MimeTypes;

/**
 * Types a body from its first bytes (common signatures first, then Tika's magic and XML-root detection, skipped
 * when {@link MagicScreen} proves no magic rule can match), and checks that the name's extension
 * and the declared type agree with it.
 *
 * <p>Why not simply pass the name to Tika: Tika refines plain text to whatever the extension says, so the text
 * {@code hello} named {@code x.svg} would come out as SVG. Here the name only refines content that is genuinely
 * ambiguous (a ZIP that is really a DOCX, XML that is an SVG without its namespace, text that is CSV), and never
 * turns unrecognised binary or non-markup text into the type its name claims.
 */
final class TypeDetector {
  /** How many leading bytes detection looks at (Tika's own minimum for its magic rules). */
  static final int HEAD_BYTES = 64 * 1024;

  private static final org.apache.tika.mime.MediaType TEXT = org.apache.tika.mime.MediaType.TEXT_PLAIN;
  private static final org.apache.tika.mime.MediaType XML = org.apache.tika.mime.MediaType.APPLICATION_XML;
  private static final org.apache.tika.mime.MediaType ZIP = org.apache.tika.mime.MediaType.APPLICATION_ZIP;
  private static final org.apache.tika.mime.MediaType OCTET = org.apache.tika.mime.MediaType.OCTET_STREAM;
  private static final org.apache.tika.mime.MediaType PDF = org.apache.tika.mime.MediaType.application("pdf");
  private static final org.apache.tika.mime.MediaType PNG = org.apache.tika.mime.MediaType.image("png");
  private static final org.apache.tika.mime.MediaType JPEG = org.apache.tika.mime.MediaType.image("jpeg");
  private static final org.apache.tika.mime.MediaType GIF = org.apache.tika.mime.MediaType.image("gif");
  private static final org.apache.tika.mime.MediaType SVG = org.apache.tika.mime.MediaType.image("svg+xml");

  private static final byte[] PDF_MAGIC = ascii("%PDF-");
  private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
  private static final byte[] GIF87 = ascii("GIF87a");
  private static final byte[] GIF89 = ascii("GIF89a");
  private static final byte[] ZIP_LOCAL = {'P', 'K', 3, 4};
  /** First entry names (at offset 30) by which Tika's rules tell ZIP-based documents from plain ZIPs. */
  private static final List<byte[]> ZIP_SUBTYPE_FIRST_ENTRIES =
      List.of(ascii("mimetype"), ascii("[Content_Types].xml"), ascii("_rels/.rels"));
  private static final byte[] SVG_START = ascii("<svg");
  private static final String SVG_NAMESPACE = "http://www.w3.org/2000/svg";
  private static final byte[] SVG_NS = ascii(SVG_NAMESPACE);
  private static final int SVG_NS_LAST = 256;
  private static final byte[] XML_DECLARATION = ascii("<?xml");

  /** Common non-standard spellings uploaders send that Tika's registry does not list as aliases. */
  private static final Map<String, String> ALIASES = Map.of(
      "image/jpg", "image/jpeg",
      "image/pjpeg", "image/jpeg",
      "image/x-png", "image/png",
      "image/svg", "image/svg+xml",
      "application/x-zip", "application/zip",
      "application/x-pdf", "application/pdf",
      "text/xml", "application/xml",
      "binary/octet-stream", "application/octet-stream");

  // Tika's default registry is shared and thread-safe; one detector serves every batch of an engine.
  private final MimeTypes mimeTypes = MimeTypes.getDefaultMimeTypes();
  private final MediaTypeRegistry registry = mimeTypes.getMediaTypeRegistry();
  private final MagicScreen screen = MagicScreen.forDefaultRegistry(mimeTypes); // null: Tika for every head

  /** The type of a body from its first {@code length} bytes, with {@code name} as a hint for ambiguous content. */
  MediaType detect(byte[] head, int length, String name) {
    return detect(head, length, byName(name));
  }

  /** {@link #detect(byte[], int, String)} with the name's type already known ({@link #byName}). */
  MediaType detect(byte[] head, int length, org.apache.tika.mime.MediaType named) {
    org.apache.tika.mime.MediaType content = byContent(head, length);
    if (!named.equals(OCTET) && !named.equals(content) && registry.isSpecializationOf(named, content)
        && refinable(content, named, head, length)) {
      return toApi(named);
    }
    return toApi(content);
  }

  /**
   * Why the detected type disagrees with the name's extension or the declared type, or empty when they agree. An
   * absent extension, an unknown one and a declared {@code application/octet-stream} claim nothing.
   */
  Optional<String> mismatch(MediaType detected, String name, Optional<String> declared) {
    return mismatch(detected, name, byName(name), declared);
  }

  /** {@link #mismatch(MediaType, String, Optional)} with the name's type already known ({@link #byName}). */
  Optional<String> mismatch(MediaType detected, String name, org.apache.tika.mime.MediaType named,
      Optional<String> declared) {
    org.apache.tika.mime.MediaType found = normalize(org.apache.tika.mime.MediaType.parse(detected.toString()));
    if (!agrees(found, named)) {
      return Optional.of("its content is " + describe(found) + " but its name ends in '" + extension(name)
          + "', which means " + describe(named));
    }
    if (declared.isPresent()) {
      org.apache.tika.mime.MediaType claimed = parseDeclared(declared.get());
      if (claimed == null) {
        return Optional.empty();
      }
      if (!agrees(found, claimed)) {
        return Optional.of("its content is " + describe(found) + " but it was sent as " + describe(claimed));
      }
    }
    return Optional.empty();
  }

  /** Whether the type is a ZIP archive proper (not a ZIP-based document such as DOCX or JAR). */
  boolean isZip(MediaType type) {
    return MediaType.ZIP.equals(type);
  }

  org.apache.tika.mime.MediaType byContent(byte[] head, int length) {
    org.apache.tika.mime.MediaType known = bySignature(head, length);
    if (known != null) {
      return known;
    }
    if (screen != null && length > 0 && screen.noMagicMatches(head, length)) {
      return byTextHeuristic(head, length);
    }
    return byTika(head, length);
  }

  /**
   * What Tika answers when none of its magic rules matches: its {@code TextDetector} over the header it read
   * ({@code MimeTypes.getMimeType}'s last step), text or binary.
   */
  org.apache.tika.mime.MediaType byTextHeuristic(byte[] head, int length) {
    int data = Math.min(length, mimeTypes.getMinLength());
    try {
      org.apache.tika.mime.MediaType t = new TextDetector(mimeTypes.getMinLength())
          .detect(new ByteArrayInputStream(head, 0, data), new Metadata());
      return normalize(mimeTypes.forName(t.toString()).getType());
    } catch (IOException | MimeTypeException e) {
      return byTika(head, length); // cannot happen on a byte array and a built-in type; Tika decides then
    }
  }

  /** Whether the magic screen is in use (for tests). */
  boolean screening() {
    return screen != null;
  }

  /** Tika's magic and XML-root detection over the head, already read: the body is never opened again. */
  org.apache.tika.mime.MediaType byTika(byte[] head, int length) {
    try {
      return normalize(mimeTypes.detect(new ByteArrayInputStream(head, 0, length), new Metadata()));
    } catch (IOException e) {
      throw new UncheckedIOException("in-memory detection failed", e); // cannot happen on a byte array
    }
  }

  /**
   * The common types recognised from their signatures, or {@code null} to leave the head to Tika.
   *
   * <p>Why: Tika evaluates every one of its magic rules on every call (about 0.4 ms and 1 MB of garbage per file
   * even for a PDF), whatever matches first. Each signature here is the one Tika's own rule for the type checks,
   * and a signature shared with a more specific Tika type (OpenDocument, OOXML and EPUB are ZIPs naming their
   * type in the first entry) is left to Tika, so the answer is Tika's. Text, XML other than SVG and everything
   * else still go to Tika.
   */
  org.apache.tika.mime.MediaType bySignature(byte[] h, int n) {
    if (startsWith(h, n, 0, PDF_MAGIC)) {
      return PDF;
    }
    if (startsWith(h, n, 0, PNG_MAGIC)) {
      return PNG;
    }
    if (n >= 3 && (h[0] & 0xFF) == 0xFF && (h[1] & 0xFF) == 0xD8 && (h[2] & 0xFF) == 0xFF) {
      return JPEG;
    }
    if (startsWith(h, n, 0, GIF87) || startsWith(h, n, 0, GIF89)) {
      return GIF;
    }
    if (startsWith(h, n, 0, ZIP_LOCAL)) {
      for (byte[] firstEntry : ZIP_SUBTYPE_FIRST_ENTRIES) {
        if (startsWith(h, n, 30, firstEntry)) {
          return null; // a ZIP-based document: Tika names it
        }
      }
      return ZIP;
    }
    if (startsWith(h, n, 0, SVG_START) && indexOf(h, Math.min(n, SVG_NS_LAST + SVG_NS.length), SVG_NS, 5) >= 0) {
      return SVG; // Tika's own SVG rule: "<svg" first, its namespace within the next 256 bytes
    }
    if (startsWith(h, n, 0, XML_DECLARATION)) {
      QName root = new XmlRootExtractor().extractRootElement(new ByteArrayInputStream(h, 0, n));
      if (root != null && "svg".equals(root.getLocalPart()) && SVG_NAMESPACE.equals(root.getNamespaceURI())) {
        return SVG; // what Tika concludes from generic XML whose root is an SVG element
      }
    }
    return null;
  }

  private static boolean startsWith(byte[] h, int n, int at, byte[] prefix) {
    if (at + prefix.length > n) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (h[at + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] h, int end, byte[] what, int from) {
    for (int i = from; i + what.length <= end; i++) {
      if (startsWith(h, end, i, what)) {
        return i;
      }
    }
    return -1;
  }

  /** The type Tika gives the name alone ({@code application/octet-stream} when it has no extension). */
  org.apache.tika.mime.MediaType byName(String name) {
    if (name == null || name.isEmpty() || extension(name).isEmpty()) {
      return OCTET;
    }
    Metadata md = new Metadata();
    md.set(TikaCoreProperties.RESOURCE_NAME_KEY, name);
    try {
      return normalize(mimeTypes.detect(null, md));
    } catch (IOException e) {
      throw new UncheckedIOException("name-based detection failed", e); // no stream, cannot happen
    }
  }

  private boolean refinable(org.apache.tika.mime.MediaType content, org.apache.tika.mime.MediaType named, byte[] head,
      int length) {
    if (content.equals(OCTET)) {
      return false; // unrecognised binary stays unrecognised whatever its name says
    }
    if (content.equals(TEXT) && registry.isSpecializationOf(named, XML)) {
      return looksLikeMarkup(head, length); // "hello" named x.svg is text, "<svg>" without namespace is SVG
    }
    return content.equals(TEXT) || content.equals(XML) || content.equals(ZIP);
  }

  private boolean agrees(org.apache.tika.mime.MediaType found, org.apache.tika.mime.MediaType claim) {
    if (claim == null || claim.equals(OCTET) || claim.equals(found)) {
      return true;
    }
    if (registry.isSpecializationOf(found, claim)) {
      return true; // content more specific than the claim: SVG sent as application/xml
    }
    // claim more specific than ambiguous content: text sent as text/csv, a ZIP sent as DOCX
    return registry.isSpecializationOf(claim, found)
        && (found.equals(ZIP) || found.equals(XML)
            || (found.equals(TEXT) && !registry.isSpecializationOf(claim, XML)));
  }

  private org.apache.tika.mime.MediaType parseDeclared(String declared) {
    org.apache.tika.mime.MediaType parsed = org.apache.tika.mime.MediaType.parse(declared.trim());
    if (parsed == null) {
      return null; // garbage claims nothing; it is never trusted anyway
    }
    org.apache.tika.mime.MediaType claim = normalize(parsed.getBaseType());
    return claim.equals(OCTET) ? null : claim;
  }

  private org.apache.tika.mime.MediaType normalize(org.apache.tika.mime.MediaType type) {
    org.apache.tika.mime.MediaType base = type.getBaseType();
    String alias = ALIASES.get(base.toString().toLowerCase(Locale.ROOT));
    if (alias != null) {
      base = org.apache.tika.mime.MediaType.parse(alias);
    }
    return registry.normalize(base);
  }

  private static boolean looksLikeMarkup(byte[] head, int length) {
    int i = 0;
    if (length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
      i = 3; // UTF-8 byte order mark
    }
    while (i < length && Character.isWhitespace(head[i])) {
      i++;
    }
    return i < length && head[i] == '<';
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static MediaType toApi(org.apache.tika.mime.MediaType type) {
    return new MediaType(type.getType(), type.getSubtype());
  }

  private static String describe(org.apache.tika.mime.MediaType type) {
    return type.toString();
  }

  static String extension(String name) {
    if (name == null) {
      return "";
    }
    int dot = name.lastIndexOf('.');
    return dot <= 0 || dot == name.length() - 1 ? "" : name.substring(dot).toLowerCase(Locale.ROOT);
  }
}
