package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"slices"
	"strings"
	"testing"
)

func sampleRows() []ExitRow {
	j, forbidden := 1, 2
	return []ExitRow{
		{
			Eta: 0.001, Basin: 2, Jump: &j, Samples: 2000, Exits: 2000,
			MeanSteps: Num(10770), CILow: Num(10320), CIHigh: Num(11260),
			PredictedSteps: Num(11420), Ratio: Num(10770.0 / 11420),
			RatioLow: Num(10320.0 / 11420), RatioHigh: Num(11260.0 / 11420), ExpTestP: Num(0.29),
			Landing:          map[string]float64{"0": 0.001, "1": 0.382, "3": 0.617},
			PredictedLanding: map[string]float64{"0": 0, "1": 0.39, "2": 0, "3": 0.61},
			LandingTestP:     Num(0.55),
			ForbiddenExits:   &forbidden, ForbiddenFraction: Num(0.001), ForbiddenLow: Num(0.000121), ForbiddenHigh: Num(0.00361),
			Verdict: &ExitVerdict{Ratio: CheckBelow, Shape: CheckConsistent, Landing: CheckRejected},
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
		PredictedLow: Num(1967), PredictedHigh: Num(2132)}
	rows[0].RatioLow, rows[0].RatioHigh = Num(0.74), Num(1.11)
	rows[1].Start = []float64{-0.8, 2.57}
	rows[1].PredictionUncertainty = &PredictionUncertainty{}
	return rows
}

// sampleSetting is the setting of the sample rows.
func sampleSetting() Setting {
	return Setting{Scenario: "paper-1d-default", Seed: 1, Landscape: "paper-1d", Dimension: 1,
		Law: "pareto", Alpha: 1.2, Scale: 0.1, PPlus: 0.5, B: 0.5}
}

// ExampleWriteExitText prints one exit row of a run on the real line: the
// title with the setting, the table of exit times with the ratio's
// interval and the verdict, and the table of landings, where one exit in
// 400 landed in basin 3, which the limit forbids (q_1,3 = 0).
func ExampleWriteExitText() {
	j, forbidden := 2, 1
	rows := []ExitRow{{Eta: 0.002, Basin: 1, Jump: &j, Samples: 400, Exits: 400,
		MeanSteps: Num(3.21e5), CILow: Num(2.91e5), CIHigh: Num(3.55e5), PredictedSteps: Num(3.87e5),
		Ratio: Num(0.8295), RatioLow: Num(0.7519), RatioHigh: Num(0.9173),
		ExpTestP: Num(0.41), Landing: map[string]float64{"0": 0.9, "2": 0.0975, "3": 0.0025},
		PredictedLanding: map[string]float64{"0": 0.943, "2": 0.057, "3": 0}, LandingTestP: Num(0.003),
		ForbiddenExits: &forbidden, ForbiddenFraction: Num(0.0025), ForbiddenLow: Num(6.33e-5), ForbiddenHigh: Num(0.01385),
		Verdict: &ExitVerdict{Ratio: CheckBelow, Shape: CheckConsistent, Landing: CheckRejected}}}
	s := Setting{Scenario: "example", Seed: 7, Landscape: "paper-1d", Dimension: 1, Law: "pareto", Alpha: 1.2, Scale: 0.1, PPlus: 0.5, B: 0.5}
	if err := WriteExitText(os.Stdout, s, ExitReport{Rows: rows}, ExitTextOptions{}); err != nil {
		panic(err)
	}
	// Output:
	// first exit — scenario example, seed 7
	// setting: paper-1d on the line; pareto noise (α = 1.2, c = 0.1, p_+ = 0.5); b = 0.5
	// ┌───────┬───────┬───┬───────┬───────┬──────────────────────────────────┬───────────┬─────────────────────────┬───────┬────────────────┐
	// │   η   │ basin │ J │ exits │ cens. │       mean steps (95% CI)        │ predicted │    ratio R (95% CI)     │ Exp p │    verdict     │
	// ├───────┼───────┼───┼───────┼───────┼──────────────────────────────────┼───────────┼─────────────────────────┼───────┼────────────────┤
	// │ 0.002 │     1 │ 2 │   400 │     0 │ 3.210e+05 [2.910e+05, 3.550e+05] │ 3.870e+05 │ 0.8295 [0.7519, 0.9173] │  0.41 │ R < 1; landing │
	// └───────┴───────┴───┴───────┴───────┴──────────────────────────────────┴───────────┴─────────────────────────┴───────┴────────────────┘
	// ┌───────┬───────┬───────┬─────────────────────────┬───────────────────┬────────┬───────────┬──────────────────────────────────┐
	// │   η   │ basin │ exits │         landing         │ predicted landing │  G p   │ forbidden │   forbidden fraction (95% CI)    │
	// ├───────┼───────┼───────┼─────────────────────────┼───────────────────┼────────┼───────────┼──────────────────────────────────┤
	// │ 0.002 │     1 │   400 │ 0:0.900 2:0.098 3:0.003 │   0:0.943 2:0.057 │ 0.0030 │         1 │ 2.500e-03 [6.330e-05, 1.385e-02] │
	// └───────┴───────┴───────┴─────────────────────────┴───────────────────┴────────┴───────────┴──────────────────────────────────┘
}

// ExampleWriteExitText_onPoints prints one exit row of a run on R^d: the
// start as a point, the prediction with its interval from the Monte Carlo
// error of C*, and the ratio's interval, which carries both errors.
func ExampleWriteExitText_onPoints() {
	j, forbidden := 1, 0
	rows := []ExitRow{{Eta: 0.005, Basin: 2, Jump: &j, Samples: 100, Exits: 100,
		MeanSteps: Num(1841), CILow: Num(1528), CIHigh: Num(2263), PredictedSteps: Num(2046), Ratio: Num(0.9),
		RatioLow: Num(0.744), RatioHigh: Num(1.11),
		ExpTestP: Num(0.82), Landing: map[string]float64{"1": 0.34, "3": 0.66},
		PredictedLanding: map[string]float64{"1": 0.364, "3": 0.636}, LandingTestP: Num(0.52),
		ForbiddenExits: &forbidden, ForbiddenFraction: Num(0), ForbiddenLow: Num(0), ForbiddenHigh: Num(0),
		Verdict: &ExitVerdict{Ratio: CheckConsistent, Shape: CheckConsistent, Landing: CheckConsistent},
		Start:   []float64{2.9, 1},
		PredictionUncertainty: &PredictionUncertainty{CStar: Num(0.3984), CStarErr: Num(0.0082),
			PredictedLow: Num(1967), PredictedHigh: Num(2132)},
	}}
	s := Setting{Scenario: "himmelblau", Seed: 1, Landscape: "himmelblau-modified", Dimension: 2, Law: "pareto",
		Alpha: 1.2, Scale: 0.75, PPlus: math.NaN(), Angular: "isotropic", B: 2.15}
	if err := WriteExitText(os.Stdout, s, ExitReport{Dimension: 2, Rows: rows}, ExitTextOptions{MonteCarloPaths: 20000}); err != nil {
		panic(err)
	}
	// Output:
	// first exit in R^d — scenario himmelblau, seed 1
	// setting: himmelblau-modified in R^2; pareto radial noise (α = 1.2, c = 0.75), isotropic directions; b = 2.15
	// ┌───────┬──────────┬───────┬───┬───────┬───────┬─────────────────────┬────────────────────┬────────────────────────┬───────┬────────────┐
	// │   η   │  start   │ basin │ J │ exits │ cens. │ mean steps (95% CI) │ predicted (95% CI) │    ratio R (95% CI)    │ Exp p │  verdict   │
	// ├───────┼──────────┼───────┼───┼───────┼───────┼─────────────────────┼────────────────────┼────────────────────────┼───────┼────────────┤
	// │ 0.005 │ (2.9, 1) │     2 │ 1 │   100 │     0 │   1841 [1528, 2263] │  2046 [1967, 2132] │ 0.9000 [0.7440, 1.110] │  0.82 │ consistent │
	// └───────┴──────────┴───────┴───┴───────┴───────┴─────────────────────┴────────────────────┴────────────────────────┴───────┴────────────┘
	// ┌───────┬───────┬───────┬─────────────────┬───────────────────┬──────┬───────────┬─────────────────────────────┐
	// │   η   │ basin │ exits │     landing     │ predicted landing │ G p  │ forbidden │ forbidden fraction (95% CI) │
	// ├───────┼───────┼───────┼─────────────────┼───────────────────┼──────┼───────────┼─────────────────────────────┤
	// │ 0.005 │     2 │   100 │ 1:0.340 3:0.660 │   1:0.364 3:0.636 │ 0.52 │         0 │                           – │
	// └───────┴───────┴───────┴─────────────────┴───────────────────┴──────┴───────────┴─────────────────────────────┘
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
	for _, k := range []string{"mean_steps", "ci_high", "predicted_steps", "ratio", "ratio_ci_low", "ratio_ci_high", "exp_test_p",
		"landing_test_p", "jump_number", "forbidden_exits", "forbidden_fraction", "forbidden_ci_low", "forbidden_ci_high", "verdict"} {
		if v, ok := row[k]; !ok || v != nil {
			t.Errorf("%s = %v (present %v), want null", k, v, ok)
		}
	}
	if row["ci_low"].(float64) != 1e8 {
		t.Errorf("ci_low = %v", row["ci_low"])
	}
	golden(t, "exit.json", buf.Bytes())
}

// TestExitTextGolden: title, both tables, legend and notes.
func TestExitTextGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteExitText(&buf, sampleSetting(), ExitReport{Rows: sampleRows(), Warnings: []string{"a note"}},
		ExitTextOptions{Legend: true}); err != nil {
		t.Fatal(err)
	}
	golden(t, "exit.txt", buf.Bytes())
}

// TestExitCSVGolden: b = ∞ is "inf", the open upper end of the interval
// of a mean with no exits is "inf", a basin where no exit landed is 0 in a
// row with exits and empty in a row without, and a value that does not
// exist is an empty field.
func TestExitCSVGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteExitCSV(&buf, math.Inf(1), sampleRows()); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(buf.Bytes())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 3 {
		t.Fatalf("%d CSV lines, want 3", len(recs))
	}
	field := func(line int, name string) string {
		for i, h := range recs[0] {
			if h == name {
				return recs[line][i]
			}
		}
		t.Fatalf("no column %s in %v", name, recs[0])
		return ""
	}
	for _, c := range []struct {
		line       int
		name, want string
	}{
		{1, "b", "inf"}, {2, "b", "inf"},
		{1, "landing_2", "0"}, {1, "landing_0", "0.001"}, {2, "landing_1", ""},
		{1, "predicted_landing_2", "0"}, {2, "predicted_landing_1", ""},
		{2, "ci_high", "inf"}, {2, "mean_steps", ""}, {2, "forbidden_exits", ""},
		{1, "forbidden_exits", "2"}, {1, "verdict_landing", "rejected"}, {2, "verdict_ratio", ""},
	} {
		if got := field(c.line, c.name); got != c.want {
			t.Errorf("line %d %s = %q, want %q", c.line, c.name, got, c.want)
		}
	}
	golden(t, "exit.csv", buf.Bytes())
}

// TestExitCSVOnPoints: the CSV of rows on R^d is the CSV of the same rows
// on the real line with the start coordinates and the uncertainty of the
// prediction appended to every line.
func TestExitCSVOnPoints(t *testing.T) {
	var rd, one bytes.Buffer
	if err := WriteExitCSV(&rd, 1, samplePointRows()); err != nil {
		t.Fatal(err)
	}
	if err := WriteExitCSV(&one, 1, sampleRows()); err != nil {
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
	extra := []string{"start_1", "start_2", "exit_rate", "exit_rate_stderr", "predicted_ci_low", "predicted_ci_high"}
	if len(a) != 3 || strings.Join(a[0], ",") != strings.Join(append(b[0], extra...), ",") {
		t.Fatalf("header %v", a[0])
	}
	for i := 1; i < 3; i++ {
		ratioLow := slices.Index(a[0], "ratio_ci_low")
		a[i][ratioLow], a[i][ratioLow+1] = b[i][ratioLow], b[i][ratioLow+1] // R^d widens them
		if strings.Join(a[i][:len(b[i])], ",") != strings.Join(b[i], ",") {
			t.Errorf("line %d: %v does not start with %v", i, a[i], b[i])
		}
	}
	if got := a[1][len(b[1]):]; got[0] != "2.9" || got[1] != "1" || got[2] != "0.3984" || got[4] != "1967" {
		t.Errorf("extra fields %v", got)
	}
	if got := a[2][len(b[2]):]; got[0] != "-0.8" || got[2] != "" || got[5] != "" {
		t.Errorf("missing values not empty: %v", got)
	}
}

// TestExitVerdictString words every combination of failed checks.
func TestExitVerdictString(t *testing.T) {
	for _, tt := range []struct {
		v    ExitVerdict
		want string
	}{
		{ExitVerdict{CheckConsistent, CheckConsistent, CheckConsistent}, "consistent"},
		{ExitVerdict{CheckConsistent, CheckUntested, CheckUntested}, "consistent"},
		{ExitVerdict{CheckUntested, CheckUntested, CheckUntested}, "–"},
		{ExitVerdict{CheckBelow, CheckConsistent, CheckConsistent}, "R < 1"},
		{ExitVerdict{CheckAbove, CheckRejected, CheckRejected}, "R > 1; not exponential; landing"},
		{ExitVerdict{CheckConsistent, CheckConsistent, CheckRejected}, "landing"},
	} {
		if got := tt.v.String(); got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.v, got, tt.want)
		}
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
	extra := []string{"start", "exit_rate", "exit_rate_stderr", "predicted_ci_low", "predicted_ci_high"}
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
	if !strings.Contains(buf.String(), `"exit_rate": null`) || !strings.Contains(buf.String(), `"predicted_ci_high": null`) {
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
