package theory

import (
	"context"
	"math"
	"testing"

	"gonum.org/v1/gonum/integrate/quad"
	"gonum.org/v1/gonum/stat/distuv"
)

// boxExitRate is C* for f = ‖x‖²/2 in 2-D with the box basin
// (−1, 1.5) × (−2, 1) around the minimum 0, isotropic Pareto noise α = 1.5
// and b = 3 (J = 1, derived here). The flow contracts every coordinate and
// every point of the box is within b of the minimum, so a single jump from
// 0 leaves exactly when its size reaches the distance ρ(θ) to the box's
// edge along its direction θ, and
//
//	C* = (1/2π) ∫_0^{2π} ρ(θ)^{−α} dθ,   ρ(θ) = min over the faces the ray meets,
//
// a one-dimensional integral computed here by adaptive quadrature split at
// the four corner angles (where ρ has kinks).
func boxExitRate(alpha float64) float64 {
	lo, hi := [2]float64{-1, -2}, [2]float64{1.5, 1}
	rho := func(th float64) float64 {
		c, s := math.Cos(th), math.Sin(th)
		r := math.Inf(1)
		if c > 0 {
			r = math.Min(r, hi[0]/c)
		} else if c < 0 {
			r = math.Min(r, lo[0]/c)
		}
		if s > 0 {
			r = math.Min(r, hi[1]/s)
		} else if s < 0 {
			r = math.Min(r, lo[1]/s)
		}
		return r
	}
	corners := []float64{math.Atan2(hi[1], hi[0]), math.Atan2(hi[1], lo[0]), math.Atan2(lo[1], lo[0]) + 2*math.Pi, math.Atan2(lo[1], hi[0]) + 2*math.Pi}
	pts := append([]float64{0}, corners...)
	pts = append(pts, 2*math.Pi)
	var sum float64
	for k := 1; k < len(pts); k++ {
		sum += quad.Fixed(func(th float64) float64 { return math.Pow(rho(th), -alpha) }, pts[k-1], pts[k], 200, nil, 0)
	}
	return sum / (2 * math.Pi)
}

// TestExitRateCICoverage checks that the interval of C* that
// Analysis.ExitRateCI labels 95% covers the true C* 95% of the time: over
// 400 analyses with independent seeds (2000 paths each) of a case whose C*
// is known (boxExitRate), the count of intervals that contain it is
// Binomial(400, 0.95) — mean 380, sd 4.4 — and must lie in [366, 394]
// (± 3.2 sd: a two-sided false-alarm rate below 0.0015). An interval at
// ±1 SE (68%) would cover about 273 times.
func TestExitRateCICoverage(t *testing.T) {
	if testing.Short() {
		t.Skip("400 analyses")
	}
	const alpha, runs = 1.5, 400
	want := boxExitRate(alpha)
	box := mustBox(t, []float64{-1, -2}, []float64{1.5, 1})
	m := Model{Landscape: box, Basins: box, Noise: radialPareto(t, 2, alpha, nil), B: 3}
	covered := 0
	var zs float64
	for seed := range runs {
		a, err := Analyse(context.Background(), m, Options{Samples: 2000, Seed: uint64(seed), Directions: 60, Resamples: -1})
		if err != nil {
			t.Fatal(err)
		}
		if a.JumpNumber[0] != 1 {
			t.Fatalf("J = %d, want 1 (see boxExitRate)", a.JumpNumber[0])
		}
		lo, hi, err := a.ExitRateCI(0, 0.95)
		if err != nil {
			t.Fatal(err)
		}
		if lo <= want && want <= hi {
			covered++
		}
		zs += (a.ExitRate[0] - want) / a.ExitRateErr[0]
	}
	if covered < 366 || covered > 394 {
		t.Errorf("the 95%% interval of C* = %.6f covered it %d times in %d, want 366–394 (Binomial(%d, 0.95) ± 3.2 sd)", want, covered, runs, runs)
	}
	// The estimate is unbiased: the mean z-score over the runs is within
	// 3.29/√400 of 0 (false-alarm rate 0.001).
	if z := zs / runs; math.Abs(z) > distuv.UnitNormal.Quantile(0.9995)/math.Sqrt(runs) {
		t.Errorf("mean z-score %.3f of C* against %.6f: biased", z, want)
	}
	t.Logf("C* = %.6f; the 95%% interval covered it %d times in %d", want, covered, runs)
}
