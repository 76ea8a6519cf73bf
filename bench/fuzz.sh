#!/usr/bin/env bash
# The long fuzz run: 10^5 generated and mutated specs through the command line, in-process.
# Usage: bench/fuzz.sh [CASES [FIRST_SEED]]   (default 100000 from seed 0; CI runs 2000 in FuzzTest)
# Failing cases go to target/fuzz-failures/ ; copy them to src/test/resources/fuzz/regressions/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -B -q -o test-compile >&2
mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=target/fuzz.classpath >&2
exec java -Xmx512m -cp "target/test-classes:target/classes:$(cat target/fuzz.classpath)" \
  io.gradspec.fuzz.FuzzMain "${1:-100000}" "${2:-0}" target/fuzz-failures
