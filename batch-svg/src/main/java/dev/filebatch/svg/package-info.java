/**
 * SVG conversion: untrusted SVG drawings to PNG, JPEG, PDF or PowerPoint.
 *
 * <p>Front door: {@link dev.filebatch.svg.SvgProcessor#builder()}. Batch outputs: {@link
 * dev.filebatch.svg.SvgDeckSummarizer} ({@code single_pptx}: one deck, a slide per successful drawing) and {@link
 * dev.filebatch.svg.SvgZipSummarizer} ({@code zip_archive}: every output plus {@code manifest.json}). The origin
 * spec's batch limits are {@link dev.filebatch.svg.SvgProcessor#conversionDefaults()}.
 *
 * <p>Security policy: anything unsafe is <em>refused</em>, never stripped, so no output silently lacks part of its
 * drawing. DOCTYPEs: one without an internal subset, as Illustrator and older tools export it
 * ({@code <!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">}, the
 * SVG 1.0, Tiny and Basic forms, a SYSTEM id alone, or a bare {@code <!DOCTYPE svg>}) is accepted, whatever its ids:
 * they are never dereferenced, and the DOCTYPE is removed after screening, so neither renderer, the PDF transcoder nor
 * the PowerPoint deck ever sees it. Refused with {@code UNSAFE_CONTENT}: a DOCTYPE with any internal subset
 * ({@code [...]}), whether it declares entities (billion laughs, XXE, parameter entities) or only attributes or
 * elements (refusing the rare harmless subset keeps the rule simple: no declaration is ever processed), any entity
 * reference other than a character reference or the five predefined {@code &amp; &lt; &gt; &quot; &apos;},
 * {@code <script>}, event-handler elements and {@code on*} attributes, {@code javascript:} and every other reference
 * that is neither a {@code #fragment} nor an embedded raster {@code data:} URI (http, https, file, jar,
 * protocol-relative and relative paths, in {@code href}, {@code xlink:href}, {@code src}, {@code url(...)} in
 * attributes and styles, {@code @import}, {@code xml:base}), SVG or XML nested in {@code data:} URIs, reference
 * cycles (recursive {@code use}, patterns that paint themselves...), more elements than the cap (also counted
 * through references, which stops {@code use} fan-out bombs) and nesting deeper than the cap. Refused with
 * {@code IMAGE_TOO_LARGE}: outputs, and embedded images (checked from their header), over the pixel cap. Not SVG:
 * {@code CORRUPT_FILE} (not well-formed) or {@code NOT_SVG} (root not {@code svg} in the SVG namespace). Both
 * renderers additionally run behind walls that load nothing but {@code data:} URIs and run no script; the tests
 * prove, with a listener on 127.0.0.1, that neither contacts anything even when the screening is skipped.
 */
package dev.filebatch.svg;
