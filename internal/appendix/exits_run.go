package appendix

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"

	"github.com/htsgd/htsgd/estimators"
	"github.com/htsgd/htsgd/noise"
	"github.com/htsgd/htsgd/pipeline"
	"github.com/htsgd/htsgd/report"
	"github.com/htsgd/htsgd/theory"
)

// runExits runs every cell of every exit series as `verify exit` runs the
// cell's scenario (written to dir/scenarios): pipeline.RunExits and
// pipeline.ExitReport on its plan with its analysis; and adds λ(η), the
// ratio's interval and the landing interval.
func runExits(ctx context.Context, s Sizes, th *TheoryFile, dir string, workers int, p *progress) (ExitsFile, []SampleRow, error) {
	out := ExitsFile{Sizes: s.Name, Series: []ExitSeriesResult{}}
	var samples []SampleRow
	// Scenario files of an earlier run with another grid would linger.
	if err := os.RemoveAll(filepath.Join(dir, DirScenarios)); err != nil {
		return out, nil, err
	}
	if err := os.MkdirAll(filepath.Join(dir, DirScenarios), 0o755); err != nil {
		return out, nil, err
	}
	for _, e := range s.Exits {
		tc, err := th.caseByLabel(e.Label)
		if err != nil {
			return out, nil, err
		}
		sr := ExitSeriesResult{Label: e.Label, B: bPtr(e.B), Basin: exitBasin, Jump: tc.Jump[exitBasin], Q: tc.ExitRate[exitBasin]}
		for _, c := range e.Cells {
			cell, rows, err := runExitCell(ctx, e, c, dir, workers, p)
			if err != nil {
				return out, nil, fmt.Errorf("exits %s η=%g: %w", e.Label, c.Eta, err)
			}
			sr.Cells = append(sr.Cells, cell)
			samples = append(samples, rows...)
		}
		out.Series = append(out.Series, sr)
	}
	return out, samples, nil
}

// runExitCell runs one cell.
func runExitCell(ctx context.Context, e ExitSeries, c ExitCellSize, dir string, workers int, p *progress) (ExitCellResult, []SampleRow, error) {
	sc := cellScenario(e, c)
	var cell ExitCellResult
	plan, _, _, _, err := paperPlan(sc)
	if err != nil {
		return cell, nil, err
	}
	toml, err := sc.TOML()
	if err != nil {
		return cell, nil, err
	}
	cell.Scenario = filepath.ToSlash(filepath.Join(DirScenarios, sc.Name+".toml"))
	if err := os.WriteFile(filepath.Join(dir, cell.Scenario), toml, 0o644); err != nil {
		return cell, nil, err
	}
	a, notes, err := pipeline.Analyse(ctx, plan, pipeline.TheoryOptions(plan, 0))
	if err != nil {
		return cell, nil, err
	}
	pred, err := a.PredictExit(exitBasin, c.Eta)
	if err != nil {
		return cell, nil, err
	}
	p.begin(fmt.Sprintf("exits %s η=%g", e.Label, c.Eta), c.Samples, float64(c.Samples)*min(pred.MeanSteps, float64(c.MaxSteps)))
	// The cell's records are kept (pipeline.RunExits streams without
	// them): the appendix writes them.
	rec, err := pipeline.NewRecords(plan, pipeline.WholeRun, 0)
	if err != nil {
		return cell, nil, err
	}
	cells, err := pipeline.RunExits(ctx, plan, pipeline.ExitOptions{Workers: workers, Records: rec, OnReplica: p.addCell})
	if err != nil {
		p.end("interrupted")
		return cell, nil, err
	}
	rep, err := pipeline.ExitReport(plan, a, notes, cells)
	if err != nil {
		p.end("failed")
		return cell, nil, err
	}
	if len(rep.Rows) != 1 || len(cells) != 1 {
		p.end("failed")
		return cell, nil, fmt.Errorf("expected one cell, got %d", len(rep.Rows))
	}
	recs := cells[0].Records
	cell.ExitRow = rep.Rows[0]
	cell.Seed, cell.MaxSteps = sc.Run.Seed, c.MaxSteps
	cell.Lambda = lambdaOf(plan.Noise, c.Eta)
	if r := cell.ExitRow; r.PredictedSteps != nil {
		cell.RatioLow = scaleNum(r.CILow, 1 / *r.PredictedSteps)
		cell.RatioHigh = scaleNum(r.CIHigh, 1 / *r.PredictedSteps)
	}
	// P(X_τ ∈ Ω_1): landings in the basin below the exit basin.
	left := 0
	rows := make([]SampleRow, 0, len(recs))
	for _, r := range recs {
		cell.TotalSteps += r.Steps
		if !r.Censored && r.Landing == exitBasin-1 {
			left++
		}
		rows = append(rows, SampleRow{Series: e.Label, B: bPtr(e.B), Eta: c.Eta, Replica: r.Replica, Steps: r.Steps, Censored: r.Censored, Landing: r.Landing})
	}
	if cell.Exits > 0 {
		cell.LandLeft = report.NewInterval(estimators.ProportionCI(left, cell.Exits, level))
	}
	if v, ok := cell.PredictedLanding[strconv.Itoa(exitBasin-1)]; ok {
		cell.LandLeftLimit = report.Num(v)
	}
	cell.Warnings = nonNil(rep.Warnings)
	p.end(fmt.Sprintf("mean %s [%s, %s], predicted %s, R = %s, %d censored",
		fmtG(cell.MeanSteps, 4), fmtG(cell.CILow, 4), fmtG(cell.CIHigh, 4), fmtG(cell.PredictedSteps, 4), fmtG(cell.Ratio, 3), cell.Censored))
	return cell, rows, nil
}

// lambdaOf returns λ(η) of a heavy-tailed noise (NaN otherwise).
func lambdaOf(z noise.Vector, eta float64) float64 {
	lam, err := theory.Lambda(z, eta)
	if err != nil {
		return math.NaN()
	}
	return lam
}

// scaleNum returns *p·k, or nil.
func scaleNum(p *float64, k float64) *float64 {
	if p == nil {
		return nil
	}
	return report.Num(*p * k)
}

// fmtG formats an optional number with the given significant digits ("–"
// for null).
func fmtG(p *float64, digits int) string {
	if p == nil {
		return "–"
	}
	return strconv.FormatFloat(*p, 'g', digits, 64)
}
