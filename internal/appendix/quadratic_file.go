package appendix

import (
	"fmt"
	"io"
	"strconv"

	"github.com/htsgd/htsgd/report"
)

// QuadraticExitsFile is rd_exits.json: first exits from the ball basin of
// a quadratic well in two dimensions, one series per jump number.
type QuadraticExitsFile struct {
	// Sizes names the run.
	Sizes string `json:"sizes"`
	// The setting (quadratic_run.go): f(x) = ½xᵀHx exited from the ball
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
	TheorySamples int                     `json:"theory_samples"`
	Series        []QuadraticSeriesResult `json:"series"`
}

// QuadraticSeriesResult is one series: its cells in decreasing η and the
// trend of the ratio R(η) over them.
type QuadraticSeriesResult struct {
	Label string  `json:"label"`
	J     int     `json:"jump_number"`
	B     float64 `json:"b"`
	// Radius is r, the distance from the minimum to the boundary of the
	// basin as the theory computes it, and Slack the smallest length of
	// each of the J jumps of an exit, r − (J − 1)b.
	Radius float64 `json:"radius"`
	Slack  float64 `json:"slack"`
	// Cells are the step sizes run, decreasing.
	Cells []QuadraticCellResult `json:"cells"`
	// Trend summarises how R(η) moves as η shrinks.
	Trend RatioTrend `json:"trend"`
}

// QuadraticCellResult is one cell: the row exactly as `verify exit -json`
// prints it for the cell's scenario file (Command), with λ(η), the sizes,
// the seed and the steps simulated.
type QuadraticCellResult struct {
	// Scenario is the scenario file (relative to the results directory)
	// and Command the command line that reruns it.
	Scenario string `json:"scenario_file"`
	Command  string `json:"command"`
	Seed     int64  `json:"seed"`
	MaxSteps int64  `json:"max_steps"`
	// Lambda is λ(η) = η^{−1}H(η^{−1}).
	Lambda float64 `json:"lambda"`
	// CStarLow and CStarHigh bound the row's C* at 95%: C* ± z·SE, the
	// interval behind the row's predicted_ci_low and predicted_ci_high.
	CStarLow  float64 `json:"exit_rate_low"`
	CStarHigh float64 `json:"exit_rate_high"`
	// TotalSteps is the number of steps simulated (censored replicas to
	// the cap).
	TotalSteps int64 `json:"total_steps"`
	// Row is the report's row: exits, mean with its exact interval, C*
	// with its standard error, the prediction 1/(C* η λ(η)^J) with its
	// interval from C*, the ratio R with its interval, the exponential
	// shape test. Warnings are the report's (scenario, theory and run).
	Row      report.ExitRow `json:"row"`
	Warnings []string       `json:"warnings"`
}

// RatioTrend is how the ratio R(η) = τ̄·C* η λ(η)^J moves as η shrinks
// over the cells of a series with a ratio and its interval (it must tend
// to 1).
type RatioTrend struct {
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
	Slope *RatioSlope `json:"log_ratio_slope"`
}

// RatioSlope is the slope of log R on log η with its 95% intervals
// (quadratic_trend.go).
type RatioSlope struct {
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

// check reports whether a decoded rd_exits.json has series with cells.
func (f *QuadraticExitsFile) check() error {
	if len(f.Series) == 0 {
		return fmt.Errorf("%s: no series", FileQuadraticExits)
	}
	for _, s := range f.Series {
		if len(s.Cells) == 0 {
			return fmt.Errorf("%s: series %s has no cell", FileQuadraticExits, s.Label)
		}
	}
	return nil
}

// writeQuadraticCSV writes rd_exits.csv, one line per cell.
func writeQuadraticCSV(w io.Writer, f QuadraticExitsFile) error {
	header := []string{"series", "jump_number", "b", "eta", "lambda", "seed", "max_steps", "samples", "exits", "censored",
		"mean_steps", "ci_low", "ci_high", "exit_rate", "exit_rate_stderr", "exit_rate_low", "exit_rate_high", "predicted_steps", "predicted_low", "predicted_high",
		"ratio", "ratio_low", "ratio_high", "exp_test_p", "total_steps", "scenario_file"}
	return csvTable(w, header, func(emit func([]string) error) error {
		for _, s := range f.Series {
			for _, c := range s.Cells {
				r, u := c.Row, uncertainty(c.Row)
				if err := emit([]string{s.Label, strconv.Itoa(s.J), fmtExact(s.B), fmtExact(r.Eta), fmtExact(c.Lambda),
					strconv.FormatInt(c.Seed, 10), strconv.FormatInt(c.MaxSteps, 10), strconv.Itoa(r.Samples),
					strconv.Itoa(r.Exits), strconv.Itoa(r.Censored), csvNum(r.MeanSteps), csvNum(r.CILow), csvNum(r.CIHigh),
					csvNum(u.CStar), csvNum(u.CStarErr), fmtExact(c.CStarLow), fmtExact(c.CStarHigh), csvNum(r.PredictedSteps), csvNum(u.PredictedLow), csvNum(u.PredictedHigh),
					csvNum(r.Ratio), csvNum(r.RatioLow), csvNum(r.RatioHigh), csvNum(r.ExpTestP),
					strconv.FormatInt(c.TotalSteps, 10), c.Scenario}); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// uncertainty returns the Monte Carlo uncertainty of a row's prediction
// (its fields nil when the row has none).
func uncertainty(r report.ExitRow) report.PredictionUncertainty {
	if r.PredictionUncertainty == nil {
		return report.PredictionUncertainty{}
	}
	return *r.PredictionUncertainty
}
