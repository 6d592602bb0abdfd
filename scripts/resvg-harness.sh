#!/usr/bin/env bash
# The resvg test suite through `filebatch convert`, outside the unit tests (issues 4, 9 and 10).
#
# usage: scripts/resvg-harness.sh CORPUS_DIR [OUT_DIR]
#   CORPUS_DIR  the third-party corpus root (holding svg/resvg/tests, svg/resvg-reference-png and
#               svg/resvg/RESULTS_resvg-test-suite.csv), e.g. ../shared/corpus
#   OUT_DIR     where the outputs, timings and summaries go (default: a new folder under ${TMPDIR:-/tmp})
#
# In one run: (a) the per-file rsvg-convert loop, as a user would script it, at the references' size;
# (b) filebatch convert over the same files, for each renderer and isolation mode, under /usr/bin/time -v with the
# memory of the host and worker JVMs sampled; (c) CompareWithReference over each output folder, which checks the
# run's guarantees (every file ends success or failed with a code, none overruns its timeout, the host exits 0 or 1)
# and exits 3 if one breaks; (d) the rsvg-convert loop again, so load drift between the two ends shows.
# Builds nothing: expects batch-cli/target/filebatch.jar and batch-benchmarks/target/benchmarks.jar
# (./mvnw -B -q -o -pl batch-cli,batch-benchmarks package -DskipTests), or set BUILD=1.
#
# Knobs (environment): RENDERERS ("batik jsvg auto"), ISOLATIONS ("forked none"), FILE_TIMEOUT (10s),
# WIDTH (500: the reference PNGs are 500 px wide, height from the aspect ratio), RSVG (1: run the loop),
# JAVA (java), CORPUS_CP (classpath of the comparator; default the benchmarks jar), HOST_JVM_OPTS (options of the
# CLI's own JVM, e.g. -Xmx256m; default none), EXTRA_ARGS (more convert flags, e.g. "--files-per-worker 2000"),
# SUFFIX (appended to run names, to tell variants apart in one OUT_DIR).
set -uo pipefail

if [[ $# -lt 1 ]]; then
  sed -n '2,20p' "$0" >&2
  exit 2
fi
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CORPUS=$(cd "$1" && pwd) || exit 2
OUT=${2:-${TMPDIR:-/tmp}/resvg-harness-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$OUT" && OUT=$(cd "$OUT" && pwd)

TESTS=$CORPUS/svg/resvg/tests
REFERENCE=$CORPUS/svg/resvg-reference-png
CSV=$CORPUS/svg/resvg/RESULTS_resvg-test-suite.csv
RENDERERS=${RENDERERS:-batik jsvg auto}
ISOLATIONS=${ISOLATIONS:-forked none}
FILE_TIMEOUT=${FILE_TIMEOUT:-10s}
WIDTH=${WIDTH:-500}
RSVG=${RSVG:-1}
JAVA=${JAVA:-java}
JAR=$ROOT/batch-cli/target/filebatch.jar
CORPUS_CP=${CORPUS_CP:-$ROOT/batch-benchmarks/target/benchmarks.jar}

[[ -d $TESTS && -d $REFERENCE ]] || { echo "no $TESTS or $REFERENCE" >&2; exit 2; }
if [[ ${BUILD:-0} == 1 ]]; then
  (cd "$ROOT" && ./mvnw -B -q -o -pl batch-cli,batch-benchmarks package -DskipTests) || exit 2
fi
for f in "$JAR" "${CORPUS_CP%%:*}"; do
  [[ -e $f ]] || { echo "missing $f: build it first (see the header of $0) or set BUILD=1" >&2; exit 2; }
done
[[ -x /usr/bin/time ]] || { echo "GNU time (/usr/bin/time) is needed for wall time and peak RSS" >&2; exit 2; }
if [[ $RSVG == 1 ]] && ! command -v rsvg-convert >/dev/null; then
  echo "installing librsvg2-bin for rsvg-convert" >&2
  apt-get update -qq && apt-get install -y -qq librsvg2-bin >/dev/null || { echo "could not install rsvg-convert" >&2; exit 2; }
fi

# Only the tests' SVGs: the suite's images live in svg/resvg/resources, outside tests/, and anything else would
# count as an UNSUPPORTED_TYPE file. Hidden files are left out, as the CLI's folder walk would skip them.
LIST=$OUT/tests.txt
(cd "$TESTS" && find . -type f -name '*.svg' ! -path '*/.*' | sed 's|^\./||' | LC_ALL=C sort) > "$LIST"
mapfile -t FILES < <(sed "s|^|$TESTS/|" "$LIST")
echo "${#FILES[@]} SVGs listed in $LIST; outputs in $OUT" >&2

{
  echo "date: $(date -u +%FT%TZ)"
  echo "nproc: $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
  echo "memory: $(grep MemTotal /proc/meminfo)"
  echo "java: $("$JAVA" -version 2>&1 | head -1)"
  echo "rsvg-convert: $(rsvg-convert --version 2>/dev/null)"
  echo "repository: $(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null)"
  echo "filebatch.jar: $(stat -c '%y' "$JAR")"
} > "$OUT/machine.txt"
cat "$OUT/machine.txt" >&2

load() { cut -d' ' -f1-3 /proc/loadavg; }
ORDER=0
compare() {  # name, extra comparator arguments...
  local name=$1; shift
  "$JAVA" -cp "$CORPUS_CP" dev.filebatch.benchmarks.corpus.CompareWithReference --name "$name" --list "$LIST" \
    --tests "$TESTS" --reference "$REFERENCE" --csv "$CSV" --summary "$OUT/$name/summary.json" \
    --details "$OUT/$name/details.tsv" --note-order "$(printf %02d $ORDER)" "$@" | tee "$OUT/$name/table.txt"
  return "${PIPESTATUS[0]}"
}

FAILED=0
rsvg_loop() {  # name
  local name=$1 dir=$OUT/$1
  ORDER=$((ORDER + 1))
  mkdir -p "$dir/png" && (cd "$dir/png" && sed 's|/[^/]*$||' "$LIST" | sort -u | xargs mkdir -p)
  : > "$dir/exit-codes.tsv"
  local before; before=$(load)
  echo "[$name] rsvg-convert -w $WIDTH, one process per file (load $before)" >&2
  # the loop a user would write; the exit-code line is a shell builtin write, nothing is spawned for it
  /usr/bin/time -v -o "$dir/time.txt" bash -c '
    while IFS= read -r f; do
      rsvg-convert -w "$1" -o "$3/${f%.svg}.png" "$2/$f" 2>/dev/null
      printf "%s\t%s\n" "$f" "$?" >> "$4"
    done < "$5"' _ "$WIDTH" "$TESTS" "$dir/png" "$dir/exit-codes.tsv" "$LIST"
  compare "$name" --outputs "$dir/png" --exit-codes "$dir/exit-codes.tsv" --csv-column librsvg \
    --time-file "$dir/time.txt" --note-load_before "$before" --note-load_after "$(load)" \
    --note-command "rsvg-convert -w $WIDTH -o OUT.png IN.svg, per file" || FAILED=1
}

convert_run() {  # renderer isolation
  local renderer=$1 isolation=$2 name=$1-$2${SUFFIX:-}
  local dir=$OUT/$name
  ORDER=$((ORDER + 1))
  mkdir -p "$dir/png"
  local args=(convert --to png --width "$WIDTH" --renderer "$renderer" --isolation "$isolation"
    --max-files 2000 --max-batch-size 1g --batch-timeout 60m --file-timeout "$FILE_TIMEOUT"
    --worker-jvm-option "-XX:ErrorFile=$dir/hs_err_worker_%p.log"
    ${EXTRA_ARGS:-} --json --output "$dir/result.json" -o "$dir/png")
  local before; before=$(load)
  echo "[$name] filebatch ${args[*]} <${#FILES[@]} files> (load $before)" >&2
  # shellcheck disable=SC2086 # HOST_JVM_OPTS is a list of options
  (cd "$dir" && exec /usr/bin/time -v -o "$dir/time.txt" "$JAVA" ${HOST_JVM_OPTS:-} "-XX:ErrorFile=$dir/hs_err_host_%p.log" \
    -jar "$JAR" "${args[@]}" "${FILES[@]}" > "$dir/stdout.json" 2> "$dir/stderr.txt") &
  local timepid=$!
  "$JAVA" -Xmx32m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$CORPUS_CP" \
    dev.filebatch.benchmarks.corpus.ProcessTreeSampler "$timepid" "$dir/memory.json" 100 &
  local sampler=$!
  wait "$timepid"
  local rc=$?
  wait "$sampler"
  local after; after=$(load)
  local crashes; crashes=$(find "$dir" -maxdepth 1 -name 'hs_err_*' | wc -l)
  echo "[$name] exit $rc, hs_err files: $crashes" >&2
  compare "$name" --result "$dir/result.json" --csv-column batik --file-timeout "$FILE_TIMEOUT" \
    --host-exit "$rc" --time-file "$dir/time.txt" --memory-file "$dir/memory.json" \
    --note-load_before "$before" --note-load_after "$after" --note-hs_err_files "$crashes" \
    --note-command "java ${HOST_JVM_OPTS:+$HOST_JVM_OPTS }-jar batch-cli/target/filebatch.jar ${args[*]//$dir/RUN} <the ${#FILES[@]} SVGs>" \
    || FAILED=1
}

[[ $RSVG == 1 ]] && rsvg_loop rsvg-convert
for isolation in $ISOLATIONS; do
  for renderer in $RENDERERS; do
    convert_run "$renderer" "$isolation"
  done
done
[[ $RSVG == 1 ]] && rsvg_loop rsvg-convert-again

"$JAVA" -cp "$CORPUS_CP" dev.filebatch.benchmarks.corpus.HarnessReport "$OUT" | tee "$OUT/report.md"
[[ $FAILED == 0 ]] && echo "all checks passed; details in $OUT" >&2 || echo "SOME CHECKS FAILED; see $OUT" >&2
exit $FAILED
