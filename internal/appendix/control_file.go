package appendix

import (
	"fmt"
	"math"

	"github.com/htsgd/htsgd/control"
)

// The control experiment (verify control, docs/control.md): its report is
// written by `verify control -out results/control` (make paper runs it),
// and read here as a control.Report.
const (
	FileControl    = "control/control.json" // control.Report
	FileControlCSV = "control/control.csv"  // one row per run
)

// readControl reads results/control/control.json, nil when absent.
func readControl(dir string) (*control.Report, error) {
	ok, err := exists(dir, FileControl)
	if err != nil || !ok {
		return nil, err
	}
	rep := new(control.Report)
	if err := readJSONFile(dir, FileControl, rep); err != nil {
		return nil, err
	}
	if rep.Format != control.ReportFormat {
		return nil, fmt.Errorf("%s: format %q, want %q", FileControl, rep.Format, control.ReportFormat)
	}
	if len(rep.Table) == 0 {
		return nil, fmt.Errorf("%s: no method", FileControl)
	}
	return rep, nil
}

// ivPtrs returns the mean and bounds of an interval as optional numbers
// (nil for NaN), scaled by s.
func ivPtrs(iv control.Interval, s float64) (m, lo, hi *float64) {
	p := func(x control.Num) *float64 {
		v := float64(x)
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil
		}
		v *= s
		return &v
	}
	return p(iv.Mean), p(iv.Lo), p(iv.Hi)
}
