package mc

import (
	"context"
	"fmt"
	"math"
	"os/exec"
	"reflect"
	"testing"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/noise"
)

// kernelCase is a curve with the parameters of a run on it: a start in a
// basin with an exitable side, the step size, and the structure.
type kernelCase struct {
	name  string
	curve landscapes.Line
	st    landscapes.Structure
	start float64
	eta   float64
}

// kernelCases returns one case per concrete curve that has generated
// kernels (landscapes.Paper1D, CriticalPoints, Quadratic).
func kernelCases(t *testing.T) []kernelCase {
	p1, err := landscapes.NewPaper1D(landscapes.Paper1DLo, landscapes.Paper1DHi)
	if err != nil {
		t.Fatal(err)
	}
	p1s, err := landscapes.Discover(p1)
	if err != nil {
		t.Fatal(err)
	}
	cp, err := landscapes.NewCriticalPoints(1, []float64{-1, 0, 1}, -2, 2)
	if err != nil {
		t.Fatal(err)
	}
	q, err := landscapes.NewQuadratic(1, -2.1, 1.5)
	if err != nil {
		t.Fatal(err)
	}
	return []kernelCase{
		{"paper-1d", p1, p1s, p1s.Minima[1], 1e-3},
		{"critical-points", cp, cp.Structure(), 1, 0.01},
		{"quadratic", q, q.Structure(), 0, 0.01},
	}
}

// kernelLaws returns laws of every concrete type that has generated kernels,
// Pareto and Lomax both symmetric and with p_+ ≠ ½ (which sends ⅛ of the
// draws to the slow path for the sign).
func kernelLaws(t *testing.T) []noise.Law {
	var laws []noise.Law
	for _, l := range []struct {
		name                string
		alpha, scale, pPlus float64
		pGiven              bool
	}{
		{"pareto", 1.2, 0.1, 0, false},
		{"pareto", 1.5, 1, 0.7, true},
		{"lomax", 1.2, 0.1, 0, false},
		{"lomax", 1.5, 1, 0.3, true},
		{"student-t", 1.5, 0.5, 0, false},
		{"stable", 1.4, 0.2, 0, false},
		{"gaussian", math.NaN(), 0.3, 0, false},
	} {
		law, err := noise.New(l.name, l.alpha, l.scale, l.pPlus, l.pGiven)
		if err != nil {
			t.Fatal(err)
		}
		laws = append(laws, law)
	}
	return laws
}

// TestSpecialisedExitKernelsBitIdentical checks the contract of
// kernels_gen.go: for every concrete (curve, law) pair the dispatcher
// returns a specialised kernel, and that kernel produces bit-identical
// results to the generic exitKernel (instantiated with the interfaces, as
// for a user-defined type) from the same generator state — the same final
// point, step count and exit flag, and the generator left in the same
// state. Each pair is run twice: 2·10^4 steps in an unexitable basin
// (every step of the path feeds the final x), and a real first exit with
// b = 0.6 capped at 10^5 steps.
func TestSpecialisedExitKernelsBitIdentical(t *testing.T) {
	ctx := context.Background()
	for _, kc := range kernelCases(t) {
		for li, law := range kernelLaws(t) {
			t.Run(fmt.Sprintf("%s/%d-%s", kc.name, li, law.Name()), func(t *testing.T) {
				kernel, specialised := exitKernelFor(kc.curve, law)
				if !specialised {
					t.Fatalf("no specialised kernel for %T and %T", kc.curve, law)
				}
				lo, hi := kc.curve.Domain()
				basin := kc.st.Basin(kc.start)
				left, right := kc.st.Interval(basin)
				for _, run := range []struct {
					p        exitParams
					maxSteps int64
				}{
					{exitParams{eta: kc.eta, b: 0.5, lo: lo, hi: hi, left: math.Inf(-1), right: math.Inf(1)}, 20000},
					{exitParams{eta: kc.eta, b: 0.6, lo: lo, hi: hi, left: left, right: right}, 100_000},
				} {
					key := StreamKey{Seed: 5, Labels: []uint64{uint64(li)}}
					r1, r2 := key.Rand(3), key.Rand(3)
					x1, n1, out1 := kernel(ctx, r1, run.p, kc.start, run.maxSteps)
					x2, n2, out2 := exitKernel[landscapes.Curve, noise.Law](ctx, kc.curve, law, r2, run.p, kc.start, run.maxSteps)
					if math.Float64bits(x1) != math.Float64bits(x2) || n1 != n2 || out1 != out2 || *r1 != *r2 {
						t.Fatalf("specialised (%v, %d, %v) ≠ generic (%v, %d, %v) (generators equal: %v)",
							x1, n1, out1, x2, n2, out2, *r1 == *r2)
					}
					t.Logf("x = %.17g after %d steps, exit %v", x1, n1, out1)
				}
			})
		}
	}
}

// TestSpecialisedTrajectoryKernelsBitIdentical is the same check for the
// trajectory kernel: 3·10^4 steps with b = 0.5 (transitions happen on the
// double well and the quadratic's single basin is trivially recorded) must
// give deep-equal records and state and the same generator state.
func TestSpecialisedTrajectoryKernelsBitIdentical(t *testing.T) {
	for _, kc := range kernelCases(t) {
		for li, law := range kernelLaws(t) {
			t.Run(fmt.Sprintf("%s/%d-%s", kc.name, li, law.Name()), func(t *testing.T) {
				kernel, specialised := trajectoryKernelFor(kc.curve, law)
				if !specialised {
					t.Fatalf("no specialised kernel for %T and %T", kc.curve, law)
				}
				lo, hi := kc.curve.Domain()
				n := kc.st.N()
				p := trajectoryParams{saddles: kc.st.Saddles, minima: kc.st.Minima, snapshots: []int64{1, 500, 29999},
					eta: kc.eta, b: 0.5, lo: lo, hi: hi, radius: 0.01}
				newRec := func() *TrajectoryRecord {
					rec := &TrajectoryRecord{BasinSteps: make([]int64, n), MarkerSteps: make([]int64, n),
						Crossings: make([][]int64, n), SnapshotBasin: make([]int, 3), SnapshotMarker: make([]int, 3)}
					for i := range rec.Crossings {
						rec.Crossings[i] = make([]int64, n)
					}
					return rec
				}
				b0 := kc.st.Basin(kc.start)
				st1 := trajectoryState{x: kc.start, basin: b0, marker: b0}
				st2 := st1
				rec1, rec2 := newRec(), newRec()
				key := StreamKey{Seed: 6, Labels: []uint64{uint64(li)}}
				r1, r2 := key.Rand(0), key.Rand(0)
				for from := int64(0); from < 30000; from += 10000 { // three chunks
					kernel(r1, &st1, rec1, &p, from, from+10000)
					trajectoryKernel[landscapes.Curve, noise.Law](kc.curve, law, r2, &st2, rec2, &p, from, from+10000)
				}
				if math.Float64bits(st1.x) != math.Float64bits(st2.x) || st1 != st2 || *r1 != *r2 || !reflect.DeepEqual(rec1, rec2) {
					t.Fatalf("specialised state %+v ≠ generic %+v, or records differ", st1, st2)
				}
				t.Logf("x = %.17g, %d transitions, basin steps %v", st1.x, len(rec1.Transitions), rec1.BasinSteps)
			})
		}
	}
}

// TestKernelForFallsBack checks that types without generated kernels (the
// test doubles) get the generic kernels, which still run.
func TestKernelForFallsBack(t *testing.T) {
	law := symmetricPareto{alpha: 1.5}
	if _, specialised := exitKernelFor(doubleWell{}, law); specialised {
		t.Error("exitKernelFor: the test doubles got a specialised kernel")
	}
	if _, specialised := trajectoryKernelFor(doubleWell{}, law); specialised {
		t.Error("trajectoryKernelFor: the test doubles got a specialised kernel")
	}
	cp, err := landscapes.NewCriticalPoints(1, []float64{-1, 0, 1}, -2, 2)
	if err != nil {
		t.Fatal(err)
	}
	if _, specialised := exitKernelFor(cp, law); specialised {
		t.Error("exitKernelFor: a user-defined law got a specialised kernel")
	}
}

// TestKernelsGenUpToDate checks that kernels_gen.go is what kernelgen
// writes from the current exit.go and trajectory.go (run go generate ./mc
// after editing a generic kernel).
func TestKernelsGenUpToDate(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs kernelgen")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go tool not found")
	}
	out, err := exec.Command(goTool, "run", "./internal/kernelgen", "-check", "-o", "kernels_gen.go").CombinedOutput()
	if err != nil {
		t.Fatalf("%v: %s", err, out)
	}
}
