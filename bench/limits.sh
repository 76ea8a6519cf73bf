#!/usr/bin/env bash
# Re-measures every figure of the README's "Limits and guarantees": each hostile case of issue 14, run
# through bin/gradspec with /usr/bin/time, printing exit code, wall time and peak RSS.
# Usage: bench/limits.sh            (needs /usr/bin/time; writes its cases to a temporary folder)
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
gs="$root/bin/gradspec"
"$gs" --version >/dev/null  # builds the jar when missing

measure() {  # NAME, then the command line
  local name=$1; shift
  local t0 rc
  t0=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$work/rss" "$@" >"$work/out" 2>&1
  rc=$?
  local secs rss
  secs=$(echo "$(date +%s.%N) - $t0" | bc)
  rss=$(tail -1 "$work/rss")
  printf '%-58s exit %3s  %6.2f s  %5d MB\n' "$name" "$rc" "$secs" "$((rss / 1024))"
}

cd "$work"
# YAML alias bomb: 9 levels of 9 aliases
{ printf 'name: lol\na: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
  prev=a; for c in b c d e f g h i; do printf '%s: &%s [' $c $c; for k in 1 2 3 4 5 6 7 8 9; do
    [ $k -gt 1 ] && printf ','; printf '*%s' $prev; done; printf ']\n'; prev=$c; done; } > bomb.yaml
measure "billion laughs (check)" "$gs" check bomb.yaml

printf 'name: big\ndims: {N: 31623}\ninputs: {A: [N, N]}\ndefine: {y: sum(A)}\nclaims: [{wrt: A, claim: "ones(N, N)"}]\n' > big.yaml
measure "an input of 1e9 elements (check)" "$gs" check big.yaml

{ printf 'name: nine\ndims: {N: 10000}\ninputs:\n'; for i in 1 2 3 4 5 6 7 8 9; do printf '  A%d: [N, N]\n' $i; done
  printf 'define:\n  S: A1 + A2 + A3 + A4 + A5 + A6 + A7 + A8 + A9\nclaims:\n  - {of: S, wrt: A1, claim: "eye(N * N)"}\n'; } > nine.yaml
measure "nine values of 1e8 elements (check)" "$gs" check nine.yaml

printf 'name: kron\ndims: {N: 96, M: 97}\ninputs: {A: [N, N], B: [M, M]}\ndefine: {K: kron(A, B), s: sum(K)}\nclaims: [{of: s, wrt: A, claim: "sum(B) * ones(N, N)"}]\n' > kron.yaml
measure "kron of 86.7M elements, -Xmx256m (check)" env GRADSPEC_JAVA_OPTS=-Xmx256m "$gs" check kron.yaml

printf 'name: wide\ndims: {N: 10000000}\ninputs: {x: [N]}\ndefine: {y: sum(x .* x)}\nclaims: [{wrt: x, claim: "2 * x"}]\n' > wide.yaml
measure "|wrt| = 1e7, -Xmx256m (check --mode fast)" env GRADSPEC_JAVA_OPTS=-Xmx256m "$gs" check --mode fast wide.yaml

python3 - <<'PY'
import random
one = 'name: s{}\ninputs: {{x: []}}\ndefine: {{y: x * x}}\nclaims: [{{wrt: x, claim: 2 * x}}]\n'
open('many.yaml', 'w').write('---\n'.join(one.format(i) for i in range(20000)))
open('tiny.yaml', 'w').write('---\n'.join('name: t%d\nbogus: 1\n' % i for i in range(20000)))
open('tiny145k.yaml', 'w').write('---\n'.join('x: %d\n' % i for i in range(145000)))
open('scalar.yaml', 'w').write('name: "' + 'a' * (4 * 1024 * 1024 - 200) + '"\ninputs: {x: []}\ndefine: {y: x}\nclaims: [{wrt: x, claim: "1"}]\n')
maps = ', '.join('{N: %d}' % (1 + i % 3) for i in range(200000))
open('maps.yaml', 'w').write('name: maps\ndims: [' + maps + ']\ninputs: {x: [N]}\ndefine: {y: sum(x)}\nclaims: [{wrt: x, claim: "ones(1, N)"}]\n')
open('glob.yaml', 'w').write('name: "' + 'seed' * 100000 + '"\ninputs: {x: []}\ndefine: {y: x}\nclaims: [{wrt: x, claim: "1"}]\n')
PY
measure "20 000 one-claim specs in one 1.7 MB file (check)" "$gs" check many.yaml
measure "20 000 tiny invalid documents (validate)" "$gs" validate tiny.yaml
measure "145 000 invalid documents, 1.9 MB (validate)" "$gs" validate tiny145k.yaml
measure "a 4 MB single-line scalar (validate)" "$gs" validate scalar.yaml
measure "200 000 dims maps (check)" "$gs" check maps.yaml
measure "a 400 KB name with --filter '*seed*5*' (check)" "$gs" check --filter '*seed*5*' glob.yaml
measure "--jobs 32768 (check)" "$gs" check --jobs 32768 many.yaml
