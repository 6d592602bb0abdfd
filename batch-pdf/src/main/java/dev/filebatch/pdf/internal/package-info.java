/** Implementation of the PDF processor; not an API, may change without notice. */
package dev.filebatch.pdf.internal;
