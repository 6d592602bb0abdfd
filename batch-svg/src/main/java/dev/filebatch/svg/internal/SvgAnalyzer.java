package dev.filebatch.svg.internal;

import dev.filebatch.ErrorCode;
import dev.filebatch.spi.FileProcessingException;
import dev.filebatch.svg.internal.SvgAnalysis.Feature;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Screens an untrusted SVG before any renderer sees it.
 *
 * <p>Two passes. A streaming StAX pass (DTD support off, external entities off, so no DTD is ever read) enforces the
 * element-count and depth caps before a DOM exists and refuses entity references and any DOCTYPE with an internal
 * subset, so entity expansion cannot start. A DOCTYPE without an internal subset, as Illustrator and older tools
 * write it ({@code <!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://...svg11.dtd">}), is accepted: its ids
 * are never dereferenced, and {@link DoctypeScreen} checks every reference in the text and then removes the DOCTYPE,
 * so nothing after the streaming pass sees it. A DOM pass (JDK parser, {@code disallow-doctype-decl} as a backstop,
 * secure processing) then parses those bytes, checks the root, refuses scripts, event-handler attributes and
 * every reference that is neither a {@code #fragment} nor a raster {@code data:} URI, detects reference cycles
 * ({@code use}, {@code href} chains, {@code url(#...)}) and bounds the expanded size of the drawing, so the renderers
 * only ever see a self-contained, acyclic document. Refusing instead of stripping keeps the output honest: a drawing
 * is never silently rendered without parts its author put in.
 */
public final class SvgAnalyzer {
  /** The SVG namespace. */
  public static final String SVG_NS = "http://www.w3.org/2000/svg";

  /** The XLink namespace, where SVG 1.1 keeps {@code href}. */
  public static final String XLINK_NS = "http://www.w3.org/1999/xlink";

  /** Code for an input whose root is not {@code svg} in the SVG namespace. */
  public static final ErrorCode NOT_SVG = ErrorCode.of("NOT_SVG");

  private static final Pattern URL_FUNCTION = Pattern.compile("url\\(\\s*(['\"]?)(.*?)\\1\\s*\\)", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern IMPORT = Pattern.compile("@import", Pattern.CASE_INSENSITIVE);
  private static final Pattern LENGTH = Pattern.compile("\\s*([+]?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\\s*([a-zA-Z%]*)\\s*");
  private static final Pattern DATA_MEDIA = Pattern.compile("data:([^;,]*)", Pattern.CASE_INSENSITIVE);
  private static final double DEFAULT_WIDTH = 300;
  private static final double DEFAULT_HEIGHT = 150;

  private final int maxElements;
  private final int maxDepth;
  private final long maxPixels;

  /**
   * Creates an analyzer.
   *
   * @param maxElements cap on elements, counted both as written and as expanded through references
   * @param maxDepth cap on element nesting
   * @param maxPixels cap on the pixels of any embedded raster image
   */
  public SvgAnalyzer(int maxElements, int maxDepth, long maxPixels) {
    this.maxElements = maxElements;
    this.maxDepth = maxDepth;
    this.maxPixels = maxPixels;
  }

  /** Screens the bytes; throws a typed failure for anything unsafe or not an SVG. */
  public SvgAnalysis analyze(byte[] bytes) throws FileProcessingException {
    Prolog prolog = stream(bytes);
    // what the DOM pass checks is exactly what the renderers and the deck get: the document without its DOCTYPE
    byte[] checked = prolog.doctype() ? DoctypeScreen.withoutDoctype(bytes, prolog.encoding()) : bytes;
    Document document = parse(checked);
    Element root = document.getDocumentElement();
    if (!"svg".equals(root.getLocalName()) || !SVG_NS.equals(root.getNamespaceURI())) {
      throw new FileProcessingException(
          NOT_SVG,
          "The file is XML but not an SVG drawing: its root element is '" + root.getTagName() + "'"
              + (root.getNamespaceURI() == null ? " without a namespace" : " in namespace " + root.getNamespaceURI())
              + ".",
          "Export the drawing as SVG; the root must be <svg xmlns=\"http://www.w3.org/2000/svg\">.");
    }
    Set<Feature> features = EnumSet.noneOf(Feature.class);
    Map<String, Element> ids = new HashMap<>();
    List<Element> all = new ArrayList<>();
    collect(root, all, ids);
    Map<Element, List<Element>> references = new IdentityHashMap<>();
    for (Element element : all) {
      check(element, features, ids, references);
    }
    boundExpansion(root, references);
    addXlinkHrefs(all);
    double[] size = intrinsicSize(root);
    return new SvgAnalysis(document, checked, size[0], size[1], Set.copyOf(features));
  }

  /** What the streaming pass learnt of the prolog: whether there is a DOCTYPE, and the encoding the parser read. */
  private record Prolog(boolean doctype, String encoding) {}

  /**
   * A DOCTYPE as the StAX reader reports it when it has no internal subset: a name and optionally an external id.
   * (With DTD support off, the JDK reports a DOCTYPE that has a subset as mangled text, which never matches.)
   */
  private static final Pattern DOCTYPE_WITHOUT_SUBSET = Pattern.compile(
      "<!DOCTYPE\\s+[^\\s\\[\\]>\"']+(?:\\s+(?:SYSTEM\\s+(?:\"[^\"]*\"|'[^']*')"
          + "|PUBLIC\\s+(?:\"[^\"]*\"|'[^']*')\\s+(?:\"[^\"]*\"|'[^']*')))?\\s*>");

  // Pass 1: streaming, so caps hold before a DOM is built and no DTD is ever processed.
  /**
   * A StAX factory with DTDs and external entities off and nothing resolvable, for this screening and for JSVG's
   * parse. Depth is left to this module's own cap (newer JDKs cap it at 100 by default, with a parser message).
   */
  public static XMLInputFactory hardenedStaxFactory() {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    trySetProperty(factory, "jdk.xml.maxElementDepth", 0);
    factory.setXMLResolver((publicId, systemId, base, ns) -> {
      throw new XMLStreamException("external entity refused");
    });
    return factory;
  }

  private Prolog stream(byte[] bytes) throws FileProcessingException {
    XMLInputFactory factory = hardenedStaxFactory();
    XMLStreamReader reader = null;
    try {
      reader = factory.createXMLStreamReader(new ByteArrayInputStream(bytes));
      String encoding = reader.getEncoding();
      boolean doctype = false;
      int depth = 0;
      int elements = 0;
      while (reader.hasNext()) {
        int event = reader.next();
        if (event == XMLStreamConstants.DTD) {
          // refused here, before any content is read; DoctypeScreen checks the subset again on the text itself
          if (!DOCTYPE_WITHOUT_SUBSET.matcher(reader.getText()).matches()) {
            throw DoctypeScreen.internalSubset(false);
          }
          doctype = true;
        } else if (event == XMLStreamConstants.ENTITY_REFERENCE) {
          // predefined entities and character references arrive as text; this is anything else
          throw DoctypeScreen.undeclaredEntity(reader.getLocalName());
        } else if (event == XMLStreamConstants.START_ELEMENT) {
          depth++;
          elements++;
          if (depth > maxDepth) {
            throw unsafe(
                "The SVG nests elements more than " + maxDepth + " levels deep.",
                "Flatten the drawing's groups (ungroup in the editor) and export again.");
          }
          if (elements > maxElements) {
            throw unsafe(
                "The SVG holds more than " + maxElements + " elements.",
                "Simplify the drawing (merge paths, remove hidden layers) or raise the element cap.");
          }
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          depth--;
        } else if (event == XMLStreamConstants.PROCESSING_INSTRUCTION) {
          checkStylesheetInstruction(reader.getPITarget(), reader.getPIData());
        }
      }
      return new Prolog(doctype, encoding);
    } catch (XMLStreamException e) {
      throw corrupt(e);
    } finally {
      if (reader != null) {
        try {
          reader.close();
        } catch (XMLStreamException ignored) {
          // nothing to release beyond the byte array
        }
      }
    }
  }

  private static void trySetProperty(XMLInputFactory factory, String name, Object value) {
    try {
      factory.setProperty(name, value);
    } catch (IllegalArgumentException unsupported) {
      // an XML implementation without JDK limits: our own caps still apply
    }
  }

  private static FileProcessingException corrupt(Exception e) {
    if (e.getMessage() != null && e.getMessage().contains("disallow-doctype-decl")) {
      // the DOM backstop met a DOCTYPE the streaming pass should have removed: refuse it as what it is
      return new FileProcessingException(
          ErrorCode.UNSAFE_CONTENT,
          "The SVG has a DOCTYPE that could not be safely removed.",
          "Remove the <!DOCTYPE ...> declaration (SVG does not need it) and upload the file again.",
          e);
    }
    if (e.getMessage() != null && e.getMessage().contains("jdk.xml.")) {
      // the JDK parser's own safety limits (attributes per element, depth, sizes): hostile, not broken
      return new FileProcessingException(
          ErrorCode.UNSAFE_CONTENT,
          "The SVG exceeds an XML parser safety limit (" + e.getMessage().replaceAll("\\s+", " ").trim() + ").",
          "Simplify the drawing's structure and export again.",
          e);
    }
    String detail = e.getMessage() == null ? "" : " (" + e.getMessage().replaceAll("\\s+", " ").trim() + ")";
    if (detail.length() > 300) {
      detail = detail.substring(0, 300) + "...)";
    }
    return new FileProcessingException(
        ErrorCode.CORRUPT_FILE,
        "The SVG is not well-formed XML" + detail + ".",
        "Open the file in an editor or validator, fix the XML and upload it again.",
        e);
  }

  private static FileProcessingException unsafe(String message, String remediation) {
    return new FileProcessingException(ErrorCode.UNSAFE_CONTENT, message, remediation);
  }

  // Pass 2: the DOM the renderers get, parsed from bytes without a DOCTYPE; the parser refuses one regardless, and
  // would neither load an external DTD nor resolve any entity if that backstop were ever lifted.
  private static Document parse(byte[] bytes) throws FileProcessingException {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      try {
        // depth is already capped by the streaming pass, which may allow more than the JDK default
        factory.setAttribute("jdk.xml.maxElementDepth", 0);
      } catch (IllegalArgumentException unsupported) {
        // not the JDK parser; its own limits then apply
      }
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(null);
      // never fetch, whatever asks: an external DTD or entity would resolve to nothing
      builder.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
      return builder.parse(new ByteArrayInputStream(bytes));
    } catch (SAXException | IOException e) {
      throw corrupt(e);
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK XML parser lacks a required security feature", e);
    }
  }

  private void collect(Element root, List<Element> all, Map<String, Element> ids) {
    Deque<Element> stack = new ArrayDeque<>();
    stack.push(root);
    while (!stack.isEmpty()) {
      Element element = stack.pop();
      all.add(element);
      String id = element.getAttribute("id");
      if (!id.isEmpty()) {
        ids.putIfAbsent(id, element);
      }
      for (Node child = element.getLastChild(); child != null; child = child.getPreviousSibling()) {
        if (child instanceof Element e) {
          stack.push(e);
        }
      }
    }
  }

  private void check(
      Element element, Set<Feature> features, Map<String, Element> ids, Map<Element, List<Element>> references)
      throws FileProcessingException {
    String name = element.getLocalName() == null ? element.getTagName() : element.getLocalName();
    if (name.equalsIgnoreCase("script")) {
      throw unsafe(
          "The SVG contains a <script> element; scripts are never run and such files are refused.",
          "Remove the script (interactivity is lost in PNG, PDF and PowerPoint output anyway) and export again.");
    }
    if (name.equalsIgnoreCase("handler") || name.equalsIgnoreCase("listener")) {
      throw unsafe(
          "The SVG contains an event <" + name + "> element; scripts are never run and such files are refused.",
          "Remove the event handlers and export again.");
    }
    noteFeature(name, features);
    NamedNodeMap attributes = element.getAttributes();
    for (int i = 0; i < attributes.getLength(); i++) {
      Attr attribute = (Attr) attributes.item(i);
      String local = attribute.getLocalName() == null ? attribute.getName() : attribute.getLocalName();
      String value = attribute.getValue();
      if (local.toLowerCase(Locale.ROOT).startsWith("on")) {
        throw unsafe(
            "The SVG has an event-handler attribute '" + attribute.getName() + "' on <" + name
                + ">; scripts are never run and such files are refused.",
            "Remove the event-handler attributes (onclick, onload, ...) and export again.");
      }
      if (local.equals("href") && name.equals("a")) {
        // a hyperlink (an SVG or XHTML <a>, or one in a namespace no renderer draws) is only followed when someone
        // clicks it, never while drawing: any target but script will do
        checkHyperlink(value, attribute.getName());
      } else if (local.equals("href") || local.equals("src")) {
        Element target = reference(value.trim(), attribute.getName(), name, ids);
        if (target != null) {
          references.computeIfAbsent(element, k -> new ArrayList<>()).add(target);
        }
      }
      if (local.equals("base")) {
        throw unsafe(
            "The SVG sets xml:base, which redirects where references resolve.",
            "Remove xml:base and embed every resource.");
      }
      if (local.equals("style")) {
        checkStyleText(value, name);
      }
      noteStyling(name, local, value, features);
      for (Element target : urlReferences(value, attribute.getName(), name, ids)) {
        references.computeIfAbsent(element, k -> new ArrayList<>()).add(target);
      }
    }
    if (name.equals("style")) {
      String css = element.getTextContent();
      checkStyleText(css, name);
      urlReferences(css, "style sheet", name, ids);
    }
  }

  private static final Pattern CSS_ESCAPE = Pattern.compile("\\\\(?:([0-9a-fA-F]{1,6})\\s?|(.))", Pattern.DOTALL);
  private static final Pattern CSS_COMMENT = Pattern.compile("/\\*.*?\\*/", Pattern.DOTALL);

  /** Undoes CSS escapes ({@code u\72l(}) and drops comments, so obfuscated references are seen for what they are. */
  static String cssUnescape(String css) {
    if (css.indexOf('\\') < 0 && !css.contains("/*")) {
      return css;
    }
    String text = CSS_COMMENT.matcher(css).replaceAll("");
    Matcher m = CSS_ESCAPE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String replacement;
      if (m.group(1) != null) {
        int code = Integer.parseInt(m.group(1), 16);
        replacement = Character.isValidCodePoint(code) && code != 0 ? new String(Character.toChars(code)) : "\uFFFD";
      } else {
        replacement = m.group(2);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static void checkStyleText(String raw, String elementName) throws FileProcessingException {
    String css = cssUnescape(raw);
    if (IMPORT.matcher(css).find()) {
      throw unsafe(
          "The SVG's style on <" + elementName + "> uses @import, which would load an external style sheet.",
          "Inline the imported CSS into the SVG and export again.");
    }
  }

  private List<Element> urlReferences(String raw, String attribute, String elementName, Map<String, Element> ids)
      throws FileProcessingException {
    String value = cssUnescape(raw);
    if (!value.toLowerCase(Locale.ROOT).contains("url(")) {
      return List.of();
    }
    List<Element> targets = new ArrayList<>();
    Matcher matcher = URL_FUNCTION.matcher(value);
    while (matcher.find()) {
      Element target = reference(matcher.group(2).trim(), attribute, elementName, ids);
      if (target != null) {
        targets.add(target);
      }
    }
    return targets;
  }

  /** Checks one reference; returns the element a fragment points to, if any. */
  private Element reference(String uri, String attribute, String elementName, Map<String, Element> ids)
      throws FileProcessingException {
    if (uri.isEmpty()) {
      return null;
    }
    if (uri.startsWith("#")) {
      String id = uri.substring(1);
      // the xpointer form #xpointer(id('x')) that Batik also understands
      if (id.startsWith("xpointer(id(") && id.endsWith("))")) {
        id = id.substring(12, id.length() - 2).replace("'", "").replace("\"", "");
      }
      return ids.get(id);
    }
    if (uri.regionMatches(true, 0, "data:", 0, 5)) {
      checkData(uri, attribute, elementName);
      return null;
    }
    throw unsafe(
        "The SVG references an external resource in " + attribute + " on <" + elementName + "> ("
            + abbreviate(uri) + "); only #fragments and embedded data: URIs are allowed, nothing is ever fetched.",
        "Embed the resource as a data: URI (most editors have an 'embed images' option) and export again.");
  }

  private static final Pattern PSEUDO_HREF = Pattern.compile("(?:^|\\s)href\\s*=\\s*(\"([^\"]*)\"|'([^']*)')");

  /**
   * Refuses an {@code <?xml-stylesheet?>} instruction that names a style sheet, as a {@code <link>} or CSS
   * {@code @import} is refused: a renderer that honours it would fetch the sheet. Even one that points to a
   * {@code #fragment} of the document goes through Batik's resource loader, which the locked-down user agent refuses
   * mid-render, so it is refused up front with a clear message instead.
   */
  private static void checkStylesheetInstruction(String target, String data) throws FileProcessingException {
    if (!"xml-stylesheet".equals(target) || data == null) {
      return;
    }
    Matcher href = PSEUDO_HREF.matcher(data);
    if (!href.find()) {
      return;
    }
    String uri = (href.group(2) != null ? href.group(2) : href.group(3)).trim();
    throw unsafe(
        "The SVG has an <?xml-stylesheet?> instruction naming a style sheet (" + abbreviate(uri)
            + "); styles are read only from <style> elements and attributes inside the drawing, nothing is ever "
            + "fetched.",
        "Put the styles in a <style> element inside the drawing (or let the editor inline them) and export again.");
  }

  private static final Pattern SCRIPT_SCHEME = Pattern.compile("(?:java|vb|live)script:", Pattern.CASE_INSENSITIVE);

  /**
   * Checks the target of an {@code <a>}: refuses script URIs (browsers ignore whitespace and control characters
   * inside the scheme, so they are ignored here too) and data: URIs of documents that could carry a script.
   */
  private void checkHyperlink(String raw, String attribute) throws FileProcessingException {
    String uri = raw.replaceAll("[\\s\\p{Cntrl}]", "");
    if (SCRIPT_SCHEME.matcher(uri).lookingAt()) {
      throw unsafe(
          "The SVG has a script link in " + attribute + " on <a> (" + abbreviate(raw.trim())
              + "); scripts are never run and such files are refused.",
          "Replace the javascript: link with an ordinary web address, or remove it, and export again.");
    }
    if (uri.regionMatches(true, 0, "data:", 0, 5)) {
      checkData(uri, attribute, "a");
    }
  }

  private void checkData(String uri, String attribute, String elementName) throws FileProcessingException {
    Matcher media = DATA_MEDIA.matcher(uri);
    String type = media.lookingAt() ? media.group(1).trim().toLowerCase(Locale.ROOT) : "";
    if (type.contains("script")) {
      throw unsafe(
          "The SVG embeds a script (" + type + ") in a data: URI in " + attribute + " on <" + elementName
              + ">; scripts are never run and such files are refused.",
          "Remove the embedded script and export again.");
    }
    if (type.contains("svg") || type.contains("xml") || type.contains("html")) {
      throw unsafe(
          "The SVG embeds another document (" + type + ") in a data: URI in " + attribute + " on <" + elementName
              + ">; nested documents are refused because they bypass the checks on this one.",
          "Paste the nested drawing's elements into the SVG itself, or embed it as a PNG.");
    }
    if (type.startsWith("image/")) {
      checkEmbeddedImage(uri, elementName);
    }
  }

  // Reads only the header of an embedded raster, so a decompression bomb is refused before it is decoded.
  private void checkEmbeddedImage(String uri, String elementName) throws FileProcessingException {
    int comma = uri.indexOf(',');
    if (comma < 0) {
      return;
    }
    String header = uri.substring(0, comma).toLowerCase(Locale.ROOT);
    String payload = uri.substring(comma + 1);
    byte[] data;
    try {
      data = header.endsWith(";base64")
          ? Base64.getMimeDecoder().decode(payload)
          : URLDecoder.decode(payload, StandardCharsets.ISO_8859_1).getBytes(StandardCharsets.ISO_8859_1);
    } catch (IllegalArgumentException e) {
      return; // the renderer reports an undecodable image; nothing unsafe about it
    }
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(data))) {
      if (in == null) {
        return;
      }
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        return;
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
        if (pixels > maxPixels) {
          throw new FileProcessingException(
              ErrorCode.IMAGE_TOO_LARGE,
              "An image embedded in <" + elementName + "> is " + reader.getWidth(0) + " x " + reader.getHeight(0)
                  + " pixels, over the cap of " + maxPixels + " pixels.",
              "Downscale the embedded image before embedding it.");
        }
      } finally {
        reader.dispose();
      }
    } catch (IOException e) {
      // an unreadable header is the renderer's problem to report, not a safety issue
    }
  }

  private static String abbreviate(String uri) {
    String clean = uri.replaceAll("[\\p{Cntrl}]", "");
    return clean.length() > 80 ? clean.substring(0, 80) + "..." : clean;
  }

  private static final Set<String> CONTAINERS = Set.of("g", "svg", "a", "use", "symbol", "switch");
  private static final Pattern CSS3_COLOR =
      Pattern.compile("(?:rgba|hsla?)\\(|#[0-9a-fA-F]{8}\\b|#[0-9a-fA-F]{4}\\b");
  private static final Pattern NEGATIVE_NUMBER = Pattern.compile("(?:^|[\\s,])-\\s*(?:\\d|\\.\\d)");
  private static final Pattern STYLE_OPACITY = Pattern.compile("(?:^|;)\\s*opacity\\s*:\\s*([^;]+)");

  /** Notes the presentation features whose support differs between the renderers (see {@link Feature}). */
  private static void noteStyling(String element, String attribute, String value, Set<Feature> features) {
    switch (attribute) {
      case "stdDeviation" -> {
        if (element.equals("feGaussianBlur") && NEGATIVE_NUMBER.matcher(value).find()) {
          features.add(Feature.NEGATIVE_BLUR);
        }
      }
      case "opacity" -> {
        if (CONTAINERS.contains(element) && !isOne(value)) {
          features.add(Feature.GROUP_OPACITY);
        }
      }
      case "writing-mode", "glyph-orientation-vertical" -> features.add(Feature.VERTICAL_TEXT);
      case "paint-order" -> features.add(Feature.PAINT_ORDER);
      case "vector-effect" -> {
        if (!value.trim().equals("none")) {
          features.add(Feature.VECTOR_EFFECT);
        }
      }
      case "style" -> {
        String css = value.toLowerCase(Locale.ROOT);
        Matcher opacity = STYLE_OPACITY.matcher(css);
        if (CONTAINERS.contains(element) && opacity.find() && !isOne(opacity.group(1))) {
          features.add(Feature.GROUP_OPACITY);
        }
        if (css.contains("writing-mode")) {
          features.add(Feature.VERTICAL_TEXT);
        }
        if (css.contains("paint-order")) {
          features.add(Feature.PAINT_ORDER);
        }
        if (css.contains("vector-effect") && !css.contains("vector-effect:none")) {
          features.add(Feature.VECTOR_EFFECT);
        }
      }
      default -> {
        // colours may sit in fill, stroke, stop-color, flood-color, color...
      }
    }
    if (CSS3_COLOR.matcher(value).find() && !attribute.equals("href") && !attribute.equals("id")
        && !attribute.equals("d")) {
      features.add(Feature.CSS3_COLOR);
    }
  }

  private static boolean isOne(String value) {
    try {
      String v = value.trim();
      return v.endsWith("%") ? Double.parseDouble(v.substring(0, v.length() - 1)) >= 100 : Double.parseDouble(v) >= 1;
    } catch (NumberFormatException e) {
      return true;
    }
  }

  private static void noteFeature(String name, Set<Feature> features) {
    switch (name) {
      case "filter" -> features.add(Feature.FILTER);
      case "mask" -> features.add(Feature.MASK);
      case "clipPath" -> features.add(Feature.CLIP_PATH);
      case "pattern" -> features.add(Feature.PATTERN);
      case "marker" -> features.add(Feature.MARKER);
      case "text", "tspan", "tref", "altGlyph", "font", "font-face", "glyph" -> features.add(Feature.TEXT);
      case "textPath" -> {
        features.add(Feature.TEXT);
        features.add(Feature.TEXT_PATH);
      }
      case "image" -> features.add(Feature.IMAGE);
      case "use" -> features.add(Feature.USE);
      case "style" -> features.add(Feature.STYLE_SHEET);
      case "foreignObject" -> features.add(Feature.FOREIGN_OBJECT);
      case "animate", "animateTransform", "animateMotion", "animateColor", "set" -> features.add(Feature.ANIMATION);
      case "switch" -> features.add(Feature.SWITCH);
      default -> {
        if (name.startsWith("fe")) {
          features.add(Feature.FILTER);
        }
      }
    }
  }

  /**
   * Refuses reference cycles and bounds the drawing's size once every reference is expanded (a {@code use} of a
   * group of {@code use}s of ... grows exponentially without any cycle: the SVG "billion laughs").
   */
  private void boundExpansion(Element root, Map<Element, List<Element>> references) throws FileProcessingException {
    // Iterative depth-first search over children + references; 0 = new, 1 = on stack, 2 = done.
    Map<Element, Integer> state = new IdentityHashMap<>();
    Map<Element, Long> cost = new IdentityHashMap<>();
    Deque<Element> stack = new ArrayDeque<>();
    Deque<Iterator<Element>> edges = new ArrayDeque<>();
    stack.push(root);
    edges.push(successors(root, references).iterator());
    state.put(root, 1);
    while (!stack.isEmpty()) {
      Iterator<Element> next = edges.peek();
      if (next.hasNext()) {
        Element successor = next.next();
        int s = state.getOrDefault(successor, 0);
        if (s == 1) {
          throw unsafe(
              "The SVG has a circular reference: <" + successor.getLocalName()
                  + (successor.getAttribute("id").isEmpty() ? "" : " id=\"" + abbreviate(successor.getAttribute("id")) + "\"")
                  + "> ends up referencing itself (through use, href or url(#...)).",
              "Break the cycle: an element must not use or reference one of its own ancestors.");
        }
        if (s == 0) {
          state.put(successor, 1);
          stack.push(successor);
          edges.push(successors(successor, references).iterator());
        }
      } else {
        Element done = stack.pop();
        edges.pop();
        state.put(done, 2);
        long total = 1;
        for (Node child = done.getFirstChild(); child != null; child = child.getNextSibling()) {
          if (child instanceof Element e) {
            total = Math.min(Long.MAX_VALUE / 4, total + cost.getOrDefault(e, 1L));
          }
        }
        for (Element target : references.getOrDefault(done, List.of())) {
          // a gradient is resolved once per reference but drawn as a paint, not as elements
          long each = isGradient(target) ? 1 : cost.getOrDefault(target, 1L);
          total = Math.min(Long.MAX_VALUE / 4, total + each);
        }
        if (total > maxElements) {
          throw unsafe(
              "The SVG expands to more than " + maxElements + " elements once its use/href references are"
                  + " resolved.",
              "Reduce the repeated references (each <use> copies its target) or raise the element cap.");
        }
        cost.put(done, total);
      }
    }
  }

  private static boolean isGradient(Element element) {
    String name = element.getLocalName();
    return "linearGradient".equals(name) || "radialGradient".equals(name);
  }

  private static List<Element> successors(Element element, Map<Element, List<Element>> references) {
    List<Element> out = new ArrayList<>(references.getOrDefault(element, List.of()));
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element e) {
        out.add(e);
      }
    }
    return out;
  }

  /** Batik 1.19 only reads {@code xlink:href}; SVG 2 allows a plain {@code href}, so mirror it for Batik. */
  private static void addXlinkHrefs(List<Element> all) {
    for (Element element : all) {
      if (element.hasAttributeNS(null, "href") && !element.hasAttributeNS(XLINK_NS, "href")) {
        element.setAttributeNS(XLINK_NS, "xlink:href", element.getAttributeNS(null, "href"));
      }
    }
  }

  private static double[] intrinsicSize(Element root) {
    Double width = length(root.getAttribute("width"));
    Double height = length(root.getAttribute("height"));
    double[] viewBox = viewBox(root.getAttribute("viewBox"));
    if (width == null && height == null) {
      if (viewBox != null) {
        return new double[] {viewBox[2], viewBox[3]};
      }
      return new double[] {DEFAULT_WIDTH, DEFAULT_HEIGHT};
    }
    if (width == null) {
      width = viewBox != null ? height * viewBox[2] / viewBox[3] : DEFAULT_WIDTH;
    }
    if (height == null) {
      height = viewBox != null ? width * viewBox[3] / viewBox[2] : DEFAULT_HEIGHT;
    }
    return new double[] {width, height};
  }

  private static double[] viewBox(String value) {
    if (value.isBlank()) {
      return null;
    }
    String[] parts = value.trim().split("[\\s,]+");
    if (parts.length != 4) {
      return null;
    }
    try {
      double w = Double.parseDouble(parts[2]);
      double h = Double.parseDouble(parts[3]);
      return w > 0 && h > 0 && Double.isFinite(w) && Double.isFinite(h) ? new double[] {0, 0, w, h} : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** A length in CSS pixels, or null when absent, relative (%) or unparseable. */
  static Double length(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    Matcher m = LENGTH.matcher(value);
    if (!m.matches()) {
      return null;
    }
    double number = Double.parseDouble(m.group(1));
    double factor = switch (m.group(2).toLowerCase(Locale.ROOT)) {
      case "", "px" -> 1;
      case "pt" -> 96.0 / 72;
      case "pc" -> 16;
      case "mm" -> 96 / 25.4;
      case "cm" -> 96 / 2.54;
      case "in" -> 96;
      case "em" -> 16;
      case "ex" -> 8;
      default -> Double.NaN;
    };
    double px = number * factor;
    return Double.isFinite(px) && px > 0 ? px : null;
  }
}
