/**
 * The real-world corpus harness for SVG conversion, run by {@code scripts/resvg-harness.sh} outside the unit tests:
 * scoring {@code filebatch convert}'s PNGs against the resvg test suite's reference renderings
 * ({@link dev.filebatch.benchmarks.corpus.CompareWithReference}) and sampling the memory of the host and worker JVMs
 * ({@link dev.filebatch.benchmarks.corpus.ProcessTreeSampler}).
 */
package dev.filebatch.benchmarks.corpus;
