package mc

import (
	"context"
	"fmt"
	"math"
	"testing"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/noise"
)

// The kernel spec of issue 6, the workload that bench/ also implements in C
// and numpy (see bench/README.md): the double well f'(x) = k·(x+1)·x·(x−1)
// (critical points −1, 0, 1; k = 1), symmetric Pareto noise with α = 1.5 and
// c = 1 (P(|Z| > z) = z^{−1.5} for z ≥ 1), η = 0.01, b = 0.5, projection
// onto K = [−2, 2], X_0 = 1, and no exit test that can fire (the basin is
// the whole line), so every replica runs the full step count.
const (
	specAlpha, specScale = 1.5, 1.0
	specEta, specB       = 0.01, 0.5
	specLo, specHi       = -2.0, 2.0
	specStart            = 1.0
)

// specSystem returns the spec's curve and law.
func specSystem(tb testing.TB) (landscapes.CriticalPoints, noise.Pareto) {
	l, err := landscapes.NewCriticalPoints(1, []float64{-1, 0, 1}, specLo, specHi)
	if err != nil {
		tb.Fatal(err)
	}
	law, err := noise.NewPareto(specAlpha, specScale, 0.5)
	if err != nil {
		tb.Fatal(err)
	}
	return l, law
}

// BenchmarkKernelSpec measures ns/step of the kernel that FirstExit.Run
// uses for the spec: one replica on one core (ns/op = wall-clock ns/step;
// cpu-ns/step is the process's CPU time per step, which on a shared machine
// leaves out the time other processes held the core).
func BenchmarkKernelSpec(b *testing.B) {
	l, law := specSystem(b)
	r := StreamKey{Seed: 1}.Rand(0)
	kernel, _ := lineExitKernelFor(l, law)
	p := lineParams{eta: specEta, b: specB, lo: specLo, hi: specHi, left: math.Inf(-1), right: math.Inf(1)}
	b.ResetTimer()
	cpu := processCPUTime()
	x, n, _ := kernel(context.Background(), r, p, specStart, int64(b.N))
	cpu = processCPUTime() - cpu
	if n != int64(b.N) || math.IsNaN(x) {
		b.Fatal("kernel stopped early")
	}
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/step")
}

// BenchmarkKernelSpecPairs measures ns/step of the spec as RunExits runs
// it: two replicas in lockstep on one core (lineExitPairKernel); ns/op is per
// step of one replica, so it compares directly with BenchmarkKernelSpec.
func BenchmarkKernelSpecPairs(b *testing.B) {
	l, law := specSystem(b)
	ra, rb := StreamKey{Seed: 1}.Rand(0), StreamKey{Seed: 1}.Rand(1)
	pair, _ := linePairKernelFor(l, law)
	p := lineParams{eta: specEta, b: specB, lo: specLo, hi: specHi, left: math.Inf(-1), right: math.Inf(1)}
	steps := int64(b.N+1) / 2
	b.ResetTimer()
	cpu := processCPUTime()
	xa, xb, n, _, _ := pair(ra, rb, p, specStart, specStart, steps)
	cpu = processCPUTime() - cpu
	if n != steps || math.IsNaN(xa+xb) {
		b.Fatal("kernel stopped early")
	}
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/step")
}

// BenchmarkRunnerScaling measures the throughput of the parallel runners
// on the spec with 1 and 2 workers: ns/step is the wall time per step of
// all replicas together, cpu-ns/step the CPU time per step summed over the
// cores. Two-core scaling is the ratio of the two ns/step values; with two
// free cores it is the throughput gain, and a flat cpu-ns/step shows that
// the second core costs no efficiency.
//
//   - exit: RunExits (two replicas per goroutine) on 4096 first exits of
//     the spec with b = 0.6 (two jumps needed; about 1700 steps each, capped
//     at 3000), so the work per replica varies as in real runs. A call ends
//     when its slowest goroutine does; the others idle for up to about one
//     replica at the end (their last replica also runs without a partner).
//     That tail is a fixed cost per call, so the call must hold many
//     replicas, as real runs do (hundreds to thousands of exits of 10^4 or
//     more steps): with 256 of these short exits the tail costs about 5%
//     of the two-core throughput, with 4096 under 1%;
//   - trajectory: RunTrajectories on 8 replicas of 2^17 steps.
func BenchmarkRunnerScaling(b *testing.B) {
	l, law := specSystem(b)
	sys := lineSystem(l, l.Structure(), law, specEta, specB)
	for _, w := range []int{1, 2} {
		b.Run(fmt.Sprintf("exit/workers=%d", w), func(b *testing.B) {
			e := FirstExit{System: sys, Start: []float64{specStart}, MaxSteps: 3000}
			e.B = 0.6
			var steps int64
			cpu := processCPUTime()
			for i := 0; i < b.N; i++ {
				err := RunExits(context.Background(), e, StreamKey{Seed: uint64(i % 8)}, ReplicaRange(0, 4096), w,
					func(r ExitRecord) { steps += r.Steps })
				if err != nil {
					b.Fatal(err)
				}
			}
			cpu = processCPUTime() - cpu
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(steps), "ns/step")
			b.ReportMetric(float64(cpu.Nanoseconds())/float64(steps), "cpu-ns/step")
		})
	}
	for _, w := range []int{1, 2} {
		b.Run(fmt.Sprintf("trajectory/workers=%d", w), func(b *testing.B) {
			const replicas, steps = 8, 1 << 17
			e := Trajectory{System: sys, Start: []float64{specStart}, Steps: steps, Radius: 0.5}
			cpu := processCPUTime()
			for i := 0; i < b.N; i++ {
				if err := RunTrajectories(context.Background(), e, StreamKey{Seed: uint64(i)}, ReplicaRange(0, replicas), w, nil); err != nil {
					b.Fatal(err)
				}
			}
			cpu = processCPUTime() - cpu
			total := float64(int64(b.N) * replicas * steps)
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/total, "ns/step")
			b.ReportMetric(float64(cpu.Nanoseconds())/total, "cpu-ns/step")
		})
	}
}
