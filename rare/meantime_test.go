package rare

import (
	"context"
	"math"
	"slices"
	"sync"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/noise"
)

// meanCase is a landscape, noise and η at which brute force exits within
// 10^3-10^5 steps, so that the mean exit time itself can be checked against
// it in a test.
type meanCase struct {
	name    string
	k       float64   // scale of f' = k·Π(x − c_i)
	points  []float64 // critical points c_i
	lo, hi  float64   // domain
	start   int       // index of the start minimum
	law     func(t testing.TB) noise.Law
	b, eta  float64
	j       int // jumps to condition on: ⌈r/b⌉ (1 for b = ∞)
	samples int // importance-sampled windows of the main run
	pilot   int // windows of a pilot
	exits   int // brute-force exits
}

// meanCases differ in what matters to the design rule: the number of jumps
// J = 1, 2, 3, the tail index α from 1.2 to 3, an asymmetric law, the lomax
// law, and a small slack r − (J−1)b. Their brute-force means are 10^3-10^4
// steps (measured), so that 2000 exits cost about 10^7 steps.
var meanCases = []meanCase{
	// J = 1 without truncation, α = 3 (finite variance): f' = 5(x+1)x(x−1.5)
	// from m = −1 (r = 1 to the saddle 0); the well is steep enough
	// (barrier 5·0.4 against a noise variance 3c²·η) that jumps, not
	// diffusion, make the exits.
	{name: "J=1 b=∞ pareto α=3", k: 5, points: []float64{-1, 0, 1.5}, lo: -2, hi: 2.5, start: 0,
		law: func(t testing.TB) noise.Law { return mustPareto(t, 3, 1, 0.5) }, b: math.Inf(1), eta: 0.05, j: 1,
		samples: 200000, pilot: 200000, exits: 2000},
	// J = 2 with α = 2: from m = 1.5, r = 1.5 to the saddle 0, b = 1,
	// slack 0.5. The noise is large (c = 0.5 at η = 0.1): about 40% of the
	// exit probability comes from exits with one big noise and the bulk's
	// help (Diagnostics.OutsideB), which costs variance only.
	{name: "J=2 pareto α=2", k: 1, points: []float64{-1, 0, 1.5}, lo: -2, hi: 2.5, start: 1,
		law: func(t testing.TB) noise.Law { return mustPareto(t, 2, 0.5, 0.5) }, b: 1, eta: 0.1, j: 2,
		samples: 1600000, pilot: 400000, exits: 2000},
	// J = 3 with α = 1.2 and p_+ = 0.7: from m = 0, r = 0.55 to the left
	// saddle, b = 0.25, slack 0.05 (the right saddle needs ⌈0.8/0.25⌉ = 4).
	{name: "J=3 pareto α=1.2 p+=0.7", k: 1, points: []float64{-1.2, -0.55, 0, 0.8, 1.9}, lo: -2.2, hi: 2.6, start: 1,
		law: func(t testing.TB) noise.Law { return mustPareto(t, 1.2, 0.07, 0.7) }, b: 0.25, eta: 0.02, j: 3,
		samples: 100000, pilot: 100000, exits: 2000},
	// J = 2 under the lomax law, α = 1.5.
	{name: "J=2 lomax α=1.5", k: 1, points: []float64{-1, 0, 1.5}, lo: -2, hi: 2.5, start: 1,
		law: func(t testing.TB) noise.Law { return mustLomax(t, 1.5, 0.4, 0.5) }, b: 1, eta: 0.05, j: 2,
		samples: 100000, pilot: 25000, exits: 2000},
	// J = 2 with a small slack: r = 1.5, b = 1.4, slack 0.1 (r/b = 1.07).
	{name: "J=2 small slack 0.1", k: 1, points: []float64{-1, 0, 1.5}, lo: -2, hi: 2.5, start: 1,
		law: func(t testing.TB) noise.Law { return mustPareto(t, 1.5, 0.2, 0.5) }, b: 1.4, eta: 0.05, j: 2,
		samples: 200000, pilot: 100000, exits: 2000},
}

func (c meanCase) system(t testing.TB) (mc.System, float64) {
	t.Helper()
	l, err := landscapes.NewCriticalPoints(c.k, c.points, c.lo, c.hi)
	if err != nil {
		t.Fatal(err)
	}
	st := l.Structure()
	return lineSystem(l, st, c.law(t), c.eta, c.b), st.Minima[c.start]
}

// bruteMean runs n first exits from start by the mc package's kernel and
// returns their mean and the SE of its logarithm, sd/(mean·√n) (delta
// method; the sample sd, not the exponential law's, so that no shape is
// assumed). No exit is censored: the cap is far beyond the means.
func bruteMean(t testing.TB, sys mc.System, start float64, n int) (mean, seLog float64) {
	t.Helper()
	return bruteMeanOf(t, sys, []float64{start}, n)
}

// bruteMeanOf is bruteMean from a point of any dimension.
func bruteMeanOf(t testing.TB, sys mc.System, start []float64, n int) (mean, seLog float64) {
	t.Helper()
	e := mc.FirstExit{System: sys, Start: start, MaxSteps: 1 << 40}
	var records []mc.ExitRecord
	var mu sync.Mutex
	err := mc.RunExits(context.Background(), e, mc.StreamKey{Seed: 12, Labels: []uint64{7}}, mc.ReplicaRange(0, n), 0,
		func(r mc.ExitRecord) {
			mu.Lock()
			records = append(records, r)
			mu.Unlock()
		})
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(records, func(a, b mc.ExitRecord) int { return a.Replica - b.Replica })
	var s1, s2 float64
	for _, r := range records {
		if r.Censored {
			t.Fatalf("replica %d censored at %d steps", r.Replica, r.Steps)
		}
		s1 += float64(r.Steps)
		s2 += float64(r.Steps) * float64(r.Steps)
	}
	fn := float64(len(records))
	mean = s1 / fn
	sd := math.Sqrt((s2/fn - mean*mean) * fn / (fn - 1))
	return mean, sd / (mean * math.Sqrt(fn))
}

// logSE returns the SE of log MeanSteps of res, read off its CI: the CI of
// the mean maps the normal CI of the rate, so (ln MeanHigh − ln MeanLow)/(2z)
// is the SE of ln r̂ to first order.
func logSE(res Result) float64 {
	z := distuv.UnitNormal.Quantile(1 - (1-res.Level)/2)
	return (math.Log(res.MeanHigh) - math.Log(res.MeanLow)) / (2 * z)
}

// TestMeanExitTimeAgainstBruteForce checks the mean exit time of Run (the
// design rule with its pilot) against brute force on the five meanCases:
//
//	z = (ln m_IS − ln m_BF) / √(SE_IS² + SE_BF²),   |z| < 3.29,
//
// a two-sided normal test with false-alarm rate 0.001 per case (0.005 for
// the five; fixed seeds make the outcome deterministic). The diagnostics
// of the main run must not warn. The companion: the same check fails for
// an estimator biased by 20% (m_IS·1.2, ln 1.2 = 0.18 against a combined
// SE of about 0.03).
func TestMeanExitTimeAgainstBruteForce(t *testing.T) {
	if raceEnabled {
		t.Skip("statistical check: nothing for the race detector to find (TestWorkerInvariance covers concurrency)")
	}
	for _, c := range meanCases {
		t.Run(c.name, func(t *testing.T) {
			sys, m := c.system(t)
			out, err := Run(context.Background(), Plan{System: sys, Start: []float64{m}, J: c.j},
				mc.StreamKey{Seed: 31}, c.samples, 0, Budget{PilotSamples: c.pilot})
			if err != nil {
				t.Fatal(err)
			}
			res := out.Result
			for _, p := range out.Pilots {
				d := p.Diagnostics
				t.Logf("pilot stretch %g, %d windows: HR %.3f [%.3f, %.3f], TB %.4f [%.4f, %.4f], ESS %.0f, long %.3f, outside B %.3f",
					p.Stretch, p.Samples, d.HazardRatio.Value, d.HazardRatio.Low, d.HazardRatio.High,
					d.TransientBias.Value, d.TransientBias.Low, d.TransientBias.High, d.ESS.Value, d.LongSequences.Value, d.OutsideB.Value)
			}
			bm, bse := bruteMean(t, sys, m, c.exits)
			ise := logSE(res)
			se := math.Hypot(ise, bse)
			z := (math.Log(res.MeanSteps) - math.Log(bm)) / se
			zBiased := (math.Log(1.2*res.MeanSteps) - math.Log(bm)) / se
			d := res.Diagnostics
			t.Logf("IS %.4g (log SE %.3f, stretch %g, %.3g steps/window; HR %.3f [%.3f, %.3f], TB %.4f [%.4f, %.4f], max share %.3f, ESS %.0f); BF %.4g (log SE %.3f); z = %.2f, biased 20%%: z = %.2f",
				res.MeanSteps, ise, out.Stretch, res.StepsPerSample, d.HazardRatio.Value, d.HazardRatio.Low, d.HazardRatio.High,
				d.TransientBias.Value, d.TransientBias.Low, d.TransientBias.High, d.MaxShare.Value, d.ESS.Value, bm, bse, z, zBiased)
			if math.Abs(z) >= zCrit {
				t.Errorf("mean exit time: |z| = %.2f ≥ %.2f", math.Abs(z), zCrit)
			}
			if math.Abs(zBiased) < zCrit {
				t.Errorf("companion: a 20%% bias gives |z| = %.2f < %.2f: the check has no power here", math.Abs(zBiased), zCrit)
			}
			if res.Diagnostics.Warning {
				t.Errorf("diagnostics warn: %v", res.Diagnostics.Failed)
			}
		})
	}
}
