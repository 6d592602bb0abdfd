/**
 * PDF text extraction for Filebatch: {@link dev.filebatch.pdf.PdfTextProcessor} reads the text of each page with
 * Apache PDFBox under bounded memory, and hands pages without a text layer (scans) to an optional
 * {@link dev.filebatch.pdf.ScanRecognizer}.
 */
package dev.filebatch.pdf;
