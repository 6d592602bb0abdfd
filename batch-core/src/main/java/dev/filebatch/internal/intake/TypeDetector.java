package dev.filebatch.internal.intake;

import dev.filebatch.MediaType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypes;

/**
 * Types a body from its first bytes with Tika's magic and XML-root detection, and checks that the name's extension
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

  private final MimeTypes mimeTypes = MimeTypes.getDefaultMimeTypes();
  private final MediaTypeRegistry registry = mimeTypes.getMediaTypeRegistry();

  /** The type of a body from its first {@code length} bytes, with {@code name} as a hint for ambiguous content. */
  MediaType detect(byte[] head, int length, String name) {
    org.apache.tika.mime.MediaType content = byContent(head, length);
    org.apache.tika.mime.MediaType named = byName(name);
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
    org.apache.tika.mime.MediaType found = normalize(org.apache.tika.mime.MediaType.parse(detected.toString()));
    org.apache.tika.mime.MediaType named = byName(name);
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

  private org.apache.tika.mime.MediaType byContent(byte[] head, int length) {
    try {
      return normalize(mimeTypes.detect(new ByteArrayInputStream(head, 0, length), new Metadata()));
    } catch (IOException e) {
      throw new UncheckedIOException("in-memory detection failed", e); // cannot happen on a byte array
    }
  }

  private org.apache.tika.mime.MediaType byName(String name) {
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
