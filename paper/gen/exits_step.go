package gen

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"

	"github.com/htsgd/htsgd/estimators"
	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/noise"
	"github.com/htsgd/htsgd/pipeline"
	"github.com/htsgd/htsgd/report"
	"github.com/htsgd/htsgd/theory"
)

// level is the confidence level of every interval in the appendix.
const level = 0.95

// sampleRow is one replica of an exit cell (exit_samples.csv).
type sampleRow struct {
	Series string
	B      *float64
	Eta    float64
	Record mc.ExitRecord
}

// runExits runs every cell of every exit series with pipeline.RunExits and
// summarises it with pipeline.ExitReport, exactly as `verify exit` does on
// the cell's scenario (written to dir/scenarios), and adds λ(η), the
// ratio's interval and the landing interval.
func runExits(ctx context.Context, s Sizes, th *TheoryFile, dir string, workers int, p *progress) (ExitsFile, []sampleRow, error) {
	out := ExitsFile{Sizes: s.Name, Series: []ExitSeriesResult{}}
	var samples []sampleRow
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
			cell, recs, err := runExitCell(ctx, e, c, dir, workers, p)
			if err != nil {
				return out, nil, fmt.Errorf("exits %s η=%g: %w", e.Label, c.Eta, err)
			}
			sr.Cells = append(sr.Cells, cell)
			for _, r := range recs {
				samples = append(samples, sampleRow{Series: e.Label, B: bPtr(e.B), Eta: c.Eta, Record: r})
			}
		}
		out.Series = append(out.Series, sr)
	}
	return out, samples, nil
}

// runExitCell runs one cell.
func runExitCell(ctx context.Context, e ExitSeries, c ExitCellSize, dir string, workers int, p *progress) (ExitCellResult, []mc.ExitRecord, error) {
	sc := cellScenario(e, c)
	var cell ExitCellResult
	b, err := sc.Build()
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
	preds, _, err := pipeline.PredictExits(b)
	if err != nil {
		return cell, nil, err
	}
	pred := preds(0, exitBasin)
	p.begin(fmt.Sprintf("exits %s η=%g", e.Label, c.Eta), c.Samples, float64(c.Samples)*min(pred.MeanSteps, float64(c.MaxSteps)))
	cells, err := pipeline.RunExits(ctx, sc, b, pipeline.ExitOptions{Workers: workers, OnReplica: p.add})
	if err != nil {
		p.end("interrupted")
		return cell, nil, err
	}
	rep, err := pipeline.ExitReport(sc, b, cells)
	if err != nil {
		p.end("failed")
		return cell, nil, err
	}
	if len(rep.Rows) != 1 || len(cells) != 1 {
		p.end("failed")
		return cell, nil, fmt.Errorf("expected one cell, got %d", len(rep.Rows))
	}
	recs := cells[0].Result.Records
	cell.ExitRow = rep.Rows[0]
	cell.Seed, cell.MaxSteps = sc.Run.Seed, c.MaxSteps
	cell.Lambda = lambdaOf(b.Law, c.Eta)
	if r := cell.ExitRow; r.PredictedSteps != nil {
		cell.RatioLow = scaleNum(r.CILow, 1 / *r.PredictedSteps)
		cell.RatioHigh = scaleNum(r.CIHigh, 1 / *r.PredictedSteps)
	}
	// P(X_τ ∈ Ω_1): landings in the basin below the exit basin.
	left := 0
	for _, r := range recs {
		cell.TotalSteps += r.Steps
		if !r.Censored && r.Landing == exitBasin-1 {
			left++
		}
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
	return cell, recs, nil
}

// lambdaOf returns λ(η) of a heavy-tailed law (NaN otherwise).
func lambdaOf(l noise.Law, eta float64) float64 {
	lam, err := theory.Lambda(l, eta)
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
