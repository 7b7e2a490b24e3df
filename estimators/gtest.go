package estimators

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// GTestResult is the result of GTest.
type GTestResult struct {
	G      float64 // G = 2 Σ o_i log(o_i/e_i) over the kept cells
	DF     int     // degrees of freedom: kept cells − 1
	PValue float64 // P(χ²_DF ≥ G); 1 when DF = 0
	// N is the number of observations in kept cells (those with probs > 0).
	N int
	// ExcludedCount is the number of observations in cells with probs = 0,
	// which are left out of the test. A positive value is itself a finding
	// (a landing the prediction says is impossible) and should be reported.
	ExcludedCount int
	// Expected holds e_i = N·p_i/Σ_kept p for kept cells and 0 for excluded
	// cells, aligned with the input.
	Expected []float64
	// MinExpected is the smallest e_i over kept cells. The χ² approximation
	// of the G statistic is trustworthy when it is ≳ 5.
	MinExpected float64
}

// GTest is the multinomial likelihood-ratio (G) test of observed counts
// against cell probabilities (docs/theory.md §12.3: exit locations against
// q_ij/q_i).
//
// Cells with probs[i] == 0 are left out: their counts are reported in
// ExcludedCount, never divided by zero. The remaining probabilities are
// renormalised to sum to 1 over the kept cells, so probs may be given as any
// nonnegative weights (e.g. the rates q_ij themselves); the test is then of
// the conditional law of the location given that it is a kept cell. With k
// kept cells holding N observations,
//
//	e_i = N p_i / Σ_kept p_j,   G = 2 Σ_{kept} o_i log(o_i/e_i)  (0·log 0 = 0),
//
// and under H0, G ⇒ χ²_{k−1} as N → ∞ (Wilks), so PValue = P(χ²_{k−1} ≥ G).
// With a single kept cell (DF = 0) there is nothing to test: G = 0 and
// PValue = 1.
//
// Errors name the parameter: counts and probs of different or zero length;
// a negative count; a negative or non-finite probability; all probabilities
// zero; no observations in the kept cells.
func GTest(counts []int, probs []float64) (GTestResult, error) {
	if len(counts) == 0 {
		return GTestResult{}, fmt.Errorf("counts: empty")
	}
	if len(probs) != len(counts) {
		return GTestResult{}, fmt.Errorf("probs: length %d, want %d (the length of counts)", len(probs), len(counts))
	}
	var sumP float64
	var n, excl, kept int
	for i, c := range counts {
		if c < 0 {
			return GTestResult{}, fmt.Errorf("counts[%d]: must be >= 0, got %d", i, c)
		}
		p := probs[i]
		if !finiteNonNeg(p) {
			return GTestResult{}, fmt.Errorf("probs[%d]: must be finite and >= 0, got %v", i, p)
		}
		if p == 0 {
			excl += c
			continue
		}
		kept++
		sumP += p
		n += c
	}
	if kept == 0 {
		return GTestResult{}, fmt.Errorf("probs: all zero, no cell to test")
	}
	if n == 0 {
		return GTestResult{}, fmt.Errorf("counts: no observations in cells with probs > 0")
	}
	r := GTestResult{
		DF:            kept - 1,
		N:             n,
		ExcludedCount: excl,
		Expected:      make([]float64, len(counts)),
		MinExpected:   math.Inf(1),
	}
	var g float64
	for i, c := range counts {
		if probs[i] == 0 {
			continue
		}
		e := float64(n) * probs[i] / sumP
		r.Expected[i] = e
		r.MinExpected = min(r.MinExpected, e)
		if c > 0 {
			o := float64(c)
			g += o * math.Log(o/e)
		}
	}
	r.G = max(2*g, 0) // Σ o log(o/e) ≥ 0 (Gibbs); clip rounding below 0
	if r.DF == 0 {
		r.G, r.PValue = 0, 1
		return r, nil
	}
	r.PValue = distuv.ChiSquared{K: float64(r.DF)}.Survival(r.G)
	return r, nil
}
