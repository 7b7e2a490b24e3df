package appendix

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"

	"github.com/htsgd/htsgd/report"
)

// ExitsFile is exits.json: the first exits from Ω_2 of the paper's
// landscape, one series per truncation threshold.
type ExitsFile struct {
	// Sizes names the run ("quick" or "full").
	Sizes  string             `json:"sizes"`
	Series []ExitSeriesResult `json:"series"`
}

// ExitSeriesResult is one series: a truncation threshold over a grid of η.
type ExitSeriesResult struct {
	Label string   `json:"label"`
	B     *float64 `json:"b"`
	Basin int      `json:"basin"`
	Jump  int      `json:"jump_number"`
	// Q is q_i of the exit basin.
	Q     float64          `json:"q"`
	Cells []ExitCellResult `json:"cells"`
}

// ExitCellResult is one (b, η) cell: the row `verify exit -json` prints for
// the cell's scenario (report.ExitRow, flattened), with the ratio's
// interval, the landing interval and the cell's run parameters.
type ExitCellResult struct {
	report.ExitRow
	// Lambda is λ(η).
	Lambda float64 `json:"lambda"`
	// Seed and MaxSteps are the cell's scenario seed and step cap;
	// Scenario names its file under DirScenarios.
	Seed     int64  `json:"seed"`
	MaxSteps int64  `json:"max_steps"`
	Scenario string `json:"scenario_file"`
	// RatioLow and RatioHigh bound R = τ̄/predicted: the exact interval of
	// τ̄ divided by the (exact) prediction.
	RatioLow  *float64 `json:"ratio_low"`
	RatioHigh *float64 `json:"ratio_high"`
	// LandLeft is the fraction of exits landing in the basin below (Ω_1)
	// with its Clopper–Pearson interval, and LandLeftLimit q_{2,1}/q_2.
	LandLeft      report.Interval `json:"land_left"`
	LandLeftLimit *float64        `json:"land_left_limit"`
	// TotalSteps is the number of steps simulated in the cell.
	TotalSteps int64 `json:"total_steps"`
	// Warnings are the scenario's and the theory's warnings for the cell.
	Warnings []string `json:"warnings"`
}

// check reports whether a decoded exits.json has series with cells.
func (ex *ExitsFile) check() error {
	if len(ex.Series) == 0 {
		return fmt.Errorf("%s: no series", FileExits)
	}
	for _, s := range ex.Series {
		if len(s.Cells) == 0 {
			return fmt.Errorf("%s: series %s has no cell", FileExits, s.Label)
		}
	}
	return nil
}

// writeExitsCSV writes one line per exit cell.
func writeExitsCSV(w io.Writer, ex ExitsFile) error {
	header := []string{"series", "b", "jump_number", "eta", "lambda", "seed", "max_steps", "samples", "exits", "censored",
		"mean_steps", "ci_low", "ci_high", "predicted_steps", "ratio", "ratio_low", "ratio_high", "exp_test_p",
		"land_left", "land_left_low", "land_left_high", "land_left_limit", "landing_test_p", "total_steps", "scenario_file"}
	return csvTable(w, header, func(emit func([]string) error) error {
		for _, s := range ex.Series {
			for _, c := range s.Cells {
				if err := emit([]string{s.Label, csvNum(s.B), strconv.Itoa(s.Jump), fmtExact(c.Eta), fmtExact(c.Lambda),
					strconv.FormatInt(c.Seed, 10), strconv.FormatInt(c.MaxSteps, 10), strconv.Itoa(c.Samples),
					strconv.Itoa(c.Exits), strconv.Itoa(c.Censored), csvNum(c.MeanSteps), csvNum(c.CILow), csvNum(c.CIHigh),
					csvNum(c.PredictedSteps), csvNum(c.Ratio), csvNum(c.RatioLow), csvNum(c.RatioHigh), csvNum(c.ExpTestP),
					csvNum(c.LandLeft.Estimate), csvNum(c.LandLeft.Low), csvNum(c.LandLeft.High), csvNum(c.LandLeftLimit),
					csvNum(c.LandingTestP), strconv.FormatInt(c.TotalSteps, 10), c.Scenario}); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// SampleRow is one exit replica, a line of exit_samples.csv: the series,
// its threshold (null: none), η, and the replica's record (steps, whether
// it was censored, the basin it landed in, −2 when censored).
type SampleRow struct {
	Series   string
	B        *float64
	Eta      float64
	Replica  int
	Steps    int64
	Censored bool
	Landing  int
}

// samplesHeader is the header of exit_samples.csv.
var samplesHeader = []string{"series", "b", "eta", "replica", "steps", "censored", "landing"}

// writeSamplesCSV writes exit_samples.csv.
func writeSamplesCSV(w io.Writer, rows []SampleRow) error {
	return csvTable(w, samplesHeader, func(emit func([]string) error) error {
		for _, r := range rows {
			if err := emit([]string{r.Series, csvNum(r.B), fmtExact(r.Eta), strconv.Itoa(r.Replica),
				strconv.FormatInt(r.Steps, 10), strconv.FormatBool(r.Censored), strconv.Itoa(r.Landing)}); err != nil {
				return err
			}
		}
		return nil
	})
}

// readSamples reads exit_samples.csv; another header, or a field that does
// not parse, is an error.
func readSamples(dir string) ([]SampleRow, error) {
	f, err := os.Open(filepath.Join(dir, FileSamples))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", FileSamples, err)
	}
	if len(recs) == 0 || !slices.Equal(recs[0], samplesHeader) {
		return nil, fmt.Errorf("%s: want the header %v", FileSamples, samplesHeader)
	}
	out := make([]SampleRow, 0, len(recs)-1)
	for i, r := range recs[1:] {
		line := i + 2
		row := SampleRow{Series: r[0]}
		var errs [6]error
		if r[1] != "" {
			b, err := strconv.ParseFloat(r[1], 64)
			row.B, errs[0] = &b, err
		}
		row.Eta, errs[1] = strconv.ParseFloat(r[2], 64)
		row.Replica, errs[2] = strconv.Atoi(r[3])
		row.Steps, errs[3] = strconv.ParseInt(r[4], 10, 64)
		row.Censored, errs[4] = strconv.ParseBool(r[5])
		row.Landing, errs[5] = strconv.Atoi(r[6])
		for k, err := range errs {
			if err != nil {
				return nil, fmt.Errorf("%s: line %d: column %s: %w", FileSamples, line, samplesHeader[k+1], err)
			}
		}
		out = append(out, row)
	}
	return out, nil
}
