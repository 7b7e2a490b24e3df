package gen

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
)

// writeJSONFile writes v as indented JSON to dir/name.
func writeJSONFile(dir, name string, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return os.WriteFile(filepath.Join(dir, name), buf.Bytes(), 0o644)
}

// writeFile writes what fill writes to dir/name.
func writeFile(dir, name string, fill func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := fill(&buf); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return os.WriteFile(filepath.Join(dir, name), buf.Bytes(), 0o644)
}

// readJSONFile decodes dir/name into v.
func readJSONFile(dir, name string, v any) error {
	data, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		return err
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// writeExitsCSV writes one line per exit cell.
func writeExitsCSV(w io.Writer, ex ExitsFile) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"series", "b", "jump_number", "eta", "lambda", "seed", "max_steps", "samples", "exits", "censored",
		"mean_steps", "ci_low", "ci_high", "predicted_steps", "ratio", "ratio_low", "ratio_high", "exp_test_p",
		"land_left", "land_left_low", "land_left_high", "land_left_limit", "landing_test_p", "total_steps", "scenario_file"}); err != nil {
		return err
	}
	for _, s := range ex.Series {
		for _, c := range s.Cells {
			rec := []string{s.Label, csvNum(s.B), strconv.Itoa(s.Jump), fmtExact(c.Eta), fmtExact(c.Lambda),
				strconv.FormatInt(c.Seed, 10), strconv.FormatInt(c.MaxSteps, 10), strconv.Itoa(c.Samples),
				strconv.Itoa(c.Exits), strconv.Itoa(c.Censored), csvNum(c.MeanSteps), csvNum(c.CILow), csvNum(c.CIHigh),
				csvNum(c.PredictedSteps), csvNum(c.Ratio), csvNum(c.RatioLow), csvNum(c.RatioHigh), csvNum(c.ExpTestP),
				csvNum(c.LandLeft.Estimate), csvNum(c.LandLeft.Low), csvNum(c.LandLeft.High), csvNum(c.LandLeftLimit),
				csvNum(c.LandingTestP), strconv.FormatInt(c.TotalSteps, 10), c.Scenario}
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// writeSamplesCSV writes every exit replica: series, b, η, replica, steps,
// censored, landing basin (−2 when censored).
func writeSamplesCSV(w io.Writer, rows []sampleRow) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"series", "b", "eta", "replica", "steps", "censored", "landing"}); err != nil {
		return err
	}
	for _, r := range rows {
		if err := cw.Write([]string{r.Series, csvNum(r.B), fmtExact(r.Eta), strconv.Itoa(r.Record.Replica),
			strconv.FormatInt(r.Record.Steps, 10), strconv.FormatBool(r.Record.Censored), strconv.Itoa(r.Record.Landing)}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// Sample is one exit replica read back from exit_samples.csv.
type Sample struct {
	Series   string
	Eta      float64
	Steps    int64
	Censored bool
}

// readSamples reads exit_samples.csv.
func readSamples(dir string) ([]Sample, error) {
	f, err := os.Open(filepath.Join(dir, FileSamples))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", FileSamples, err)
	}
	var out []Sample
	for i, r := range recs {
		if i == 0 {
			continue
		}
		if len(r) != 7 {
			return nil, fmt.Errorf("%s: line %d: want 7 fields, got %d", FileSamples, i+1, len(r))
		}
		eta, err1 := strconv.ParseFloat(r[2], 64)
		steps, err2 := strconv.ParseInt(r[4], 10, 64)
		cens, err3 := strconv.ParseBool(r[5])
		if err1 != nil || err2 != nil || err3 != nil {
			return nil, fmt.Errorf("%s: line %d: bad number", FileSamples, i+1)
		}
		out = append(out, Sample{Series: r[0], Eta: eta, Steps: steps, Censored: cens})
	}
	return out, nil
}

// fmtExact formats x with the shortest exact representation.
func fmtExact(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

// writeRatesCSV writes every rate constant q_ij of theory.json with its
// Monte Carlo cross-check: series, b, from, to (1-based), J_i, q_ij, q̂_ij
// and its standard error.
func writeRatesCSV(w io.Writer, th TheoryFile) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"series", "b", "from", "to", "jump_number", "q", "check_q", "check_se"}); err != nil {
		return err
	}
	for _, c := range th.Cases {
		for i := range c.Rates {
			for j := range c.Rates[i] {
				if i == j {
					continue
				}
				rec := []string{c.Label, csvNum(c.B), strconv.Itoa(i + 1), strconv.Itoa(j + 1), strconv.Itoa(c.Jump[i]), fmtExact(c.Rates[i][j]), "", ""}
				if i < len(c.CheckRates) {
					rec[6], rec[7] = fmtExact(c.CheckRates[i][j]), fmtExact(c.CheckStderr[i][j])
				}
				if err := cw.Write(rec); err != nil {
					return err
				}
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// writeFitsCSV writes the ratio points of fits.json, one line per (series,
// η), with the series' fitted R0 and its interval repeated on each line.
func writeFitsCSV(w io.Writer, f FitsFile) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"series", "b", "jump_number", "source", "eta", "lambda", "r", "r_low", "r_high", "predicted_steps",
		"weight", "censored", "r0", "r0_low", "r0_high", "kappa", "slope", "slope_low", "slope_high", "predicted_slope"}); err != nil {
		return err
	}
	for _, s := range f.Series {
		fit := make([]string, 4)
		if r := s.Ratio; r != nil {
			fit = []string{fmtExact(r.R0), csvNum(r.R0Low), csvNum(r.R0High), fmtExact(r.Kappa)}
		}
		slope := make([]string, 3)
		if l := s.Slope; l != nil {
			slope = []string{fmtExact(l.Slope), fmtExact(l.Low), fmtExact(l.High)}
		}
		for _, p := range s.Points {
			rec := []string{s.Label, csvNum(s.B), strconv.Itoa(s.Jump), p.Source, fmtExact(p.Eta), fmtExact(p.Lambda), fmtExact(p.R),
				fmtExact(p.Low), fmtExact(p.High), fmtExact(p.Predicted), fmtExact(p.Weight), strconv.FormatBool(p.Censored)}
			rec = append(append(append(rec, fit...), slope...), fmtExact(s.PredictedSlope))
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}
