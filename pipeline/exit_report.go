package pipeline

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/htsgd/htsgd/report"
	"github.com/htsgd/htsgd/scenario"
	"github.com/htsgd/htsgd/theory"
)

// ExitReport turns the cells of a first-exit run of p into the report of
// `verify exit`, in any dimension: per cell the row of exitRow (exact
// censored-exponential CI of the mean, shape test, landing law and its
// G-test against q_{i,j}/q_i) next to the prediction of a
// (theory.Analysis.PredictExit: J_i and 1/(q_i η λ(η)^{J_i})). a is the
// analysis of p (Analyse), nil when the theory does not apply, and notes
// the analysis' notes, reported after the plan's warnings.
//
// Every row with a prediction has the interval of its ratio
// (ratioInterval), its forbidden landings and its verdict (exitRow). On
// R^d a row also has its start point and the uncertainty of the
// prediction that comes from the Monte Carlo error of C*: C* with its
// standard error and the interval of the predicted mean; the report then
// has the dimension.
//
// The cells of an interrupted run (RunExits returns them all) make rows
// marked report.RowPartial (the statistics of the replicas that finished)
// or report.RowNotStarted (0 samples); the report is then Interrupted, its
// warnings list both kinds, and no row has the shape test (its bootstrap
// would keep an interrupted command from stopping at once).
func ExitReport(p *scenario.Plan, a *theory.Analysis, notes []string, cells []ExitCell) (report.ExitReport, error) {
	rep := report.ExitReport{Scenario: p.Source, Rows: []report.ExitRow{},
		Warnings: append(append([]string{}, p.Warnings...), notes...)}
	onPoints := p.Dim() > 1
	if onPoints {
		rep.Dimension = p.Dim()
	}
	var notStarted, partial []string
	interrupted := slices.ContainsFunc(cells, func(c ExitCell) bool { return !c.Complete() })
	for _, c := range cells {
		if interrupted {
			// An interrupted command must stop within a second: the
			// shape test's bootstrap (a fraction of a second per cell)
			// is left out.
			c.Summary.Shape = nil
		}
		var pred *theory.ExitPrediction
		lambda := math.NaN()
		if a != nil {
			var err error
			if pred, err = a.PredictExit(c.Basin, c.Experiment.Eta); err != nil {
				return rep, err
			}
			if lambda, err = theory.Lambda(p.Noise, c.Experiment.Eta); err != nil {
				return rep, err
			}
		}
		row, err := exitRow(c, pred, lambda, shapeSeed(p.Run.Seed, CellKey{c.EtaIndex, c.StartIndex}))
		if err != nil {
			return rep, err
		}
		switch {
		case !c.Started() && c.Requested > 0:
			row.State = report.RowNotStarted
			notStarted = append(notStarted, fmt.Sprintf("η = %g, basin %d", c.Experiment.Eta, c.Basin))
		case !c.Complete():
			row.State = report.RowPartial
			partial = append(partial, fmt.Sprintf("η = %g, basin %d (%d of %d replicas)", c.Experiment.Eta, c.Basin, c.Summary.Samples, c.Requested))
		}
		if onPoints {
			row.Start = slices.Clone(c.Experiment.Start)
			row.PredictionUncertainty = uncertainty(pred)
		}
		rep.Rows = append(rep.Rows, row)
	}
	if len(partial) > 0 || len(notStarted) > 0 {
		rep.Interrupted = true
		if len(partial) > 0 {
			rep.Warnings = append(rep.Warnings, "interrupted: cut short (statistics of the replicas that finished): "+strings.Join(partial, "; "))
		}
		if len(notStarted) > 0 {
			rep.Warnings = append(rep.Warnings, "interrupted: never started (0 samples): "+strings.Join(notStarted, "; "))
		}
		rep.Warnings = append(rep.Warnings, "interrupted: the exponential shape test is left out (resume the checkpoint, or merge the finished run, for it)")
	}
	return rep, nil
}

// uncertainty returns the uncertainty of the prediction pred of a row on
// R^d (all of it missing without a prediction).
func uncertainty(pred *theory.ExitPrediction) *report.PredictionUncertainty {
	u := &report.PredictionUncertainty{}
	if pred == nil {
		return u
	}
	u.CStar, u.CStarErr = report.Num(pred.Rate), report.Num(pred.RateErr)
	u.PredictedLow, u.PredictedHigh = report.Num(pred.MeanLow), report.Num(pred.MeanHigh)
	return u
}
