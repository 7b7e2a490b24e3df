#!/bin/sh
# bench/compare.sh: the kernel spec (bench/README.md) in Go, C and numpy.
# Prints ns/step of each, one core each, and the ratios to htsgd's kernel.
# Run from the repository root (make bench-compare). Environment: GO,
# BENCHSTAT (path of benchstat), CC, PYTHON (a python3 with numpy; found or
# installed with apt-get when empty), ROUNDS (rounds of all four, 10), COUNT
# (Go benchmark repetitions per round, 1), OUT (directory of the binaries
# and raw outputs, bin/bench).
set -eu

GO=${GO:-go}
BENCHSTAT=${BENCHSTAT:-benchstat}
CC=${CC:-cc}
ROUNDS=${ROUNDS:-10}
COUNT=${COUNT:-1}
OUT=${OUT:-bin/bench}
mkdir -p "$OUT"

# A python3 that imports numpy: $PYTHON, python3 or the system's.
find_python() {
	for p in ${PYTHON:-} python3 /usr/bin/python3; do
		if "$p" -c 'import numpy' >/dev/null 2>&1; then
			echo "$p"
			return 0
		fi
	done
	return 1
}
if ! PY=$(find_python); then
	echo "numpy not found: apt-get install -y python3-numpy" >&2
	apt-get install -y python3-numpy >/dev/null
	PY=$(find_python)
fi

# The four run in turns, ROUNDS times, so that all of them see the same
# (possibly shared, possibly throttled) machine; each reports the median of
# its runs.
"$CC" -O3 -march=native -o "$OUT/kernel" bench/kernel.c -lm
"$CC" -O3 -march=native -ffast-math -o "$OUT/kernel_vec" bench/kernel_vec.c -lmvec -lm
"$GO" test -c -o "$OUT/mc.test" ./mc
: >"$OUT/go.txt"
: >"$OUT/c.txt"
: >"$OUT/cv.txt"
: >"$OUT/np.txt"
echo "== $ROUNDS rounds of: Go BenchmarkKernelSpec(Pairs) ($OUT/mc.test), C ($CC -O3 -march=native" \
	"bench/kernel.c), C vectorised (-ffast-math bench/kernel_vec.c), numpy" \
	"$("$PY" -c 'import numpy; print(numpy.__version__)') ($PY bench/kernel.py)"
for round in $(seq "$ROUNDS"); do
	printf ' %s' "$round"
	(cd mc && "../$OUT/mc.test" -test.run '^$' -test.bench '^BenchmarkKernelSpec(Pairs)?$' -test.count "$COUNT") >>"$OUT/go.txt"
	"$OUT/kernel" 30000000 >>"$OUT/c.txt"
	"$OUT/kernel_vec" 100000000 >>"$OUT/cv.txt"
	"$PY" bench/kernel.py 100000 300 >>"$OUT/np.txt"
done
echo
"$BENCHSTAT" "$OUT/go.txt"

# median of the numbers on stdin
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2 }'; }
# go_median NAME UNIT: median of metric UNIT of benchmark NAME in go.txt
go_median() {
	awk -v name="$1" -v unit="$2" '$1 ~ "^Benchmark" name "(-[0-9]+)?$" {
		for (i = 2; i < NF; i++) if ($(i+1) == unit) print $i }' "$OUT/go.txt" | median
}
# field_median FILE N: median of field N of FILE
field_median() { awk -v n="$2" '{ print $n }' "$1" | median; }

go_ns=$(go_median KernelSpec cpu-ns/step)
go_wall=$(go_median KernelSpec ns/op)
gp_ns=$(go_median KernelSpecPairs cpu-ns/step)
gp_wall=$(go_median KernelSpecPairs ns/op)

echo
echo "kernel spec: CPU time per step on one core, ns/step (wall-clock ns/step in brackets)"
echo "medians over $ROUNDS rounds; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v go="$go_ns" -v gow="$go_wall" -v gp="$gp_ns" -v gpw="$gp_wall" \
	-v c="$(field_median "$OUT/c.txt" 2)" -v cw="$(field_median "$OUT/c.txt" 4)" \
	-v cv="$(field_median "$OUT/cv.txt" 2)" -v cvw="$(field_median "$OUT/cv.txt" 4)" \
	-v np="$(field_median "$OUT/np.txt" 2)" -v npw="$(field_median "$OUT/np.txt" 4)" 'BEGIN {
	f = "  %-34s %8.2f  (%6.2f)   %s\n"
	printf "  %-34s %8s  %8s   %s\n", "implementation", "ns/step", "(wall)", "ratio: its ns/step / htsgd one replica"
	printf f, "htsgd (Go), one replica", go, gow, "1"
	printf f, "htsgd (Go), two replicas per core", gp, gpw, sprintf("%.2f", gp / go)
	printf f, "C -O3, one chain", c, cw, sprintf("%.2f", c / go)
	printf f, "C -O3 vectorised, 1024 chains", cv, cvw, sprintf("%.2f", cv / go)
	printf f, "numpy, 10^5 chains", np, npw, sprintf("%.2f", np / go)
}'
