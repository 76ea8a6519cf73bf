#!/usr/bin/env bash
# Byte-identity of reports between two builds: runs both jars over specs/ (every format, plain and
# --verbose, full and fast mode) and over the bench specs (JSON, full and fast), drops the timing
# fields, and diffs. Exit 0 when every report is identical.
#
#   bench/same_reports.sh OLD.jar NEW.jar [BENCH_SPEC_DIR]
#
# BENCH_SPEC_DIR defaults to bench/out/specs (written by bench/peer_compare.py). Timings are the only
# fields that may differ: `duration_ms` in JSON, `time=` in JUnit XML, and the "in N ms" of text
# summaries are replaced by 0 before comparing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
old="$1"; new="$2"; bench="${3:-bench/out/specs}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

scrub() {
  sed -E -e 's/"duration_ms": ?[0-9]+/"duration_ms": 0/g' -e 's/time="[0-9.]+"/time="0"/g' -e 's/timestamp="[^"]*"/timestamp="T"/g' \
         -e 's/in [0-9.]+ ?m?s\b/in 0 ms/g' -e 's/[0-9]+ ms</0 ms</g'
}

run_all() {
  local jar="$1" out="$2"
  mkdir -p "$out"
  local i=0
  for fmt in text json junit markdown html; do
    for extra in "" "--verbose" "--mode fast" "--seed 7 --trials 2"; do
      i=$((i + 1))
      # shellcheck disable=SC2086
      java -jar "$jar" check specs --format "$fmt" $extra > "$out/specs-$i-$fmt.out" 2> "$out/specs-$i-$fmt.err" \
        || echo "exit $?" >> "$out/specs-$i-$fmt.err"
    done
  done
  java -jar "$jar" validate specs > "$out/validate.out" 2>&1 || echo "exit $?" >> "$out/validate.out"
  java -jar "$jar" explain specs/mistakes/08-wrong-diagonal.yaml --claim 1 --index 4,4 > "$out/explain.out" 2>&1 \
    || echo "exit $?" >> "$out/explain.out"
  if [ -d "$bench" ]; then
    for mode in full fast; do
      java -jar "$jar" check "$bench" --format json --trials 1 --seed 0 --mode "$mode" > "$out/bench-$mode.json" \
        2> "$out/bench-$mode.err" || echo "exit $?" >> "$out/bench-$mode.err"
    done
  fi
  for f in "$out"/*; do scrub < "$f" > "$f.s" && mv "$f.s" "$f"; done
}

run_all "$old" "$work/old"
run_all "$new" "$work/new"
if diff -r "$work/old" "$work/new" > "$work/diff"; then
  echo "identical: $(ls "$work/old" | wc -l) reports"
else
  head -50 "$work/diff"
  echo "DIFFERENT (first 50 lines above)"
  exit 1
fi
