package appendix

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/htsgd/htsgd/report"
	"github.com/htsgd/htsgd/scenario"
)

// RarePattern selects the rare-event estimates of the appendix under rare/:
// each is the output of `verify exit -method is -json` (report.ExitReport)
// on a scenario of the paper's setting, copied there under that name (the
// other files under rare/ are working outputs, which the appendix does not
// pick up by itself). Fit puts their means next to the brute-force cells of
// the series with the same threshold and exit basin.
const RarePattern = "appendix*.json"

// rareSeries is one rare-event file: its threshold (nil: none), the exit
// basin of its rows and the rows.
type rareSeries struct {
	b     *float64
	basin int
	rows  []report.ExitRow
}

// readRare reads every rare/appendix*.json of dir in name order. A file
// that is not a `verify exit -json` report is an error; a report of
// another setting than the paper's (paper-1d on [−1.6, 1.6], symmetric
// Pareto noise with α = 1.2 and c = 0.1), or whose rows are not of one
// basin with a mean and its interval, is skipped with a note.
func readRare(dir string) (series []rareSeries, names, notes []string, err error) {
	paths, err := filepath.Glob(filepath.Join(dir, DirRare, RarePattern))
	if err != nil {
		return nil, nil, nil, err
	}
	slices.Sort(paths)
	for _, p := range paths {
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, nil, nil, err
		}
		var rep report.ExitReport
		if err := decodeStrict(data, &rep); err != nil {
			return nil, nil, nil, fmt.Errorf("%s: not a verify exit report: %w", rel, err)
		}
		s, why, err := rareOf(rep)
		if err != nil {
			return nil, nil, nil, fmt.Errorf("%s: %w", rel, err)
		}
		if why != "" {
			notes = append(notes, fmt.Sprintf("%s: skipped (%s)", rel, why))
			continue
		}
		series = append(series, s)
		names = append(names, rel)
	}
	return series, names, notes, nil
}

// rareOf checks that a report is of the paper's setting with rows of one
// basin that have a mean and its interval; why says what else it is.
func rareOf(rep report.ExitReport) (s rareSeries, why string, err error) {
	raw, err := json.Marshal(rep.Scenario)
	if err != nil {
		return s, "", err
	}
	var sc scenario.Scenario
	if err := decodeStrict(raw, &sc); err != nil {
		return s, "", fmt.Errorf("its scenario: %w", err)
	}
	l, n := sc.Landscape, sc.Noise
	if l.Kind != scenario.KindPaper1D || !slices.Equal(l.Domain, []float64{-1.6, 1.6}) ||
		n.Law != scenario.LawPareto || n.Alpha == nil || *n.Alpha != paperAlpha || n.Scale != paperScale ||
		(n.PPlus != nil && *n.PPlus != 0.5) {
		return s, "not a rare-event estimate for the paper's setting", nil
	}
	if len(rep.Rows) == 0 {
		return s, "no rows", nil
	}
	s = rareSeries{b: sc.SGD.B, basin: rep.Rows[0].Basin, rows: rep.Rows}
	for _, r := range rep.Rows {
		if r.Basin != s.basin || r.MeanSteps == nil || r.CILow == nil {
			return rareSeries{}, "rows of several basins, or without a mean", nil
		}
	}
	return s, "", nil
}

// tableRare lists the rare-event points of the fits with the self-check of
// each estimate (report.RareDiagnostics, docs/theory.md §13): the hazard
// ratio across the counting interval and the transient bias with their 95%
// intervals, the largest single window's share of the estimate, the
// effective number of exits, and the verdict (the failed checks when the
// estimate warns). It is nil when no rare-event point entered the fits.
func tableRare(r *results) *table {
	t := &table{label: "tab:rare", caption: text("rare.table.caption", nil), source: []string{FileFits},
		align: "lrrrrrrrl"}
	t.header = []Inline{formula("b"), formula(`\eta`), prose("mean exit time [95% CI]"), formula("R"),
		prose("hazard ratio [95% CI]"), prose("transient bias [95% CI]"), prose("largest weight share"),
		prose("effective exits"), prose("diagnostics")}
	for _, f := range r.fits.Series {
		for _, p := range f.Points {
			if p.Source != SourceRare {
				continue
			}
			mean, lo, hi := p.R*p.Predicted, p.Low*p.Predicted, p.High*p.Predicted
			row := []Inline{bValue(f.B), num(p.Eta, 2), ci(&mean, &lo, &hi, 3), num(p.R, 3)}
			d := p.Rare
			if d == nil {
				row = append(row, prose(dash), prose(dash), prose(dash), prose(dash), prose("unchecked: made before the design rule, without self-checks"))
				t.rows = append(t.rows, row)
				continue
			}
			verdict := "pass"
			switch {
			case d.Refused != "":
				verdict = "refused: " + d.Refused
			case d.Warning:
				verdict = "warning: " + strings.ReplaceAll(strings.Join(d.Failed, ", "), "_", " ")
			}
			if d.Stretch > 1 {
				verdict += fmt.Sprintf(" (design stretched by %g)", d.Stretch)
			}
			row = append(row, ci(d.HazardRatio.Value, d.HazardRatio.Low, d.HazardRatio.High, 3),
				pctCI(d.TransientBias.Value, d.TransientBias.Low, d.TransientBias.High),
				pct(d.MaxShare.Value), numP(d.ESS.Value, 3), prose(verdict))
			t.rows = append(t.rows, row)
		}
	}
	if len(t.rows) == 0 {
		return nil
	}
	return t
}
