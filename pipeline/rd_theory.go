package pipeline

import (
	"fmt"

	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/report"
	"github.com/htsgd/htsgd/scenario"
	"github.com/htsgd/htsgd/theory"
)

// rdTheoryLabel labels the stream key from which the seed of the R^d
// theory's Monte Carlo integrals is drawn, apart from every simulation
// stream (labels 1-4).
const rdTheoryLabel = 5

// TheoryOptionsRd returns the options of the R^d predictions of a scenario:
// samples Monte Carlo paths per minimum set for C* and the landing law
// (0: theory's default, 20000), 95% intervals, and a seed that is a
// function of the scenario seed only, so that the predictions are
// reproducible and their streams are disjoint from the simulation's (the
// prediction never sees a simulated path: DESIGN.md, "Walls").
func TheoryOptionsRd(sc *scenario.Scenario, samples int) theory.RdOptions {
	k := mc.StreamKey{Seed: uint64(sc.Run.Seed), Labels: []uint64{rdTheoryLabel}}
	return theory.RdOptions{Samples: samples, Seed: k.Rand(0).Uint64(), Level: exitLevel}
}

// ModelRd returns the theory's model of a built R^d scenario, or an error
// when the theory does not apply (a light-tailed radial law has no α:
// THEORY.md section 1).
func ModelRd(b *scenario.BuiltRd) (theory.ModelRd, error) {
	if !b.Noise.HeavyTailed() {
		return theory.ModelRd{}, fmt.Errorf("noise.law: the heavy-tail theory does not apply to %s noise", b.Noise.Radius().Name())
	}
	return theory.ModelRd{Landscape: b.Landscape, Basins: b.Basins, Noise: b.Noise, B: b.B, Domain: b.Domain}, nil
}

// AnalyseRd returns the theory's analysis of a built R^d scenario
// (theory.AnalyseRd: jump numbers, the Monte Carlo constants C* with their
// standard errors, the landing law, the graph and its limiting chain), or
// nil and a note when the theory does not apply. A model the theory
// rejects (theory.ModelRd.Validate) is a *scenario.FieldError naming the
// scenario key.
func AnalyseRd(b *scenario.BuiltRd, opt theory.RdOptions) (*theory.AnalysisRd, []string, error) {
	m, err := ModelRd(b)
	if err != nil {
		return nil, []string{err.Error() + ": predictions are not applicable"}, nil
	}
	if err := m.Validate(); err != nil {
		return nil, nil, rdFieldError(err)
	}
	a, err := theory.AnalyseRd(m, opt)
	if err != nil {
		return nil, nil, fmt.Errorf("theory (%d Monte Carlo paths per minimum set; 0 = default): %w", opt.Samples, err)
	}
	return a, a.Warnings, nil
}

// TheoryReportRd returns the report of `verify theory` for an R^d
// scenario: the analysis a of b, the interval of every C*, the intervals
// of the stationary law of every absorbing class, and at each η of the
// scenario λ(η), the predicted mean exit steps with their intervals
// (PredictExitRd), the time unit of every class and the first-order time
// fractions (THEORY.md section 4) with their intervals. The intervals of π
// and of the fractions are theory's percentile bootstrap over the Monte
// Carlo paths of the rates (theory.AnalysisRd.StationaryCI); they are left
// out when the analysis kept no resamples.
func TheoryReportRd(b *scenario.BuiltRd, a *theory.AnalysisRd) (report.TheoryReportRd, error) {
	rep := report.TheoryReportRd{AnalysisRd: a, ExitRateCI: [][2]float64{}, Predictions: []report.EtaPredictionRd{}}
	n := len(a.Sets)
	for i := range n {
		lo, hi := a.ExitRateCI(i, exitLevel)
		rep.ExitRateCI = append(rep.ExitRateCI, [2]float64{lo, hi})
	}
	withCI := a.Resamples > 0
	if withCI {
		for c, cl := range a.Classes {
			var lo, hi []float64
			if cl.Absorbing {
				l, h, err := a.ClassTimeFractionsCI(c, 0, exitLevel)
				if err != nil {
					return rep, err
				}
				for _, i := range cl.Wide {
					lo, hi = append(lo, l[i]), append(hi, h[i])
				}
			}
			rep.ClassStationaryLow = append(rep.ClassStationaryLow, lo)
			rep.ClassStationaryHigh = append(rep.ClassStationaryHigh, hi)
		}
		if len(a.Stationary) > 0 {
			var err error
			if rep.StationaryLow, rep.StationaryHigh, err = a.StationaryCI(exitLevel); err != nil {
				return rep, err
			}
		}
	}
	law := b.Noise.Radius()
	for _, eta := range b.Etas {
		lam, err := theory.Lambda(law, eta)
		if err != nil {
			return rep, err
		}
		p := report.EtaPredictionRd{Eta: eta, Lambda: lam, TimeUnit: []*float64{}, NarrowFraction: []*float64{}, TimeFraction: []*float64{}}
		for i := range n {
			pr, err := PredictExitRd(a, b, i, eta)
			if err != nil {
				return rep, err
			}
			p.MeanExitSteps = append(p.MeanExitSteps, report.Num(pr.MeanSteps))
			p.MeanExitLow = append(p.MeanExitLow, report.Num(pr.Low))
			p.MeanExitHigh = append(p.MeanExitHigh, report.Num(pr.High))
		}
		for c := range a.Classes {
			u, err := theory.TimeUnit(law, eta, wideJump(a.Classes[c], a.JumpNumber))
			if err != nil {
				return rep, err
			}
			p.TimeUnit = append(p.TimeUnit, report.Num(u))
		}
		fr, err := a.NarrowFractions(lam)
		if err != nil {
			return rep, err
		}
		for _, f := range fr {
			p.NarrowFraction = append(p.NarrowFraction, report.Num(f))
		}
		if withCI {
			lo, hi, err := a.NarrowFractionsCI(lam, exitLevel)
			if err != nil {
				return rep, err
			}
			p.NarrowFractionLow, p.NarrowFractionHigh = numsRd(lo), numsRd(hi)
		}
		if len(a.Stationary) > 0 {
			tf, err := a.TimeFractions(lam)
			if err != nil {
				return rep, err
			}
			for _, f := range tf {
				p.TimeFraction = append(p.TimeFraction, report.Num(f))
			}
			if withCI {
				lo, hi, err := a.TimeFractionsCI(lam, exitLevel)
				if err != nil {
					return rep, err
				}
				p.TimeFractionLow, p.TimeFractionHigh = numsRd(lo), numsRd(hi)
			}
		}
		rep.Predictions = append(rep.Predictions, p)
	}
	return rep, nil
}

// numsRd converts values to report numbers (NaN: null).
func numsRd(v []float64) []*float64 {
	out := make([]*float64, len(v))
	for i, x := range v {
		out[i] = report.Num(x)
	}
	return out
}
