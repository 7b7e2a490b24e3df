package rare

import (
	"math"
	"slices"
	"testing"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/noise"
)

// ksAlpha is the false-alarm rate of every Kolmogorov–Smirnov test in this
// package: α = 0.001.
const ksAlpha = 0.001

// zCrit is the two-sided normal critical value at α = 0.001 used by the
// estimator-vs-brute-force tests: Φ^{−1}(1 − 0.0005) = 3.2905.
const zCrit = 3.2905

// ksPValue returns the p-value of the one-sample Kolmogorov–Smirnov test of
// the sample xs against the continuous CDF f: D = sup|F_n − F| and
// P(K > k) = 2 Σ_{j≥1} (−1)^{j−1} exp(−2j²k²) at k = (√n + 0.12 + 0.11/√n)·D
// (Stephens' finite-n correction; accurate to the second digit for n ≥ 5,
// M. A. Stephens, JASA 65, 1970). xs is sorted in place.
func ksPValue(xs []float64, f func(float64) float64) (d, p float64) {
	slices.Sort(xs)
	n := float64(len(xs))
	for i, x := range xs {
		fx := f(x)
		d = math.Max(d, math.Max(float64(i+1)/n-fx, fx-float64(i)/n))
	}
	sn := math.Sqrt(n)
	k := (sn + 0.12 + 0.11/sn) * d
	if k < 0.2 {
		return d, 1
	}
	sum := 0.0
	for j := 1; j <= 100; j++ {
		term := math.Exp(-2 * float64(j*j) * k * k)
		if j%2 == 1 {
			sum += term
		} else {
			sum -= term
		}
		if term < 1e-16 {
			break
		}
	}
	return d, math.Min(1, math.Max(0, 2*sum))
}

// tailCDF returns the CDF of Z given |Z| > x:
//
//	z < −x:       CDF(z)/H(x)
//	−x ≤ z ≤ x:   CDF(−x)/H(x)
//	z > x:        (CDF(−x) + CDF(z) − CDF(x))/H(x)
func tailCDF(law noise.Law, x float64) func(float64) float64 {
	h := law.Tail(x)
	return func(z float64) float64 {
		switch {
		case z < -x:
			return law.CDF(z) / h
		case z <= x:
			return law.CDF(-x) / h
		}
		return (law.CDF(-x) + law.CDF(z) - law.CDF(x)) / h
	}
}

// bulkCDF returns the CDF of Z given |Z| ≤ x.
func bulkCDF(law noise.Law, x float64) func(float64) float64 {
	lo, hi := law.CDF(-x), law.CDF(x)
	return func(z float64) float64 {
		return (law.CDF(math.Max(-x, math.Min(x, z))) - lo) / (hi - lo)
	}
}

func mustPareto(t testing.TB, alpha, c, pPlus float64) noise.Pareto {
	t.Helper()
	l, err := noise.NewPareto(alpha, c, pPlus)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func mustLomax(t testing.TB, alpha, c, pPlus float64) noise.Lomax {
	t.Helper()
	l, err := noise.NewLomax(alpha, c, pPlus)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// quadraticSystem is the section-8 fixture f = x²/2 on the basin
// (−2.1, 1.5) with the given law, η and b.
func quadraticSystem(t testing.TB, law noise.Law, eta, b float64) mc.System {
	t.Helper()
	q, err := landscapes.NewQuadratic(1, -2.1, 1.5)
	if err != nil {
		t.Fatal(err)
	}
	return lineSystem(q, q.Structure(), law, eta, b)
}

// lineSystem is the one-dimensional system of line l with basins st, noise
// law, η and b, projected onto the line's domain.
func lineSystem(l landscapes.Line, st landscapes.Structure, law noise.Law, eta, b float64) mc.System {
	return mc.System{Landscape: l, Basins: st, Noise: noise.Scalar{Law: law}, Eta: eta, B: b, Domain: landscapes.IntervalOf(l)}
}

// shortDesign is the design of issue 6, which the rule replaced: for a
// basin left by j jumps with slack s and curvature f″(m),
//
//	γ = 0.9·s,   T_0 = 1/f″(m),   T = (j+1)/j · T_0,   T_w = 0,   w = 0.05.
//
// It reads no flow span and no return time, so on a landscape whose flow is
// slow away from m its burn-in ends before the start transient does: the
// tests use it as the deliberately short design the diagnostics must flag,
// and as a fixed design for tests of the sampler itself.
func shortDesign(j int, slack, curvature float64) Design {
	burn := 1 / curvature
	return Design{
		J:      j,
		Gamma:  DefaultGammaFraction * slack,
		Window: float64(j+1) / float64(j) * burn,
		Burn:   burn,
		Weight: DefaultWeight,
	}
}
