package theory

import (
	"context"
	"errors"
	"fmt"
	"math"
	"testing"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/param"
)

// crossCheckZ compares the quadrature rates of m with CrossCheck's
// estimates (computed for model mc, normally the same model) and returns the
// largest |z| = |MC − quadrature|/SE over the cells, and a description of
// every cell that fails the test below. scale multiplies the quadrature
// values (1 for the real check, 1.2 for a deliberately wrong prediction).
//
// The test: a cell with q > 0 and SE > 0 must have |z| ≤ 4 (false-alarm rate
// 6.3e-5 per cell, two-sided, under the normal approximation: the weights
// are bounded, since jump sizes are at least the slack and gaps at most the
// useful time). A cell where every sample exits identically (J = 1 with a
// single reachable basin) has SE = 0 exactly and must agree to 1e-12. A cell
// with q = 0 must get no sample at all.
func crossCheckZ(t *testing.T, m, mc Model, samples int, seed uint64, scale float64) (maxZ float64, failures []string) {
	t.Helper()
	_, r := ratesOf(t, m)
	est, se, err := CrossCheck(context.Background(), mc, samples, seed)
	if err != nil {
		t.Fatal(err)
	}
	n := len(r.Q)
	for i := range n {
		for col := range n + 2 {
			var q float64
			switch {
			case col < n:
				q = r.Q[i][col]
			case col == n:
				q = r.Above[i]
			default:
				q = r.Below[i]
			}
			q *= scale
			got, s := est[i][col], se[i][col]
			switch {
			case q == 0 && got != 0:
				failures = append(failures, fmt.Sprintf("cell (%d,%d): MC %.6g but q = 0", i, col, got))
			case q == 0:
			case s == 0:
				if math.Abs(got-q) > 1e-12*q {
					failures = append(failures, fmt.Sprintf("cell (%d,%d): MC %.12g exact, q = %.12g", i, col, got, q))
				}
			default:
				z := (got - q) / s
				maxZ = math.Max(maxZ, math.Abs(z))
				if math.Abs(z) > 4 {
					failures = append(failures, fmt.Sprintf("cell (%d,%d): MC %.6g ± %.2g, q = %.6g, z = %.2f", i, col, got, s, q, z))
				}
			}
		}
	}
	return maxZ, failures
}

// TestCrossCheck: every quadrature value lies within 4 standard errors of
// the independent time-domain Monte Carlo integral (family-wise false-alarm
// rate below 2e-3 for the ~30 stochastic cells here).
func TestCrossCheck(t *testing.T) {
	tests := []struct {
		name    string
		model   Model
		samples int
	}{
		{"paper b=0.5", paperModel(t, 0.5), 20000},
		{"paper b=0.28", paperModel(t, 0.28), 40000},
		{"paper b=inf", paperModel(t, inf), 20000},
		{"quadratic b=1", quadraticModel(t, -2.1, 1.5, 1), 20000},
		{"quadratic b=0.6", quadraticModel(t, -2.1, 1.5, 0.6), 20000},
		{"quadratic b=0.4 (J=4)", quadraticModel(t, -2.1, 1.5, 0.4), 10000},
		{"quadratic asymmetric b=inf", func() Model {
			m := quadraticModel(t, -2.1, 1.5, inf)
			m.Noise = pareto(t, 1.5, 1, 0.3)
			return m
		}(), 20000},
	}
	for k, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			maxZ, failures := crossCheckZ(t, tt.model, tt.model, tt.samples, uint64(100+k), 1)
			for _, f := range failures {
				t.Error(f)
			}
			t.Logf("max |z| = %.2f", maxZ)
		})
	}
}

// TestCrossCheckDetects is the companion of TestCrossCheck: the same 4-SE
// check fails on deliberately wrong predictions.
func TestCrossCheckDetects(t *testing.T) {
	moved := func(a, c float64) Model { return quadraticModel(t, a, c, 1) }
	cp := func(points []float64) Model {
		l, err := landscapes.NewCriticalPoints(1, points, -2, 2)
		if err != nil {
			t.Fatal(err)
		}
		return Model{Landscape: l, Basins: l.Structure(), Noise: pareto(t, 1.5, 1, 0.5), B: 0.7, Domain: landscapes.IntervalOf(l)}
	}
	tests := []struct {
		name      string
		predicted Model   // the model whose quadrature is tested
		simulated Model   // the model CrossCheck simulates
		scale     float64 // multiplies the prediction
		samples   int
	}{
		// q off by 20% (the deliberately wrong prediction of docs/theory.md §12.6).
		{"q x1.2, quadratic J=2", moved(-2.1, 1.5), moved(-2.1, 1.5), 1.2, 20000},
		{"q x1.2, paper b=0.5", paperModel(t, 0.5), paperModel(t, 0.5), 1.2, 4000},
		// The right basin edge moved by 1% (1.5 → 1.515): q changes by
		// 7.6% (0.436486 → 0.403509 by the recursion; q ∝ roughly
		// (r − b)^{−α−…}: the slack r − b moves by 3%).
		{"edge moved 1%", moved(-2.1, 1.515), moved(-2.1, 1.5), 1, 20000},
		// critical-points f' = x³ − x on [−2, 2], b = 0.7 (J = 2 for
		// both minima) with the right minimum moved by 1% (1 → 1.01):
		// q_{1,0} changes by 8% (2.4812 → 2.2774).
		{"minimum moved 1%", cp([]float64{-1, 0, 1.01}), cp([]float64{-1, 0, 1}), 1, 20000},
	}
	for k, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, failures := crossCheckZ(t, tt.predicted, tt.simulated, tt.samples, uint64(200+k), tt.scale)
			if len(failures) == 0 {
				t.Error("the 4-SE check passed a wrong prediction")
			}
			for _, f := range failures {
				t.Log("detected:", f)
			}
		})
	}
}

func TestCrossCheckInput(t *testing.T) {
	if _, _, err := CrossCheck(context.Background(), paperModel(t, 0.5), 1, 1); param.As(err) == nil || param.As(err).Name != "theory.CrossCheck.samples" {
		t.Errorf("samples = 1: error %v", err)
	}
	if _, _, err := CrossCheck(context.Background(), quadraticModel(t, -2.1, 1.5, 0.5), 100, 1); param.As(err) == nil || param.As(err).Name != "theory.Model.B" {
		t.Errorf("integer ratio: error %v", err)
	}
	q := mustQuad(t, [][]float64{{1, 0}, {0, 1}}, 1)
	if _, _, err := CrossCheck(context.Background(), Model{Landscape: q, Basins: q, Noise: radialPareto(t, 2, 1.5, nil), B: 1.5}, 100, 1); !errors.Is(err, ErrNotApplicable) {
		t.Errorf("R^d model: error %v, want ErrNotApplicable", err)
	}
}
