package pipeline

import (
	"context"
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/htsgd/htsgd/report"
	"github.com/htsgd/htsgd/scenario"
	"github.com/htsgd/htsgd/theory"
)

// RareAgreementAlpha is the false-alarm rate of the test that a rare-event
// estimate and brute force agree (report.RareComparison.Agree): 0.001,
// two-sided, as in the tests of package rare, so that a table of a few
// dozen cells flags a disagreement by chance with probability of a few
// percent at most.
const RareAgreementAlpha = 0.001

// RareValidationOptions control RareValidation.
type RareValidationOptions struct {
	// Rare are the options of the rare-event estimates (Samples: windows
	// per cell; 0 means run.samples).
	Rare RareOptions
	// BruteExits is the number of brute-force first-exit replicas per cell
	// (censored at run.max_steps), drawn from the cell's exit streams: the
	// replicas `verify exit` runs with run.samples = BruteExits. 0: no
	// brute force (the speed-up is then against the prediction).
	BruteExits int
	// Brute, if not nil, is a brute-force report of the same scenario
	// (`verify exit -json`, possibly of a long sharded run merged by
	// `verify merge`); its rows are matched to the cells by (η, basin)
	// instead of running brute force.
	Brute *report.ExitReport
	// OnReplica, if not nil, is called after each brute-force replica
	// (ExitOptions.OnReplica).
	OnReplica func(cell CellKey, steps int64)
}

// RareValidation compares the rare-event estimator with brute force on
// every (η, start) cell of p (the validation table of docs/theory.md §13):
// the rare-event rows of RareExitReport, the brute-force rows of
// ExitReport (run here, or read from opt.Brute), the z-score of their log
// means with the agreement test at false-alarm rate RareAgreementAlpha,
// the steps each spent and the work-normalised speed-up. A refused design
// (*rare.DesignError) leaves its cell without an estimate and is returned
// with the report, as RareExitReport does; on cancellation ctx.Err() is
// returned with what finished.
func RareValidation(ctx context.Context, p *scenario.Plan, a *theory.Analysis, notes []string, opt RareValidationOptions) (report.RareValidation, error) {
	crit := distuv.UnitNormal.Quantile(1 - RareAgreementAlpha/2)
	out := report.RareValidation{Scenario: p.Source, Alpha: RareAgreementAlpha, Critical: crit, Rows: []report.RareComparison{}}
	if p.Dim() > 1 {
		out.Dimension = p.Dim()
	}
	isRep, refused := RareExitReport(ctx, p, a, notes, opt.Rare)
	out.Warnings = isRep.Warnings
	if refused != nil && (ctx.Err() != nil || !isRefusal(refused)) {
		return out, refused
	}
	brute, bruteSteps, err := bruteRows(ctx, p, a, notes, opt)
	if err != nil {
		return out, err
	}
	for _, row := range isRep.Rows {
		c := report.RareComparison{Eta: row.Eta, Basin: row.Basin, Start: row.Start, IS: row}
		if d := row.Rare; d != nil {
			c.ISSteps = d.PilotSteps + d.TotalSteps
			if row.RelErr != nil && d.StepsPerWindow > 0 {
				c.ISWorkNormVar = report.Num(*row.RelErr * *row.RelErr * d.StepsPerWindow)
			}
		}
		c.BruteWorkNormVar, c.SpeedUpBasis = row.PredictedSteps, report.SpeedUpVsPrediction
		if b, ok := brute[cellOf(row)]; ok {
			c.Brute = &b
			steps := bruteSteps[cellOf(row)]
			c.BruteSteps = &steps
			if b.MeanSteps != nil {
				c.BruteWorkNormVar, c.SpeedUpBasis = b.MeanSteps, report.SpeedUpVsBrute
			}
			if z, ok := logZ(row, b); ok {
				agree := math.Abs(z) < crit
				c.Z, c.Agree = report.Num(z), &agree
			}
		}
		if c.ISWorkNormVar != nil && c.BruteWorkNormVar != nil {
			c.SpeedUp = report.Num(*c.BruteWorkNormVar / *c.ISWorkNormVar)
			if d := row.Rare; d.TotalSteps > 0 {
				c.SpeedUpWithPilots = report.Num(*c.SpeedUp * float64(d.TotalSteps) / float64(c.ISSteps))
			}
		}
		out.Rows = append(out.Rows, c)
	}
	return out, refused
}

// cellKey identifies a cell of an exit report by (η, basin).
type cellKey struct {
	eta   float64
	basin int
}

func cellOf(r report.ExitRow) cellKey { return cellKey{r.Eta, r.Basin} }

// bruteRows returns the brute-force rows of the cells of p, by (η, basin),
// and the steps each took: from opt.Brute (its steps are the total time on
// test, mean × exits, which is what a censored-exponential mean divides),
// or run here with opt.BruteExits replicas per cell; none when neither is
// set.
func bruteRows(ctx context.Context, p *scenario.Plan, a *theory.Analysis, notes []string, opt RareValidationOptions) (map[cellKey]report.ExitRow, map[cellKey]int64, error) {
	rows, steps := map[cellKey]report.ExitRow{}, map[cellKey]int64{}
	switch {
	case opt.Brute != nil:
		for _, r := range opt.Brute.Rows {
			if r.Method != "" {
				return nil, nil, fmt.Errorf("pipeline: the brute-force report has a %q row (η = %g, basin %d)", r.Method, r.Eta, r.Basin)
			}
			rows[cellOf(r)] = r
			steps[cellOf(r)] = int64(math.Round(report.Value(r.MeanSteps) * float64(r.Exits)))
		}
	case opt.BruteExits > 0:
		pb := p.Clone()
		pb.Run.Samples = opt.BruteExits
		cells, err := RunExits(ctx, pb, ExitOptions{Workers: opt.Rare.Workers, OnReplica: opt.OnReplica})
		if err != nil {
			return nil, nil, err
		}
		rep, err := ExitReport(pb, a, notes, cells)
		if err != nil {
			return nil, nil, err
		}
		for i, r := range rep.Rows {
			rows[cellOf(r)] = r
			steps[cellOf(r)] = int64(math.Min(cells[i].Summary.TotalSteps(), math.MaxInt64))
		}
	}
	return rows, steps, nil
}

// logZ returns (ln m_IS − ln m_BF)/√(SE_IS² + SE_BF²), each SE of a log
// mean read off its interval at the exit rows' level, (ln high − ln low)/(2z);
// false when an end is missing.
func logZ(is, bf report.ExitRow) (float64, bool) {
	z := distuv.UnitNormal.Quantile(0.5 + exitLevel/2)
	se := func(r report.ExitRow) (float64, bool) {
		if r.MeanSteps == nil || r.CILow == nil || r.CIHigh == nil || !(*r.CILow > 0) {
			return 0, false
		}
		return (math.Log(*r.CIHigh) - math.Log(*r.CILow)) / (2 * z), true
	}
	a, ok1 := se(is)
	b, ok2 := se(bf)
	if !ok1 || !ok2 {
		return 0, false
	}
	return (math.Log(*is.MeanSteps) - math.Log(*bf.MeanSteps)) / math.Hypot(a, b), true
}
