package report

import (
	"bytes"
	"encoding/json"
	"flag"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file:\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

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

func TestNum(t *testing.T) {
	for _, x := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		if Num(x) != nil {
			t.Errorf("Num(%v) is not nil", x)
		}
	}
	if p := Num(2.5); p == nil || *p != 2.5 {
		t.Error("Num(2.5)")
	}
	if !math.IsNaN(Value(nil)) || Value(Num(3)) != 3 {
		t.Error("Value")
	}
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

func TestSortedKeys(t *testing.T) {
	got := sortedKeys(map[string]float64{"10": 0, "2": 0, "-1": 0, "none": 0})
	want := []string{"-1", "2", "10", "none"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("sortedKeys = %v, want %v", got, want)
	}
}
