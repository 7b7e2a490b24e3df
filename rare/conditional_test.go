package rare

import (
	"math"
	"testing"

	"github.com/htsgd/htsgd/noise"
	"github.com/htsgd/htsgd/rng"
)

// condCase is one law split at one threshold.
type condCase struct {
	name  string
	law   noise.Law
	x     float64
	n     int  // draws per KS test
	exact bool // expected Conditional.Exact
}

func condCases(t *testing.T) []condCase {
	t.Helper()
	st, err := noise.NewStudentT(1.5, 0.1)
	if err != nil {
		t.Fatal(err)
	}
	sb, err := noise.NewStable(1.5, 0.1)
	if err != nil {
		t.Fatal(err)
	}
	ga, err := noise.NewGaussian(1)
	if err != nil {
		t.Fatal(err)
	}
	return []condCase{
		// The importance sampler's regime: x = γ/η far beyond c.
		{"pareto α=1.5 p+=½ x=5", mustPareto(t, 1.5, 0.1, 0.5), 5, 20000, true},
		// μ = 0.1·0.6·6 = 0.36 > x − c: the sign-(−1) mass is all tail,
		// and only part of the sign-(+1) mass is (edge pieces of pair.go).
		{"pareto α=1.2 p+=0.8 x=0.3", mustPareto(t, 1.2, 0.1, 0.8), 0.3, 20000, true},
		{"pareto α=1.2 p+=0.8 x=2", mustPareto(t, 1.2, 0.1, 0.8), 2, 20000, true},
		// μ = (2·0.3−1)/1.5 = −0.267: every sign-(+1) draw is in the tail
		// (Z = cW + 0.267 > x), and the sign-(−1) tail has both pieces,
		// cW > 0.467 and cW < 0.067 (the lower piece of pair.go).
		{"lomax α=2.5 p+=0.3 x=0.2", mustLomax(t, 2.5, 1, 0.3), 0.2, 20000, true},
		{"lomax α=1.5 p+=0.5 x=30", mustLomax(t, 1.5, 1, 0.5), 30, 20000, true},
		{"student-t α=1.5 x=2", st, 2, 4000, false},
		{"stable α=1.5 x=1", sb, 1, 1000, false},
		{"gaussian x=2.5", ga, 2.5, 4000, false},
		// H(x) > ½: the numeric bulk inverts the CDF instead of rejecting.
		{"gaussian x=0.3 (bulk by inversion)", ga, 0.3, 4000, false},
	}
}

// TestConditionalKS checks the tail and bulk samplers against the
// conditional CDFs tailCDF and bulkCDF by one-sample KS tests, each at
// false-alarm rate α = 0.001 (ksAlpha).
func TestConditionalKS(t *testing.T) {
	for i, tc := range condCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			c, err := NewConditional(tc.law, tc.x)
			if err != nil {
				t.Fatal(err)
			}
			if c.Exact() != tc.exact {
				t.Errorf("Exact() = %v, want %v", c.Exact(), tc.exact)
			}
			if got, want := c.TailProb(), tc.law.Tail(tc.x); got != want {
				t.Errorf("TailProb = %v, want law.Tail(x) = %v", got, want)
			}
			r := rng.New(uint64(100+i), 7)
			tail := make([]float64, tc.n)
			bulk := make([]float64, tc.n)
			for k := range tail {
				tail[k] = c.Tail(r)
				bulk[k] = c.Bulk(r)
				if math.Abs(tail[k]) <= tc.x || math.Abs(bulk[k]) > tc.x {
					t.Fatalf("draw %d: tail %v or bulk %v on the wrong side of x = %v", k, tail[k], bulk[k], tc.x)
				}
			}
			if d, p := ksPValue(tail, tailCDF(tc.law, tc.x)); p < ksAlpha {
				t.Errorf("tail: KS D = %.4f, p = %.2g < %g", d, p, ksAlpha)
			}
			if d, p := ksPValue(bulk, bulkCDF(tc.law, tc.x)); p < ksAlpha {
				t.Errorf("bulk: KS D = %.4f, p = %.2g < %g", d, p, ksAlpha)
			}
			// The exact inversion of the pareto and lomax bulk, which Bulk
			// replaces by rejection when H(x) ≤ ½.
			if pc, ok := c.(*pairConditional); ok {
				for k := range bulk {
					bulk[k] = pc.bulkInversion(r)
				}
				if d, p := ksPValue(bulk, bulkCDF(tc.law, tc.x)); p < ksAlpha {
					t.Errorf("bulk by inversion: KS D = %.4f, p = %.2g < %g", d, p, ksAlpha)
				}
			}
		})
	}
}

// TestConditionalKSDetectsWrongLaw is the companion of TestConditionalKS:
// the same KS checks (α = 0.001) reject samplers built for a slightly wrong
// law: pareto tails and bulks (by inversion) built with α = 1.35 while the law has α = 1.5
// (given |Z| > x, |Z|/x is Pareto, and with v = u^{−1.5} the CDF distance
// is sup_v (v^{0.9} − v) = 0.039 at v = 0.9^{10}, nearly three times the
// KS critical value 1.95/√20000 = 0.014), and a student-t tail inverted for
// ν = 2 while the law has ν = 1.5.
func TestConditionalKSDetectsWrongLaw(t *testing.T) {
	right := mustPareto(t, 1.5, 0.1, 0.5)
	wrong := mustPareto(t, 1.35, 0.1, 0.5)
	const x = 5
	c := newPairConditional(right, wrong, 0.5, 0, x)
	r := rng.New(3, 4)
	tail := make([]float64, 20000)
	bulk := make([]float64, 20000)
	for k := range tail {
		tail[k] = c.Tail(r)
		bulk[k] = c.bulkInversion(r)
	}
	if d, p := ksPValue(tail, tailCDF(right, x)); p >= ksAlpha {
		t.Errorf("tail with α = 1.35 passed as α = 1.5: D = %.4f, p = %.2g", d, p)
	}
	if d, p := ksPValue(bulk, bulkCDF(right, x)); p >= ksAlpha {
		t.Errorf("bulk with α = 1.35 passed as α = 1.5: D = %.4f, p = %.2g", d, p)
	}

	st15, _ := noise.NewStudentT(1.5, 0.1)
	st2, _ := noise.NewStudentT(2, 0.1)
	cw := newNumericConditional(st2, 2)
	tail = tail[:4000]
	for k := range tail {
		tail[k] = cw.Tail(r)
	}
	if d, p := ksPValue(tail, tailCDF(st15, 2)); p >= ksAlpha {
		t.Errorf("student-t ν = 2 tail passed as ν = 1.5: D = %.4f, p = %.2g", d, p)
	}
}

// TestPairTailMass checks that the pieces of pairConditional add up to the
// law's own H(x) and 1 − H(x) (docs/theory.md §3.1) to rounding.
func TestPairTailMass(t *testing.T) {
	for _, tc := range condCases(t) {
		c, err := NewConditional(tc.law, tc.x)
		if err != nil {
			t.Fatal(err)
		}
		pc, ok := c.(*pairConditional)
		if !ok {
			continue
		}
		h := tc.law.Tail(tc.x)
		if math.Abs(pc.tailMass-h) > 1e-13*h {
			t.Errorf("%s: tail pieces sum to %v, H(x) = %v", tc.name, pc.tailMass, h)
		}
		if math.Abs(pc.bulkMass-(1-h)) > 1e-13 {
			t.Errorf("%s: bulk pieces sum to %v, 1 − H(x) = %v", tc.name, pc.bulkMass, 1-h)
		}
	}
}

func TestNewConditionalErrors(t *testing.T) {
	ga, _ := noise.NewGaussian(0.1)
	p := mustPareto(t, 1.5, 0.1, 0.5)
	for _, tc := range []struct {
		name string
		law  noise.Law
		x    float64
		want string
	}{
		{"nil law", nil, 1, "noise:"},
		{"zero x", p, 0, "gamma:"},
		{"NaN x", p, math.NaN(), "gamma:"},
		{"infinite x", p, math.Inf(1), "gamma:"},
		{"gaussian tail underflows", ga, 1e3, "gamma:"},
		{"pareto: x below the support", p, 0.05, "gamma:"},
	} {
		_, err := NewConditional(tc.law, tc.x)
		if err == nil || len(err.Error()) < len(tc.want) || err.Error()[:len(tc.want)] != tc.want {
			t.Errorf("%s: error %v, want prefix %q", tc.name, err, tc.want)
		}
	}
}
