package pipeline

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/noise"
	"github.com/htsgd/htsgd/report"
	"github.com/htsgd/htsgd/scenario"
	"github.com/htsgd/htsgd/theory"
)

// wellsBuiltRd returns the two Gaussian wells of
// scenario/testdata/wells2d.toml under isotropic Pareto noise (α = 1.5,
// c = 0.5) at threshold b, with a coarse basin map (a tenth of the
// default's cost), and its analysis with 1000 paths per set: at b = 2 one
// jump leaves either well (J = (1, 1), both wide); at b = 1 the well at
// (−1, 0) needs two (J = (2, 1), the other narrow).
func wellsBuiltRd(t *testing.T, b float64, resamples int) (*scenario.BuiltRd, *theory.AnalysisRd) {
	t.Helper()
	w, err := landscapes.NewGaussianWells([][]float64{{-1, 0}, {1.5, 0}}, []float64{1, 2}, []float64{0.5, 0.3}, 0.2)
	if err != nil {
		t.Fatal(err)
	}
	dom := landscapes.Ball{Radius: 3}
	bm, err := landscapes.NewBasinMap(w, landscapes.BasinMapOptions{Domain: dom, Grid: 15, Directions: 90, CacheCells: 64})
	if err != nil {
		t.Fatal(err)
	}
	p, err := noise.NewPareto(1.5, 0.5, 0.5)
	if err != nil {
		t.Fatal(err)
	}
	z, err := noise.NewRadial(2, p, nil)
	if err != nil {
		t.Fatal(err)
	}
	built := &scenario.BuiltRd{Landscape: w, Basins: bm, Minima: bm.Minima(), Noise: z, B: b, Domain: dom, Etas: []float64{0.01}}
	a, err := theory.AnalyseRd(theory.ModelRd{Landscape: w, Basins: bm, Noise: z, B: b, Domain: dom},
		theory.RdOptions{Samples: 1000, Directions: 90, Seed: 2, Resamples: resamples})
	if err != nil {
		t.Fatal(err)
	}
	return built, a
}

// inside reports lo ≤ x ≤ hi for report numbers.
func inside(x, lo, hi *float64) bool {
	return x != nil && lo != nil && hi != nil && *lo <= *x && *x <= *hi
}

// TestTheoryReportRdIntervals: `verify theory` in R^d carries the 95%
// intervals of π and of the time fractions (theory's bootstrap), each
// around its estimate, in new JSON keys; an analysis without resamples
// gives the report of before, without those keys.
func TestTheoryReportRdIntervals(t *testing.T) {
	for _, tc := range []struct {
		b      float64
		J      []int
		narrow int // the narrow set, −1 for none
	}{{2, []int{1, 1}, -1}, {1, []int{2, 1}, 1}} {
		b, a := wellsBuiltRd(t, tc.b, 0)
		if a.JumpNumber[0] != tc.J[0] || a.JumpNumber[1] != tc.J[1] || len(a.Classes) != 1 {
			t.Fatalf("b = %v: J = %v, classes %+v; want J = %v, one class", tc.b, a.JumpNumber, a.Classes, tc.J)
		}
		rep, err := TheoryReportRd(b, a)
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.StationaryLow) != len(a.Stationary) || len(rep.ClassStationaryLow) != 1 {
			t.Fatalf("b = %v: π %v, intervals %v / %v", tc.b, a.Stationary, rep.StationaryLow, rep.ClassStationaryLow)
		}
		for k, pi := range a.Stationary {
			if !(rep.StationaryLow[k] <= pi && pi <= rep.StationaryHigh[k]) || rep.ClassStationaryLow[0][k] != rep.StationaryLow[k] {
				t.Errorf("b = %v: π_%d = %v outside [%v, %v] (class: %v)", tc.b, k, pi, rep.StationaryLow[k], rep.StationaryHigh[k], rep.ClassStationaryLow[0])
			}
		}
		if len(a.Stationary) == 2 && !(rep.StationaryHigh[0]-rep.StationaryLow[0] > 0.005) {
			t.Errorf("b = %v: π_0 interval [%v, %v] has no width", tc.b, rep.StationaryLow[0], rep.StationaryHigh[0])
		}
		p := rep.Predictions[0]
		for i := range a.Sets {
			if !inside(p.TimeFraction[i], p.TimeFractionLow[i], p.TimeFractionHigh[i]) {
				t.Errorf("b = %v: time fraction %d: %v outside [%v, %v]", tc.b, i, report.Value(p.TimeFraction[i]),
					report.Value(p.TimeFractionLow[i]), report.Value(p.TimeFractionHigh[i]))
			}
			if !inside(p.NarrowFraction[i], p.NarrowFractionLow[i], p.NarrowFractionHigh[i]) ||
				(i != tc.narrow && *p.NarrowFractionHigh[i] != 0) || (i == tc.narrow && !(*p.NarrowFractionLow[i] > 0)) {
				t.Errorf("b = %v: narrow fraction %d: %v [%v, %v]", tc.b, i, report.Value(p.NarrowFraction[i]),
					report.Value(p.NarrowFractionLow[i]), report.Value(p.NarrowFractionHigh[i]))
			}
		}
		js, err := json.Marshal(rep)
		if err != nil {
			t.Fatal(err)
		}
		var back map[string]json.RawMessage
		if err := json.Unmarshal(js, &back); err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{"stationary", "stationary_ci_low", "stationary_ci_high", "class_stationary_ci_low",
			"class_stationary_ci_high", "bootstrap_resamples", "contributing_paths"} {
			if _, ok := back[k]; !ok {
				t.Errorf("b = %v: no key %q", tc.b, k)
			}
		}
	}
	b, a := wellsBuiltRd(t, 2, -1)
	rep, err := TheoryReportRd(b, a)
	if err != nil {
		t.Fatal(err)
	}
	if rep.StationaryLow != nil || rep.ClassStationaryLow != nil || rep.Predictions[0].TimeFractionLow != nil || rep.Predictions[0].NarrowFractionLow != nil {
		t.Errorf("no resamples: intervals %+v", rep)
	}
	js, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	var back map[string]any
	if err := json.Unmarshal(js, &back); err != nil {
		t.Fatal(err)
	}
	if _, ok := back["stationary_ci_low"]; ok {
		t.Error("no resamples: the JSON has stationary_ci_low")
	}
}

// TestClassFractionsCIRd: the dynamics report's theory intervals (limit and
// first order per set, and of the sharp totals) contain their estimates;
// with one sharp set its total is that set, interval included; a narrow
// set's limit is 0 on every resample.
func TestClassFractionsCIRd(t *testing.T) {
	_, a := wellsBuiltRd(t, 1, 0)
	const lam = 0.1
	limit, first, err := classFractionsRd(a, a.Classes[0], lam)
	if err != nil {
		t.Fatal(err)
	}
	run := report.DynamicsRunRd{Sets: make([]report.SetFractionRd, 2),
		SharpLimit: report.Num(limit[1]), SharpFirstOrder: report.Num(first[1])}
	for j := range run.Sets {
		run.Sets[j].Stationary, run.Sets[j].FirstOrder = report.Num(limit[j]), report.Num(first[j])
	}
	if err := classFractionsCIRd(&run, a, 0, lam, []bool{false, true}); err != nil {
		t.Fatal(err)
	}
	for j, s := range run.Sets {
		if !inside(s.Stationary, s.StationaryLow, s.StationaryHigh) || !inside(s.FirstOrder, s.FirstOrderLow, s.FirstOrderHigh) {
			t.Errorf("set %d: limit %v [%v, %v], first order %v [%v, %v]", j, report.Value(s.Stationary), report.Value(s.StationaryLow),
				report.Value(s.StationaryHigh), report.Value(s.FirstOrder), report.Value(s.FirstOrderLow), report.Value(s.FirstOrderHigh))
		}
	}
	s := run.Sets[1]
	if *run.SharpFirstOrderLow != *s.FirstOrderLow || *run.SharpFirstOrderHigh != *s.FirstOrderHigh ||
		*run.SharpLimitLow != 0 || *run.SharpLimitHigh != 0 || !(*s.FirstOrderLow > 0) || math.IsNaN(*s.FirstOrderHigh) {
		t.Errorf("sharp totals: limit [%v, %v], first order [%v, %v]; set 1 first order [%v, %v]", *run.SharpLimitLow, *run.SharpLimitHigh,
			*run.SharpFirstOrderLow, *run.SharpFirstOrderHigh, *s.FirstOrderLow, *s.FirstOrderHigh)
	}
	// Without resamples nothing is filled.
	_, none := wellsBuiltRd(t, 1, -1)
	empty := report.DynamicsRunRd{Sets: make([]report.SetFractionRd, 2)}
	if err := classFractionsCIRd(&empty, none, 0, lam, []bool{false, true}); err != nil || empty.Sets[1].FirstOrderLow != nil || empty.SharpLimitLow != nil {
		t.Errorf("no resamples: %v, %+v", err, empty)
	}
}
