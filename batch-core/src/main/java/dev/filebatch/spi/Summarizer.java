package dev.filebatch.spi;

import dev.filebatch.FileResult;
import java.util.List;

/**
 * Turns the per-file results of a batch into one batch summary, e.g. weak areas across knowledge-test reports or a
 * slide deck of converted drawings. Runs once per batch, after every file is final.
 *
 * @param <S> the summary type; should serialise to JSON with Jackson
 */
@FunctionalInterface
public interface Summarizer<S> {
  /**
   * Summarises a batch.
   *
   * @param files every file's final result in input order, failed ones included
   * @param context the batch id and a place for batch-level artifacts
   * @return the summary; {@code null} means none
   * @throws Exception a failing summarizer does not fail the files: the batch keeps its results and the summary
   *     records the error
   */
  S summarize(List<FileResult> files, SummaryContext context) throws Exception;
}
