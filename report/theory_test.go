package report

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/theory"
)

// sampleMonteCarloAnalysis returns a small hand-made analysis with Monte
// Carlo rates on R²: a segment and a point, J = (2, 1), one absorbing class
// with wide {0}.
func sampleMonteCarloAnalysis() *theory.Analysis {
	return &theory.Analysis{
		Model:       theory.Model{B: 2.15},
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

// sampleExactAnalysis returns a small hand-made exact analysis on the real
// line: minima −1 and 1 with a saddle at 0, J = (1, 2), one absorbing class
// with wide {1}.
func sampleExactAnalysis() *theory.Analysis {
	return &theory.Analysis{
		Model: theory.Model{B: 0.5}, Exact: true, Dimension: 1,
		Sets:        []landscapes.MinimumSet{landscapes.PointSet([]float64{-1}), landscapes.PointSet([]float64{1})},
		MinimumKind: []string{"point", "point"}, Saddles: []float64{0}, Radius: []float64{1, 1.5}, JumpNumber: []int{1, 2},
		Rates: [][]float64{{0, 0.3}, {0.05, 0}}, ExitRate: []float64{0.3, 0.05}, Wide: []int{1},
		Classes: []theory.Class{{Members: []int{0, 1}, Absorbing: true, Wide: []int{1}, Narrow: []int{0},
			Generator: [][]float64{{0}}, Stationary: []float64{1}}},
		Generator: [][]float64{{0}}, Stationary: []float64{1}, Warnings: []string{},
	}
}

// samplePrediction returns a prediction at η = 0.005 with every field set.
func samplePrediction() EtaPrediction {
	return EtaPrediction{Eta: 0.005, Lambda: 0.245, MeanExitSteps: []*float64{Num(1e5), Num(2046)},
		MeanExitLow: []*float64{Num(8e4), Num(1967)}, MeanExitHigh: []*float64{nil, Num(2132)},
		TimeUnit: []*float64{Num(3321)}, NarrowFraction: []*float64{Num(0), Num(0.012)}, TimeFraction: []*float64{Num(0.988), Num(0.012)},
		NarrowFractionLow: []*float64{Num(0), Num(0.009)}, NarrowFractionHigh: []*float64{Num(0), Num(0.016)},
		TimeFractionLow: []*float64{Num(0.984), Num(0.009)}, TimeFractionHigh: []*float64{Num(0.991), Num(0.016)}}
}

// jsonKeys returns the keys of a JSON object in their order of appearance.
func jsonKeys(t *testing.T, data []byte) []string {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		t.Fatalf("not a JSON object: %s", data)
	}
	var keys []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, tok.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			t.Fatal(err)
		}
	}
	return keys
}

// TestTheoryJSONLayouts: the theory JSON is one object, the analysis' keys
// followed by the report's, in the layout of exact rates (no intervals, no
// time fractions) or of Monte Carlo rates (intervals when given, minima as
// points and a segment as its two ends); not applicable is its own shape.
func TestTheoryJSONLayouts(t *testing.T) {
	marshal := func(r TheoryReport) []byte {
		var buf bytes.Buffer
		if err := WriteJSON(&buf, r); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	predictionKeys := func(data []byte) string {
		var v struct {
			Predictions []json.RawMessage `json:"predictions"`
		}
		if err := json.Unmarshal(data, &v); err != nil {
			t.Fatal(err)
		}
		return strings.Join(jsonKeys(t, v.Predictions[0]), " ")
	}
	full := TheoryReport{ExitRateCI: [][2]float64{{0.014, 0.026}, {0.384, 0.416}}, Predictions: []EtaPrediction{samplePrediction()},
		StationaryLow: []float64{0.9}, StationaryHigh: []float64{1}, ClassStationaryLow: [][]float64{{0.9}}, ClassStationaryHigh: [][]float64{{1}}}

	exact := full
	exact.Analysis = sampleExactAnalysis()
	exact.Check = &TheoryCheck{Samples: 10, Rates: [][]float64{{0, 0.31}, {0.05, 0}}, Stderr: [][]float64{{0, 0.01}, {0.001, 0}}}
	data := marshal(exact)
	if got, want := strings.Join(jsonKeys(t, data), " "),
		"minima saddles jump_number rates exit_rate wide classes generator stationary warnings radius predictions check"; got != want {
		t.Errorf("exact keys\n%s, want\n%s", got, want)
	}
	if got, want := predictionKeys(data), "eta lambda mean_exit_steps time_unit narrow_fraction"; got != want {
		t.Errorf("exact prediction keys %q, want %q", got, want)
	}

	mc := full
	mc.Analysis = sampleMonteCarloAnalysis()
	data = marshal(mc)
	keys := jsonKeys(t, data)
	if got, want := strings.Join(keys[len(keys)-6:], " "),
		"exit_rate_ci stationary_ci_low stationary_ci_high class_stationary_ci_low class_stationary_ci_high predictions"; got != want {
		t.Errorf("Monte Carlo report keys end %q, want %q", got, want)
	}
	if got, want := predictionKeys(data), "eta lambda mean_exit_steps mean_exit_steps_ci_low mean_exit_steps_ci_high time_unit "+
		"narrow_fraction time_fraction narrow_fraction_ci_low narrow_fraction_ci_high time_fraction_ci_low time_fraction_ci_high"; got != want {
		t.Errorf("Monte Carlo prediction keys\n%s, want\n%s", got, want)
	}
	var back map[string]json.RawMessage
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	var minima bytes.Buffer
	if err := json.Compact(&minima, back["minima"]); err != nil || minima.String() != "[[[-3,-2.9],[-0.5,-2.9]],[3,1]]" {
		t.Errorf("minima %s", back["minima"])
	}
	// Without intervals their keys are left out.
	mc.StationaryLow, mc.StationaryHigh, mc.ClassStationaryLow, mc.ClassStationaryHigh = nil, nil, nil, nil
	mc.Predictions[0].TimeFractionLow, mc.Predictions[0].TimeFractionHigh = nil, nil
	mc.Predictions[0].NarrowFractionLow, mc.Predictions[0].NarrowFractionHigh = nil, nil
	data = marshal(mc)
	if k := jsonKeys(t, data); k[len(k)-2] != "exit_rate_ci" {
		t.Errorf("keys without intervals end %v", k[len(k)-2:])
	}
	if got := predictionKeys(data); strings.Contains(got, "ci_low ") && strings.Contains(got, "fraction_ci") {
		t.Errorf("prediction keys without intervals: %s", got)
	}

	na := marshal(TheoryReport{Reason: "noise.law: the heavy-tail theory does not apply to gaussian noise"})
	if want := "{\n  \"applicable\": false,\n  \"reason\": \"noise.law: the heavy-tail theory does not apply to gaussian noise\"\n}\n"; string(na) != want {
		t.Errorf("not applicable:\n%s\nwant\n%s", na, want)
	}
}

// TestTheoryText fixes the text of `verify theory` with Monte Carlo rates
// (the golden holds what follows the heading), with the intervals of π and
// of the time fractions, and checks the headings and the exact layout.
func TestTheoryText(t *testing.T) {
	r := TheoryReport{Analysis: sampleMonteCarloAnalysis(), ExitRateCI: [][2]float64{{0.014, 0.026}, {0.384, 0.416}},
		StationaryLow: []float64{1}, StationaryHigh: []float64{1}, ClassStationaryLow: [][]float64{{1}}, ClassStationaryHigh: [][]float64{{1}},
		Predictions: []EtaPrediction{samplePrediction()}}
	var buf bytes.Buffer
	if err := WriteTheoryText(&buf, Setting{Scenario: "rd", Landscape: "quadratic", Dimension: 2, Law: "pareto", Alpha: 1.5, Scale: 0.5, PPlus: math.NaN(), Angular: "isotropic", B: 1}, r, TextOptions{Legend: true}); err != nil {
		t.Fatal(err)
	}
	head, body, _ := strings.Cut(buf.String(), "\n\n")
	if want := "theory in R^d — scenario rd, seed 0\nsetting: quadratic in R^2; pareto radial noise (α = 1.5, c = 0.5), isotropic directions; b = 1"; head != want {
		t.Errorf("heading %q, want %q", head, want)
	}
	golden(t, "theory_rd.txt", []byte(body))

	exact := TheoryReport{Analysis: sampleExactAnalysis(), Predictions: []EtaPrediction{samplePrediction()},
		Check: &TheoryCheck{Samples: 10, Rates: [][]float64{{0, 0.31}, {0.05, 0}}, Stderr: [][]float64{{0, 0.01}, {0.001, 0}}}}
	exact.Model.B = math.Inf(1)
	buf.Reset()
	if err := WriteTheoryText(&buf, Setting{Scenario: "line", Landscape: "paper-1d", Dimension: 1, Law: "pareto", Alpha: 1.2, Scale: 0.1, PPlus: 0.5, B: math.Inf(1)}, exact, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"theory — scenario line, seed 0\nsetting: paper-1d on the line; pareto noise (α = 1.2, c = 0.1, p_+ = 0.5); no truncation (b = ∞)\n\n",
		"minima   (-1, 1)\n", "saddles  (0)\n", "MC 0.31 ± 0.0196", "class {0, 1} (absorbing): wide {1}, narrow {0}", "E τ_1"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("exact text lacks %q:\n%s", want, buf.String())
		}
	}
	if strings.Contains(buf.String(), "95% CI") {
		t.Errorf("exact text shows intervals:\n%s", buf.String())
	}

	buf.Reset()
	if err := WriteTheoryText(&buf, Setting{Scenario: "g", Landscape: "paper-1d", Dimension: 1, Law: "gaussian", Alpha: math.NaN(), Scale: 1, PPlus: math.NaN(), B: 0.5}, TheoryReport{Reason: "noise.law: no"}, TextOptions{}); err != nil ||
		buf.String() != "theory — scenario g, seed 0\nsetting: paper-1d on the line; gaussian noise (σ = 1); b = 0.5\nnot applicable: noise.law: no\n" {
		t.Errorf("not applicable: %q, %v", buf.String(), err)
	}
}
