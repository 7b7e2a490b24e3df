package report

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/htsgd/htsgd/landscapes"
)

// sampleSpaceReport returns a hand-made report on R² with two variants, the
// theory of the truncated one with intervals.
func sampleSpaceReport() DynamicsReport {
	iv := func(x, lo, hi float64) Interval { return NewInterval(x, lo, hi) }
	run := func(variant string, b float64, sharpLimit float64) DynamicsRun {
		r := DynamicsRun{Variant: variant, B: Num(b), Law: "pareto", NoiseScale: 0.75, Eta: 0.005, Replicas: 4, Steps: 2000000, Radius: 0.5,
			Starts: [][]float64{{2.9, 1}}, Lambda: Num(0.245), TimeUnit: Num(3321), Class: []int{0, 1}, Absorbing: true, Wide: []int{0},
			Sets: []SetFraction{
				{Set: 0, Near: iv(0.9, 0.85, 0.95), Basin: iv(0.95, 0.9, 1), Marker: iv(0.95, 0.9, 1), Stationary: Num(1 - sharpLimit), FirstOrder: Num(0.988)},
				{Set: 1, Sharp: true, Near: iv(0.04, 0.03, 0.05), Basin: iv(0.05, 0.04, 0.06), Marker: iv(0.05, 0.04, 0.06), Stationary: Num(sharpLimit), FirstOrder: Num(0.012)},
			},
			Out: iv(0.06, 0.05, 0.07), NoBasin: iv(0, 0, 0), Sharp: iv(0.05, 0.04, 0.06), SharpNear: iv(0.04, 0.03, 0.05),
			SharpByReplica: []float64{0.05, 0.04, 0.06, 0.05},
			SharpLimit:     Num(sharpLimit), SharpFirstOrder: Num(0.012), MarkerTransitions: 30, Transitions: [][]int{{0, 15}, {15, 0}},
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
	return DynamicsReport{Scenario: map[string]any{"name": "rd"}, Dimension: 2,
		Minima: []landscapes.MinimumSet{landscapes.SegmentSet([]float64{-3, -2.9}, []float64{-0.5, -2.9}), landscapes.PointSet([]float64{3, 1})},
		Runs:   []DynamicsRun{run("truncated", 2.15, 0), run("untruncated", math.Inf(1), 0.2)}, Warnings: []string{"a warning"}}
}

// sampleLineReport returns a hand-made report on the real line: a
// truncated run whose class has a narrow minimum, an untruncated one whose
// class has none, and a Gaussian one without theory or finished replicas.
func sampleLineReport() DynamicsReport {
	iv := func(x, lo, hi float64) Interval { return NewInterval(x, lo, hi) }
	run := func(variant string, b float64, wide []int, first float64) DynamicsRun {
		return DynamicsRun{Variant: variant, B: Num(b), Law: "pareto", NoiseScale: 0.1, Eta: 0.01, Replicas: 3, Steps: 10000,
			Radius: 0.05, Starts: [][]float64{{0.3}}, Lambda: Num(0.2), TimeUnit: Num(500), Class: []int{0, 1}, Absorbing: true, Wide: wide,
			Sets: []SetFraction{{Set: 0, Sharp: true, Basin: iv(0.01, 0, 0.02), Stationary: Num(0)},
				{Set: 1, Basin: iv(0.99, 0.98, 1), Stationary: Num(1)}},
			Sharp: iv(0.01, 0, 0.02), SharpByReplica: []float64{0.01, 0, 0.02}, SharpLimit: Num(0), SharpFirstOrder: Num(first),
			MarkerTransitions: 4, Transitions: [][]int{{0, 2}, {2, 0}}, Crossings: 9,
			Embedded: []EmbeddedTest{{From: 0, Transitions: 2, Observed: map[string]float64{"1": 1}, Predicted: map[string]float64{"1": 1}, PValue: Num(1)}},
			FDD: []FDDPoint{{T: 1, Step: 500, Observed: map[string]float64{"1": 1}, ObservedCI: map[string]Interval{"1": iv(1, 0.29, 1)},
				Predicted: map[string]float64{"1": 1}}},
			Notes: []string{}}
	}
	return DynamicsReport{Scenario: map[string]any{"name": "line"}, Dimension: 1,
		Minima: []landscapes.MinimumSet{landscapes.PointSet([]float64{-1}), landscapes.PointSet([]float64{1})},
		Runs: []DynamicsRun{run("truncated", 0.5, []int{1}, 0.008), run("untruncated", math.Inf(1), []int{0, 1}, 0.01),
			{Variant: "gaussian", Law: "gaussian", NoiseScale: 1, Eta: 0.01, Class: []int{}, Wide: []int{}, Generator: []GeneratorEntry{},
				Embedded: []EmbeddedTest{}, FDD: []FDDPoint{}, Notes: []string{"not applicable"}}},
		Warnings: []string{}}
}

// TestDynamicsJSONLayouts checks the keys of both layouts and what the
// real line's shows differently: no minima, basins null without finished
// replicas, sharp_first_order null when the class has no narrow minimum,
// and a list left nil null (on R^d lists are never null).
func TestDynamicsJSONLayouts(t *testing.T) {
	marshal := func(r DynamicsReport) []byte {
		var buf bytes.Buffer
		if err := WriteJSON(&buf, r); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	runKeys := func(data []byte, k int) string {
		var v struct {
			Runs []json.RawMessage `json:"runs"`
		}
		if err := json.Unmarshal(data, &v); err != nil {
			t.Fatal(err)
		}
		return strings.Join(jsonKeys(t, v.Runs[k]), " ")
	}

	line := marshal(sampleLineReport())
	if got := strings.Join(jsonKeys(t, line), " "); got != "scenario runs warnings" {
		t.Errorf("line report keys %q", got)
	}
	if got, want := runKeys(line, 0), "variant b law noise_scale eta replicas steps time_unit class absorbing wide basins "+
		"sharp_fraction sharp_by_replica sharp_limit sharp_first_order marker_transitions crossings generator embedded fdd notes"; got != want {
		t.Errorf("line run keys\n%s, want\n%s", got, want)
	}
	var lr struct {
		Runs []struct {
			Basins    []map[string]any `json:"basins"`
			First     *float64         `json:"sharp_first_order"`
			Generator []any            `json:"generator"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(line, &lr); err != nil {
		t.Fatal(err)
	}
	if lr.Runs[0].First == nil || *lr.Runs[0].First != 0.008 || lr.Runs[1].First != nil {
		t.Errorf("sharp_first_order %v, %v: want 0.008 with a narrow minimum, null without", lr.Runs[0].First, lr.Runs[1].First)
	}
	if len(lr.Runs[0].Basins) != 2 || lr.Runs[0].Basins[1]["basin"] != 1.0 || lr.Runs[2].Basins != nil {
		t.Errorf("basins %v / %v", lr.Runs[0].Basins, lr.Runs[2].Basins)
	}
	if !strings.Contains(string(line), `"generator": null`) || !strings.Contains(string(line), `"basins": null`) {
		t.Errorf("nil lists are not null on the real line:\n%s", line)
	}

	space := marshal(sampleSpaceReport())
	if got := strings.Join(jsonKeys(t, space), " "); got != "scenario dimension minima minimum_kind runs warnings" {
		t.Errorf("R^d report keys %q", got)
	}
	if got, want := runKeys(space, 0), "variant b law noise_scale eta replicas steps radius starts lambda time_unit class absorbing wide sets "+
		"out_fraction no_basin_fraction sharp_fraction sharp_near_fraction sharp_by_replica sharp_limit sharp_first_order "+
		"sharp_limit_ci_low sharp_limit_ci_high sharp_first_order_ci_low sharp_first_order_ci_high marker_transitions "+
		"transition_counts generator embedded notes"; got != want {
		t.Errorf("R^d run keys\n%s, want\n%s", got, want)
	}
	rep := sampleSpaceReport()
	rep.Runs[1].Generator, rep.Runs[1].Sets = nil, nil
	if s := string(marshal(rep)); strings.Contains(s, "null,") && strings.Contains(s, `"generator": null`) || strings.Contains(s, `"sets": null`) {
		t.Errorf("a nil list is null on R^d")
	}
	var sr struct {
		Minima []json.RawMessage `json:"minima"`
		Kind   []string          `json:"minimum_kind"`
	}
	if err := json.Unmarshal(space, &sr); err != nil {
		t.Fatal(err)
	}
	var seg bytes.Buffer
	if err := json.Compact(&seg, sr.Minima[0]); err != nil || seg.String() != "[[-3,-2.9],[-0.5,-2.9]]" || sr.Kind[0] != "segment" || sr.Kind[1] != "point" {
		t.Errorf("minima %s, kinds %v", sr.Minima, sr.Kind)
	}
}

// TestDynamicsJSONRoundTrip: a report read back from its JSON writes the
// same bytes, in both layouts, and a file of another shape is an error.
func TestDynamicsJSONRoundTrip(t *testing.T) {
	for _, rep := range []DynamicsReport{sampleLineReport(), sampleSpaceReport()} {
		var first bytes.Buffer
		if err := WriteJSON(&first, rep); err != nil {
			t.Fatal(err)
		}
		var back DynamicsReport
		if err := json.Unmarshal(first.Bytes(), &back); err != nil {
			t.Fatal(err)
		}
		if back.Dimension != rep.Dimension || len(back.Runs) != len(rep.Runs) {
			t.Fatalf("read back dimension %d, %d runs; want %d, %d", back.Dimension, len(back.Runs), rep.Dimension, len(rep.Runs))
		}
		var second bytes.Buffer
		if err := WriteJSON(&second, back); err != nil {
			t.Fatal(err)
		}
		if first.String() != second.String() {
			t.Errorf("d = %d: round trip differs:\n%s\n---\n%s", rep.Dimension, first.String(), second.String())
		}
	}
	for _, bad := range []string{
		`{"scenario": {}, "rows": [], "warnings": []}`,
		`{"scenario": {}, "dimension": 2, "minima": [], "minimum_kind": [], "runs": [{"variant": "x", "crossings": 3}], "warnings": []}`,
		`{"scenario": {}, "dimension": 2, "minima": [[1, 2]], "minimum_kind": ["ring"], "runs": [], "warnings": []}`,
	} {
		var rep DynamicsReport
		if err := json.Unmarshal([]byte(bad), &rep); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}

// TestDynamicsText fixes the text of `verify dynamics` on R^d (the golden
// holds what follows the heading) and checks that of the real line.
func TestDynamicsText(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteDynamicsText(&buf, Setting{Scenario: "rd", Landscape: "gaussian-wells", Dimension: 2, Law: "pareto", Alpha: 1.5, Scale: 0.5, PPlus: math.NaN(), Angular: "isotropic", B: 1}, sampleSpaceReport(), TextOptions{Legend: true}); err != nil {
		t.Fatal(err)
	}
	head, body, _ := strings.Cut(buf.String(), "\n")
	if want := "dynamics in R^d — scenario rd, seed 0"; head != want {
		t.Errorf("heading %q, want %q", head, want)
	}
	golden(t, "dynamics_rd.txt", []byte(body))

	buf.Reset()
	if err := WriteDynamicsText(&buf, Setting{Scenario: "line", Landscape: "paper-1d", Dimension: 1, Law: "pareto", Alpha: 1.2, Scale: 0.1, PPlus: 0.5, B: 0.5}, sampleLineReport(), TextOptions{}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{"dynamics — scenario line, seed 0\nsetting: paper-1d on the line", "η = 0.01: 10000 steps per replica (n = replicas per column)",
		"Ω_0 (narrow)", "0% (first order 0.80%)", "4 (crossings 9)", "pareto b=0.5 — class [0 1] (absorbing), wide [1], time unit 500 steps, 60 scaled time units simulated",
		"P(Y_t = k) observed", "gaussian σ=1: not applicable"} {
		if !strings.Contains(out, want) {
			t.Errorf("text lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "(first order 1.00%)") {
		t.Errorf("the first order is shown for a class without narrow minima:\n%s", out)
	}
}
