package mc

import (
	"context"
	"errors"
	"math"
	"reflect"
	"runtime"
	"testing"
	"time"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/noise"
	"github.com/htsgd/htsgd/param"
)

func doubleWellExit(eta, b, start float64, maxSteps int64) FirstExit {
	return FirstExit{System: doubleWellSystem(eta, b), Start: []float64{start}, MaxSteps: maxSteps}
}

// TestRunExitsWorkerInvariance checks the reproducibility contract: the same
// key gives bit-identical records whatever the number of workers, a shard
// [first, last) reproduces the matching slice of the full run, and a list
// of indices the matching replicas; another seed gives other records.
func TestRunExitsWorkerInvariance(t *testing.T) {
	ctx := context.Background()
	for _, e := range []FirstExit{
		doubleWellExit(0.05, 0.5, 1, 1_000_000),
		{System: quadSystem(t, 1, 0.05, 1.5), Start: []float64{0.1, 0}, MaxSteps: 5000},
	} {
		key := StreamKey{Seed: 7, Labels: []uint64{3}}
		one, err := runExits(ctx, e, key, ReplicaRange(0, 64), 1)
		if err != nil {
			t.Fatal(err)
		}
		two, err := runExits(ctx, e, key, ReplicaRange(0, 64), 2)
		if err != nil {
			t.Fatal(err)
		}
		if len(one) != 64 || !reflect.DeepEqual(one, two) {
			t.Fatalf("%d-D: records differ between 1 and 2 workers", e.Dim())
		}
		shard, err := runExits(ctx, e, key, ReplicaRange(20, 40), 3)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(shard, one[20:40]) {
			t.Fatalf("%d-D: shard [20, 40) differs from the same replicas of the full run", e.Dim())
		}
		listed, err := runExits(ctx, e, key, ReplicaIndices([]int{0, 5, 6, 17, 63}), 2)
		if err != nil {
			t.Fatal(err)
		}
		if want := []ExitRecord{one[0], one[5], one[6], one[17], one[63]}; !reflect.DeepEqual(listed, want) {
			t.Fatalf("%d-D: listed replicas %v, want %v", e.Dim(), listed, want)
		}
		other, err := runExits(ctx, e, StreamKey{Seed: 8, Labels: []uint64{3}}, ReplicaRange(0, 64), 2)
		if err != nil {
			t.Fatal(err)
		}
		if reflect.DeepEqual(one, other) {
			t.Fatalf("%d-D: a different seed gave the same records", e.Dim())
		}
	}
}

// TestExitPairsMatchRun checks the pair runner of the fast path against its
// contract: every replica's record equals e.Run(ctx, key.Rand(k)) run
// alone, for any number of workers and an odd number of replicas (so a
// worker ends with a replica alone), with exits at very different times and
// censored replicas (η = 0.01, b = 0.6, cap 3000 steps: about a sixth
// censored), on the interface path (test doubles) and a specialised one
// (critical points with Pareto noise).
func TestExitPairsMatchRun(t *testing.T) {
	cp, law := specSystem(t)
	concrete := FirstExit{System: lineSystem(cp, cp.Structure(), law, 0.01, 0.6), Start: []float64{1}, MaxSteps: 3000}
	for _, e := range []FirstExit{doubleWellExit(0.01, 0.6, 1, 3000), concrete} {
		if _, ok := e.line(); !ok {
			t.Fatal("no fast path")
		}
		key := StreamKey{Seed: 11, Labels: []uint64{2}}
		const first, last = 3, 40
		want := make([]ExitRecord, 0, last-first)
		censored := 0
		for k := first; k < last; k++ {
			rec, err := e.Run(context.Background(), key.Rand(k))
			if err != nil {
				t.Fatal(err)
			}
			rec.Replica = k
			want = append(want, rec)
			if rec.Censored {
				censored++
			}
		}
		if censored == 0 || censored == len(want) {
			t.Fatalf("%T: %d of %d censored; the test needs both kinds", e.Landscape, censored, len(want))
		}
		for _, workers := range []int{1, 2, 3} {
			got, err := runExits(context.Background(), e, key, ReplicaRange(first, last), workers)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%T, %d workers: records differ from Run replica by replica", e.Landscape, workers)
			}
		}
	}
}

// TestOneStepExitProbability checks the kernel exactly in law. From the
// minimum x = 1 of the double well with b = ∞, X_1 = 1 + ηZ because
// f'(1) = 0, and the basin (0, 2] is left iff ηZ < −1, which has
// probability p = P(Z < −1/η) = ½(1/η)^{−α} for the symmetric Pareto law.
// With a cap of one step each replica is a Bernoulli(p) exit. The exit count
// of n replicas is compared with Binomial(n, p) by a two-sided normal test at
// false-alarm rate 1e-4 (|z| > 3.89); the companion case with α off by 10%
// must be rejected.
func TestOneStepExitProbability(t *testing.T) {
	const n = 40000
	eta := 0.1
	e := doubleWellExit(eta, math.Inf(1), 1, 1)
	exits := 0
	err := RunExits(context.Background(), e, StreamKey{Seed: 1}, ReplicaRange(0, n), 0, func(r ExitRecord) {
		if !r.Censored {
			exits++
			if r.Landing != 0 || r.Steps != 1 {
				t.Errorf("exit record %+v: want landing 0 after 1 step", r)
			}
		} else if r.Steps != 1 {
			t.Errorf("censored record %+v: want steps = cap = 1", r)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	z := func(alpha float64) float64 {
		p := 0.5 * math.Pow(1/eta, -alpha)
		return (float64(exits) - n*p) / math.Sqrt(n*p*(1-p))
	}
	if zz := z(1.5); math.Abs(zz) > 3.89 {
		t.Errorf("exits = %d of %d: z = %.2f against the exact probability", exits, n, zz)
	}
	if zz := z(1.5 * 1.1); math.Abs(zz) <= 3.89 {
		t.Errorf("wrong α = 1.65 not rejected: z = %.2f", zz)
	}
}

// TestTruncationForbidsOneJumpExit: with b = 0.5 a single step moves at most
// 0.5 < 1 = distance to the saddle, so no replica can exit in one step.
func TestTruncationForbidsOneJumpExit(t *testing.T) {
	recs, err := runExits(context.Background(), doubleWellExit(0.1, 0.5, 1, 1), StreamKey{Seed: 1}, ReplicaRange(0, 5000), 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		if !r.Censored || r.Landing != NoLanding {
			t.Fatalf("record %+v: want censored", r)
		}
	}
}

// firstStepExits returns how many of n replicas of the 2-D quadratic well
// left the basin at step 1 (MaxSteps = 1: the others are censored).
func firstStepExits(t *testing.T, s System, n int, seed uint64) int {
	e := FirstExit{System: s, Start: []float64{0, 0}, MaxSteps: 1}
	recs, err := runExits(context.Background(), e, StreamKey{Seed: seed}, ReplicaRange(0, n), 2)
	if err != nil {
		t.Fatal(err)
	}
	k := 0
	for _, r := range recs {
		if !r.Censored {
			if r.Steps != 1 || r.Landing != landscapes.NoBasin {
				t.Fatalf("record %+v", r)
			}
			k++
		}
	}
	return k
}

// TestVectorFirstStepLaw checks the vector kernel exactly in law. From the
// minimum 0 (∇f = 0) the first step is X_1 = φ_b(ηZ_1): with b > R it
// leaves the ball ‖x‖ < R iff ‖ηZ‖ ≥ R, with probability
// H(R/η) = (R/(ηc))^{−α} exactly (docs/theory.md §3.2). R = 1, η = 0.1,
// c = 1, α = 1.5: p = 10^{−1.5} = 0.0316. Binomial z-test, false-alarm rate
// 0.001 two-sided (|z| > 3.29); the companion prediction 20% too high
// (1.2·H(R/η)) must be rejected. With b = 0.9 < R no single step can leave.
func TestVectorFirstStepLaw(t *testing.T) {
	const n = 20000
	k := firstStepExits(t, quadSystem(t, 1, 0.1, 2), n, 1)
	z := func(p float64) float64 { return (float64(k) - n*p) / math.Sqrt(n*p*(1-p)) }
	if zz := z(math.Pow(10, -1.5)); math.Abs(zz) > 3.29 {
		t.Errorf("%d first-step exits of %d, expected %.1f (z = %.2f)", k, n, n*math.Pow(10, -1.5), zz)
	}
	if zz := z(1.2 * math.Pow(10, -1.5)); math.Abs(zz) <= 3.29 {
		t.Errorf("z = %.2f: a 20%% error was not detected", zz)
	}
	if k := firstStepExits(t, quadSystem(t, 1, 0.1, 0.9), 2000, 2); k != 0 {
		t.Errorf("b < R: %d first-step exits, want 0", k)
	}
}

// TestRunExitsCancel checks that cancelling stops a run promptly, on both
// kernels, and that no replica is reported finished.
func TestRunExitsCancel(t *testing.T) {
	// b = 0.01 and η = 1e-3 make exits practically impossible, so every
	// replica runs to its cap of 10^12 steps unless cancelled.
	for _, e := range []FirstExit{
		doubleWellExit(1e-3, 0.01, 1, 1_000_000_000_000),
		{System: quadSystem(t, 1e9, 1e-3, 0.01), Start: []float64{0, 0}, MaxSteps: 1_000_000_000_000},
	} {
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		begin := time.Now()
		recs, err := runExits(ctx, e, StreamKey{Seed: 1}, ReplicaRange(0, 8), 2)
		cancel()
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("%d-D: err = %v, want deadline exceeded", e.Dim(), err)
		}
		if len(recs) != 0 {
			t.Fatalf("%d-D: %d replicas reported finished", e.Dim(), len(recs))
		}
		if d := time.Since(begin); d > 20*time.Second {
			t.Fatalf("%d-D: cancellation took %v", e.Dim(), d)
		}
	}
}

// TestRunExitsStreams checks that RunExits holds nothing per replica: a set
// of 10^12 replicas starts at once, hands out records as they finish, and
// stops cleanly on cancellation having allocated a few kilobytes per
// thousand replicas (a run that kept a record, a done flag or a generator
// per replica of the set would need tens of terabytes).
func TestRunExitsStreams(t *testing.T) {
	for _, e := range []FirstExit{
		doubleWellExit(0.1, math.Inf(1), 1, 1),
		{System: quadSystem(t, 1, 0.1, 2), Start: []float64{0, 0}, MaxSteps: 1},
	} {
		ctx, cancel := context.WithCancel(context.Background())
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		n := 0
		err := RunExits(ctx, e, StreamKey{Seed: 3}, ReplicaRange(0, 1_000_000_000_000), 2, func(ExitRecord) {
			if n++; n == 20000 {
				cancel()
			}
		})
		runtime.ReadMemStats(&after)
		cancel()
		if !errors.Is(err, context.Canceled) || n < 20000 {
			t.Fatalf("%d-D: err = %v after %d records, want canceled after ≥ 20000", e.Dim(), err, n)
		}
		// Per replica: a generator (32 bytes) and, for the vector kernel,
		// its scratch is per worker; allow 1 KB per replica.
		if a := after.TotalAlloc - before.TotalAlloc; a > 20000*1024 {
			t.Errorf("%d-D: %d bytes allocated for %d replicas", e.Dim(), a, n)
		}
	}
}

// TestFirstExitValidate checks that every invalid parameter is reported as
// a *param.Error naming its field, in one and two dimensions, and that
// RunExits validates before running.
func TestFirstExitValidate(t *testing.T) {
	pareto, _ := noise.NewPareto(1.5, 1, 0.5)
	radial3, _ := noise.NewRadial(3, pareto, nil)
	tests := []struct {
		name, field string
		e           FirstExit
		mod         func(*FirstExit)
	}{
		{"1-D eta zero", "mc.System.Eta", doubleWellExit(0.01, 0.5, 1, 10), func(e *FirstExit) { e.Eta = 0 }},
		{"1-D eta NaN", "mc.System.Eta", doubleWellExit(0.01, 0.5, 1, 10), func(e *FirstExit) { e.Eta = math.NaN() }},
		{"1-D eta Inf", "mc.System.Eta", doubleWellExit(0.01, 0.5, 1, 10), func(e *FirstExit) { e.Eta = math.Inf(1) }},
		{"1-D b negative", "mc.System.B", doubleWellExit(0.01, 0.5, 1, 10), func(e *FirstExit) { e.B = -1 }},
		{"1-D no cap", "mc.FirstExit.MaxSteps", doubleWellExit(0.01, 0.5, 1, 10), func(e *FirstExit) { e.MaxSteps = 0 }},
		{"1-D start outside", "mc.FirstExit.Start", doubleWellExit(0.01, 0.5, 1, 10), func(e *FirstExit) { e.Start = []float64{3} }},
		{"1-D start NaN", "mc.FirstExit.Start", doubleWellExit(0.01, 0.5, 1, 10), func(e *FirstExit) { e.Start = []float64{math.NaN()} }},
		{"1-D start missing", "mc.FirstExit.Start", doubleWellExit(0.01, 0.5, 1, 10), func(e *FirstExit) { e.Start = nil }},
		{"1-D no landscape", "mc.System.Landscape", doubleWellExit(0.01, 0.5, 1, 10), func(e *FirstExit) { e.Landscape = nil }},
		{"1-D no basins", "mc.System.Basins", doubleWellExit(0.01, 0.5, 1, 10), func(e *FirstExit) { e.Basins = nil }},
		{"1-D no minimum", "mc.System.Basins", doubleWellExit(0.01, 0.5, 1, 10), func(e *FirstExit) { e.Basins = landscapes.Structure{Lo: -2, Hi: 2} }},
		{"1-D no noise", "mc.System.Noise", doubleWellExit(0.01, 0.5, 1, 10), func(e *FirstExit) { e.Noise = nil }},
		{"1-D no law", "mc.System.Noise", doubleWellExit(0.01, 0.5, 1, 10), func(e *FirstExit) { e.Noise = noise.Scalar{} }},
		{"1-D bad interval", "landscapes.Interval", doubleWellExit(0.01, 0.5, 1, 10), func(e *FirstExit) { e.Domain = landscapes.Interval{Lo: 2, Hi: -2} }},
		{"2-D start dimension", "mc.FirstExit.Start", FirstExit{System: quadSystem(t, 1, 0.05, 1), MaxSteps: 10}, func(e *FirstExit) { e.Start = []float64{0} }},
		{"2-D start outside basin", "mc.FirstExit.Start", FirstExit{System: quadSystem(t, 1, 0.05, 1), MaxSteps: 10}, func(e *FirstExit) { e.Start = []float64{2, 0} }},
		{"2-D start outside domain", "mc.FirstExit.Start", FirstExit{System: quadSystem(t, 1, 0.05, 1), MaxSteps: 10}, func(e *FirstExit) {
			e.Domain = landscapes.Ball{Radius: 0.1}
			e.Start = []float64{0.5, 0}
		}},
		{"2-D start coordinate", "mc.FirstExit.Start", FirstExit{System: quadSystem(t, 1, 0.05, 1), MaxSteps: 10}, func(e *FirstExit) { e.Start = []float64{0, math.Inf(1)} }},
		{"2-D ball radius", "landscapes.Ball.Radius", FirstExit{System: quadSystem(t, 1, 0.05, 1), MaxSteps: 10}, func(e *FirstExit) { e.Domain = landscapes.Ball{Radius: -1} }},
		{"2-D interval", "mc.System.Domain", FirstExit{System: quadSystem(t, 1, 0.05, 1), MaxSteps: 10}, func(e *FirstExit) { e.Domain = landscapes.Interval{Lo: -1, Hi: 1} }},
		{"2-D noise dimension", "mc.System.Noise", FirstExit{System: quadSystem(t, 1, 0.05, 1), MaxSteps: 10}, func(e *FirstExit) { e.Noise = radial3 }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := tc.e
			if e.Start == nil {
				e.Start = make([]float64, e.Dim())
				if e.Dim() == 1 {
					e.Start[0] = 1
				}
			}
			if err := e.Validate(); err != nil {
				t.Fatalf("the unmodified experiment is invalid: %v", err)
			}
			tc.mod(&e)
			err := RunExits(context.Background(), e, StreamKey{}, ReplicaRange(0, 2), 1, nil)
			if pe := param.As(err); pe == nil || pe.Name != tc.field {
				t.Errorf("error %v, want a *param.Error naming %s", err, tc.field)
			}
		})
	}
}
