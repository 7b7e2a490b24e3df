package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
)

// ConvergeCSVRow is one rung of one ladder in the CSV form of ladder
// reports (`verify converge -csv`), the data of the figure of 1 − R
// against λ(η) for several α per J: one row per rung, with the noise, b,
// J and the verdict of its ladder so that rows of several reports can be
// grouped. The same type is written (WriteConvergeCSV) and read
// (ReadConvergeCSV); a file with other columns is refused.
type ConvergeCSVRow struct {
	Scenario  string
	Law       string
	Alpha     float64 // NaN for a light-tailed law (empty field)
	B         float64 // +Inf for no truncation ("inf")
	Dimension int
	Start     int
	Basin     int
	Jump      int
	Eta       float64
	Lambda    float64
	Method    string
	Exits     int
	Censored  int
	Predicted float64
	// Ratio is R̂ with its interval [RatioLow, RatioHigh] at LookLevel;
	// OneMinusRatio = 1 − R̂.
	Ratio, RatioLow, RatioHigh, OneMinusRatio float64
	LookLevel                                 float64
	Steps                                     int64
	Seconds                                   float64
	// Trusted is false for an importance-sampled rung that failed its
	// diagnostics (kept, not judged).
	Trusted bool
	// Verdict is the ladder's verdict on R (estimators.VerdictKind's
	// identifier).
	Verdict string
}

// convergeCSVHeader is the header of the CSV form, in ConvergeCSVRow order.
var convergeCSVHeader = []string{"scenario", "law", "alpha", "b", "dimension", "start", "basin", "jump_number", "eta", "lambda",
	"method", "exits", "censored", "predicted_steps", "ratio", "ratio_low", "ratio_high", "one_minus_ratio", "look_level",
	"steps", "seconds", "trusted", "verdict"}

// ConvergeCSVRows returns the rows of a report: every rung with an
// estimate of R, start by start.
func ConvergeCSVRows(rep *ConvergeReport) []ConvergeCSVRow {
	var rows []ConvergeCSVRow
	b := math.Inf(1)
	if rep.B.IsFinite() {
		b = float64(rep.B)
	}
	for _, bs := range rep.Basins {
		kind, _ := bs.Verdict.Kind.MarshalText()
		for _, r := range bs.Rungs {
			if r.Ratio == 0 {
				continue
			}
			rows = append(rows, ConvergeCSVRow{
				Scenario: rep.Scenario, Law: rep.Law, Alpha: float64(rep.Alpha), B: b, Dimension: rep.Dimension,
				Start: bs.Start, Basin: bs.Basin, Jump: bs.Jump, Eta: r.Eta, Lambda: r.Lambda, Method: r.Method,
				Exits: r.Exits, Censored: r.Censored, Predicted: r.Predicted,
				Ratio: r.Ratio, RatioLow: r.RatioLow, RatioHigh: r.RatioHigh, OneMinusRatio: 1 - r.Ratio,
				LookLevel: rep.Settings.LookLevel, Steps: r.Steps, Seconds: r.Seconds,
				Trusted: r.Rare == nil || len(r.Rare.Warnings) == 0, Verdict: string(kind),
			})
		}
	}
	return rows
}

// WriteConvergeCSV writes the header and rows as CSV: numbers in their
// shortest exact form, an empty field for NaN, "inf" for an infinite b.
func WriteConvergeCSV(w io.Writer, rows []ConvergeCSVRow) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(convergeCSVHeader); err != nil {
		return err
	}
	f := func(x float64) string {
		switch {
		case math.IsNaN(x):
			return ""
		case math.IsInf(x, 1):
			return "inf"
		}
		return strconv.FormatFloat(x, 'g', -1, 64)
	}
	for _, r := range rows {
		rec := []string{r.Scenario, r.Law, f(r.Alpha), f(r.B), strconv.Itoa(r.Dimension), strconv.Itoa(r.Start),
			strconv.Itoa(r.Basin), strconv.Itoa(r.Jump), f(r.Eta), f(r.Lambda), r.Method, strconv.Itoa(r.Exits),
			strconv.Itoa(r.Censored), f(r.Predicted), f(r.Ratio), f(r.RatioLow), f(r.RatioHigh), f(r.OneMinusRatio),
			f(r.LookLevel), strconv.FormatInt(r.Steps, 10), f(r.Seconds), strconv.FormatBool(r.Trusted), r.Verdict}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// ReadConvergeCSV reads what WriteConvergeCSV wrote. A header other than
// the format's, a row of another length or a field that does not parse is
// an error naming the line and column.
func ReadConvergeCSV(r io.Reader) ([]ConvergeCSVRow, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = len(convergeCSVHeader)
	recs, err := cr.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("report: converge CSV: %w", err)
	}
	if len(recs) == 0 || !slices.Equal(recs[0], convergeCSVHeader) {
		return nil, fmt.Errorf("report: converge CSV: the header is not %v", convergeCSVHeader)
	}
	var rows []ConvergeCSVRow
	for i, rec := range recs[1:] {
		p := csvFields{rec: rec, line: i + 2}
		row := ConvergeCSVRow{Scenario: rec[0], Law: rec[1], Alpha: p.float(2), B: p.float(3), Dimension: p.int(4), Start: p.int(5),
			Basin: p.int(6), Jump: p.int(7), Eta: p.float(8), Lambda: p.float(9), Method: rec[10], Exits: p.int(11),
			Censored: p.int(12), Predicted: p.float(13), Ratio: p.float(14), RatioLow: p.float(15), RatioHigh: p.float(16),
			OneMinusRatio: p.float(17), LookLevel: p.float(18), Steps: int64(p.int(19)), Seconds: p.float(20),
			Trusted: p.bool(21), Verdict: rec[22]}
		if p.err != nil {
			return nil, p.err
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// csvFields parses the fields of one CSV record, keeping the first error.
type csvFields struct {
	rec  []string
	line int
	err  error
}

func (p *csvFields) fail(col int, err error) {
	if p.err == nil {
		p.err = fmt.Errorf("report: converge CSV: line %d, column %s: %w", p.line, convergeCSVHeader[col], err)
	}
}

func (p *csvFields) float(col int) float64 {
	if p.rec[col] == "" {
		return math.NaN()
	}
	v, err := strconv.ParseFloat(p.rec[col], 64)
	if err != nil {
		p.fail(col, err)
	}
	return v
}

func (p *csvFields) int(col int) int {
	v, err := strconv.Atoi(p.rec[col])
	if err != nil {
		p.fail(col, err)
	}
	return v
}

func (p *csvFields) bool(col int) bool {
	v, err := strconv.ParseBool(p.rec[col])
	if err != nil {
		p.fail(col, err)
	}
	return v
}
