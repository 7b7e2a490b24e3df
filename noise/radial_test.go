package noise

import (
	"math"
	"slices"
	"testing"

	"github.com/htsgd/htsgd/param"
	"github.com/htsgd/htsgd/rng"
)

// Statistical tests of this file: each acceptance check has a false-alarm
// rate of 0.001 (two-sided), with fixed seeds; there are 6 of them (two
// KS tests, three binomial tests, one χ² test), so a correct implementation
// fails one with probability below 0.6%. Each has a
// companion that must fail on a deliberately wrong prediction.

// radialKSCritical is the asymptotic Kolmogorov critical value of √n·D_n at
// level 0.001: P(K > 1.9495) = 0.001.
const radialKSCritical = 1.9495

// radialKS returns √n·D_n for the sample xs against the continuous cdf.
func radialKS(xs []float64, cdf func(float64) float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	n := float64(len(s))
	d := 0.0
	for i, x := range s {
		f := cdf(x)
		d = math.Max(d, math.Max(f-float64(i)/n, float64(i+1)/n-f))
	}
	return math.Sqrt(n) * d
}

func mustRadial(t *testing.T, d int, alpha float64, ang *Angular) Radial {
	t.Helper()
	p, err := NewPareto(alpha, 0.75, 0.5)
	if err != nil {
		t.Fatal(err)
	}
	z, err := NewRadial(d, p, ang)
	if err != nil {
		t.Fatal(err)
	}
	return z
}

func TestRadialErrors(t *testing.T) {
	sym, _ := NewPareto(1.5, 1, 0.5)
	asym, _ := NewPareto(1.5, 1, 0.7)
	tests := []struct {
		name, param string
		index       int
		d           int
		law         Law
		ang         *Angular
	}{
		{"dimension", "noise.Radial.Dim", param.Whole, 0, sym, nil},
		{"no-law", "noise.Radial.Radius", param.Whole, 2, nil, nil},
		{"asymmetric", "noise.Radial.Radius", param.Whole, 2, asym, nil},
		{"no-directions", "noise.Angular.Directions", param.Whole, 2, sym, &Angular{}},
		{"zero-direction", "noise.Angular.Directions", 0, 2, sym, &Angular{Directions: [][]float64{{0, 0}, {1, 0}}}},
		{"wrong-dimension", "noise.Angular.Directions", 0, 2, sym, &Angular{Directions: [][]float64{{1, 0, 0}, {-1, 0, 0}}}},
		{"non-finite", "noise.Angular.Directions", 1, 2, sym, &Angular{Directions: [][]float64{{1, 0}, {math.NaN(), 0}}}},
		{"nonzero-mean", "noise.Angular.Directions", param.Whole, 2, sym, &Angular{Directions: [][]float64{{1, 0}, {0, 1}}}},
		{"bad-weight", "noise.Angular.Weights", 1, 2, sym, &Angular{Directions: [][]float64{{1, 0}, {-1, 0}}, Weights: []float64{1, -1}}},
		{"weight-count", "noise.Angular.Weights", param.Whole, 2, sym, &Angular{Directions: [][]float64{{1, 0}, {-1, 0}}, Weights: []float64{1}}},
		{"weighted-nonzero-mean", "noise.Angular.Directions", param.Whole, 1, sym, &Angular{Directions: [][]float64{{1}, {-1}}, Weights: []float64{1, 2}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := NewRadial(tc.d, tc.law, tc.ang)
			if pe := param.As(err); pe == nil || pe.Name != tc.param || pe.Index != tc.index {
				t.Errorf("error %v, want a *param.Error on %s[%d]", err, tc.param, tc.index)
			}
		})
	}
	// Accepted: unnormalised directions with weights balancing the mean.
	z, err := NewRadial(1, sym, &Angular{Directions: [][]float64{{2}, {-1}}, Weights: []float64{1, 1}})
	if err != nil {
		t.Fatal(err)
	}
	dirs, w := z.Directions()
	if dirs[0][0] != 1 || dirs[1][0] != -1 || w[0] != 0.5 || w[1] != 0.5 {
		t.Errorf("directions %v weights %v", dirs, w)
	}
}

// isotropicAngles returns the angles atan2(Θ_2, Θ_1) of n draws.
func isotropicAngles(z Radial, n int, seed uint64) []float64 {
	r := rng.New(seed, 1)
	v := make([]float64, 2)
	out := make([]float64, n)
	for i := range out {
		z.SampleDirection(r, v)
		out[i] = math.Atan2(v[1], v[0])
	}
	return out
}

func TestRadialIsotropic2D(t *testing.T) {
	// Θ uniform on the circle ⇔ its angle is uniform on (−π, π].
	z := mustRadial(t, 2, 1.5, nil)
	ang := isotropicAngles(z, 20000, 11)
	uniform := func(x float64) float64 { return (x + math.Pi) / (2 * math.Pi) }
	if k := radialKS(ang, uniform); k > radialKSCritical {
		t.Errorf("√n·D = %.3f > %.4f: angles not uniform", k, radialKSCritical)
	}
}

func TestRadialIsotropic2DDetectsWrongLaw(t *testing.T) {
	// Companion: the same sample against the density (1 + 0.3 cos θ)/(2π)
	// (CDF shifted by 0.3 sin θ/(2π), at most 0.048) must be rejected:
	// √n·0.048 = 6.8 ≫ 1.95.
	z := mustRadial(t, 2, 1.5, nil)
	ang := isotropicAngles(z, 20000, 11)
	wrong := func(x float64) float64 { return (x+math.Pi)/(2*math.Pi) + 0.3*math.Sin(x)/(2*math.Pi) }
	if k := radialKS(ang, wrong); k <= radialKSCritical {
		t.Errorf("√n·D = %.3f ≤ %.4f: the wrong angular law was not detected", k, radialKSCritical)
	}
}

func TestRadialIsotropic3D(t *testing.T) {
	// Archimedes: a coordinate of a uniform point on S² is uniform on
	// [−1, 1]; and ‖Θ‖ = 1.
	z := mustRadial(t, 3, 1.5, nil)
	r := rng.New(12, 1)
	v := make([]float64, 3)
	xs := make([]float64, 20000)
	for i := range xs {
		z.SampleDirection(r, v)
		if n := math.Sqrt(v[0]*v[0] + v[1]*v[1] + v[2]*v[2]); math.Abs(n-1) > 1e-14 {
			t.Fatalf("‖Θ‖ = %v", n)
		}
		xs[i] = v[2]
	}
	if k := radialKS(xs, func(x float64) float64 { return (x + 1) / 2 }); k > radialKSCritical {
		t.Errorf("√n·D = %.3f > %.4f: Θ_3 not uniform on [−1, 1]", k, radialKSCritical)
	}
	// Companion: against the 2-D law of a coordinate (arcsine,
	// F = ½ + asin(x)/π) the same sample must be rejected.
	if k := radialKS(xs, func(x float64) float64 { return 0.5 + math.Asin(x)/math.Pi }); k <= radialKSCritical {
		t.Errorf("√n·D = %.3f: the arcsine law was not rejected", k)
	}
}

// tailCount returns how many of n draws of ‖Z‖ exceed x.
func tailCount(z Radial, n int, x float64, seed uint64) int {
	r := rng.New(seed, 2)
	v := make([]float64, z.Dim())
	k := 0
	for range n {
		z.Sample(r, v)
		s := 0.0
		for _, c := range v {
			s += c * c
		}
		if math.Sqrt(s) > x {
			k++
		}
	}
	return k
}

func TestRadialNormTail(t *testing.T) {
	// P(‖Z‖ > x) = H(x) = (x/c)^{−α} for Pareto with p_+ = ½ (docs/theory.md
	// §3.3), the radial law's Tail; binomial z-test per x at level
	// 0.001 two-sided (|z| < 3.29).
	z := mustRadial(t, 2, 1.5, nil)
	const n = 40000
	for i, x := range []float64{1, 2.5, 7.5} {
		p := z.Tail(x)
		if want := math.Pow(x/0.75, -1.5); math.Abs(p-want) > 1e-12 {
			t.Fatalf("Tail(%v) = %v, want %v", x, p, want)
		}
		k := tailCount(z, n, x, uint64(20+i))
		zs := (float64(k) - n*p) / math.Sqrt(n*p*(1-p))
		if math.Abs(zs) > 3.29 {
			t.Errorf("x = %v: %d of %d exceed, expected %.1f (z = %.2f)", x, k, n, n*p, zs)
		}
	}
}

func TestRadialNormTailDetectsWrongAlpha(t *testing.T) {
	// Companion: predicting with α = 1.2 instead of 1.5 at x = 2.5
	// (P = 0.236 vs 0.164) must be rejected.
	z := mustRadial(t, 2, 1.5, nil)
	const n = 40000
	p := math.Pow(2.5/0.75, -1.2)
	k := tailCount(z, n, 2.5, 21)
	if zs := (float64(k) - n*p) / math.Sqrt(n*p*(1-p)); math.Abs(zs) <= 3.29 {
		t.Errorf("z = %.2f: the wrong α was not detected", zs)
	}
}

func TestRadialFiniteAngular(t *testing.T) {
	// Three directions at 120° with equal weights (mean zero), drawn with
	// frequencies 1/3: Pearson χ² with 2 degrees of freedom, critical value
	// 13.82 at level 0.001.
	ang := &Angular{Directions: [][]float64{{1, 0}, {-0.5, math.Sqrt(3) / 2}, {-0.5, -math.Sqrt(3) / 2}}}
	z := mustRadial(t, 2, 1.5, ang)
	if z.Name() != AngularFinite || z.Isotropic() {
		t.Fatalf("name %q", z.Name())
	}
	r := rng.New(30, 3)
	v := make([]float64, 2)
	counts := make([]float64, 3)
	const n = 30000
	for range n {
		z.SampleDirection(r, v)
		switch {
		case v[0] == 1:
			counts[0]++
		case v[1] > 0:
			counts[1]++
		default:
			counts[2]++
		}
	}
	chi := func(p []float64) float64 {
		s := 0.0
		for k, c := range counts {
			e := n * p[k]
			s += (c - e) * (c - e) / e
		}
		return s
	}
	if c := chi([]float64{1.0 / 3, 1.0 / 3, 1.0 / 3}); c > 13.82 {
		t.Errorf("χ² = %.2f > 13.82", c)
	}
	// Companion: weights (0.4, 0.3, 0.3) must be rejected.
	if c := chi([]float64{0.4, 0.3, 0.3}); c <= 13.82 {
		t.Errorf("χ² = %.2f: wrong weights not detected", c)
	}
}

func TestRadialSampleIsRadiusTimesDirection(t *testing.T) {
	z := mustRadial(t, 3, 1.2, nil)
	a, b := rng.New(5, 6), rng.New(5, 6)
	v, u := make([]float64, 3), make([]float64, 3)
	for range 100 {
		z.Sample(a, v)
		rad := z.SampleRadius(b)
		z.SampleDirection(b, u)
		for k := range v {
			if v[k] != rad*u[k] {
				t.Fatalf("Sample %v ≠ %v·%v", v, rad, u)
			}
		}
	}
	if z.Dim() != 3 || z.Alpha() != 1.2 || !z.HeavyTailed() || z.Radius().Name() != "pareto" {
		t.Errorf("accessors: %d %v %v %q", z.Dim(), z.Alpha(), z.HeavyTailed(), z.Radius().Name())
	}
}
