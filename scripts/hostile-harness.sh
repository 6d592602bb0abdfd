#!/usr/bin/env bash
# The third-party hostile and PDF corpora through the `filebatch` CLI, outside the unit tests.
#
# usage: scripts/hostile-harness.sh CORPUS_DIR [OUT_DIR]
#   CORPUS_DIR  the corpus root holding hostile/ and pdf/ (e.g. ../shared/corpus)
#   OUT_DIR     where results go (default: a new folder under ${TMPDIR:-/tmp})
#
# Every file goes through the command a user would give it: SVG and XML to `convert --to png`, everything else
# (PDFs, images, ZIPs) to `analyze`, with the CLI's defaults (forked isolation). Files are sent in batches of up to
# BATCH (20) per folder; a batch the CLI rejects as a whole (exit 2) is sent again one file at a time, so each file's
# own outcome is known. spark.png.bz2 is unpacked into OUT_DIR first (it is a 225,000 x 225,000 PNG).
#
# While it runs, dev.filebatch.benchmarks.corpus.LeakListener holds 127.0.0.1:9999, where every outside URL of the
# hostile corpus points: a connection there is a leak. The run fails (exit 3) if any invocation crashes (exit code
# other than 0, 1 or 2), prints a stack trace, prints JSON that does not parse, runs past its time limit, if any file
# fails with the generic PROCESSING_FAILED code, if the listener is contacted, or if a workspace is left behind.
# Builds nothing: expects batch-cli/target/filebatch.jar and batch-benchmarks/target/benchmarks.jar, or BUILD=1.
#
# Knobs (environment): BATCH (20), JAVA (java), EXTRA_ARGS (more CLI flags for every invocation), TIME_LIMIT
# (seconds per invocation before it counts as hung, 300).
set -uo pipefail

if [[ $# -lt 1 ]]; then
  sed -n '2,20p' "$0" >&2
  exit 2
fi
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CORPUS=$(cd "$1" && pwd) || exit 2
OUT=${2:-${TMPDIR:-/tmp}/hostile-harness-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$OUT" && OUT=$(cd "$OUT" && pwd)
BATCH=${BATCH:-20}
JAVA=${JAVA:-java}
TIME_LIMIT=${TIME_LIMIT:-300}
read -r -a EXTRA <<<"${EXTRA_ARGS:-}"
JAR=$ROOT/batch-cli/target/filebatch.jar
BENCH=$ROOT/batch-benchmarks/target/benchmarks.jar

if [[ ${BUILD:-0} == 1 ]]; then
  (cd "$ROOT" && ./mvnw -B -q -o -pl batch-cli,batch-benchmarks package -DskipTests) || exit 2
fi
for f in "$JAR" "$BENCH"; do
  [[ -e $f ]] || { echo "missing $f: build it first or set BUILD=1" >&2; exit 2; }
done
command -v jq >/dev/null || { echo "jq is needed to read the CLI's JSON" >&2; exit 2; }

WS=$OUT/workspaces
mkdir -p "$WS" "$OUT/runs" "$OUT/unpacked"
RESULTS=$OUT/results.tsv
PROBLEMS=$OUT/problems.txt
LEAKS=$OUT/leaks.log
printf 'file\tcommand\texit\tstatus\tcode\tmessage\n' >"$RESULTS"
: >"$PROBLEMS"

"$JAVA" -cp "$BENCH" dev.filebatch.benchmarks.corpus.LeakListener 9999 "$LEAKS" >"$OUT/listener.out" 2>&1 &
LISTENER=$!
trap 'kill $LISTENER 2>/dev/null' EXIT
for _ in $(seq 50); do grep -q listening "$OUT/listener.out" 2>/dev/null && break; sleep 0.1; done
grep -q listening "$OUT/listener.out" || { echo "leak listener did not start: $(cat "$OUT/listener.out")" >&2; exit 2; }

if [[ -f $CORPUS/hostile/image/spark.png.bz2 ]]; then
  bzip2 -dc "$CORPUS/hostile/image/spark.png.bz2" | head -c 50000000 >"$OUT/unpacked/spark.png"
fi

run=0
code=0
# invoke COMMAND FILE...: one CLI run, numbered $run, its exit code in $code; JSON and stderr go under runs/.
invoke() {
  local command=$1; shift
  run=$((run + 1))
  local json=$OUT/runs/$run.json err=$OUT/runs/$run.err out=$OUT/runs/$run.out
  local args=(--json -q --workspace "$WS" "${EXTRA[@]}")
  if [[ $command == convert ]]; then
    mkdir -p "$out"
    args+=(--to png -o "$out")
  fi
  printf '%s\n' "$@" >"$OUT/runs/$run.files"
  timeout --kill-after=10 "$TIME_LIMIT" "$JAVA" -jar "$JAR" "$command" "${args[@]}" "$@" >"$json" 2>"$err"
  code=$?
}

problem() { echo "$*" >>"$PROBLEMS"; }

# check RUN COMMAND EXIT FILE...: the invocation's own guarantees, then one row per file of its JSON.
check() {
  local n=$1 command=$2 code=$3; shift 3
  local json=$OUT/runs/$n.json err=$OUT/runs/$n.err
  case $code in
    0 | 1 | 2) ;;
    124 | 137) problem "run $n ($command $*): no answer within ${TIME_LIMIT}s" ;;
    *) problem "run $n ($command $*): exit code $code" ;;
  esac
  if grep -qE '^\s+at [a-zA-Z_$]|Exception in thread' "$err"; then
    problem "run $n ($command $*): stack trace on stderr (runs/$n.err)"
  fi
  if ! jq -e . "$json" >/dev/null 2>&1; then
    problem "run $n ($command $*): stdout is not JSON (runs/$n.json)"
    return
  fi
  if [[ $(jq -r '.status' "$json") == rejected ]]; then
    printf '%s\t%s\t%s\trejected\t%s\t%s\n' "$*" "$command" "$code" "$(jq -r '.error.code' "$json")" \
      "$(jq -r '.error.message' "$json" | tr '\t\n' '  ' | cut -c1-200)" >>"$RESULTS"
    return
  fi
  local files
  files=$(jq '.files | length' "$json")
  if (($# > 1)) && ((files < $#)); then
    problem "run $n ($command): $# files given, $files in the result"
  fi
  jq -r --arg cmd "$command" --arg code "$code" '.files[] | [.file_name, $cmd, $code, .status,
      (.error.code // "-"), ((.error.message // "-") | gsub("[\t\n]"; " ") | .[0:200])] | @tsv' "$json" >>"$RESULTS"
}

# batch COMMAND FILE...: in chunks of BATCH; a rejected chunk of several files is re-run one file at a time.
batch() {
  local command=$1; shift
  local files=("$@") i
  for ((i = 0; i < ${#files[@]}; i += BATCH)); do
    local chunk=("${files[@]:i:BATCH}")
    invoke "$command" "${chunk[@]}"
    if [[ $code == 2 && ${#chunk[@]} -gt 1 ]]; then
      local f
      for f in "${chunk[@]}"; do
        invoke "$command" "$f"
        check "$run" "$command" "$code" "$f"
      done
    else
      check "$run" "$command" "$code" "${chunk[@]}"
    fi
  done
}

# collect DIR PATTERN...: files under DIR whose names match one of the find patterns, sorted.
collect() {
  local dir=$1; shift
  local expr=() p
  for p in "$@"; do expr+=(-o -iname "$p"); done
  [[ -d $dir ]] || return 0
  find "$dir" -type f \( "${expr[@]:1}" \) | LC_ALL=C sort
}

start=$(date +%s)
mapfile -t svgs < <(collect "$CORPUS/hostile/svg" '*.svg')
mapfile -t xmls < <(find "$CORPUS/hostile/xml" -type f 2>/dev/null | LC_ALL=C sort)
mapfile -t images < <(collect "$CORPUS/hostile/image" '*.png' '*.gif' '*.ico' '*.jpg'; collect "$OUT/unpacked" '*.png')
mapfile -t zips < <(collect "$CORPUS/hostile/zip" '*.zip')
mapfile -t hostile_pdfs < <(collect "$CORPUS/hostile/pdf" '*.pdf')
mapfile -t pdfs < <(collect "$CORPUS/pdf" '*.pdf')

echo "svg ${#svgs[@]}, xml ${#xmls[@]}, images ${#images[@]}, zips ${#zips[@]}, hostile pdf ${#hostile_pdfs[@]}, pdf ${#pdfs[@]}"
((${#svgs[@]})) && batch convert "${svgs[@]}"
((${#xmls[@]})) && batch convert "${xmls[@]}"
((${#images[@]})) && batch analyze "${images[@]}"
for z in "${zips[@]}"; do   # one archive per batch: a hostile archive rejects its whole batch by design
  invoke analyze "$z" && check "$run" analyze "$code" "$z"
  invoke convert "$z" && check "$run" convert "$code" "$z"
done
((${#hostile_pdfs[@]})) && batch analyze "${hostile_pdfs[@]}"
((${#pdfs[@]})) && batch analyze "${pdfs[@]}"
elapsed=$(($(date +%s) - start))

awk -F'\t' 'NR > 1 && $5 == "PROCESSING_FAILED" { print "generic PROCESSING_FAILED: " $1 " (" $2 "): " $6 }' \
  "$RESULTS" >>"$PROBLEMS"
sleep 1
if [[ -s $LEAKS ]]; then
  problem "the leak listener on 127.0.0.1:9999 was contacted: $(wc -l <"$LEAKS") connection(s), see leaks.log"
fi
left=$(find "$WS" -mindepth 1 -maxdepth 1 | wc -l)
((left == 0)) || problem "$left workspace(s) left behind in $WS"

{
  echo "# hostile harness: $run CLI runs in ${elapsed}s, $(($(wc -l <"$RESULTS") - 1)) file outcomes"
  echo
  echo "outcomes by command, status and code:"
  awk -F'\t' 'NR > 1 { print $2 "\t" $4 "\t" $5 }' "$RESULTS" | sort | uniq -c | sort -k2,2 -k1,1nr
  echo
  if [[ -s $PROBLEMS ]]; then echo "PROBLEMS:"; cat "$PROBLEMS"; else echo "no problems: every file ended with a status and a typed code, nothing leaked, no workspace left"; fi
} | tee "$OUT/summary.txt"
[[ -s $PROBLEMS ]] && exit 3
exit 0
