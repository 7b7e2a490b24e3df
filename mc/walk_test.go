package mc

import (
	"context"
	"errors"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/param"
)

// recorder is an Observer that keeps every iterate and checks that the
// chunks are consecutive.
type recorder struct {
	t    *testing.T
	d    int
	next int64
	xs   []float64
}

func (o *recorder) Observe(first int64, xs []float64) error {
	if first != o.next+1 || len(xs) == 0 || len(xs)%o.d != 0 || len(xs) > walkChunk*o.d {
		o.t.Fatalf("chunk of %d values from step %d after step %d", len(xs), first, o.next)
	}
	o.next += int64(len(xs) / o.d)
	o.xs = append(o.xs, xs...)
	return nil
}

// TestWalkIsTheRecursion checks that a walk visits the points of the SGD
// recursion computed step by step by hand, from the same generator: in one
// dimension Step(x, f'(x), Z, η, b, lo, hi) with Z drawn by the law, on a
// specialised curve and law and on the test doubles; in R² StepVector with
// Z drawn by the radial law. 2500 steps (two full chunks and a partial one).
func TestWalkIsTheRecursion(t *testing.T) {
	cp, law := specSystem(t)
	const steps = 2500
	for _, w := range []Walk{
		{System: lineSystem(cp, cp.Structure(), law, 0.01, 0.5), Start: []float64{1}, Steps: steps},
		{System: doubleWellSystem(0.01, 0.5), Start: []float64{1}, Steps: steps},
		{System: quadSystem(t, 1, 0.01, 0.5), Start: []float64{0.1, -0.2}, Steps: steps},
	} {
		if err := w.Validate(); err != nil {
			t.Fatal(err)
		}
		key := StreamKey{Seed: 4}
		obs := &recorder{t: t, d: w.Dim()}
		if err := w.Run(context.Background(), key.Rand(0), obs); err != nil {
			t.Fatal(err)
		}
		r := key.Rand(0)
		x := slices.Clone(w.Start)
		g, z := make([]float64, w.Dim()), make([]float64, w.Dim())
		var want []float64
		for range steps {
			if _, ok := w.line(); ok {
				zz := w.Noise.Sample(r, z)[0]
				x[0] = Step(x[0], w.Landscape.(landscapes.Curve).Deriv(x[0]), zz, w.Eta, w.B, -2, 2)
			} else {
				w.Landscape.Gradient(g, x)
				w.Noise.Sample(r, z)
				StepVector(x, g, z, w.Eta, w.B, w.Domain)
			}
			want = append(want, x...)
		}
		if obs.next != steps || !slices.Equal(obs.xs, want) {
			t.Fatalf("%T: the walk's %d iterates differ from the recursion", w.Landscape, obs.next)
		}
	}
}

// TestWalkStops checks that an observer's error stops the walk and is
// returned, that cancellation stops a long walk promptly, and that bad
// parameters are *param.Error.
func TestWalkStops(t *testing.T) {
	w := Walk{System: doubleWellSystem(0.01, 0.5), Start: []float64{1}, Steps: 1 << 40}
	stop := errors.New("enough")
	seen := int64(0)
	err := w.Run(context.Background(), StreamKey{}.Rand(0), ObserverFunc(func(first int64, xs []float64) error {
		seen = first + int64(len(xs)) - 1
		if seen >= 5000 {
			return stop
		}
		return nil
	}))
	if !errors.Is(err, stop) || seen != 5120 {
		t.Errorf("err = %v after %d steps, want the observer's error after 5120", err, seen)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	begin := time.Now()
	err = w.Run(ctx, StreamKey{}.Rand(0), ObserverFunc(func(int64, []float64) error { return nil }))
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(begin) > 10*time.Second {
		t.Errorf("err = %v after %v, want a prompt deadline", err, time.Since(begin))
	}
	for _, tc := range []struct {
		field string
		mod   func(*Walk)
	}{
		{"mc.Walk.Steps", func(w *Walk) { w.Steps = 0 }},
		{"mc.Walk.Start", func(w *Walk) { w.Start = []float64{math.NaN()} }},
		{"mc.System.B", func(w *Walk) { w.B = 0 }},
	} {
		bad := w
		tc.mod(&bad)
		if pe := param.As(bad.Validate()); pe == nil || pe.Name != tc.field {
			t.Errorf("error %v, want one naming %s", bad.Validate(), tc.field)
		}
	}
}

// TestWalkMatchesTrajectory checks that a walk and a trajectory with the
// same generator visit the same points: the basin occupation counted from
// the walk's iterates is the trajectory's record.
func TestWalkMatchesTrajectory(t *testing.T) {
	e := doubleWellTrajectory(1.5, 50_000, nil)
	rec, err := e.Run(context.Background(), StreamKey{Seed: 2}.Rand(7))
	if err != nil {
		t.Fatal(err)
	}
	var basin [2]int64
	err = Walk{System: e.System, Start: e.Start, Steps: e.Steps}.Run(context.Background(), StreamKey{Seed: 2}.Rand(7),
		ObserverFunc(func(_ int64, xs []float64) error {
			for _, x := range xs {
				basin[doubleWellStructure.Basin(x)]++
			}
			return nil
		}))
	if err != nil {
		t.Fatal(err)
	}
	if basin[0] != rec.BasinSteps[0] || basin[1] != rec.BasinSteps[1] || basin[0] == 0 || basin[1] == 0 {
		t.Errorf("walk basin steps %v, trajectory %v", basin, rec.BasinSteps)
	}
}

// TestNoAllocationPerStep checks that the vector kernels stream: the
// allocations of a first exit, a walk and a trajectory in R² do not grow
// with the number of steps (10^3 against 10^5 steps in a basin that is
// never left), and neither do the one-dimensional ones'.
func TestNoAllocationPerStep(t *testing.T) {
	for _, sys := range []System{quadSystem(t, 1e9, 1e-3, 0.6), doubleWellSystem(1e-3, 0.01)} {
		start := make([]float64, sys.Dim())
		start[0] = 1
		if sys.Dim() == 2 {
			start[0] = 0
		}
		allocs := func(steps int64) (exit, walk, trajectory float64) {
			e := FirstExit{System: sys, Start: start, MaxSteps: steps}
			w := Walk{System: sys, Start: start, Steps: steps}
			tr := Trajectory{System: sys, Start: start, Steps: steps, Radius: 0.1}
			nop := ObserverFunc(func(int64, []float64) error { return nil })
			exit = testing.AllocsPerRun(3, func() { _, _ = e.Run(context.Background(), StreamKey{}.Rand(0)) })
			walk = testing.AllocsPerRun(3, func() { _ = w.Run(context.Background(), StreamKey{}.Rand(0), nop) })
			trajectory = testing.AllocsPerRun(3, func() { _, _ = tr.Run(context.Background(), StreamKey{}.Rand(0)) })
			return exit, walk, trajectory
		}
		e1, w1, t1 := allocs(1000)
		e2, w2, t2 := allocs(100_000)
		if e1 != e2 || w1 != w2 || t1 != t2 {
			t.Errorf("%d-D: allocations grow with the steps: exit %v → %v, walk %v → %v, trajectory %v → %v", sys.Dim(), e1, e2, w1, w2, t1, t2)
		}
	}
}
