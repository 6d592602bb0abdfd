package dev.filebatch.pdf;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The text of a PDF, page by page. In JSON (via {@link dev.filebatch.BatchJson}):
 *
 * <pre>{@code
 * {"page_count":2,"pdf_version":"1.7","title":"Report","encrypted":false,
 *  "pages":[{"number":1,"text":"...","source":"text-layer"},{"number":2,"text":"...","source":"ocr"}]}
 * }</pre>
 *
 * @param pageCount the number of pages in the document
 * @param pdfVersion the version from the file header, e.g. {@code 1.7}
 * @param title the document information title, or {@code null} (left out of JSON) when there is none
 * @param encrypted whether the file was encrypted with an owner password only (and could therefore be read)
 * @param pages every page in order, {@code pageCount} of them
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PdfText(int pageCount, String pdfVersion, String title, boolean encrypted, List<Page> pages) {
  /** Copies the page list. */
  public PdfText {
    pages = List.copyOf(Objects.requireNonNull(pages, "pages"));
  }

  /**
   * The whole document's text: the pages' texts in order, separated by a blank line ({@code "\n\n"}). Not part of the
   * JSON form, which carries the pages.
   */
  public String text() {
    return pages.stream().map(Page::text).collect(Collectors.joining("\n\n"));
  }

  /**
   * One page's text.
   *
   * @param number the page number, from 1
   * @param text the page's text with {@code \n} line breaks, trimmed; empty for a blank page or an unread scan
   * @param source where the text came from
   */
  public record Page(int number, String text, Source source) {
    /** Validates the page. */
    public Page {
      if (number < 1) {
        throw new IllegalArgumentException("page number must be at least 1, was " + number);
      }
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(source, "source");
    }
  }

  /** Where a page's text came from. */
  public enum Source {
    /** Extracted from the page's text layer. JSON {@code "text-layer"}. */
    @JsonProperty("text-layer")
    TEXT_LAYER,
    /** Recognised by the {@link ScanRecognizer} from the rendered page. JSON {@code "ocr"}. */
    @JsonProperty("ocr")
    OCR
  }
}
