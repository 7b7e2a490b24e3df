package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/theory"
)

func sampleRowsRd() []ExitRowRd {
	one := sampleRows()
	return []ExitRowRd{
		{ExitRow: one[0], Start: []float64{2.9, 1}, CStar: Num(0.3984), CStarErr: Num(0.0082),
			PredictedLow: Num(1967), PredictedHigh: Num(2132), RatioLow: Num(0.74), RatioHigh: Num(1.11)},
		{ExitRow: one[1], Start: []float64{-0.8, 2.57}},
	}
}

// ExampleWriteExitRdTable prints one R^d exit row: the 1-D columns with
// the start as a point and the intervals of the prediction and the ratio.
func ExampleWriteExitRdTable() {
	j := 1
	rows := []ExitRowRd{{
		ExitRow: ExitRow{Eta: 0.005, Basin: 2, Jump: &j, Samples: 100, Exits: 100,
			MeanSteps: Num(1841), CILow: Num(1528), CIHigh: Num(2263), PredictedSteps: Num(2046), Ratio: Num(0.9),
			ExpTestP: Num(0.82), Landing: map[string]float64{"1": 0.34, "3": 0.66},
			PredictedLanding: map[string]float64{"0": 0, "1": 0.364, "3": 0.636}, LandingTestP: Num(0.52)},
		Start: []float64{2.9, 1}, PredictedLow: Num(1967), PredictedHigh: Num(2132), RatioLow: Num(0.744), RatioHigh: Num(1.11),
	}}
	if err := WriteExitRdTable(os.Stdout, rows); err != nil {
		panic(err)
	}
	// Output:
	// ┌───────┬──────────┬───────┬───┬───────┬───────┬────────────┬──────────────┬───────────┬──────────────┬───────┬───────────────┬───────┬─────────────────┬───────────────────┬──────┐
	// │   η   │  start   │ basin │ J │ exits │ cens. │ mean steps │    95% CI    │ predicted │ 95% CI (C*)  │ ratio │    95% CI     │ Exp p │     landing     │ predicted landing │ G p  │
	// ├───────┼──────────┼───────┼───┼───────┼───────┼────────────┼──────────────┼───────────┼──────────────┼───────┼───────────────┼───────┼─────────────────┼───────────────────┼──────┤
	// │ 0.005 │ (2.9, 1) │     2 │ 1 │   100 │     0 │       1841 │ [1528, 2263] │      2046 │ [1967, 2132] │   0.9 │ [0.744, 1.11] │  0.82 │ 1:0.340 3:0.660 │   1:0.364 3:0.636 │ 0.52 │
	// └───────┴──────────┴───────┴───┴───────┴───────┴────────────┴──────────────┴───────────┴──────────────┴───────┴───────────────┴───────┴─────────────────┴───────────────────┴──────┘
}

// TestExitRdCSVExtendsExitCSV: the R^d CSV is the 1-D CSV of the same rows
// with the start coordinates and the intervals appended to every line.
func TestExitRdCSVExtendsExitCSV(t *testing.T) {
	rows := sampleRowsRd()
	var rd, one bytes.Buffer
	if err := WriteExitRdCSV(&rd, rows); err != nil {
		t.Fatal(err)
	}
	if err := WriteExitCSV(&one, []ExitRow{rows[0].ExitRow, rows[1].ExitRow}); err != nil {
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
	if got := a[1][len(b[1]):]; got[0] != "2.9" || got[1] != "1" || got[4] != "1967" {
		t.Errorf("extra fields %v", got)
	}
	if got := a[2][len(b[2]):]; got[2] != "" || got[7] != "" {
		t.Errorf("missing values not empty: %v", got)
	}
}

// TestExitRdJSONKeys: an R^d row has every key of the 1-D row, with nulls
// for values that do not exist.
func TestExitRdJSONKeys(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteJSON(&buf, ExitReportRd{Scenario: map[string]any{}, Dimension: 2, Rows: sampleRowsRd(), Warnings: []string{}}); err != nil {
		t.Fatal(err)
	}
	var back struct {
		Rows []map[string]any `json:"rows"`
	}
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	var one bytes.Buffer
	if err := WriteJSON(&one, sampleRows()[0]); err != nil {
		t.Fatal(err)
	}
	var keys map[string]any
	if err := json.Unmarshal(one.Bytes(), &keys); err != nil {
		t.Fatal(err)
	}
	for k := range keys {
		if _, ok := back.Rows[0][k]; !ok {
			t.Errorf("R^d row lacks the 1-D key %q", k)
		}
	}
	if back.Rows[1]["predicted_ci_high"] != nil || back.Rows[1]["exit_rate"] != nil {
		t.Errorf("missing values are not null: %v", back.Rows[1])
	}
}

// sampleAnalysisRd returns a small hand-made R^d analysis: a segment and a
// point, J = (2, 1), one absorbing class with wide {0}.
func sampleAnalysisRd() *theory.AnalysisRd {
	return &theory.AnalysisRd{
		Dimension:   2,
		Sets:        []landscapes.MinimumSet{landscapes.SegmentSet([]float64{-3, -2.9}, []float64{-0.5, -2.9}), landscapes.PointSet([]float64{3, 1})},
		MinimumKind: []string{"segment", "point"}, Radius: []float64{2.25, 0.97}, JumpNumber: []int{2, 1},
		Contracting: []bool{false, true}, Searched: []bool{false, false},
		Rates: [][]float64{{0, 0.02}, {0.4, 0}}, RatesErr: [][]float64{{0, 0.003}, {0.008, 0}},
		ExitRate: []float64{0.02, 0.4}, ExitRateErr: []float64{0.003, 0.008}, ExitOutside: []float64{0, 0},
		Landing: [][]float64{{0, 1, 0}, {1, 0, 0}}, Wide: []int{0},
		Classes: []theory.Class{{Members: []int{0, 1}, Absorbing: true, Wide: []int{0}, Narrow: []int{1},
			Generator: [][]float64{{0}}, Stationary: []float64{1}}},
		Generator: [][]float64{{0}}, Stationary: []float64{1}, Samples: 1000, Resamples: 999, Warnings: []string{"b: a warning"},
	}
}

// TestTheoryRdJSON: the R^d theory JSON is one object with the analysis'
// keys (minima as points, a segment as its two ends) and the extra ones.
func TestTheoryRdJSON(t *testing.T) {
	r := TheoryReportRd{AnalysisRd: sampleAnalysisRd(), ExitRateCI: [][2]float64{{0.014, 0.026}, {0.384, 0.416}},
		Predictions: []EtaPredictionRd{{Eta: 0.005, Lambda: 0.245, MeanExitSteps: []*float64{Num(1e5), Num(2046)},
			MeanExitLow: []*float64{Num(8e4), Num(1967)}, MeanExitHigh: []*float64{Num(1.3e5), Num(2132)},
			TimeUnit: []*float64{Num(3321)}, NarrowFraction: []*float64{Num(0), Num(0.012)}, TimeFraction: []*float64{Num(0.988), Num(0.012)}}}}
	var buf bytes.Buffer
	if err := WriteJSON(&buf, r); err != nil {
		t.Fatal(err)
	}
	var back map[string]json.RawMessage
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"minima", "minimum_kind", "jump_number", "rates", "exit_rate", "exit_rate_stderr", "landing", "wide",
		"classes", "generator", "stationary", "warnings", "exit_rate_ci", "predictions"} {
		if _, ok := back[k]; !ok {
			t.Errorf("no key %q", k)
		}
	}
	// The intervals of π and of the fractions are omitted when absent, and
	// present with their keys when given.
	for _, k := range []string{"stationary_ci_low", "class_stationary_ci_low"} {
		if _, ok := back[k]; ok {
			t.Errorf("key %q without intervals", k)
		}
	}
	r.StationaryLow, r.StationaryHigh = []float64{0.9}, []float64{1}
	r.ClassStationaryLow, r.ClassStationaryHigh = [][]float64{{0.9}}, [][]float64{{1}}
	r.Predictions[0].TimeFractionLow, r.Predictions[0].TimeFractionHigh = []*float64{Num(0.98), Num(0.01)}, []*float64{Num(0.99), Num(0.02)}
	buf.Reset()
	if err := WriteJSON(&buf, r); err != nil {
		t.Fatal(err)
	}
	var ci struct {
		Low         []float64   `json:"stationary_ci_low"`
		ClassHigh   [][]float64 `json:"class_stationary_ci_high"`
		Predictions []struct {
			Low  []*float64 `json:"time_fraction_ci_low"`
			High []*float64 `json:"time_fraction_ci_high"`
		} `json:"predictions"`
	}
	if err := json.Unmarshal(buf.Bytes(), &ci); err != nil {
		t.Fatal(err)
	}
	if len(ci.Low) != 1 || ci.Low[0] != 0.9 || ci.ClassHigh[0][0] != 1 || *ci.Predictions[0].High[1] != 0.02 {
		t.Errorf("intervals in JSON: %+v", ci)
	}
	var minima bytes.Buffer
	if err := json.Compact(&minima, back["minima"]); err != nil || minima.String() != "[[[-3,-2.9],[-0.5,-2.9]],[3,1]]" {
		t.Errorf("minima %s", back["minima"])
	}
}

// TestTheoryRdText fixes the text of `verify theory` in R^d, with the
// intervals of π and of the time fractions.
func TestTheoryRdText(t *testing.T) {
	r := TheoryReportRd{AnalysisRd: sampleAnalysisRd(), ExitRateCI: [][2]float64{{0.014, 0.026}, {0.384, 0.416}},
		StationaryLow: []float64{1}, StationaryHigh: []float64{1}, ClassStationaryLow: [][]float64{{1}}, ClassStationaryHigh: [][]float64{{1}},
		Predictions: []EtaPredictionRd{{Eta: 0.005, Lambda: 0.245, MeanExitSteps: []*float64{Num(1e5), Num(2046)},
			MeanExitLow: []*float64{Num(8e4), Num(1967)}, MeanExitHigh: []*float64{nil, Num(2132)},
			TimeUnit: []*float64{Num(3321)}, NarrowFraction: []*float64{Num(0), Num(0.012)}, TimeFraction: []*float64{Num(0.988), Num(0.012)},
			NarrowFractionLow: []*float64{Num(0), Num(0.009)}, NarrowFractionHigh: []*float64{Num(0), Num(0.016)},
			TimeFractionLow: []*float64{Num(0.984), Num(0.009)}, TimeFractionHigh: []*float64{Num(0.991), Num(0.016)}}}}
	var buf bytes.Buffer
	if err := WriteTheoryRdText(&buf, r); err != nil {
		t.Fatal(err)
	}
	golden(t, "theory_rd.txt", buf.Bytes())
}

// TestDynamicsRdText fixes the text of `verify dynamics` in R^d for a
// hand-made report with two variants, the theory of one with intervals.
func TestDynamicsRdText(t *testing.T) {
	iv := func(x, lo, hi float64) Interval { return NewInterval(x, lo, hi) }
	run := func(variant string, b float64, sharpLimit float64) DynamicsRunRd {
		r := DynamicsRunRd{Variant: variant, B: Num(b), Law: "pareto", NoiseScale: 0.75, Eta: 0.005, Replicas: 4, Steps: 2000000, Radius: 0.5,
			Starts: [][]float64{{2.9, 1}}, Lambda: Num(0.245), TimeUnit: Num(3321), Class: []int{0, 1}, Absorbing: true, Wide: []int{0},
			Sets: []SetFractionRd{
				{Set: 0, Near: iv(0.9, 0.85, 0.95), Basin: iv(0.95, 0.9, 1), Marker: iv(0.95, 0.9, 1), Stationary: Num(1 - sharpLimit), FirstOrder: Num(0.988)},
				{Set: 1, Sharp: true, Near: iv(0.04, 0.03, 0.05), Basin: iv(0.05, 0.04, 0.06), Marker: iv(0.05, 0.04, 0.06), Stationary: Num(sharpLimit), FirstOrder: Num(0.012)},
			},
			Out: iv(0.06, 0.05, 0.07), NoBasin: iv(0, 0, 0), Sharp: iv(0.05, 0.04, 0.06), SharpNear: iv(0.04, 0.03, 0.05),
			SharpLimit: Num(sharpLimit), SharpFirstOrder: Num(0.012), MarkerTransitions: 30, Transitions: [][]int{{0, 15}, {15, 0}},
			Generator: []GeneratorEntry{}, Embedded: []EmbeddedTest{{From: 1, Transitions: 15, Observed: map[string]float64{"0": 1}, Predicted: map[string]float64{"0": 1}, PValue: Num(1)}},
			Notes: []string{"a note"}}
		if variant == "truncated" {
			// The theory's intervals (theory's bootstrap); the untruncated
			// run shows the table without them.
			r.Sets[0].StationaryLow, r.Sets[0].StationaryHigh = Num(1), Num(1)
			r.Sets[0].FirstOrderLow, r.Sets[0].FirstOrderHigh = Num(0.984), Num(0.991)
			r.Sets[1].StationaryLow, r.Sets[1].StationaryHigh = Num(0), Num(0)
			r.Sets[1].FirstOrderLow, r.Sets[1].FirstOrderHigh = Num(0.009), Num(0.016)
			r.SharpLimitLow, r.SharpLimitHigh = Num(0), Num(0)
			r.SharpFirstOrderLow, r.SharpFirstOrderHigh = Num(0.009), Num(0.016)
		}
		return r
	}
	rep := DynamicsReportRd{Dimension: 2, Minima: []any{[][]float64{{-3, -2.9}, {-0.5, -2.9}}, []float64{3, 1}}, MinimumKind: []string{"segment", "point"},
		Runs: []DynamicsRunRd{run("truncated", 2.15, 0), run("untruncated", math.Inf(1), 0.2)}, Warnings: []string{"a warning"}}
	var buf bytes.Buffer
	if err := WriteDynamicsRdText(&buf, rep); err != nil {
		t.Fatal(err)
	}
	golden(t, "dynamics_rd.txt", buf.Bytes())
}
