package report

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/htsgd/htsgd/estimators"
)

// convergeFixture is a report of two starts, built from synthetic rungs
// and judged by estimators (a ladder approaching 1 and a start the theory
// does not apply to), so that its text has no wall times.
func convergeFixture(t *testing.T) *ConvergeReport {
	t.Helper()
	rep := &ConvergeReport{
		Format: ConvergeFormat, Scenario: "fixture", ScenarioTOML: "name = \"fixture\"\n", Dimension: 1, Law: "pareto",
		Alpha: 1.5, NoiseScale: 0.1, B: estimators.Number(math.Inf(1)),
		Settings: ConvergeSettings{Level: 0.95, Looks: 4, LookLevel: 1 - 0.05/4, Tol: 0.05, LandingTol: 0.02, LambdaFactor: 0.5,
			Exits: 8000, CapFactor: 10, MaxRungs: 4, Method: "auto", LookRule: "rule"},
		Warnings: []string{},
	}
	b := ConvergeBasin{Start: 0, Basin: 1, StartPoint: []float64{0.5}, Jump: 1, Rate: 2, Labels: []int{0, 2},
		PredictedLanding: []float64{0.75, 0.25}, Stop: StopConverges, Rungs: []ConvergeRung{}}
	var rr []estimators.RatioRung
	var lr []estimators.LandingRung
	eta, lambda := 0.1, 0.04
	for k, r := range []float64{0.90, 0.95, 0.975, 0.99} {
		d := 8000
		m, err := estimators.ExpMeanFromTotals(r*1000*float64(d), d, 0, 0.95)
		if err != nil {
			t.Fatal(err)
		}
		rg, err := estimators.NewRatioRung(eta, lambda, m, 1000)
		if err != nil {
			t.Fatal(err)
		}
		lo, hi := rg.CI(rep.Settings.LookLevel, 0)
		counts := []int{6000 + 10*k, 2000 - 10*k}
		b.Rungs = append(b.Rungs, ConvergeRung{Eta: eta, Lambda: lambda, Method: "bf", Predicted: 1000, Samples: d, Exits: d,
			Cap: 10000, TimeOnTest: int64(r * 1000 * float64(d)), LandingCounts: counts, Ratio: rg.R, SELog: rg.SELog,
			RatioLow: lo, RatioHigh: hi, Steps: int64(r * 1000 * float64(d))})
		rr = append(rr, rg)
		lr = append(lr, estimators.LandingRung{Eta: eta, Lambda: lambda, Counts: counts})
		eta, lambda = eta/4, lambda/2
	}
	v, err := estimators.JudgeRatio(rr, estimators.LadderOptions{Level: rep.Settings.LookLevel})
	if err != nil {
		t.Fatal(err)
	}
	lv, err := estimators.JudgeLanding(lr, b.PredictedLanding, estimators.LadderOptions{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	b.Verdict, b.Landing = v, &lv
	na := ConvergeBasin{Start: 1, Basin: 0, StartPoint: []float64{-1}, NotApplicable: "basin 0 cannot be left",
		Stop: StopNotApplicable, Verdict: estimators.NotApplicableVerdict("basin 0 cannot be left"),
		Labels: []int{}, PredictedLanding: []float64{}, Rungs: []ConvergeRung{}}
	rep.Basins = []ConvergeBasin{b, na}
	return rep
}

// TestConvergeFileRoundTrip: a report written by WriteConvergeFile reads
// back equal (NaN and ±Inf as null, read as NaN), and the reader refuses an
// unknown key, another format and trailing data.
func TestConvergeFileRoundTrip(t *testing.T) {
	rep := convergeFixture(t)
	path := filepath.Join(t.TempDir(), "c.json")
	if err := WriteConvergeFile(path, *rep); err != nil {
		t.Fatal(err)
	}
	got, err := ReadConvergeFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var a, b bytes.Buffer
	if err := WriteJSON(&a, rep); err != nil {
		t.Fatal(err)
	}
	if err := WriteJSON(&b, got); err != nil {
		t.Fatal(err)
	}
	if a.String() != b.String() {
		t.Errorf("the report does not survive a round trip:\n%s\n%s", a.String(), b.String())
	}
	if got.B.IsFinite() || got.Basins[0].Verdict.Kind != estimators.Converges {
		t.Errorf("b = %v (want null → NaN), verdict %v", got.B, got.Basins[0].Verdict.Kind)
	}
	data := a.String()
	for name, bad := range map[string]string{
		"unknown key":  strings.Replace(data, `"scenario":`, `"scenery": 1, "scenario":`, 1),
		"other format": strings.Replace(data, ConvergeFormat, "htsgd-converge/0", 1),
		"trailing":     data + "{}",
		"wrong type":   strings.Replace(data, `"exits": 8000`, `"exits": "8000"`, 1),
	} {
		if _, err := ReadConverge(strings.NewReader(bad)); err == nil {
			t.Errorf("%s: read without error", name)
		}
	}
	if err := os.WriteFile(path, []byte(data[:len(data)/2]), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadConvergeFile(path); err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("a truncated file: err %v, want an error naming the path", err)
	}
}

// TestConvergeText: the text of the fixture (golden; update with -update).
func TestConvergeText(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteConvergeText(&buf, convergeFixture(t)); err != nil {
		t.Fatal(err)
	}
	golden(t, "converge.txt", buf.Bytes())
	if !strings.HasSuffix(buf.String(), "start 1 (basin 0): theory does not apply — basin 0 cannot be left\n") {
		t.Errorf("the text does not end with the verdict lines:\n%s", buf.String())
	}
}

// TestConvergeCSVRoundTrip: the CSV rows of a report read back equal, and
// a file with another header or a bad field is refused with its line.
func TestConvergeCSVRoundTrip(t *testing.T) {
	rows := ConvergeCSVRows(convergeFixture(t))
	if len(rows) != 4 || rows[3].OneMinusRatio != 1-rows[3].Ratio || rows[0].Verdict != "converges" || !math.IsInf(rows[0].B, 1) {
		t.Fatalf("rows %+v", rows)
	}
	var buf bytes.Buffer
	if err := WriteConvergeCSV(&buf, rows); err != nil {
		t.Fatal(err)
	}
	got, err := ReadConvergeCSV(strings.NewReader(buf.String()))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, rows) {
		t.Errorf("CSV round trip:\n%+v\n%+v", got, rows)
	}
	text := buf.String()
	if _, err := ReadConvergeCSV(strings.NewReader(strings.Replace(text, "one_minus_ratio", "gap", 1))); err == nil {
		t.Error("another header: read without error")
	}
	lines := strings.Split(text, "\n")
	lines[2] = strings.Replace(lines[2], ",bf,", ",bf,x", 1)
	if _, err := ReadConvergeCSV(strings.NewReader(strings.Join(lines, "\n"))); err == nil || !strings.Contains(err.Error(), "line 3") {
		t.Errorf("a bad field: err %v, want one naming line 3", err)
	}
}
