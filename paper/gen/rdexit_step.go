package gen

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/pipeline"
	"github.com/htsgd/htsgd/scenario"
)

// runRdExits runs the 2-D quadratic exit experiment and writes
// rd_exits.json and rd_exits.csv. Each cell runs as `verify exit -json`
// runs its scenario file (written to dir/scenarios and loaded back, so the
// run sees exactly what the command line would): scenario.BuildRdWith with
// verify's default basin options, pipeline.AnalyseRd with
// pipeline.TheoryOptionsRd(sc, TheorySamples), pipeline.RunExitsRd and
// pipeline.ExitReportRd. The cell's C* comes from its own scenario's seed,
// so C* varies across the cells of a series within its Monte Carlo error
// (which each row's intervals carry). It returns the steps simulated.
func runRdExits(ctx context.Context, s Sizes, dir string, workers int, p *progress) (int64, error) {
	d := s.RdExits
	out := RdExitsFile{Sizes: s.Name, Landscape: scenario.KindQuadratic, Hessian: rdqHessian(), BasinRadius: rdqBasinRadius,
		Law: scenario.LawPareto, Angular: scenario.AngularIsotropic, Alpha: rdqAlpha, Scale: rdqScale,
		TheorySamples: d.TheorySamples, Series: []RdExitSeriesResult{}}
	if err := os.MkdirAll(filepath.Join(dir, DirScenarios), 0o755); err != nil {
		return 0, err
	}
	for _, e := range d.Series {
		sr := RdExitSeriesResult{Label: e.Label, J: e.J, B: e.B}
		for _, c := range e.Cells {
			cell, b, err := runRdExitCell(ctx, e, c, d.TheorySamples, dir, workers, p)
			if err != nil {
				return 0, fmt.Errorf("rd exits %s η=%g: %w", e.Label, c.Eta, err)
			}
			if out.Start == nil {
				out.Start = slices.Clone(b.start)
			}
			sr.Radius = b.radius
			sr.Cells = append(sr.Cells, cell)
		}
		sr.Slack = sr.Radius - float64(sr.J-1)*sr.B
		sr.Trend = ratioTrend(sr.Cells)
		out.Series = append(out.Series, sr)
	}
	if err := writeJSONFile(dir, FileRdExits, out); err != nil {
		return 0, err
	}
	return rdExitSteps(out), writeFile(dir, FileRdExitsCSV, func(w io.Writer) error { return writeRdExitsCSV(w, out) })
}

// rdqCellInfo is what runRdExitCell learns about the setting besides the
// row: the start point and the theory's r.
type rdqCellInfo struct {
	start  []float64
	radius float64
}

// runRdExitCell runs one cell as `verify exit -scenario <file>
// [-theory-samples n] -json` does.
func runRdExitCell(ctx context.Context, e RdExitSeries, c ExitCellSize, theorySamples int, dir string, workers int, p *progress) (RdExitCellResult, rdqCellInfo, error) {
	var info rdqCellInfo
	name := rdqCellName(e, c.Eta)
	cell := RdExitCellResult{
		Scenario: filepath.ToSlash(filepath.Join(DirScenarios, name+".toml")),
		Command:  rdqCommand(name, theorySamples),
		MaxSteps: c.MaxSteps, Warnings: []string{},
	}
	if err := writeScenarioWithHead(filepath.Join(dir, cell.Scenario), rdqScenario(e, c),
		"# A cell of the 2-D quadratic exit experiment of the appendix (THEORY.md section 5),\n"+
			"# written by paper/gen. Rerun it from the repository root with\n#   "+cell.Command+"\n"); err != nil {
		return cell, info, err
	}
	sc, err := scenario.Load(filepath.Join(dir, cell.Scenario))
	if err != nil {
		return cell, info, err
	}
	b, err := sc.BuildRdWith(landscapes.BasinMapOptions{})
	if err != nil {
		return cell, info, err
	}
	a, notes, err := pipeline.AnalyseRd(b, pipeline.TheoryOptionsRd(sc, theorySamples))
	if err != nil {
		return cell, info, err
	}
	if a == nil || len(b.Starts) != 1 || len(b.Etas) != 1 {
		return cell, info, fmt.Errorf("want one start, one η and a theory, got %d, %d and %v", len(b.Starts), len(b.Etas), notes)
	}
	basin := b.Starts[0].Basin
	if got := a.JumpNumber[basin]; got != e.J {
		return cell, info, fmt.Errorf("the theory gives J = %d at b = %g, the series expects %d", got, e.B, e.J)
	}
	info.start, info.radius = slices.Clone(b.Starts[0].X), a.Radius[basin]
	cell.CStarLow, cell.CStarHigh = a.ExitRateCI(basin, level)
	pred, err := pipeline.PredictExitRd(a, b, basin, c.Eta)
	if err != nil {
		return cell, info, err
	}
	p.begin(fmt.Sprintf("2-D quadratic exits %s η=%g", e.Label, c.Eta), c.Samples, float64(c.Samples)*min(pred.MeanSteps, float64(c.MaxSteps)))
	cells, err := pipeline.RunExitsRd(ctx, sc, b, pipeline.ExitOptions{Workers: workers, OnReplica: p.add})
	if err != nil {
		p.end("interrupted")
		return cell, info, err
	}
	rep, err := pipeline.ExitReportRd(sc, b, cells, a, notes)
	if err != nil || len(rep.Rows) != 1 || len(cells) != 1 {
		p.end("failed")
		return cell, info, fmt.Errorf("report: %v (%d rows)", err, len(rep.Rows))
	}
	cell.Row, cell.Seed = rep.Rows[0], sc.Run.Seed
	cell.Warnings = append(cell.Warnings, rep.Warnings...)
	cell.Lambda = lambdaOf(b.Noise.Radius(), c.Eta)
	for _, r := range cells[0].Result.Records {
		cell.TotalSteps += r.Steps
	}
	r := cell.Row
	p.end(fmt.Sprintf("mean %s [%s, %s], C* %s, predicted %s, R = %s [%s, %s], %d censored",
		fmtG(r.MeanSteps, 4), fmtG(r.CILow, 4), fmtG(r.CIHigh, 4), fmtG(r.CStar, 4), fmtG(r.PredictedSteps, 4),
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

// writeRdExitsCSV writes one line per cell.
func writeRdExitsCSV(w io.Writer, f RdExitsFile) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"series", "jump_number", "b", "eta", "lambda", "seed", "max_steps", "samples", "exits", "censored",
		"mean_steps", "ci_low", "ci_high", "exit_rate", "exit_rate_stderr", "exit_rate_low", "exit_rate_high", "predicted_steps", "predicted_low", "predicted_high",
		"ratio", "ratio_low", "ratio_high", "exp_test_p", "total_steps", "scenario_file"}); err != nil {
		return err
	}
	for _, s := range f.Series {
		for _, c := range s.Cells {
			r := c.Row
			rec := []string{s.Label, strconv.Itoa(s.J), fmtExact(s.B), fmtExact(r.Eta), fmtExact(c.Lambda),
				strconv.FormatInt(c.Seed, 10), strconv.FormatInt(c.MaxSteps, 10), strconv.Itoa(r.Samples),
				strconv.Itoa(r.Exits), strconv.Itoa(r.Censored), csvNum(r.MeanSteps), csvNum(r.CILow), csvNum(r.CIHigh),
				csvNum(r.CStar), csvNum(r.CStarErr), fmtExact(c.CStarLow), fmtExact(c.CStarHigh), csvNum(r.PredictedSteps), csvNum(r.PredictedLow), csvNum(r.PredictedHigh),
				csvNum(r.Ratio), csvNum(r.RatioLow), csvNum(r.RatioHigh), csvNum(r.ExpTestP),
				strconv.FormatInt(c.TotalSteps, 10), c.Scenario}
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// rdExitSteps returns the steps simulated by the experiment.
func rdExitSteps(f RdExitsFile) int64 {
	var n int64
	for _, s := range f.Series {
		for _, c := range s.Cells {
			n += c.TotalSteps
		}
	}
	return n
}
