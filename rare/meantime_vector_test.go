package rare

import (
	"context"
	"math"
	"sync"
	"testing"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/noise"
)

// vectorCase is a landscape in R² with its noise and η at which brute force
// exits within about 10^4 steps, so that the mean exit time of the
// rare-event estimator can be checked against it.
type vectorCase struct {
	name    string
	system  func(t testing.TB) (mc.System, []float64)
	j       int
	samples int // importance-sampled windows of the main run
	exits   int // brute-force exits
}

// anisotropicQuadratic is f = ½(x² + 2y²) with the basin ‖x‖ < 1.5 and no
// projection: r = 1.5 in every direction, the slowest relaxation along x
// (λ_min = 1).
func anisotropicQuadratic(t testing.TB) landscapes.QuadraticRd {
	t.Helper()
	q, err := landscapes.NewQuadraticRd([][]float64{{1, 0}, {0, 2}}, 1.5)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

var (
	twoWellsOnce sync.Once
	twoWellsMap  *landscapes.BasinMap
	twoWellsErr  error
)

// twoWells is the gaussian-wells landscape f = 0.05‖x‖² − Σ 0.3·exp(−‖x − c_i‖²/0.5),
// c = (±1, 0), on the projection ball of radius 2.5, with its basin map
// (coarse, built once): minima at (±0.9211, 0), each basin bounded by the
// plane x = 0 (r = 0.9211), curvature λ_min = 1.245 at the minima.
func twoWells(t testing.TB) (landscapes.GaussianWells, *landscapes.BasinMap) {
	t.Helper()
	g, err := landscapes.NewGaussianWells([][]float64{{-1, 0}, {1, 0}}, []float64{0.3, 0.3}, []float64{0.5, 0.5}, 0.1)
	if err != nil {
		t.Fatal(err)
	}
	twoWellsOnce.Do(func() {
		twoWellsMap, twoWellsErr = landscapes.NewBasinMap(context.Background(), g,
			landscapes.BasinMapOptions{Domain: landscapes.Ball{Radius: 2.5}, Grid: 15, Directions: 90, CacheCells: 64})
	})
	if twoWellsErr != nil {
		t.Fatal(twoWellsErr)
	}
	return g, twoWellsMap
}

func mustRadial(t testing.TB, law noise.Law) noise.Radial {
	t.Helper()
	z, err := noise.NewRadial(2, law, nil)
	if err != nil {
		t.Fatal(err)
	}
	return z
}

// vectorCases differ in the landscape (an explicit quadratic basin, a
// numerical basin map), the jump number (1 and 2), the law (pareto, lomax)
// and α (1.5, 2), all with isotropic directions. Their brute-force means
// were measured at 5·10^3-1.3·10^4 steps.
var vectorCases = []vectorCase{
	{name: "quadratic J=1 pareto α=1.5", j: 1, samples: 100000, exits: 1000,
		system: func(t testing.TB) (mc.System, []float64) {
			q := anisotropicQuadratic(t)
			return mc.System{Landscape: q, Basins: q, Noise: mustRadial(t, mustPareto(t, 1.5, 0.1, 0.5)), Eta: 0.05, B: math.Inf(1)}, []float64{0, 0}
		}},
	{name: "quadratic J=2 pareto α=1.5", j: 2, samples: 100000, exits: 1000,
		system: func(t testing.TB) (mc.System, []float64) {
			q := anisotropicQuadratic(t)
			return mc.System{Landscape: q, Basins: q, Noise: mustRadial(t, mustPareto(t, 1.5, 0.5, 0.5)), Eta: 0.05, B: 1}, []float64{0, 0}
		}},
	{name: "gaussian wells J=1 lomax α=2", j: 1, samples: 100000, exits: 1000,
		system: func(t testing.TB) (mc.System, []float64) {
			g, bm := twoWells(t)
			return mc.System{Landscape: g, Basins: bm, Noise: mustRadial(t, mustLomax(t, 2, 0.3, 0.5)), Eta: 0.05, B: math.Inf(1),
				Domain: landscapes.Ball{Radius: 2.5}}, bm.MinimumSets()[1].A
		}},
	{name: "gaussian wells J=2 pareto α=1.5", j: 2, samples: 100000, exits: 1000,
		system: func(t testing.TB) (mc.System, []float64) {
			g, bm := twoWells(t)
			return mc.System{Landscape: g, Basins: bm, Noise: mustRadial(t, mustPareto(t, 1.5, 0.3, 0.5)), Eta: 0.05, B: 0.6,
				Domain: landscapes.Ball{Radius: 2.5}}, bm.MinimumSets()[1].A
		}},
}

// TestVectorMeanExitTimeAgainstBruteForce is TestMeanExitTimeAgainstBruteForce
// in R²: the mean exit time of Run (the R^d design rule with its pilot, the
// windows on the vector kernel's supplied-noise exit) against brute force
// (mc.FirstExit, an independent loop that draws its own noise) on the four
// vectorCases, by the two-sided test
//
//	z = (ln m_IS − ln m_BF) / √(SE_IS² + SE_BF²),   |z| < 3.29,
//
// false-alarm rate 0.001 per case (0.004 for the four; fixed seeds). The
// diagnostics of the main run must not warn. The companion: the check
// fails for an estimator biased by 20% (ln 1.2 = 0.18 against a combined
// SE of 0.035-0.05).
func TestVectorMeanExitTimeAgainstBruteForce(t *testing.T) {
	if raceEnabled {
		t.Skip("statistical check: nothing for the race detector to find (TestRunWorkerInvariance covers concurrency)")
	}
	for _, c := range vectorCases {
		t.Run(c.name, func(t *testing.T) {
			sys, m := c.system(t)
			out, err := Run(context.Background(), Plan{System: sys, Start: m, J: c.j},
				mc.StreamKey{Seed: 41}, c.samples, 0, Budget{})
			if err != nil {
				t.Fatal(err)
			}
			res := out.Result
			bm, bse := bruteMeanOf(t, sys, m, c.exits)
			ise := logSE(res)
			se := math.Hypot(ise, bse)
			z := (math.Log(res.MeanSteps) - math.Log(bm)) / se
			zBiased := (math.Log(1.2*res.MeanSteps) - math.Log(bm)) / se
			d := res.Diagnostics
			t.Logf("basis %+v", out.Basis)
			t.Logf("IS %.4g (log SE %.3f, stretch %g, %.3g steps/window; HR %.3f [%.3f, %.3f], TB %.4f, max share %.3f, ESS %.0f, outside B %.3f); BF %.4g (log SE %.3f); z = %.2f, biased 20%%: z = %.2f",
				res.MeanSteps, ise, out.Stretch, res.StepsPerSample, d.HazardRatio.Value, d.HazardRatio.Low, d.HazardRatio.High,
				d.TransientBias.Value, d.MaxShare.Value, d.ESS.Value, d.OutsideB.Value, bm, bse, z, zBiased)
			if math.Abs(z) >= zCrit {
				t.Errorf("mean exit time: |z| = %.2f ≥ %.2f", math.Abs(z), zCrit)
			}
			if math.Abs(zBiased) < zCrit {
				t.Errorf("companion: a 20%% bias gives |z| = %.2f < %.2f: the check has no power here", math.Abs(zBiased), zCrit)
			}
			if d.Warning {
				t.Errorf("diagnostics warn: %v", d.Failed)
			}
		})
	}
}
