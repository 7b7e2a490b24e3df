package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"strings"
	"testing"
)

func sampleRows() []ExitRow {
	j := 1
	return []ExitRow{
		{
			Eta: 0.001, Basin: 2, Jump: &j, Samples: 2000, Exits: 2000,
			MeanSteps: Num(10770), CILow: Num(10320), CIHigh: Num(11260),
			PredictedSteps: Num(11420), Ratio: Num(10770.0 / 11420), ExpTestP: Num(0.29),
			Landing:          map[string]float64{"1": 0.383, "3": 0.617},
			PredictedLanding: map[string]float64{"0": 0, "1": 0.39, "3": 0.61},
			LandingTestP:     Num(0.55),
		},
		{
			// No exits: every derived number is missing.
			Eta: 0.001, Basin: 1, Samples: 3, Censored: 3,
			CILow: Num(1e8), CIHigh: Num(math.Inf(1)), MeanSteps: Num(math.NaN()),
			Landing: map[string]float64{},
		},
	}
}

// samplePointRows are sampleRows as rows of a run on R^d: with a start
// point, and the uncertainty of the prediction (all of it missing in the
// row without exits and without theory).
func samplePointRows() []ExitRow {
	rows := sampleRows()
	rows[0].Start = []float64{2.9, 1}
	rows[0].PredictionUncertainty = &PredictionUncertainty{CStar: Num(0.3984), CStarErr: Num(0.0082),
		PredictedLow: Num(1967), PredictedHigh: Num(2132), RatioLow: Num(0.74), RatioHigh: Num(1.11)}
	rows[1].Start = []float64{-0.8, 2.57}
	rows[1].PredictionUncertainty = &PredictionUncertainty{}
	return rows
}

// ExampleWriteExitTable prints one exit row of a run on the real line.
func ExampleWriteExitTable() {
	j := 2
	rows := []ExitRow{{Eta: 0.002, Basin: 1, Jump: &j, Samples: 400, Exits: 400,
		MeanSteps: Num(3.21e5), CILow: Num(2.91e5), CIHigh: Num(3.55e5), PredictedSteps: Num(3.87e5), Ratio: Num(0.829),
		ExpTestP: Num(0.41), Landing: map[string]float64{"0": 0.9, "2": 0.1},
		PredictedLanding: map[string]float64{"0": 0.943, "2": 0.057, "3": 0}, LandingTestP: Num(0.003)}}
	if err := WriteExitTable(os.Stdout, rows); err != nil {
		panic(err)
	}
	// Output:
	// ┌───────┬───────┬───┬───────┬───────┬────────────┬──────────────────────┬───────────┬───────┬───────┬─────────────────┬───────────────────┬───────┐
	// │   η   │ basin │ J │ exits │ cens. │ mean steps │        95% CI        │ predicted │ ratio │ Exp p │     landing     │ predicted landing │  G p  │
	// ├───────┼───────┼───┼───────┼───────┼────────────┼──────────────────────┼───────────┼───────┼───────┼─────────────────┼───────────────────┼───────┤
	// │ 0.002 │     1 │ 2 │   400 │     0 │   3.21e+05 │ [2.91e+05, 3.55e+05] │  3.87e+05 │ 0.829 │  0.41 │ 0:0.900 2:0.100 │   0:0.943 2:0.057 │ 0.003 │
	// └───────┴───────┴───┴───────┴───────┴────────────┴──────────────────────┴───────────┴───────┴───────┴─────────────────┴───────────────────┴───────┘
}

// ExampleWriteExitTable_onPoints prints one exit row of a run on R^d: the
// columns of the real line with the start as a point and the intervals of
// the prediction (from the Monte Carlo error of C*) and of the ratio.
func ExampleWriteExitTable_onPoints() {
	j := 1
	rows := []ExitRow{{Eta: 0.005, Basin: 2, Jump: &j, Samples: 100, Exits: 100,
		MeanSteps: Num(1841), CILow: Num(1528), CIHigh: Num(2263), PredictedSteps: Num(2046), Ratio: Num(0.9),
		ExpTestP: Num(0.82), Landing: map[string]float64{"1": 0.34, "3": 0.66},
		PredictedLanding: map[string]float64{"0": 0, "1": 0.364, "3": 0.636}, LandingTestP: Num(0.52),
		Start: []float64{2.9, 1},
		PredictionUncertainty: &PredictionUncertainty{CStar: Num(0.3984), CStarErr: Num(0.0082),
			PredictedLow: Num(1967), PredictedHigh: Num(2132), RatioLow: Num(0.744), RatioHigh: Num(1.11)},
	}}
	if err := WriteExitTable(os.Stdout, rows); err != nil {
		panic(err)
	}
	// Output:
	// ┌───────┬──────────┬───────┬───┬───────┬───────┬────────────┬──────────────┬───────────┬──────────────┬───────┬───────────────┬───────┬─────────────────┬───────────────────┬──────┐
	// │   η   │  start   │ basin │ J │ exits │ cens. │ mean steps │    95% CI    │ predicted │ 95% CI (C*)  │ ratio │    95% CI     │ Exp p │     landing     │ predicted landing │ G p  │
	// ├───────┼──────────┼───────┼───┼───────┼───────┼────────────┼──────────────┼───────────┼──────────────┼───────┼───────────────┼───────┼─────────────────┼───────────────────┼──────┤
	// │ 0.005 │ (2.9, 1) │     2 │ 1 │   100 │     0 │       1841 │ [1528, 2263] │      2046 │ [1967, 2132] │   0.9 │ [0.744, 1.11] │  0.82 │ 1:0.340 3:0.660 │   1:0.364 3:0.636 │ 0.52 │
	// └───────┴──────────┴───────┴───┴───────┴───────┴────────────┴──────────────┴───────────┴──────────────┴───────┴───────────────┴───────┴─────────────────┴───────────────────┴──────┘
}

// TestExitJSONNulls: values that do not exist are null, never NaN or Inf.
func TestExitJSONNulls(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteJSON(&buf, ExitReport{Scenario: map[string]any{"name": "x"}, Rows: sampleRows(), Warnings: []string{}}); err != nil {
		t.Fatal(err)
	}
	var back struct {
		Rows []map[string]any `json:"rows"`
	}
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	row := back.Rows[1]
	for _, k := range []string{"mean_steps", "ci_high", "predicted_steps", "ratio", "exp_test_p", "landing_test_p", "jump_number"} {
		if v, ok := row[k]; !ok || v != nil {
			t.Errorf("%s = %v (present %v), want null", k, v, ok)
		}
	}
	if row["ci_low"].(float64) != 1e8 {
		t.Errorf("ci_low = %v", row["ci_low"])
	}
	golden(t, "exit.json", buf.Bytes())
}

func TestExitTableGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteExitTable(&buf, sampleRows()); err != nil {
		t.Fatal(err)
	}
	golden(t, "exit.txt", buf.Bytes())
}

func TestExitCSVGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteExitCSV(&buf, sampleRows()); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d CSV lines, want 3", len(lines))
	}
	golden(t, "exit.csv", buf.Bytes())
}

// TestExitCSVOnPoints: the CSV of rows on R^d is the CSV of the same rows
// on the real line with the start coordinates and the uncertainty of the
// prediction appended to every line.
func TestExitCSVOnPoints(t *testing.T) {
	var rd, one bytes.Buffer
	if err := WriteExitCSV(&rd, samplePointRows()); err != nil {
		t.Fatal(err)
	}
	if err := WriteExitCSV(&one, sampleRows()); err != nil {
		t.Fatal(err)
	}
	a, err := csv.NewReader(&rd).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	b, err := csv.NewReader(&one).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	extra := []string{"start_1", "start_2", "exit_rate", "exit_rate_stderr", "predicted_ci_low", "predicted_ci_high", "ratio_ci_low", "ratio_ci_high"}
	if len(a) != 3 || strings.Join(a[0], ",") != strings.Join(append(b[0], extra...), ",") {
		t.Fatalf("header %v", a[0])
	}
	for i := 1; i < 3; i++ {
		if strings.Join(a[i][:len(b[i])], ",") != strings.Join(b[i], ",") {
			t.Errorf("line %d: %v does not start with %v", i, a[i], b[i])
		}
	}
	if got := a[1][len(b[1]):]; got[0] != "2.9" || got[1] != "1" || got[2] != "0.3984" || got[4] != "1967" {
		t.Errorf("extra fields %v", got)
	}
	if got := a[2][len(b[2]):]; got[0] != "-0.8" || got[2] != "" || got[7] != "" {
		t.Errorf("missing values not empty: %v", got)
	}
}

// TestExitJSONOnPoints: a row on R^d has every key of a row on the real
// line and then the start and the uncertainty of the prediction, null
// where they do not exist; a row on the real line has none of those, and
// a report on the real line no dimension.
func TestExitJSONOnPoints(t *testing.T) {
	keysOf := func(v any) (keys []string) {
		t.Helper()
		data, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		dec := json.NewDecoder(bytes.NewReader(data))
		depth := 0
		for {
			tok, err := dec.Token()
			if err != nil {
				return keys
			}
			switch tok {
			case json.Delim('{'), json.Delim('['):
				depth++
				continue
			case json.Delim('}'), json.Delim(']'):
				depth--
				continue
			}
			if s, ok := tok.(string); ok && depth == 1 && dec.More() {
				keys = append(keys, s)
				var skip json.RawMessage
				if err := dec.Decode(&skip); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	one := keysOf(sampleRows()[0])
	rd := keysOf(samplePointRows()[1])
	extra := []string{"start", "exit_rate", "exit_rate_stderr", "predicted_ci_low", "predicted_ci_high", "ratio_ci_low", "ratio_ci_high"}
	if got, want := strings.Join(rd, ","), strings.Join(append(one, extra...), ","); got != want {
		t.Errorf("keys of a row on R^d:\n%s\nwant\n%s", got, want)
	}
	if strings.Contains(strings.Join(one, ","), "start") {
		t.Errorf("a row on the real line has R^d keys: %v", one)
	}
	var buf bytes.Buffer
	if err := WriteJSON(&buf, samplePointRows()[1]); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"exit_rate": null`) || !strings.Contains(buf.String(), `"ratio_ci_high": null`) {
		t.Errorf("missing values are not null:\n%s", buf.String())
	}
	if k := keysOf(ExitReport{Rows: []ExitRow{}}); strings.Join(k, ",") != "scenario,rows,warnings" {
		t.Errorf("keys of a report on the real line: %v", k)
	}
	if k := keysOf(ExitReport{Dimension: 2, Rows: []ExitRow{}}); strings.Join(k, ",") != "scenario,dimension,rows,warnings" {
		t.Errorf("keys of a report on R^d: %v", k)
	}
}

// TestExitReportRoundTrip: ReadJSON reads back what WriteJSON wrote, for
// rows on the real line and on R^d, and refuses a file of another shape.
func TestExitReportRoundTrip(t *testing.T) {
	for _, rep := range []ExitReport{
		{Scenario: map[string]any{"name": "x"}, Rows: sampleRows(), Warnings: []string{"w"}},
		{Scenario: map[string]any{"name": "y"}, Dimension: 2, Rows: samplePointRows(), Warnings: []string{}},
	} {
		var first, second bytes.Buffer
		if err := WriteJSON(&first, rep); err != nil {
			t.Fatal(err)
		}
		var back ExitReport
		if err := ReadJSON(bytes.NewReader(first.Bytes()), &back); err != nil {
			t.Fatal(err)
		}
		if (back.Rows[0].PredictionUncertainty != nil) != (rep.Dimension > 1) {
			t.Errorf("d = %d: uncertainty read back as %v", rep.Dimension, back.Rows[0].PredictionUncertainty)
		}
		if err := WriteJSON(&second, back); err != nil {
			t.Fatal(err)
		}
		if first.String() != second.String() {
			t.Errorf("d = %d: written again differently:\n%s\nwant\n%s", rep.Dimension, second.String(), first.String())
		}
	}
	for _, bad := range []string{
		`{"scenario": null, "rows": [{"eta": 1, "mean_step": 3}], "warnings": []}`,
		`{"scenario": null, "rows": [], "warnings": [], "extra": 1}`,
		`{"scenario": null, "rows": "none", "warnings": []}`,
		`{"scenario": null, "rows": [], "warnings": []} {}`,
	} {
		var rep ExitReport
		if err := ReadJSON(strings.NewReader(bad), &rep); err == nil {
			t.Errorf("ReadJSON accepted %s", bad)
		}
	}
}
