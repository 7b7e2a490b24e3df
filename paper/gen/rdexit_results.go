package gen

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/htsgd/htsgd/report"
)

// Files of the 2-D quadratic exit experiment in a results directory (Run
// writes them when Sizes.RdExits is enabled; Render draws section "First
// exit in two dimensions" from them, and omits it when they are absent).
const (
	// FileRdExits is RdExitsFile.
	FileRdExits = "rd_exits.json"
	// FileRdExitsCSV has one line per cell.
	FileRdExitsCSV = "rd_exits.csv"
)

// RdExitsFile is rd_exits.json: the setting of the experiment and its
// series.
type RdExitsFile struct {
	// Sizes names the run.
	Sizes string `json:"sizes"`
	// The setting (rdexit_scenario.go): f(x) = ½xᵀHx exited from the ball
	// ‖x‖ < BasinRadius, started at Start, isotropic noise with a Pareto
	// radius (α, c).
	Landscape   string      `json:"landscape"`
	Hessian     [][]float64 `json:"hessian"`
	BasinRadius float64     `json:"basin_radius"`
	Start       []float64   `json:"start"`
	Law         string      `json:"law"`
	Angular     string      `json:"angular"`
	Alpha       float64     `json:"alpha"`
	Scale       float64     `json:"scale"`
	// TheorySamples is the number of Monte Carlo paths behind each cell's
	// C* (-theory-samples of the cells' commands; 0: the theory's
	// default).
	TheorySamples int                  `json:"theory_samples"`
	Series        []RdExitSeriesResult `json:"series"`
}

// RdExitSeriesResult is one series: its cells in decreasing η and the
// trend of the ratio R(η) over them.
type RdExitSeriesResult struct {
	Label string  `json:"label"`
	J     int     `json:"jump_number"`
	B     float64 `json:"b"`
	// Radius is r, the distance from the minimum to the boundary of the
	// basin as the theory computes it (THEORY.md section 5), and Slack the
	// smallest length of each of the J jumps of an exit, r − (J − 1)b
	// (THEORY.md sections 7 and 9).
	Radius float64 `json:"radius"`
	Slack  float64 `json:"slack"`
	// Cells are the step sizes run, decreasing.
	Cells []RdExitCellResult `json:"cells"`
	// Trend summarises how R(η) moves as η shrinks.
	Trend RdRatioTrend `json:"trend"`
}

// RdExitCellResult is one cell: the row exactly as `verify exit -json`
// prints it for the cell's scenario file (Command), with λ(η), the sizes,
// the seed and the steps simulated.
type RdExitCellResult struct {
	// Scenario is the scenario file (relative to the results directory)
	// and Command the command line that reruns it.
	Scenario string `json:"scenario_file"`
	Command  string `json:"command"`
	Seed     int64  `json:"seed"`
	MaxSteps int64  `json:"max_steps"`
	// Lambda is λ(η) = η^{−1}H(η^{−1}).
	Lambda float64 `json:"lambda"`
	// CStarLow and CStarHigh bound the row's C* at 95%: C* ± z·SE
	// (theory.AnalysisRd.ExitRateCI), the interval behind the row's
	// predicted_ci_low and predicted_ci_high.
	CStarLow  float64 `json:"exit_rate_low"`
	CStarHigh float64 `json:"exit_rate_high"`
	// TotalSteps is the number of steps simulated (censored replicas to
	// the cap).
	TotalSteps int64 `json:"total_steps"`
	// Row is the report's row: exits, mean with its exact interval, C*
	// with its standard error, the prediction 1/(C* η λ(η)^J) with its
	// interval from C*, the ratio R with its interval, the exponential
	// shape test. Warnings are the report's (scenario, theory and run).
	Row      report.ExitRowRd `json:"row"`
	Warnings []string         `json:"warnings"`
}

// RdRatioTrend is how the ratio R(η) = τ̄·C* η λ(η)^J moves as η shrinks
// over the cells of a series with a ratio and its interval (THEORY.md
// section 7: it must tend to 1).
type RdRatioTrend struct {
	// Steps is the number of consecutive pairs of such cells; TowardOne
	// the number of them in which |log R| decreases from the larger η to
	// the smaller, TowardDisjoint those of them whose two 95% intervals
	// are disjoint, and AwayOverlapping the other steps (away from 1)
	// whose two intervals overlap.
	Steps           int `json:"steps"`
	TowardOne       int `json:"toward_one"`
	TowardDisjoint  int `json:"toward_one_disjoint"`
	AwayOverlapping int `json:"away_overlapping"`
	// Slope is the weighted least-squares slope of log R on log η (nil
	// with fewer than two cells): negative when R grows as η shrinks.
	Slope *RdRatioSlope `json:"log_ratio_slope"`
}

// RdRatioSlope is the slope of log R on log η with its 95% intervals
// (rdexit_trend.go).
type RdRatioSlope struct {
	// Slope, Low and High: the slope and its normal interval with the
	// delta-method variances of log R taken as known
	// (estimators.WLSLineKnownVar), a valid test of "no trend".
	Slope float64 `json:"slope"`
	Low   float64 `json:"low"`
	High  float64 `json:"high"`
	// GoodnessP is the goodness of fit of a straight line with these
	// variances (null for two points): small when R curves in log η.
	GoodnessP *float64 `json:"goodness_p"`
	// ResidualLow and ResidualHigh bound the slope with the residual
	// scale estimated (estimators.WLSLine, t interval; null for fewer
	// than three points), which widens the interval by the curvature.
	ResidualLow  *float64 `json:"residual_low"`
	ResidualHigh *float64 `json:"residual_high"`
	N            int      `json:"n"`
	EtaMin       float64  `json:"eta_min"`
	EtaMax       float64  `json:"eta_max"`
}

// readRdExits reads rd_exits.json: nil when the directory has none.
func readRdExits(dir string) (*RdExitsFile, error) {
	if _, err := os.Stat(filepath.Join(dir, FileRdExits)); errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	var f RdExitsFile
	if err := readJSONFile(dir, FileRdExits, &f); err != nil {
		return nil, err
	}
	if len(f.Series) == 0 {
		return nil, fmt.Errorf("%s: no series", FileRdExits)
	}
	for _, s := range f.Series {
		if len(s.Cells) == 0 {
			return nil, fmt.Errorf("%s: series %s has no cell", FileRdExits, s.Label)
		}
	}
	return &f, nil
}
