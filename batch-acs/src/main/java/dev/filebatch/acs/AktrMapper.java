package dev.filebatch.acs;

import dev.filebatch.ErrorCode;
import dev.filebatch.spi.InputFile;
import dev.filebatch.spi.ProcessingContext;
import dev.filebatch.spi.ResultMapper;
import java.util.Objects;
import java.util.function.Function;

/**
 * The second step of a knowledge-test processor: takes the text the first step extracted (PDF text or OCR) and
 * parses it into a {@link KnowledgeTestReport}. Compose it with {@code PdfTextProcessor.andThen(...)} or
 * {@code VisionProcessor.andThen(...)}; {@link KnowledgeTestAnalysis} does it for you.
 *
 * <p>Fails the file with {@link AktrParser#NOT_AN_AKTR} when the text is not a report; marks it PARTIAL with
 * {@link #INCOMPLETE_AKTR} when a required field ({@link KnowledgeTestReport#REQUIRED_FIELDS}) could not be read.
 *
 * @param <T> what the first step produces
 */
public final class AktrMapper<T> implements ResultMapper<T, KnowledgeTestReport> {
  /** The PARTIAL code for a report missing a required field. */
  public static final ErrorCode INCOMPLETE_AKTR = ErrorCode.of("INCOMPLETE_AKTR");

  private final AktrParser parser;
  private final Function<? super T, String> text;

  private AktrMapper(AktrParser parser, Function<? super T, String> text) {
    this.parser = Objects.requireNonNull(parser, "parser");
    this.text = Objects.requireNonNull(text, "text");
  }

  /**
   * A mapper reading the text of the first step's result with the given function.
   *
   * @param parser the parser to use
   * @param text extracts the full text from the first step's result, e.g. {@code PdfText::text}
   */
  public static <T> AktrMapper<T> of(AktrParser parser, Function<? super T, String> text) {
    return new AktrMapper<>(parser, text);
  }

  @Override
  public String id() {
    return "aktr";
  }

  @Override
  public String version() {
    return "1";
  }

  @Override
  public Class<?> resultType() {
    return KnowledgeTestReport.class;
  }

  @Override
  public KnowledgeTestReport map(T input, InputFile file, ProcessingContext context) throws Exception {
    KnowledgeTestReport report = parser.parse(text.apply(input));
    if (!report.missingFields().isEmpty()) {
      context.reportPartial(INCOMPLETE_AKTR,
          "Part of the knowledge test report could not be read: " + String.join(", ", report.missingFields()) + ".",
          "Upload the original PDF, or a sharper, evenly lit photo of the whole page.");
    }
    return report;
  }
}
