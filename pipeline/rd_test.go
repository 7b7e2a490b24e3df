package pipeline

import (
	"context"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/report"
	"github.com/htsgd/htsgd/scenario"
	"github.com/htsgd/htsgd/theory"
)

// quadraticRd is the 2-D quadratic of scenario/testdata/quadratic2d.toml at
// a quick η, with a [dynamics] table.
const quadraticRd = `
name = "quadratic-rd"
[landscape]
kind = "quadratic"
dimension = 2
hessian = [[1.5, 0.5], [0.5, 1.0]]
basin_radius = 1.0
[noise]
law = "pareto"
alpha = 1.5
scale = 1.0
[sgd]
b = 1.5
eta = [0.02]
[run]
samples = 40
max_steps = 100000
seed = 9
[dynamics]
replicas = 3
steps = 2000
radius = 0.2
times = [1.0]
`

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
			pred := &ExitPredictionRd{ExitPrediction: ExitPrediction{MeanSteps: tt.pred}, CStar: tt.cs, CStarErr: tt.cerr}
			lo, hi := ratioInterval(row, pred)
			if math.Abs(report.Value(lo)-tt.wantLo) > 1e-12 {
				t.Errorf("low %v, want %v", report.Value(lo), tt.wantLo)
			}
			if got := report.Value(hi); !(math.IsNaN(tt.wantHi) && math.IsNaN(got)) && math.Abs(got-tt.wantHi) > 1e-12 {
				t.Errorf("high %v, want %v", got, tt.wantHi)
			}
		})
	}
	if lo, hi := ratioInterval(report.ExitRow{}, &ExitPredictionRd{CStar: 1}); lo != nil || hi != nil {
		t.Error("an interval without exits")
	}
}

// TestRdFieldError: mc's R^d validation errors become field errors with
// the scenario key; other errors pass unchanged.
func TestRdFieldError(t *testing.T) {
	tests := []struct {
		in, field string
	}{
		{"max_steps: must be ≥ 1, got 0", "run.max_steps"},
		{"start_x: [3 0] is outside every basin", "sgd.start_x"},
		{"radius: 2 is not below half the distance", "dynamics.radius"},
		{"domain_radius: must be positive", "landscape.domain_radius"},
		{"something else: entirely", ""},
	}
	for _, tt := range tests {
		err := rdFieldError(errors.New(tt.in))
		var fe *scenario.FieldError
		if got := errors.As(err, &fe); got != (tt.field != "") || (got && fe.Field != tt.field) {
			t.Errorf("%q → %v, want field %q", tt.in, err, tt.field)
		}
	}
	if rdFieldError(nil) != nil {
		t.Error("nil error wrapped")
	}
}

// TestClassFractionsRd checks the limit and first-order time fractions per
// class against theory.AnalysisRd.TimeFractions and THEORY.md sections 4
// and 6 on the constants of paper-1d at b = 0.5 carried into an
// AnalysisRd: the narrow total is 1.1583·λ(η), the limit π = (0.890174,
// 0.109826) on the wide minima m_2, m_4 (0-based 1 and 3).
func TestClassFractionsRd(t *testing.T) {
	b, err := scenario.Default().Build()
	if err != nil {
		t.Fatal(err)
	}
	one, _, err := Analyse(b)
	if err != nil {
		t.Fatal(err)
	}
	n := len(one.Minima)
	a := &theory.AnalysisRd{JumpNumber: one.JumpNumber, Rates: one.Rates, ExitRate: one.ExitRate,
		ExitOutside: make([]float64, n), Classes: one.Classes, Wide: one.Wide, Stationary: one.Stationary}
	for _, m := range one.Minima {
		a.Sets = append(a.Sets, landscapes.PointSet([]float64{m, 0}))
	}
	for _, lam := range []float64{0.01, 0.0398} {
		limit, first, err := classFractionsRd(a, a.Classes[0], lam)
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
		for j := range n {
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

// TestRunDynamicsRd runs the R^d trajectory experiment on the quadratic:
// one minimum set whose class is transient (every exit leaves to no basin),
// so no limit is claimed; the time near the set and in the basin are
// fractions; a scenario without [dynamics] is a field error.
func TestRunDynamicsRd(t *testing.T) {
	sc, b := mustBuildRd(t, quadraticRd)
	rep, err := RunDynamicsRd(context.Background(), sc, b, DynamicsOptions{Workers: 2, Variants: []string{VariantTruncated, VariantGaussian}}, TheoryOptionsRd(sc, 500))
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Runs) != 2 || rep.Dimension != 2 || len(rep.Minima) != 1 {
		t.Fatalf("%d runs, dimension %d, %d minima", len(rep.Runs), rep.Dimension, len(rep.Minima))
	}
	tr, g := rep.Runs[0], rep.Runs[1]
	if tr.Absorbing || tr.Sets[0].Stationary != nil || len(tr.Notes) == 0 || tr.TimeUnit == nil {
		t.Errorf("truncated run: absorbing %v, stationary %v, notes %v", tr.Absorbing, tr.Sets[0].Stationary, tr.Notes)
	}
	if g.Law != "gaussian" || g.NoiseScale != 1 || g.TimeUnit != nil {
		t.Errorf("gaussian run: law %s, σ %v, time unit %v", g.Law, g.NoiseScale, g.TimeUnit)
	}
	for _, r := range rep.Runs {
		f := report.Value(r.Sets[0].Basin.Estimate) + report.Value(r.NoBasin.Estimate)
		if math.Abs(f-1) > 1e-12 || r.Replicas != 3 || r.Steps != 2000 {
			t.Errorf("%s: basin + no basin = %v, %d replicas × %d steps", r.Variant, f, r.Replicas, r.Steps)
		}
	}
	sc.Dynamics = nil
	var fe *scenario.FieldError
	if _, err := RunDynamicsRd(context.Background(), sc, b, DynamicsOptions{}, TheoryOptionsRd(sc, 500)); !errors.As(err, &fe) || fe.Field != "dynamics" {
		t.Errorf("no [dynamics]: %v", err)
	}
}

// TestVariantBuiltRd: the variants change only b or the noise, keeping the
// landscape, its basins and a finite angular law.
func TestVariantBuiltRd(t *testing.T) {
	text := strings.Replace(quadraticRd, `scale = 1.0
[sgd]`, `scale = 1.0
angular = "finite"
directions = [[1.0, 0.0], [-1.0, 0.0], [0.0, 1.0], [0.0, -1.0]]
[sgd]`, 1)
	sc, b := mustBuildRd(t, text)
	u, err := variantBuiltRd(sc, b, VariantUntruncated, 0)
	if err != nil || !math.IsInf(u.B, 1) || b.B != 1.5 || len(u.Minima) != len(b.Minima) {
		t.Fatalf("untruncated: %v, b %v (scenario's %v)", err, u.B, b.B)
	}
	g, err := variantBuiltRd(sc, b, VariantGaussian, 0.5)
	if err != nil || g.Noise.HeavyTailed() || g.Noise.Isotropic() || radialScale(g.Noise) != 0.5 || g.B != b.B {
		t.Fatalf("gaussian: %v, heavy %v, isotropic %v, σ %v", err, g.Noise.HeavyTailed(), g.Noise.Isotropic(), radialScale(g.Noise))
	}
	if _, err := variantBuiltRd(sc, b, "bogus", 0); err == nil || !strings.Contains(err.Error(), "variants") {
		t.Errorf("unknown variant: %v", err)
	}
}

// ExamplePredictExitRd predicts the first exit from the ball basin of the
// 2-D quadratic of scenario/testdata/quadratic2d.toml: J = 1 and
// C* = ν_α{‖w‖ ≥ 1} = 1, so E τ = 1/(η λ(η)) = η^{−1.5} steps.
func ExamplePredictExitRd() {
	sc, err := scenario.Load("../scenario/testdata/quadratic2d.toml")
	if err != nil {
		fmt.Println(err)
		return
	}
	b, err := sc.BuildRd()
	if err != nil {
		fmt.Println(err)
		return
	}
	a, _, err := AnalyseRd(b, TheoryOptionsRd(sc, 2000))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, eta := range b.Etas {
		p, err := PredictExitRd(a, b, 0, eta)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("η = %g: J = %d, E τ = %.0f steps (95%% CI %.0f to %.0f), exits to no basin %.0f%%\n",
			eta, p.Jump, p.MeanSteps, p.Low, p.High, 100*p.Landing[-1])
	}
	// Output:
	// η = 0.01: J = 1, E τ = 1000 steps (95% CI 1000 to 1000), exits to no basin 100%
	// η = 0.003: J = 1, E τ = 6086 steps (95% CI 6086 to 6086), exits to no basin 100%
	// η = 0.001: J = 1, E τ = 31623 steps (95% CI 31623 to 31623), exits to no basin 100%
}

// TestDynamicsVariantStreams: a variant's paths depend on its name, not on
// its position in the requested list, so running the Gaussian variant alone
// reproduces it as run after the truncated one (a key by position would
// give the alone-run the truncated variant's streams).
func TestDynamicsVariantStreams(t *testing.T) {
	sc, b := mustBuildRd(t, quadraticRd)
	run := func(variants ...string) report.DynamicsRunRd {
		t.Helper()
		rep, err := RunDynamicsRd(context.Background(), sc, b, DynamicsOptions{Workers: 2, Variants: variants}, TheoryOptionsRd(sc, 500))
		if err != nil {
			t.Fatal(err)
		}
		return rep.Runs[len(rep.Runs)-1]
	}
	both, alone := run(VariantTruncated, VariantGaussian), run(VariantGaussian)
	if both.Variant != VariantGaussian || alone.Variant != VariantGaussian {
		t.Fatalf("variants %s, %s", both.Variant, alone.Variant)
	}
	if !reflect.DeepEqual(both.Sets, alone.Sets) || !reflect.DeepEqual(both.NoBasin, alone.NoBasin) {
		t.Errorf("gaussian variant differs when run alone:\n%+v\n%+v", both.Sets, alone.Sets)
	}
	if reflect.DeepEqual(both.Sets, run(VariantTruncated).Sets) {
		t.Errorf("the truncated and gaussian variants have the same paths")
	}
}
