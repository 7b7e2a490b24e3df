package pipeline

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"testing"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/noise"
	"github.com/htsgd/htsgd/report"
	"github.com/htsgd/htsgd/scenario"
	"github.com/htsgd/htsgd/theory"
)

// wellsPlan returns a plan, made by hand, of the two Gaussian wells of
// scenario/testdata/wells2d.toml under isotropic Pareto noise (α = 1.5,
// c = 0.5) at threshold b, with a coarse basin map (a tenth of the
// default's cost), and the theory's options with 1000 paths per set and
// the given bootstrap resamples: at b = 2 one jump leaves either well
// (J = (1, 1), both wide); at b = 1 the well at (−1, 0) needs two
// (J = (2, 1), the other narrow).
func wellsPlan(t *testing.T, b float64, resamples int) (*scenario.Plan, theory.Options) {
	t.Helper()
	w, err := landscapes.NewGaussianWells([][]float64{{-1, 0}, {1.5, 0}}, []float64{1, 2}, []float64{0.5, 0.3}, 0.2)
	if err != nil {
		t.Fatal(err)
	}
	dom := landscapes.Ball{Radius: 3}
	bm, err := landscapes.NewBasinMap(context.Background(), w, landscapes.BasinMapOptions{Domain: dom, Grid: 15, Directions: 90, CacheCells: 64})
	if err != nil {
		t.Fatal(err)
	}
	pareto, err := noise.NewPareto(1.5, 0.5, 0.5)
	if err != nil {
		t.Fatal(err)
	}
	z, err := noise.NewRadial(2, pareto, nil)
	if err != nil {
		t.Fatal(err)
	}
	p := &scenario.Plan{Name: "wells", Landscape: w, Basins: bm, Noise: z, B: b, Domain: dom, Etas: []float64{0.01},
		Starts: []scenario.Start{{Basin: 1, X: []float64{1.5, 0}}}, Run: scenario.RunPlan{Samples: 1, MaxSteps: 1, Seed: 2},
		Dynamics: &scenario.DynamicsPlan{Replicas: 3, Steps: 3000, Radius: 0.2}}
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	return p, theory.Options{Samples: 1000, Directions: 90, Seed: 2, Resamples: resamples, Level: 0.95}
}

// inside reports lo ≤ x ≤ hi for report numbers.
func inside(x, lo, hi *float64) bool {
	return x != nil && lo != nil && hi != nil && *lo <= *x && *x <= *hi
}

// TestTheoryReportIntervals: with Monte Carlo rates the theory report
// carries the 95% intervals of π and of the time fractions (theory's
// bootstrap), each around its estimate, in their JSON keys; an analysis
// without resamples gives the report without them.
func TestTheoryReportIntervals(t *testing.T) {
	for _, tc := range []struct {
		b      float64
		J      []int
		narrow int // the narrow set, −1 for none
	}{{2, []int{1, 1}, -1}, {1, []int{2, 1}, 1}} {
		p, opt := wellsPlan(t, tc.b, 0)
		rep, err := TheoryReport(context.Background(), p, opt, 0)
		if err != nil {
			t.Fatal(err)
		}
		a := rep.Analysis
		if a.JumpNumber[0] != tc.J[0] || a.JumpNumber[1] != tc.J[1] || len(a.Classes) != 1 {
			t.Fatalf("b = %v: J = %v, classes %+v; want J = %v, one class", tc.b, a.JumpNumber, a.Classes, tc.J)
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
		pr := rep.Predictions[0]
		for i := range a.Sets {
			if !inside(pr.TimeFraction[i], pr.TimeFractionLow[i], pr.TimeFractionHigh[i]) {
				t.Errorf("b = %v: time fraction %d: %v outside [%v, %v]", tc.b, i, report.Value(pr.TimeFraction[i]),
					report.Value(pr.TimeFractionLow[i]), report.Value(pr.TimeFractionHigh[i]))
			}
			if !inside(pr.NarrowFraction[i], pr.NarrowFractionLow[i], pr.NarrowFractionHigh[i]) ||
				(i != tc.narrow && *pr.NarrowFractionHigh[i] != 0) || (i == tc.narrow && !(*pr.NarrowFractionLow[i] > 0)) {
				t.Errorf("b = %v: narrow fraction %d: %v [%v, %v]", tc.b, i, report.Value(pr.NarrowFraction[i]),
					report.Value(pr.NarrowFractionLow[i]), report.Value(pr.NarrowFractionHigh[i]))
			}
			if !inside(pr.MeanExitSteps[i], pr.MeanExitLow[i], pr.MeanExitHigh[i]) {
				t.Errorf("b = %v: mean exit %d: %v outside [%v, %v]", tc.b, i, report.Value(pr.MeanExitSteps[i]),
					report.Value(pr.MeanExitLow[i]), report.Value(pr.MeanExitHigh[i]))
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
	p, opt := wellsPlan(t, 2, -1)
	rep, err := TheoryReport(context.Background(), p, opt, 0)
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

// TestTheoryReportExact: on the real line the report's predictions are
// the exact analysis' (the mean exit steps of MeanExitSteps, degenerate
// intervals, no bootstrap intervals), the cross-check is there when asked
// for, light-tailed noise gives a report that says why, and the
// cross-check of Monte Carlo rates is an error wrapping
// theory.ErrNotApplicable.
func TestTheoryReportExact(t *testing.T) {
	sc := scenario.Default()
	p, err := sc.Build(scenario.BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := TheoryReport(context.Background(), p, TheoryOptions(p, 0), 500)
	if err != nil {
		t.Fatal(err)
	}
	a := rep.Analysis
	if !a.Exact || rep.Check == nil || rep.Check.Samples != 500 || len(rep.Check.Rates) != len(a.Sets) || len(rep.Predictions) != len(p.Etas) {
		t.Fatalf("exact %v, check %+v, %d predictions", a.Exact, rep.Check, len(rep.Predictions))
	}
	for k, pr := range rep.Predictions {
		for i := range a.Sets {
			want, err := a.MeanExitSteps(i, p.Etas[k])
			if err != nil {
				t.Fatal(err)
			}
			if *pr.MeanExitSteps[i] != want || *pr.MeanExitLow[i] != want || *pr.MeanExitHigh[i] != want {
				t.Errorf("η = %v, basin %d: mean exit %v [%v, %v], want %v", p.Etas[k], i, *pr.MeanExitSteps[i], *pr.MeanExitLow[i], *pr.MeanExitHigh[i], want)
			}
		}
		if pr.NarrowFractionLow != nil || pr.TimeFractionLow != nil || len(pr.TimeUnit) != len(a.Classes) {
			t.Errorf("η = %v: intervals %v %v, %d time units", p.Etas[k], pr.NarrowFractionLow, pr.TimeFractionLow, len(pr.TimeUnit))
		}
	}
	if rep.StationaryLow != nil || rep.ExitRateCI[1][0] != a.ExitRate[1] || rep.ExitRateCI[1][1] != a.ExitRate[1] {
		t.Errorf("exact intervals: π %v, q_1 %v", rep.StationaryLow, rep.ExitRateCI[1])
	}

	g, err := p.WithGaussian(0)
	if err != nil {
		t.Fatal(err)
	}
	rep, err = TheoryReport(context.Background(), g, TheoryOptions(g, 0), 500)
	if err != nil || rep.Analysis != nil || rep.Reason != "noise.law: the heavy-tail theory does not apply to gaussian noise" {
		t.Errorf("gaussian: %v, %+v", err, rep)
	}

	w, opt := wellsPlan(t, 2, -1)
	if _, err := TheoryReport(context.Background(), w, opt, 500); !errors.Is(err, theory.ErrNotApplicable) {
		t.Errorf("cross-check of Monte Carlo rates: %v", err)
	}
}

// TestClassFractions checks the limit and first-order time fractions per
// class against theory.Analysis.TimeFractions and docs/theory.md
// §8.4 and §10.1 on paper-1d at b = 0.5: the narrow total is 1.1583·λ(η), the limit
// π = (0.890174, 0.109826) on the wide minima m_2, m_4 (0-based 1 and 3).
// The same holds for a Monte Carlo analysis; see TestClassFractionsCI.
func TestClassFractions(t *testing.T) {
	p, err := scenario.Default().Build(scenario.BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	a, _, err := Analyse(context.Background(), p, TheoryOptions(p, 0))
	if err != nil {
		t.Fatal(err)
	}
	for _, lam := range []float64{0.01, 0.0398} {
		limit, first, err := classFractions(a, a.Classes[0], lam)
		if err != nil {
			t.Fatal(err)
		}
		want, err := a.TimeFractions(lam)
		if err != nil {
			t.Fatal(err)
		}
		narrow := first[0] + first[2]
		if math.Abs(narrow/lam-1.1583) > 5e-4 {
			t.Errorf("λ = %v: narrow fraction %v = %.5f·λ, want 1.1583·λ", lam, narrow, narrow/lam)
		}
		for j := range first {
			if math.Abs(first[j]-want[j]) > 1e-15 {
				t.Errorf("λ = %v: first order %v, TimeFractions %v", lam, first, want)
				break
			}
		}
		if math.Abs(limit[1]-0.890174) > 5e-7 || math.Abs(limit[3]-0.109826) > 5e-7 || limit[0] != 0 || limit[2] != 0 {
			t.Errorf("limit %v, want (0, 0.890174, 0, 0.109826)", limit)
		}
	}
}

// TestClassFractionsCI: the dynamics report's theory intervals (limit and
// first order per set, and of the sharp totals) contain their estimates;
// with one sharp set its total is that set, interval included; a narrow
// set's limit is 0 on every resample; without resamples nothing is filled.
func TestClassFractionsCI(t *testing.T) {
	analyse := func(resamples int) *theory.Analysis {
		p, opt := wellsPlan(t, 1, resamples)
		a, _, err := Analyse(context.Background(), p, opt)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	a := analyse(0)
	const lam = 0.1
	run := report.DynamicsRun{Sets: make([]report.SetFraction, 2)}
	if err := compareFractions(&run, a, 0, lam, []bool{false, true}); err != nil {
		t.Fatal(err)
	}
	for j, s := range run.Sets {
		if !inside(s.Stationary, s.StationaryLow, s.StationaryHigh) || !inside(s.FirstOrder, s.FirstOrderLow, s.FirstOrderHigh) {
			t.Errorf("set %d: limit %v [%v, %v], first order %v [%v, %v]", j, report.Value(s.Stationary), report.Value(s.StationaryLow),
				report.Value(s.StationaryHigh), report.Value(s.FirstOrder), report.Value(s.FirstOrderLow), report.Value(s.FirstOrderHigh))
		}
	}
	s := run.Sets[1]
	if *run.SharpFirstOrder != *s.FirstOrder || *run.SharpFirstOrderLow != *s.FirstOrderLow || *run.SharpFirstOrderHigh != *s.FirstOrderHigh ||
		*run.SharpLimitLow != 0 || *run.SharpLimitHigh != 0 || !(*s.FirstOrderLow > 0) || math.IsNaN(*s.FirstOrderHigh) {
		t.Errorf("sharp totals: limit [%v, %v], first order [%v, %v]; set 1 first order [%v, %v]", *run.SharpLimitLow, *run.SharpLimitHigh,
			*run.SharpFirstOrderLow, *run.SharpFirstOrderHigh, *s.FirstOrderLow, *s.FirstOrderHigh)
	}
	empty := report.DynamicsRun{Sets: make([]report.SetFraction, 2)}
	if err := compareFractions(&empty, analyse(-1), 0, lam, []bool{false, true}); err != nil || empty.Sets[1].FirstOrderLow != nil || empty.SharpLimitLow != nil {
		t.Errorf("no resamples: %v, %+v", err, empty)
	}
}

// ExampleTheoryReport prints the theory's predictions for the default
// scenario (paper-1d at b = 0.5, docs/theory.md §10.1): the jump numbers,
// the limiting chain on the wide minima m_1 and m_3 (0-based), and the mean
// exit steps and the narrow time fraction at each η (1.1583·λ(η)).
func ExampleTheoryReport() {
	p, err := scenario.Default().Build(scenario.BuildOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	rep, err := TheoryReport(context.Background(), p, TheoryOptions(p, 0), 0)
	if err != nil {
		fmt.Println(err)
		return
	}
	a := rep.Analysis
	fmt.Printf("J = %v, wide %v, π = (%.6f, %.6f)\n", a.JumpNumber, a.Wide, a.Stationary[0], a.Stationary[1])
	for _, pr := range rep.Predictions {
		fmt.Printf("η = %g: λ(η) = %.4f, E τ_1 = %.4g steps, narrow fraction %.4f\n",
			pr.Eta, pr.Lambda, *pr.MeanExitSteps[1], *pr.NarrowFraction[0]+*pr.NarrowFraction[2])
	}
	// Output:
	// J = [1 2 1 2], wide [1 3], π = (0.890174, 0.109826)
	// η = 0.002: λ(η) = 0.0182, E τ_1 = 3.697e+05 steps, narrow fraction 0.0211
	// η = 0.001: λ(η) = 0.0158, E τ_1 = 9.755e+05 steps, narrow fraction 0.0184
}
