package appendix

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"

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
