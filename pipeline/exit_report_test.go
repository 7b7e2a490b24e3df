package pipeline

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/htsgd/htsgd/report"
	"github.com/htsgd/htsgd/scenario"
	"github.com/htsgd/htsgd/theory"
)

// TestRatioInterval checks the interval of R = τ̄/prediction: with an exact
// C* (SE = 0) it is the interval of τ̄ over the prediction; the C* error
// widens it on the log scale by quadrature; missing ends stay missing.
func TestRatioInterval(t *testing.T) {
	z := 1.959963984540054
	tests := []struct {
		name           string
		mean, lo, hi   float64
		pred, cs, cerr float64
		wantLo, wantHi float64
	}{
		{"exact C*", 100, 80, 125, 200, 2, 0, 0.4, 0.625},
		// a = log(100/80), c = z·0.1/2: lo = 0.5·exp(−√(a² + c²)).
		{"C* with error", 100, 80, 125, 200, 2, 0.1, 0.5 * math.Exp(-math.Hypot(math.Log(1.25), z*0.05)), 0.5 * math.Exp(math.Hypot(math.Log(1.25), z*0.05))},
		{"no upper end", 100, 80, math.Inf(1), 200, 2, 0, 0.4, math.NaN()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			row := report.ExitRow{MeanSteps: report.Num(tt.mean), CILow: report.Num(tt.lo), CIHigh: report.Num(tt.hi), Ratio: report.Num(tt.mean / tt.pred)}
			pred := &theory.ExitPrediction{MeanSteps: tt.pred, Rate: tt.cs, RateErr: tt.cerr}
			lo, hi := ratioInterval(row, pred)
			if math.Abs(report.Value(lo)-tt.wantLo) > 1e-12 {
				t.Errorf("low %v, want %v", report.Value(lo), tt.wantLo)
			}
			if got := report.Value(hi); !(math.IsNaN(tt.wantHi) && math.IsNaN(got)) && math.Abs(got-tt.wantHi) > 1e-12 {
				t.Errorf("high %v, want %v", got, tt.wantHi)
			}
		})
	}
	if lo, hi := ratioInterval(report.ExitRow{}, &theory.ExitPrediction{Rate: 1}); lo != nil || hi != nil {
		t.Error("an interval without exits")
	}
}

// TestExitReportLayout: a report on the real line has rows without a start
// point or uncertainty and no dimension; one on R^d has both, with the
// uncertainty's fields null where the theory does not apply; warnings are
// the plan's, then the analysis' notes.
func TestExitReportLayout(t *testing.T) {
	for _, tt := range []struct {
		text, law string
		dim       int
	}{
		{fastExit, "", 0},
		{quadraticExit, "", 2},
		{quadraticExit, "gaussian", 2},
	} {
		p := exitPlan(t, tt.text)
		if tt.law != "" {
			var err error
			if p, err = p.WithGaussian(0); err != nil {
				t.Fatal(err)
			}
			p.Run.MaxSteps = 200 // Gaussian exits from the ball take ~e^{1/(2η²)} steps
		}
		p.Warnings = append(p.Warnings, "a warning of the plan")
		a, notes, err := Analyse(context.Background(), p, TheoryOptions(p, 2000))
		if err != nil {
			t.Fatal(err)
		}
		cells, err := RunExits(context.Background(), p, ExitOptions{})
		if err != nil {
			t.Fatal(err)
		}
		rep, err := ExitReport(p, a, notes, cells)
		if err != nil {
			t.Fatal(err)
		}
		if rep.Dimension != tt.dim || len(rep.Rows) != len(cells) || rep.Scenario != any(p.Source) {
			t.Fatalf("%s %s: dimension %d, %d rows", p.Name, tt.law, rep.Dimension, len(rep.Rows))
		}
		if !slices.Equal(rep.Warnings, append(slices.Clone(p.Warnings), notes...)) || len(notes) == 0 && a == nil {
			t.Errorf("%s %s: warnings %q, notes %q", p.Name, tt.law, rep.Warnings, notes)
		}
		for _, r := range rep.Rows {
			switch {
			case tt.dim == 0 && (r.Start != nil || r.PredictionUncertainty != nil):
				t.Errorf("%s: a row on the real line with R^d fields: %+v", p.Name, r)
			case tt.dim > 0 && (len(r.Start) != 2 || r.PredictionUncertainty == nil):
				t.Errorf("%s %s: a row on R^d without its fields: %+v", p.Name, tt.law, r)
			case tt.dim > 0 && (a == nil) != (r.CStar == nil || r.PredictedLow == nil):
				t.Errorf("%s %s: uncertainty %+v with analysis %v", p.Name, tt.law, *r.PredictionUncertainty, a != nil)
			case (a == nil) != (r.PredictedSteps == nil):
				t.Errorf("%s %s: predicted %v with analysis %v", p.Name, tt.law, r.PredictedSteps, a != nil)
			}
		}
		if tt.law != "" && !strings.Contains(strings.Join(rep.Warnings, " "), "not applicable") {
			t.Errorf("gaussian: warnings %q", rep.Warnings)
		}
	}
}

// ExampleRunExits runs the first exits of a small scenario on the real
// line (24 replicas per cell) and compares them with the theory: the
// measured means sit below the limit 1/(q_i η λ(η)^{J_i}), as docs/theory.md
// §11.2 says they do at practical η.
func ExampleRunExits() {
	sc, err := scenario.Parse([]byte(fastExit))
	if err != nil {
		fmt.Println(err)
		return
	}
	p, err := sc.Build(scenario.BuildOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	a, notes, err := Analyse(context.Background(), p, TheoryOptions(p, 0))
	if err != nil {
		fmt.Println(err)
		return
	}
	cells, err := RunExits(context.Background(), p, ExitOptions{Workers: 2})
	if err != nil {
		fmt.Println(err)
		return
	}
	rep, err := ExitReport(p, a, notes, cells)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range rep.Rows {
		fmt.Printf("η = %g, basin %d: %d exits, mean %.0f steps [%.0f, %.0f], predicted %.0f, landing %v\n",
			r.Eta, r.Basin, r.Exits, *r.MeanSteps, *r.CILow, *r.CIHigh, *r.PredictedSteps, r.Landing)
	}
	// Output:
	// η = 0.02, basin 0: 24 exits, mean 1410 steps [981, 2201], predicted 2000, landing map[1:1]
	// η = 0.02, basin 1: 24 exits, mean 11673 steps [8117, 18218], predicted 24136, landing map[0:1]
	// η = 0.01, basin 0: 24 exits, mean 4452 steps [3096, 6949], predicted 5657, landing map[1:1]
	// η = 0.01, basin 1: 24 exits, mean 28618 steps [19902, 44666], predicted 96542, landing map[0:1]
}
