package mc

import (
	"context"
	"slices"
	"testing"

	"github.com/htsgd/htsgd/param"
)

// TestSuppliedExitMatchesFirstExit checks SuppliedExit against FirstExit:
// fed, in chunks of 1000 steps, the noise that FirstExit.Run draws from the
// same generator (the system's Noise.Sample, one vector per step), it
// leaves the basin at the step FirstExit records, at a point in the basin
// FirstExit records as the landing; on the fast path (specialised and
// test doubles) and the vector kernel, and for a clone.
func TestSuppliedExitMatchesFirstExit(t *testing.T) {
	cp, law := specSystem(t)
	for _, e := range []FirstExit{
		{System: lineSystem(cp, cp.Structure(), law, 0.01, 0.6), Start: []float64{1}, MaxSteps: 20_000},
		doubleWellExit(0.01, 0.6, 1, 20_000),
		{System: quadSystem(t, 1, 0.05, 1.5), Start: []float64{0.1, 0}, MaxSteps: 20_000},
	} {
		s, err := NewSuppliedExit(e.System, e.Start)
		if err != nil {
			t.Fatal(err)
		}
		if s.Basin() != e.Basin() {
			t.Fatalf("basin %d, want %d", s.Basin(), e.Basin())
		}
		key := StreamKey{Seed: 12}
		d := e.Dim()
		exits := 0
		for k := range 30 {
			if k%2 == 1 {
				s = s.Clone()
			}
			want, err := e.Run(context.Background(), key.Rand(k))
			if err != nil {
				t.Fatal(err)
			}
			r := key.Rand(k)
			x := slices.Clone(e.Start)
			z := make([]float64, 1000*d)
			var (
				n    int64
				left bool
			)
			for n < e.MaxSteps && !left {
				m := min(1000, e.MaxSteps-n)
				for i := range int(m) {
					e.Noise.Sample(r, z[i*d:(i+1)*d])
				}
				steps, out := s.Advance(x, z[:int(m)*d])
				n, left = n+int64(steps), out
			}
			got := ExitRecord{Steps: n, Censored: !left, Landing: NoLanding}
			if left {
				got.Landing = s.Landing(x)
				exits++
			}
			if got != want {
				t.Fatalf("%d-D replica %d: supplied noise gives %+v, FirstExit %+v", d, k, got, want)
			}
		}
		if exits == 0 {
			t.Fatalf("%d-D: no exit", d)
		}
	}
	if _, err := NewSuppliedExit(doubleWellSystem(0.01, 0.5), []float64{5}); param.As(err) == nil || param.As(err).Name != "mc.SuppliedExit.Start" {
		t.Errorf("a start outside the domain: %v", err)
	}
}

// TestSuppliedExitDoesNotAllocate checks that Advance does not allocate.
func TestSuppliedExitDoesNotAllocate(t *testing.T) {
	for _, sys := range []System{doubleWellSystem(0.01, 0.5), quadSystem(t, 1e6, 0.01, 0.5)} {
		start := make([]float64, sys.Dim())
		start[0] = 1
		s, err := NewSuppliedExit(sys, start)
		if err != nil {
			t.Fatal(err)
		}
		z := make([]float64, 100*sys.Dim())
		if a := testing.AllocsPerRun(100, func() { s.Advance(start, z) }); a != 0 {
			t.Errorf("%d-D: %v allocations per Advance", sys.Dim(), a)
		}
	}
}
