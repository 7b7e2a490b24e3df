package mc

import (
	"context"
	"fmt"
	"math"
	"os/exec"
	"reflect"
	"slices"
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
func kernelCases(t testing.TB) []kernelCase {
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
func kernelLaws(t testing.TB) []noise.Law {
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

// TestLineExitKernelsBitIdentical checks the contract of kernels_gen.go for
// the one-dimensional exit kernels: for every concrete (curve, law) pair
// the dispatchers return specialised kernels, and they produce
// bit-identical results to the interface versions (the slow path of a
// user-defined type) from the same generator state — the same final point,
// step count and exit flag, and the generator left in the same state. The
// single kernel runs twice: 2·10^4 steps in an unexitable basin (every step
// of the path feeds the final x), and a real first exit with b = 0.6
// capped at 10^5 steps. The pair kernel runs until the first of two exits
// (b = 0.6, at most 5·10^4 steps), and each of its chains must be where
// the single kernel puts it after the same number of steps.
func TestLineExitKernelsBitIdentical(t *testing.T) {
	ctx := context.Background()
	for _, kc := range kernelCases(t) {
		for li, law := range kernelLaws(t) {
			t.Run(fmt.Sprintf("%s/%d-%s", kc.name, li, law.Name()), func(t *testing.T) {
				kernel, specialised := lineExitKernelFor(kc.curve, law)
				pair, pairSpecialised := linePairKernelFor(kc.curve, law)
				if !specialised || !pairSpecialised {
					t.Fatalf("no specialised kernel for %T and %T", kc.curve, law)
				}
				lo, hi := kc.curve.Domain()
				left, right := kc.st.Interval(kc.st.Basin(kc.start))
				for _, run := range []struct {
					p        lineParams
					maxSteps int64
				}{
					{lineParams{eta: kc.eta, b: 0.5, lo: lo, hi: hi, left: math.Inf(-1), right: math.Inf(1)}, 20000},
					{lineParams{eta: kc.eta, b: 0.6, lo: lo, hi: hi, left: left, right: right}, 100_000},
				} {
					key := StreamKey{Seed: 5, Labels: []uint64{uint64(li)}}
					r1, r2 := key.Rand(3), key.Rand(3)
					x1, n1, out1 := kernel(ctx, r1, run.p, kc.start, run.maxSteps)
					x2, n2, out2 := lineExitKernel(ctx, kc.curve, law, r2, run.p, kc.start, run.maxSteps)
					if math.Float64bits(x1) != math.Float64bits(x2) || n1 != n2 || out1 != out2 || *r1 != *r2 {
						t.Fatalf("specialised (%v, %d, %v) ≠ interface (%v, %d, %v) (generators equal: %v)",
							x1, n1, out1, x2, n2, out2, *r1 == *r2)
					}
				}
				p := lineParams{eta: kc.eta, b: 0.6, lo: lo, hi: hi, left: left, right: right}
				key := StreamKey{Seed: 9, Labels: []uint64{uint64(li)}}
				ra, rb, ga, gb := key.Rand(0), key.Rand(1), key.Rand(0), key.Rand(1)
				xa, xb, n, outA, outB := pair(ra, rb, p, kc.start, kc.start, 50_000)
				ya, yb, m, gOutA, gOutB := lineExitPairKernel(kc.curve, law, ga, gb, p, kc.start, kc.start, 50_000)
				if math.Float64bits(xa) != math.Float64bits(ya) || math.Float64bits(xb) != math.Float64bits(yb) ||
					n != m || outA != gOutA || outB != gOutB || *ra != *ga || *rb != *gb {
					t.Fatalf("specialised pair (%v, %v, %d, %v, %v) ≠ interface (%v, %v, %d, %v, %v)", xa, xb, n, outA, outB, ya, yb, m, gOutA, gOutB)
				}
				sa, sb := key.Rand(0), key.Rand(1)
				za, na, oa := kernel(ctx, sa, p, kc.start, n)
				zb, nb, ob := kernel(ctx, sb, p, kc.start, n)
				if math.Float64bits(xa) != math.Float64bits(za) || math.Float64bits(xb) != math.Float64bits(zb) ||
					na != n || nb != n || oa != outA || ob != outB || *ra != *sa || *rb != *sb {
					t.Fatalf("pair after %d steps (%v %v, %v %v) ≠ singles (%v after %d %v, %v after %d %v)",
						n, xa, outA, xb, outB, za, na, oa, zb, nb, ob)
				}
			})
		}
	}
}

// TestLineWalkAndSuppliedKernelsBitIdentical checks the one-dimensional walk
// and supplied-noise kernels: the specialised walk stores the same 3·10^4
// iterates as the interface version (in three chunks) and leaves the
// generator in the same state; the supplied-noise kernel, fed the draws
// that the exit kernel would make (law.Sample, one per step), stops at the
// same step and point as the exit kernel, specialised or not; and the walk
// from the same generator is at that point after that many steps (so the
// exit kernels do the arithmetic of the walks that TestReferenceRecords
// pins to the old step function).
func TestLineWalkAndSuppliedKernelsBitIdentical(t *testing.T) {
	ctx := context.Background()
	for _, kc := range kernelCases(t) {
		supplied, specialised := lineSuppliedKernelFor(kc.curve)
		if !specialised {
			t.Fatalf("no specialised supplied-noise kernel for %T", kc.curve)
		}
		for li, law := range kernelLaws(t) {
			t.Run(fmt.Sprintf("%s/%d-%s", kc.name, li, law.Name()), func(t *testing.T) {
				walk, specialised := lineWalkKernelFor(kc.curve, law)
				if !specialised {
					t.Fatalf("no specialised walk kernel for %T and %T", kc.curve, law)
				}
				lo, hi := kc.curve.Domain()
				p := lineParams{eta: kc.eta, b: 0.5, lo: lo, hi: hi}
				key := StreamKey{Seed: 6, Labels: []uint64{uint64(li)}}
				r1, r2 := key.Rand(0), key.Rand(0)
				xs1, xs2 := make([]float64, 30000), make([]float64, 30000)
				x1, x2 := kc.start, kc.start
				for from := 0; from < 30000; from += 10000 {
					x1 = walk(r1, p, x1, xs1[from:from+10000])
					x2 = lineWalkKernel(kc.curve, law, r2, p, x2, xs2[from:from+10000])
				}
				if !slices.Equal(xs1, xs2) || math.Float64bits(x1) != math.Float64bits(x2) || *r1 != *r2 {
					t.Fatal("specialised walk ≠ interface walk")
				}

				left, right := kc.st.Interval(kc.st.Basin(kc.start))
				p = lineParams{eta: kc.eta, b: 0.6, lo: lo, hi: hi, left: left, right: right}
				const maxSteps = 100_000
				xe, ne, oute := lineExitKernel(ctx, kc.curve, law, key.Rand(1), p, kc.start, maxSteps)
				r := key.Rand(1)
				zs := make([]float64, 777) // chunks that do not divide the exit step
				x, n, out := kc.start, int64(0), false
				for n < maxSteps && !out {
					m := min(int64(len(zs)), maxSteps-n)
					for i := range m {
						zs[i] = law.Sample(r)
					}
					var k int
					if li%2 == 0 {
						x, k, out = supplied(p, x, zs[:m])
					} else {
						x, k, out = lineSuppliedKernel(kc.curve, p, x, zs[:m])
					}
					n += int64(k)
				}
				if math.Float64bits(x) != math.Float64bits(xe) || n != ne || out != oute {
					t.Fatalf("supplied noise: (%v, %d, %v), exit kernel (%v, %d, %v)", x, n, out, xe, ne, oute)
				}
				if xw := walk(key.Rand(1), p, kc.start, make([]float64, ne)); math.Float64bits(xw) != math.Float64bits(xe) {
					t.Fatalf("the walk is at %v after %d steps, the exit kernel at %v", xw, ne, xe)
				}
			})
		}
	}
}

// TestLineTrajectoryKernelsBitIdentical is the same check for the
// trajectory kernel: 3·10^4 steps in three chunks with b = 0.5
// (transitions happen on the double well, and the quadratic's single basin
// is trivially recorded) must give deep-equal records and state, the same
// final point and the same generator state.
func TestLineTrajectoryKernelsBitIdentical(t *testing.T) {
	for _, kc := range kernelCases(t) {
		if kc.st.OpenLo || kc.st.OpenHi {
			kc.st.OpenLo, kc.st.OpenHi = false, false // a trajectory needs closed ends
		}
		for li, law := range kernelLaws(t) {
			t.Run(fmt.Sprintf("%s/%d-%s", kc.name, li, law.Name()), func(t *testing.T) {
				kernel, specialised := lineTrajectoryKernelFor(kc.curve, law)
				if !specialised {
					t.Fatalf("no specialised kernel for %T and %T", kc.curve, law)
				}
				sys := lineSystem(kc.curve, kc.st, law, kc.eta, 0.5)
				e := Trajectory{System: sys, Start: []float64{kc.start}, Steps: 30000, Radius: 0.01, Snapshots: []int64{0, 1, 500, 29999}}
				if err := e.Validate(); err != nil {
					t.Fatal(err)
				}
				l, _ := e.line()
				t1, t2 := newLineTrajectory(e, l), newLineTrajectory(e, l)
				p := lineParams{eta: e.Eta, b: e.B, lo: l.lo, hi: l.hi}
				key := StreamKey{Seed: 6, Labels: []uint64{uint64(li)}}
				r1, r2 := key.Rand(0), key.Rand(0)
				x1, x2 := kc.start, kc.start
				for from := int64(0); from < 30000; from += 10000 {
					x1 = kernel(r1, t1, p, x1, from, from+10000)
					x2 = lineTrajectoryKernel(kc.curve, law, r2, t2, p, x2, from, from+10000)
				}
				if math.Float64bits(x1) != math.Float64bits(x2) || *r1 != *r2 || !reflect.DeepEqual(t1, t2) {
					t.Fatalf("specialised state %+v ≠ interface %+v, or records differ", *t1, *t2)
				}
			})
		}
	}
}

// vectorCase is a concrete R^d landscape with its basins, a start and the
// parameters of a run on it.
type vectorCase struct {
	name   string
	l      landscapes.Landscape
	bs     landscapes.Basins
	dom    landscapes.Domain
	start  []float64
	eta, b float64
}

// vectorCases returns one case per concrete R^d landscape that has
// generated kernels (QuadraticRd, GaussianWells, HimmelblauModified).
func vectorCases(t testing.TB) []vectorCase {
	q, err := landscapes.NewQuadraticRd([][]float64{{1.5, 0.5}, {0.5, 1}}, 1)
	if err != nil {
		t.Fatal(err)
	}
	g, gm := gaussianWells(t)
	h, hm := himmelblau(t)
	return []vectorCase{
		{"quadratic-rd", q, q, landscapes.Ball{Radius: math.Inf(1)}, []float64{0.1, 0}, 0.05, 1.5},
		{"gaussian-wells", g, gm, landscapes.Ball{Radius: 2.5}, []float64{-1, 0}, 0.05, 0.8},
		{"himmelblau", h, hm, landscapes.Ball{Radius: 4.2}, []float64{2.9, 1}, 0.01, 2.15},
	}
}

// vectorNoises returns an isotropic Pareto law, a finite-direction
// Student-t law and an isotropic gaussian law in R².
func vectorNoises(t testing.TB) []noise.Radial {
	pareto, _ := noise.NewPareto(1.2, 0.75, 0.5)
	studentT, _ := noise.NewStudentT(2.5, 1)
	gauss, _ := noise.NewGaussian(2)
	finite := &noise.Angular{Directions: [][]float64{{1, 0}, {-1, 0}, {0, 1}, {0, -1}, {1, 1}, {-1, -1}}}
	var zs []noise.Radial
	for _, c := range []struct {
		law noise.Law
		ang *noise.Angular
	}{{pareto, nil}, {studentT, finite}, {gauss, nil}} {
		z, err := noise.NewRadial(2, c.law, c.ang)
		if err != nil {
			t.Fatal(err)
		}
		zs = append(zs, z)
	}
	return zs
}

// TestVectorKernelsBitIdentical checks the contract of kernels_gen.go for
// the vector kernels: for every concrete R^d landscape with a radial law
// and a ball the dispatchers return specialised kernels, and they give
// bit-identical results to the interface versions from the same generator
// state: first exits (steps, exit flag, landing, final point, generator
// state) for 12 replicas capped at 2·10^4 steps (some must exit on each
// landscape); 6000 walk iterates in three chunks; and the supplied-noise
// kernel fed the exit kernel's draws (noise.Radial.Sample, one vector per
// step) stops where the exit kernel does, where the walk from the same
// generator is after as many steps.
func TestVectorKernelsBitIdentical(t *testing.T) {
	ctx := context.Background()
	for _, vc := range vectorCases(t) {
		exits := 0
		for ni, z := range vectorNoises(t) {
			t.Run(fmt.Sprintf("%s/%d-%s", vc.name, ni, z.Radius().Name()), func(t *testing.T) {
				exit, s1 := vectorExitKernelFor(vc.l, z, vc.dom)
				walk, s2 := vectorWalkKernelFor(vc.l, z, vc.dom)
				supplied, s3 := vectorSuppliedKernelFor(vc.l, vc.dom)
				if !s1 || !s2 || !s3 {
					t.Fatalf("no specialised kernel for %T (%v %v %v)", vc.l, s1, s2, s3)
				}
				sys := System{Landscape: vc.l, Basins: vc.bs, Noise: z, Eta: vc.eta, B: vc.b, Domain: vc.dom}
				_, p := sys.vector(vc.bs.Locate(vc.start))
				key := StreamKey{Seed: 8, Labels: []uint64{uint64(ni)}}
				d := len(vc.start)
				for k := range 12 {
					r1, r2 := key.Rand(k), key.Rand(k)
					x1, x2 := slices.Clone(vc.start), slices.Clone(vc.start)
					n1, out1, lab1 := exit(ctx, r1, p, x1, make([]float64, d), make([]float64, d), 20_000)
					n2, out2, lab2 := vectorExitKernel(ctx, vc.l, z, vc.dom, r2, p, x2, make([]float64, d), make([]float64, d), 20_000)
					if n1 != n2 || out1 != out2 || lab1 != lab2 || !slices.Equal(x1, x2) || *r1 != *r2 {
						t.Fatalf("replica %d: specialised (%d, %v, %d, %v) ≠ interface (%d, %v, %d, %v)", k, n1, out1, lab1, x1, n2, out2, lab2, x2)
					}
					if out1 {
						exits++
					}
					// The same exit fed with the exit kernel's draws.
					r := key.Rand(k)
					x, g := slices.Clone(vc.start), make([]float64, d)
					zs := make([]float64, 333*d)
					var (
						n   int64
						out bool
						lab = NoLanding
					)
					for n < 20_000 && !out {
						m := min(333, 20_000-n)
						for i := range m {
							z.Sample(r, zs[int(i)*d:int(i+1)*d])
						}
						var steps int
						if k%2 == 0 {
							steps, out, lab = supplied(p, x, g, zs[:int(m)*d])
						} else {
							steps, out, lab = vectorSuppliedKernel(vc.l, vc.dom, p, x, g, zs[:int(m)*d])
						}
						n += int64(steps)
					}
					if n != n1 || out != out1 || lab != lab1 || !slices.Equal(x, x1) {
						t.Fatalf("replica %d: supplied noise (%d, %v, %d, %v) ≠ exit kernel (%d, %v, %d, %v)", k, n, out, lab, x, n1, out1, lab1, x1)
					}
					xw, xs := slices.Clone(vc.start), make([]float64, int(n1)*d)
					walk(key.Rand(k), p, xw, make([]float64, d), make([]float64, d), xs)
					if !slices.Equal(xw, x1) {
						t.Fatalf("replica %d: the walk is at %v after %d steps, the exit kernel at %v", k, xw, n1, x1)
					}
				}
				r1, r2 := key.Rand(99), key.Rand(99)
				x1, x2 := slices.Clone(vc.start), slices.Clone(vc.start)
				xs1, xs2 := make([]float64, 6000*d), make([]float64, 6000*d)
				for from := 0; from < 6000*d; from += 2000 * d {
					walk(r1, p, x1, make([]float64, d), make([]float64, d), xs1[from:from+2000*d])
					vectorWalkKernel(vc.l, z, vc.dom, r2, p, x2, make([]float64, d), make([]float64, d), xs2[from:from+2000*d])
				}
				if !slices.Equal(xs1, xs2) || *r1 != *r2 {
					t.Fatal("specialised walk ≠ interface walk")
				}
			})
		}
		if exits == 0 {
			t.Errorf("%s: no replica exited: the basin test was not exercised", vc.name)
		}
	}
}

// TestKernelForFallsBack checks that types without generated kernels get
// the interface kernels: the test doubles, a user-defined law on a concrete
// curve, a scalar law on an R^d landscape's dispatcher, a user domain.
func TestKernelForFallsBack(t *testing.T) {
	law := symmetricPareto{alpha: 1.5}
	if _, specialised := lineExitKernelFor(doubleWell{}, law); specialised {
		t.Error("lineExitKernelFor: the test doubles got a specialised kernel")
	}
	if _, specialised := lineWalkKernelFor(doubleWell{}, law); specialised {
		t.Error("lineWalkKernelFor: the test doubles got a specialised kernel")
	}
	if _, specialised := lineSuppliedKernelFor(doubleWell{}); specialised {
		t.Error("lineSuppliedKernelFor: the test double got a specialised kernel")
	}
	if _, specialised := lineTraceKernelFor(doubleWell{}); specialised {
		t.Error("lineTraceKernelFor: the test double got a specialised kernel")
	}
	cp, err := landscapes.NewCriticalPoints(1, []float64{-1, 0, 1}, -2, 2)
	if err != nil {
		t.Fatal(err)
	}
	if _, specialised := lineExitKernelFor(cp, law); specialised {
		t.Error("lineExitKernelFor: a user-defined law got a specialised kernel")
	}
	q := quadSystem(t, 1, 0.1, 1)
	if _, specialised := vectorExitKernelFor(q.Landscape, noise.Scalar{Law: law}, landscapes.Ball{Radius: 1}); specialised {
		t.Error("vectorExitKernelFor: a scalar law got a specialised kernel")
	}
	if _, specialised := vectorSuppliedKernelFor(q.Landscape, landscapes.Interval{Lo: -1, Hi: 1}); specialised {
		t.Error("vectorSuppliedKernelFor: an interval domain got a specialised kernel")
	}
	if _, specialised := vectorTraceKernelFor(q.Landscape, landscapes.Interval{Lo: -1, Hi: 1}); specialised {
		t.Error("vectorTraceKernelFor: an interval domain got a specialised kernel")
	}
}

// TestKernelsGenUpToDate checks that kernels_gen.go is what kernelgen
// writes from the current line_kernels.go and vector_kernels.go (run go
// generate ./mc after editing a kernel).
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
