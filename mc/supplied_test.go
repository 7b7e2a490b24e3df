package mc

import (
	"context"
	"math"
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

// TestSuppliedExitDoesNotAllocate checks that Advance and Trace do not
// allocate.
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
		xs := make([]float64, len(z))
		if a := testing.AllocsPerRun(100, func() { s.Trace(start, z, xs) }); a != 0 {
			t.Errorf("%d-D: %v allocations per Trace", sys.Dim(), a)
		}
	}
}

// TestSuppliedTraceMatchesAdvance checks Trace against Advance and against
// itself: fed the same noise in chunks of 777 steps, Trace takes the steps
// Advance takes and ends at the same point, bit for bit, and the iterates
// it records are the points that Advance visits when it is fed one step at
// a time; on the specialised one-dimensional kernel, the interface kernel
// of a test double and the specialised vector kernel. The generated trace
// kernels are also compared with the interface versions they copy.
func TestSuppliedTraceMatchesAdvance(t *testing.T) {
	cp, law := specSystem(t)
	for _, e := range []FirstExit{
		{System: lineSystem(cp, cp.Structure(), law, 0.01, 0.6), Start: []float64{1}, MaxSteps: 20_000},
		doubleWellExit(0.01, 0.6, 1, 20_000),
		{System: quadSystem(t, 1, 0.05, 1.5), Start: []float64{0.1, 0}, MaxSteps: 20_000},
	} {
		d := e.Dim()
		adv, err := NewSuppliedExit(e.System, e.Start)
		if err != nil {
			t.Fatal(err)
		}
		trace, step := adv.Clone(), adv.Clone()
		key := StreamKey{Seed: 13}
		exits := 0
		for k := range 20 {
			r := key.Rand(k)
			xa, xt, xs1 := slices.Clone(e.Start), slices.Clone(e.Start), slices.Clone(e.Start)
			z, xs := make([]float64, 777*d), make([]float64, 777*d)
			var n int64
			for left := false; n < e.MaxSteps && !left; {
				for i := range 777 {
					e.Noise.Sample(r, z[i*d:(i+1)*d])
				}
				sa, la := adv.Advance(xa, z)
				st, lt := trace.Trace(xt, z, xs)
				if sa != st || la != lt || !slices.Equal(xa, xt) {
					t.Fatalf("%d-D replica %d: Trace (%d, %v, %v), Advance (%d, %v, %v)", d, k, st, lt, xt, sa, la, xa)
				}
				for i := range st {
					step.Advance(xs1, z[i*d:(i+1)*d])
					if !slices.Equal(xs1, xs[i*d:(i+1)*d]) {
						t.Fatalf("%d-D replica %d: iterate %d traced as %v, stepped to %v", d, k, n+int64(i)+1, xs[i*d:(i+1)*d], xs1)
					}
				}
				n, left = n+int64(st), lt
				if lt {
					exits++
				}
			}
		}
		if exits == 0 {
			t.Fatalf("%d-D: no exit", d)
		}
	}
}

// TestTraceKernelsBitIdentical checks every generated trace kernel against
// the interface version it copies: the same steps, exit, final point and
// recorded iterates, bit for bit.
func TestTraceKernelsBitIdentical(t *testing.T) {
	for _, kc := range kernelCases(t) {
		gen, specialised := lineTraceKernelFor(kc.curve)
		if !specialised {
			t.Fatalf("no specialised trace kernel for %T", kc.curve)
		}
		lo, hi := kc.curve.Domain()
		left, right := kc.st.Interval(kc.st.Basin(kc.start))
		p := lineParams{eta: kc.eta, b: 0.6, lo: lo, hi: hi, left: left, right: right}
		law := kernelLaws(t)[0]
		r := StreamKey{Seed: 14}.Rand(0)
		zs := make([]float64, 50_000)
		for i := range zs {
			zs[i] = law.Sample(r)
		}
		xs1, xs2 := make([]float64, len(zs)), make([]float64, len(zs))
		x1, n1, out1 := gen(p, kc.start, zs, xs1)
		x2, n2, out2 := lineTraceKernel(kc.curve, p, kc.start, zs, xs2)
		if math.Float64bits(x1) != math.Float64bits(x2) || n1 != n2 || out1 != out2 || !slices.Equal(xs1[:n1], xs2[:n2]) {
			t.Fatalf("%s: specialised trace (%v, %d, %v) ≠ interface trace (%v, %d, %v)", kc.name, x1, n1, out1, x2, n2, out2)
		}
	}
	for _, vc := range vectorCases(t) {
		gen, specialised := vectorTraceKernelFor(vc.l, vc.dom)
		if !specialised {
			t.Fatalf("no specialised trace kernel for %T", vc.l)
		}
		z := vectorNoises(t)[0]
		sys := System{Landscape: vc.l, Basins: vc.bs, Noise: z, Eta: vc.eta, B: vc.b, Domain: vc.dom}
		_, p := sys.vector(vc.bs.Locate(vc.start))
		d := len(vc.start)
		r := StreamKey{Seed: 15}.Rand(0)
		zs := make([]float64, 5000*d)
		for i := range 5000 {
			z.Sample(r, zs[i*d:(i+1)*d])
		}
		x1, x2 := slices.Clone(vc.start), slices.Clone(vc.start)
		xs1, xs2 := make([]float64, len(zs)), make([]float64, len(zs))
		n1, out1, lab1 := gen(p, x1, make([]float64, d), zs, xs1)
		n2, out2, lab2 := vectorTraceKernel(vc.l, vc.dom, p, x2, make([]float64, d), zs, xs2)
		if n1 != n2 || out1 != out2 || lab1 != lab2 || !slices.Equal(x1, x2) || !slices.Equal(xs1[:n1*d], xs2[:n2*d]) {
			t.Fatalf("%s: specialised trace (%d, %v, %d) ≠ interface trace (%d, %v, %d)", vc.name, n1, out1, lab1, n2, out2, lab2)
		}
	}
}
