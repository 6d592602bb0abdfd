/**
 * Implementation of the SVG module: the screening analyzer, the locked-down Batik and JSVG renderers, the slide
 * deck writer and image encoders. Not API: may change in any release.
 */
package dev.filebatch.svg.internal;
