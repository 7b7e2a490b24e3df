package appendix

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/htsgd/htsgd/pipeline"
	"github.com/htsgd/htsgd/scenario"
)

// runQuadratic runs the 2-D quadratic exit experiment and writes
// rd_exits.json and rd_exits.csv. Each cell runs as `verify exit -json`
// runs its scenario file (written to dir/scenarios and loaded back, so the
// run sees exactly what the command line would): the plan with verify's
// default basin options, pipeline.Analyse with pipeline.TheoryOptions(plan,
// TheorySamples), pipeline.RunExits and pipeline.ExitReport. The cell's C*
// comes from its own scenario's seed, so C* varies across the cells of a
// series within its Monte Carlo error (which each row's intervals carry).
// It returns the steps simulated.
func runQuadratic(ctx context.Context, s Sizes, dir string, workers int, p *progress) (int64, error) {
	d := s.Quadratic
	out := QuadraticExitsFile{Sizes: s.Name, Landscape: scenario.KindQuadratic, Hessian: quadraticHessian(), BasinRadius: quadraticBasinRadius,
		Law: scenario.LawPareto, Angular: scenario.AngularIsotropic, Alpha: quadraticAlpha, Scale: quadraticScale,
		TheorySamples: d.TheorySamples, Series: []QuadraticSeriesResult{}}
	if err := os.MkdirAll(filepath.Join(dir, DirScenarios), 0o755); err != nil {
		return 0, err
	}
	for _, e := range d.Series {
		sr := QuadraticSeriesResult{Label: e.Label, J: e.J, B: e.B}
		for _, c := range e.Cells {
			cell, info, err := runQuadraticCell(ctx, e, c, d.TheorySamples, dir, workers, p)
			if err != nil {
				return 0, fmt.Errorf("quadratic exits %s η=%g: %w", e.Label, c.Eta, err)
			}
			if out.Start == nil {
				out.Start = slices.Clone(info.start)
			}
			sr.Radius = info.radius
			sr.Cells = append(sr.Cells, cell)
		}
		sr.Slack = sr.Radius - float64(sr.J-1)*sr.B
		sr.Trend = ratioTrend(sr.Cells)
		out.Series = append(out.Series, sr)
	}
	if err := writeJSONFile(dir, FileQuadraticExits, out); err != nil {
		return 0, err
	}
	var steps int64
	for _, s := range out.Series {
		for _, c := range s.Cells {
			steps += c.TotalSteps
		}
	}
	return steps, writeFile(dir, FileQuadraticExitsCSV, func(w io.Writer) error { return writeQuadraticCSV(w, out) })
}

// quadraticCellInfo is what runQuadraticCell learns about the setting
// besides the row: the start point and the theory's r.
type quadraticCellInfo struct {
	start  []float64
	radius float64
}

// runQuadraticCell runs one cell as `verify exit -scenario <file>
// [-theory-samples n] -json` does.
func runQuadraticCell(ctx context.Context, e QuadraticSeries, c ExitCellSize, theorySamples int, dir string, workers int, p *progress) (QuadraticCellResult, quadraticCellInfo, error) {
	var info quadraticCellInfo
	name := quadraticCellName(e, c.Eta)
	cell := QuadraticCellResult{
		Scenario: filepath.ToSlash(filepath.Join(DirScenarios, name+".toml")),
		Command:  quadraticCommand(name, theorySamples),
		MaxSteps: c.MaxSteps, Warnings: []string{},
	}
	if err := writeScenarioWithHead(filepath.Join(dir, cell.Scenario), quadraticScenario(e, c),
		"# A cell of the 2-D quadratic exit experiment of the appendix (docs/theory.md §9),\n"+
			"# written by internal/appendix. Rerun it from the repository root with\n#   "+cell.Command+"\n"); err != nil {
		return cell, info, err
	}
	sc, err := scenario.Load(filepath.Join(dir, cell.Scenario))
	if err != nil {
		return cell, info, err
	}
	plan, err := sc.Build(scenario.BuildOptions{})
	if err != nil {
		return cell, info, err
	}
	a, notes, err := pipeline.Analyse(ctx, plan, pipeline.TheoryOptions(plan, theorySamples))
	if err != nil {
		return cell, info, err
	}
	if a == nil || len(plan.Starts) != 1 || len(plan.Etas) != 1 {
		return cell, info, fmt.Errorf("want one start, one η and a theory, got %d, %d and %v", len(plan.Starts), len(plan.Etas), notes)
	}
	basin := plan.Starts[0].Basin
	if got := a.JumpNumber[basin]; got != e.J {
		return cell, info, fmt.Errorf("the theory gives J = %d at b = %g, the series expects %d", got, e.B, e.J)
	}
	info.start, info.radius = slices.Clone(plan.Starts[0].X), a.Radius[basin]
	if cell.CStarLow, cell.CStarHigh, err = a.ExitRateCI(basin, level); err != nil {
		return cell, info, err
	}
	pred, err := a.PredictExit(basin, c.Eta)
	if err != nil {
		return cell, info, err
	}
	p.begin(fmt.Sprintf("2-D quadratic exits %s η=%g", e.Label, c.Eta), c.Samples, float64(c.Samples)*min(pred.MeanSteps, float64(c.MaxSteps)))
	// The cell's records are kept (pipeline.RunExits streams without
	// them): the appendix writes them.
	rec, err := pipeline.NewRecords(plan, pipeline.WholeRun, 0)
	if err != nil {
		return cell, info, err
	}
	cells, err := pipeline.RunExits(ctx, plan, pipeline.ExitOptions{Workers: workers, Records: rec, OnReplica: p.addCell})
	if err != nil {
		p.end("interrupted")
		return cell, info, err
	}
	rep, err := pipeline.ExitReport(plan, a, notes, cells)
	if err != nil || len(rep.Rows) != 1 || len(cells) != 1 {
		p.end("failed")
		return cell, info, fmt.Errorf("report: %v (%d rows)", err, len(rep.Rows))
	}
	cell.Row, cell.Seed = rep.Rows[0], sc.Run.Seed
	cell.Warnings = append(cell.Warnings, rep.Warnings...)
	cell.Lambda = lambdaOf(plan.Noise, c.Eta)
	for _, r := range cells[0].Records {
		cell.TotalSteps += r.Steps
	}
	r, u := cell.Row, uncertainty(cell.Row)
	p.end(fmt.Sprintf("mean %s [%s, %s], C* %s, predicted %s, R = %s [%s, %s], %d censored",
		fmtG(r.MeanSteps, 4), fmtG(r.CILow, 4), fmtG(r.CIHigh, 4), fmtG(u.CStar, 4), fmtG(r.PredictedSteps, 4),
		fmtG(r.Ratio, 3), fmtG(r.RatioLow, 3), fmtG(r.RatioHigh, 3), r.Censored))
	return cell, info, nil
}

// writeScenarioWithHead writes sc as a scenario file headed by the comment
// head (lines starting with "#").
func writeScenarioWithHead(path string, sc *scenario.Scenario, head string) error {
	body, err := sc.TOML()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, append([]byte(head), body...), 0o644)
}
