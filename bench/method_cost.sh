#!/usr/bin/env bash
# What the trust issue's checks cost against a plain central check (issue 11), warm and in-process:
# the complex step (--method complex-step) and the confirmation of disagreements (on by default; off here
# with -Dgradspec.bench.unconfirmed=true, which no command-line flag sets). One run; ratios of medians.
#   bench/method_cost.sh            # ~1.5 min
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt >/dev/null
CP="target/test-classes:target/classes:$(cat target/bench-cp.txt)"
# WarmCheck SPEC repeats mode jobs trials warmup-seconds: 9 timed runs after 5 s of warm-up, 3 trials, 1 thread
run() { java -cp "$CP" "$@" io.gradspec.bench.WarmCheck "$SPEC" 9 full 1 3 5; }
printf '| specs | central s | complex-step s | ratio | central unconfirmed s | confirmation ratio |\n'
printf '|---|---:|---:|---:|---:|---:|\n'
for SPEC in specs/seed specs/examples specs/mistakes; do
  central=$(run)
  complex=$(run -Dgradspec.bench.method=complex-step)
  unconfirmed=$(run -Dgradspec.bench.unconfirmed=true)
  python3 - "$SPEC" "$central" "$complex" "$unconfirmed" <<'PY'
import json, sys
spec, c, x, u = sys.argv[1], *(json.loads(a)["median_s"] for a in sys.argv[2:])
print(f"| {spec} | {c:.4f} | {x:.4f} | {x / c:.2f} | {u:.4f} | {c / u:.2f} |")
PY
done
