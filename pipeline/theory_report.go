package pipeline

import (
	"context"
	"fmt"

	"github.com/htsgd/htsgd/report"
	"github.com/htsgd/htsgd/scenario"
	"github.com/htsgd/htsgd/theory"
)

// TheoryReport returns the report of `verify theory` for a plan, in any
// dimension: the theory's analysis with the options opt (Analyse), the
// interval of every q_i = C*_i, the intervals of the stationary law of
// every absorbing class, and at each η of the plan λ(η), the predicted mean
// exit steps with their intervals (theory.Analysis.PredictExit), the time
// unit of every class, and the first-order narrow and per-basin time
// fractions (docs/theory.md §8.4) with their intervals. Intervals come from
// the Monte Carlo error of the rates (theory's bootstrap over the paths);
// those of π and of the fractions are left out when the analysis kept no
// resamples, as for exact rates, whose intervals are points.
//
// With check > 0 it adds the independent Monte Carlo cross-check of exact
// rates (theory.CrossCheck) with that many paths per side of each minimum,
// seeded by the plan's seed; for a plan whose rates are not exact that is
// an error wrapping theory.ErrNotApplicable, returned before any analysis.
//
// When the theory does not apply to the plan's noise (light-tailed: no
// tail index, docs/theory.md §3.2) the report says so (Analysis nil,
// Reason set) and the error is nil. Cancelling ctx stops the analysis and
// the cross-check (ctx.Err()).
func TheoryReport(ctx context.Context, p *scenario.Plan, opt theory.Options, check int) (report.TheoryReport, error) {
	if !p.Noise.HeavyTailed() {
		return report.TheoryReport{Reason: notApplicable(p)}, nil
	}
	var chk *report.TheoryCheck
	if check > 0 {
		rates, se, err := theory.CrossCheck(ctx, model(p), check, p.Run.Seed)
		if err != nil && ctx.Err() != nil {
			return report.TheoryReport{}, err
		}
		if err != nil {
			return report.TheoryReport{}, fmt.Errorf("cross-check: %w", scenario.FieldOf(err))
		}
		chk = &report.TheoryCheck{Samples: check}
		n := len(p.Basins.MinimumSets())
		for i := range n {
			chk.Rates = append(chk.Rates, rates[i][:n])
			chk.Stderr = append(chk.Stderr, se[i][:n])
		}
	}
	a, _, err := Analyse(ctx, p, opt)
	if err != nil || a == nil {
		return report.TheoryReport{Reason: notApplicable(p)}, err
	}
	rep := report.TheoryReport{Analysis: a, ExitRateCI: [][2]float64{}, Predictions: []report.EtaPrediction{}, Check: chk}
	n := len(a.Sets)
	for i := range n {
		lo, hi, err := a.ExitRateCI(i, exitLevel)
		if err != nil {
			return rep, err
		}
		rep.ExitRateCI = append(rep.ExitRateCI, [2]float64{lo, hi})
	}
	withCI := a.Resamples > 0
	if withCI {
		if err := stationaryIntervals(&rep); err != nil {
			return rep, err
		}
	}
	for _, eta := range p.Etas {
		pr, err := etaPrediction(a, eta, withCI)
		if err != nil {
			return rep, err
		}
		rep.Predictions = append(rep.Predictions, pr)
	}
	return rep, nil
}

// stationaryIntervals fills the intervals of the stationary law of every
// absorbing class of the report's analysis, and of the limiting chain's
// when the graph is one absorbing class.
func stationaryIntervals(rep *report.TheoryReport) error {
	a := rep.Analysis
	for c, cl := range a.Classes {
		var lo, hi []float64
		if cl.Absorbing {
			l, h, err := a.ClassTimeFractionsCI(c, 0, exitLevel)
			if err != nil {
				return err
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
			return err
		}
	}
	return nil
}

// etaPrediction returns the predictions of a at step size eta, with the
// intervals of the time fractions when withCI.
func etaPrediction(a *theory.Analysis, eta float64, withCI bool) (report.EtaPrediction, error) {
	lam, err := theory.Lambda(a.Model.Noise, eta)
	if err != nil {
		return report.EtaPrediction{}, err
	}
	p := report.EtaPrediction{Eta: eta, Lambda: lam, TimeUnit: []*float64{}, NarrowFraction: []*float64{}, TimeFraction: []*float64{}}
	for i := range a.Sets {
		pr, err := a.PredictExit(i, eta)
		if err != nil {
			return p, err
		}
		p.MeanExitSteps = append(p.MeanExitSteps, report.Num(pr.MeanSteps))
		p.MeanExitLow = append(p.MeanExitLow, report.Num(pr.MeanLow))
		p.MeanExitHigh = append(p.MeanExitHigh, report.Num(pr.MeanHigh))
	}
	for c := range a.Classes {
		u, err := a.ClassTimeUnit(c, eta)
		if err != nil {
			return p, err
		}
		p.TimeUnit = append(p.TimeUnit, report.Num(u))
	}
	fr, err := a.NarrowFractions(lam)
	if err != nil {
		return p, err
	}
	p.NarrowFraction = nums(fr)
	if withCI {
		lo, hi, err := a.NarrowFractionsCI(lam, exitLevel)
		if err != nil {
			return p, err
		}
		p.NarrowFractionLow, p.NarrowFractionHigh = nums(lo), nums(hi)
	}
	if len(a.Stationary) > 0 {
		tf, err := a.TimeFractions(lam)
		if err != nil {
			return p, err
		}
		p.TimeFraction = nums(tf)
		if withCI {
			lo, hi, err := a.TimeFractionsCI(lam, exitLevel)
			if err != nil {
				return p, err
			}
			p.TimeFractionLow, p.TimeFractionHigh = nums(lo), nums(hi)
		}
	}
	return p, nil
}

// nums converts values to report numbers (NaN and ±Inf: null).
func nums(v []float64) []*float64 {
	out := make([]*float64, len(v))
	for i, x := range v {
		out[i] = report.Num(x)
	}
	return out
}
