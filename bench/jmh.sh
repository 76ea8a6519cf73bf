#!/usr/bin/env bash
# Runs the JMH evaluator benchmark (src/test/java/io/gradspec/bench/EvaluatorBench.java).
# Not part of `mvn verify`: surefire excludes **/bench/**.
#
#   bench/jmh.sh                          # default: 1 fork, 3 x 2 s warm-up, 5 x 2 s measurement
#   bench/jmh.sh -p bench=mlp_medium      # extra arguments go to JMH
#   WI=1 W=300ms I=1 R=300ms bench/jmh.sh # shorter (smoke) run; JMH rejects repeated options
#
# Writes the JMH JSON result to bench/out/jmh.json.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/out
MVN_OPTS=(-B -q)
[[ "${GRADSPEC_ONLINE:-0}" == 1 ]] || MVN_OPTS+=(-o)
mvn "${MVN_OPTS[@]}" -DskipTests test-compile
mvn "${MVN_OPTS[@]}" dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=bench/out/classpath.txt >/dev/null
CP="target/test-classes:target/classes:$(cat bench/out/classpath.txt)"
exec java -cp "$CP" org.openjdk.jmh.Main EvaluatorBench \
  -f 1 -wi "${WI:-3}" -w "${W:-2s}" -i "${I:-5}" -r "${R:-2s}" -rf json -rff bench/out/jmh.json "$@"
