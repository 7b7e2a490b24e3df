package pipeline

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/htsgd/htsgd/estimators"
	"github.com/htsgd/htsgd/param"
	"github.com/htsgd/htsgd/report"
	"github.com/htsgd/htsgd/scenario"
	"github.com/htsgd/htsgd/theory"
)

// quadraticExact is the quadratic well f = x²/2 on the basin (−1, 1),
// untruncated (J = 1), with Pareto noise α = 1.5, c = 0.02, p_± = ½, at
// step sizes around ηk = 1, where the limit R = 1 holds in closed form.
//
// Derivation. With ρ = 1 − ηk the recursion is X_{n+1} = ρX_n + ηZ_{n+1}
// (no truncation, no projection), so from X_n = x the next step exits
// with probability
//
//	h(x) = P(ηZ > 1 − ρx) + P(ηZ < −1 − ρx) = ½(ηc)^α[(1 − ρx)^{−α} + (1 + ρx)^{−α}]
//
// (P(Z > z) = ½(z/c)^{−α} for z ≥ c, and (1 ∓ ρx)/η ≥ c here). At x = 0,
// h(0) = (ηc)^α = q·η·λ(η) with q = ½(1^{−α} + 1^{−α}) = 1 and
// λ(η) = c^α η^{α−1}: the theory's rate, exactly. Since t ↦ (1 − t)^{−α} +
// (1 + t)^{−α} is even and increasing in |t|, for every x in the basin
// h(0) ≤ h(x) ≤ (1 + ε)h(0), ε = ½[(1 − |ρ|)^{−α} + (1 + |ρ|)^{−α}] − 1, so
// τ lies between geometric laws of parameters h(0) and (1 + ε)h(0), and
//
//	1/(1 + ε) ≤ R(η) = E τ · q η λ(η) ≤ 1.
//
// At η = 1 (ρ = 0) R = 1 exactly; at η = 1.05 and 0.95 (|ρ| = 0.05),
// ε = 0.0047, so R ∈ [0.9953, 1]. E τ = (ηc)^{−α} ≈ 354 steps.
const quadraticExact = `
name = "quadratic-exact"
[landscape]
kind = "quadratic"
scale = 1.0
basin = [-1.0, 1.0]
[noise]
law = "pareto"
alpha = 1.5
scale = 0.02
[sgd]
eta = [1.05]
[run]
samples = 100
max_steps = 100000000
seed = 3
`

// quadraticJ1 is the same well with Pareto noise α = 2, c = 0.1, from
// η = 0.25 = 1/(4k), the first rung of an adaptive ladder (firstCurvature):
// each rung halves λ(η) = c²η, so η halves and E τ = 1/(q c² η²) (q = 1)
// is 1600, 6400 and 25600 steps on three rungs. The bias is small but
// not 0 (the displacement the small noises keep up raises the hazard,
// by about α(α+1)/2·ρ²E[X²] ≈ 2% at η = 0.25): measured R = 0.966, 0.981,
// 0.985 with 10,000 exits per rung.
const quadraticJ1 = `
name = "quadratic-j1"
[landscape]
kind = "quadratic"
scale = 1.0
basin = [-1.0, 1.0]
[noise]
law = "pareto"
alpha = 2.0
scale = 0.1
[sgd]
eta = [0.25]
[run]
samples = 100
max_steps = 100000000
seed = 4
`

// quadraticJ2 is the fixture of docs/theory.md §10.2 at b = 1 (J = 2,
// q = 0.436486): f = x²/2 on (−2.1, 1.5), Pareto α = 1.5, here c = 0.5 so
// that exits are cheap (E τ ≈ 1.8·10^3 steps at η = 0.1), where R is far
// below 1 (about 0.5) at every affordable η.
const quadraticJ2 = `
name = "quadratic-j2"
[landscape]
kind = "quadratic"
scale = 1.0
basin = [-2.1, 1.5]
[noise]
law = "pareto"
alpha = 1.5
scale = 0.5
[sgd]
b = 1.0
eta = [0.1]
[run]
samples = 100
max_steps = 100000000
seed = 5
`

// applicable returns the applicability of p, failing the test on error.
func applicable(t testing.TB, p *scenario.Plan) *Applicability {
	t.Helper()
	app, err := CheckApplicability(context.Background(), p, TheoryOptions(p, 0))
	if err != nil {
		t.Fatal(err)
	}
	return app
}

// scaled returns a prediction whose mean exit time is factor times the
// theory's: a deliberately wrong prediction.
func scaled(a *theory.Analysis, factor float64) func(int, float64) (*theory.ExitPrediction, error) {
	return func(i int, eta float64) (*theory.ExitPrediction, error) {
		pred, err := a.PredictExit(i, eta)
		if err != nil {
			return nil, err
		}
		pred.MeanSteps *= factor
		return pred, nil
	}
}

// converge runs RunConverge on the scenario text and returns the report of
// its only start.
func converge(t *testing.T, text string, opt ConvergeOptions, factor float64) (report.ConvergeReport, report.ConvergeBasin) {
	t.Helper()
	p := exitPlan(t, text)
	app := applicable(t, p)
	if factor != 1 {
		opt.Predict = scaled(app.Analysis, factor)
	}
	rep, err := RunConverge(context.Background(), p, app, opt)
	if err != nil {
		t.Fatal(err)
	}
	return rep, rep.Basins[0]
}

// TestConvergeClosedForm: on the fixed ladder η = 1.05, 1, 0.95 of
// quadraticExact, where R ∈ [0.9953, 1] (derivation there), the verdict is
// "converges" after two rungs (the last two inside [0.95, 1.05]).
//
// False-alarm rate (the test failing with correct code): with 30,000 exits
// a rung's interval at the look level 1 − 0.05/3 is R̂·e^{±0.014}, inside
// the band unless R̂ < 0.963 or R̂ > 1.036, 5.5 standard errors (0.0058)
// from [0.9953, 1]: below 10^{−7} per rung. The companion below shows the
// test fails when the prediction is wrong by 20%.
func TestConvergeClosedForm(t *testing.T) {
	rep, b := converge(t, quadraticExact, ConvergeOptions{Etas: []float64{1.05, 1, 0.95}, Exits: 30000}, 1)
	if b.Verdict.Kind != estimators.Converges || b.Stop != report.StopConverges || len(b.Rungs) != 2 {
		t.Fatalf("verdict %v (%s), stop %s, %d rungs; want converges after 2", b.Verdict.Kind, b.Verdict.Reason, b.Stop, len(b.Rungs))
	}
	for _, r := range b.Rungs {
		if r.Ratio < 0.9953-4*r.SELog || r.Ratio > 1+4*r.SELog {
			t.Errorf("η = %g: R = %.4f ± %.4f, outside the closed-form range [0.9953, 1]", r.Eta, r.Ratio, r.SELog)
		}
	}
	if b.Landing == nil || b.Landing.Kind != estimators.Converges {
		t.Errorf("landing verdict %+v, want converges (the law ½, ½ is exact by symmetry)", b.Landing)
	}
	if s := rep.Settings; s.Looks != 3 || math.Abs(s.LookLevel-(1-0.05/3)) > 1e-12 {
		t.Errorf("looks %d at level %v, want 3 at 1 − 0.05/3", s.Looks, s.LookLevel)
	}
}

// TestConvergeClosedFormWrongPrediction is the companion: the same ladder
// against a prediction 20% too long (R ≈ 0.83) never converges. Its
// false-alarm bound is JudgeRatio's: P(converges | last rung outside the
// band) ≤ α/2 per walk; here R is 12 standard errors below the band.
func TestConvergeClosedFormWrongPrediction(t *testing.T) {
	_, b := converge(t, quadraticExact, ConvergeOptions{Etas: []float64{1.05, 1, 0.95}, Exits: 30000}, 1.2)
	if b.Verdict.Kind == estimators.Converges {
		t.Fatalf("verdict converges against a prediction 20%% off: %s", b.Verdict.Reason)
	}
}

// TestConvergeWrongPredictionInconsistent: on the adaptive ladder of
// quadraticJ1 (three rungs halving λ, 10,000 exits each), a prediction of
// the mean exit time 20% too long (R ≈ 0.97/1.2 = 0.81 at every rung) is
// found inconsistent: the model-robust interval of lim R excludes 1. The
// correct prediction is not (companion).
//
// Error rates. "Inconsistent" about the correct prediction has probability
// at most α = 0.05 over the walk (JudgeRatio's bound at the look level
// 1 − 0.05/3, under its assumption that the bias is monotone in λ and
// decays like λ^κ, κ ≥ 1/8 after its extension); measured on 20 other
// seeds: 0 of 20. The power against the prediction 20% off, measured on
// 20 seeds: 16 of 20 with 5,000 exits per rung, 20 of 20 with 10,000 (the
// setting here): the test fails with correct code with a probability of
// order 5%, and this seed passes.
func TestConvergeWrongPredictionInconsistent(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("3·10^8 steps per ladder")
	}
	opt := ConvergeOptions{MaxRungs: 3, Exits: 10000}
	_, wrong := converge(t, quadraticJ1, opt, 1.2)
	if wrong.Verdict.Kind != estimators.Inconsistent {
		t.Errorf("prediction 20%% off: verdict %v (%s), want inconsistent; rungs %+v", wrong.Verdict.Kind, wrong.Verdict.Reason, wrong.Verdict.Ladder)
	}
	_, right := converge(t, quadraticJ1, opt, 1)
	if right.Verdict.Kind == estimators.Inconsistent {
		t.Errorf("correct prediction: verdict inconsistent (%s)", right.Verdict.Reason)
	}
}

// TestConvergeTwoRungsNotInconsistent: two rungs cannot test the bias
// model, so even a prediction 20% off is only provisionally inconsistent
// there (MinInconsistentRungs): a warning, not a verdict.
func TestConvergeTwoRungsNotInconsistent(t *testing.T) {
	_, b := converge(t, quadraticJ1, ConvergeOptions{MaxRungs: 2, Exits: 2000}, 1.2)
	if b.Verdict.Kind == estimators.Inconsistent || len(b.Rungs) != 2 {
		t.Fatalf("verdict %v after %d rungs, want not inconsistent after 2", b.Verdict.Kind, len(b.Rungs))
	}
	found := false
	for _, w := range b.Verdict.Warnings {
		found = found || strings.Contains(w, "provisionally inconsistent")
	}
	if !found {
		t.Errorf("warnings %q: want the provisional inconsistency", b.Verdict.Warnings)
	}
}

// TestConvergeNeverFarFromOne: on quadraticJ2 (J = 2), where R stays near
// 0.5 at every η affordable here (a step budget of 4·10^7 allows two or
// three rungs), the verdict is never "converges", whatever the seed: that
// needs a last rung inside [0.95, 1.05], which happens with probability
// at most α/2 when the true R is outside the band (JudgeRatio), and here
// R̂ is some thirty standard errors below it.
func TestConvergeNeverFarFromOne(t *testing.T) {
	rep, b := converge(t, quadraticJ2, ConvergeOptions{Exits: 2000, BudgetSteps: 4e7}, 1)
	if b.Verdict.Kind == estimators.Converges {
		t.Fatalf("verdict converges with R far from 1: %s", b.Verdict.Reason)
	}
	if len(b.Rungs) == 0 || b.Rungs[len(b.Rungs)-1].Ratio > 0.8 {
		t.Errorf("rungs %+v: want R well below 1 at the last rung", b.Rungs)
	}
	if b.Stop != report.StopBudgetSteps || b.Next == nil || b.Next.PredictedSteps <= 0 {
		t.Errorf("stop %q, next %+v: want the step budget to stop the walk before a rung it names", b.Stop, b.Next)
	}
	if rep.Basins[0].Jump != 2 {
		t.Errorf("J = %d, want 2", rep.Basins[0].Jump)
	}
}

// stripTimes clears what a report measures of the machine (wall times,
// throughput), keeping what the seed decides.
func stripTimes(rep report.ConvergeReport) report.ConvergeReport {
	rep.StepsPerSecond = 0
	rep.Budget = report.ConvergeBudget{}
	for i := range rep.Basins {
		for k := range rep.Basins[i].Rungs {
			rep.Basins[i].Rungs[k].Seconds = 0
		}
	}
	return rep
}

// TestConvergeDeterministic: the same seed gives the same report with 1
// and 3 workers, and a walk stopped by its step budget and resumed gives
// the report of the walk run at once.
func TestConvergeDeterministic(t *testing.T) {
	p := exitPlan(t, quadraticJ2)
	app := applicable(t, p)
	opt := ConvergeOptions{Exits: 300, MaxRungs: 3}
	encode := func(rep report.ConvergeReport) string {
		data, err := json.Marshal(stripTimes(rep))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	run := func(o ConvergeOptions) report.ConvergeReport {
		rep, err := RunConverge(context.Background(), p, app, o)
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}
	opt.Workers = 1
	one := run(opt)
	opt.Workers = 3
	three := run(opt)
	if encode(one) != encode(three) {
		t.Errorf("1 and 3 workers differ:\n%s\n%s", encode(one), encode(three))
	}
	if n := len(one.Basins[0].Rungs); n != 3 || one.Basins[0].Stop != report.StopMaxRungs {
		t.Fatalf("%d rungs, stop %s; want 3 and max-rungs", n, one.Basins[0].Stop)
	}
	// Stop after the first rung by a step budget, then resume.
	first := opt
	// Rung 0's predicted cost (R̂ = 1) is about 1/R ≈ 2 times its steps,
	// rung 1's 16 times more: 3 times rung 0's steps afford rung 0 only.
	first.BudgetSteps = 3 * one.Basins[0].Rungs[0].Steps
	part := run(first)
	if n := len(part.Basins[0].Rungs); n != 1 || part.Basins[0].Stop != report.StopBudgetSteps {
		t.Fatalf("budgeted run: %d rungs, stop %s; want 1 and budget-steps", n, part.Basins[0].Stop)
	}
	rest := opt
	rest.Resume = &part
	if got := run(rest); encode(got) != encode(one) {
		t.Errorf("resumed run differs from the run at once:\n%s\n%s", encode(got), encode(one))
	}
	other := opt
	other.Tol = 0.1
	other.Resume = &part
	if _, err := RunConverge(context.Background(), p, app, other); !errors.Is(err, ErrOtherConverge) {
		t.Errorf("resume with other settings: err %v, want ErrOtherConverge", err)
	}
}

// TestConvergeOptionsErrors: bad options are *param.Error naming the option.
func TestConvergeOptionsErrors(t *testing.T) {
	p := exitPlan(t, quadraticJ2)
	app := applicable(t, p)
	for _, c := range []struct {
		opt  ConvergeOptions
		name string
	}{
		{ConvergeOptions{Level: 1}, "Level"},
		{ConvergeOptions{Tol: -0.1}, "Tol"},
		{ConvergeOptions{LandingTol: 2}, "LandingTol"},
		{ConvergeOptions{LambdaFactor: 1}, "LambdaFactor"},
		{ConvergeOptions{CapFactor: 0.5}, "CapFactor"},
		{ConvergeOptions{Exits: -1}, "Exits"},
		{ConvergeOptions{MaxRungs: -2}, "MaxRungs"},
		{ConvergeOptions{BudgetSteps: -1}, "BudgetSteps"},
		{ConvergeOptions{Method: "mcmc"}, "Method"},
		{ConvergeOptions{Etas: []float64{0.1, 0.2}}, "Etas"},
	} {
		_, err := RunConverge(context.Background(), p, app, c.opt)
		if pe := param.As(err); pe == nil || pe.Name != "pipeline.ConvergeOptions."+c.name {
			t.Errorf("%+v: err %v, want a *param.Error named pipeline.ConvergeOptions.%s", c.opt, err, c.name)
		}
	}
}

// TestCheckApplicability: what decides, before any simulation, whether the
// prediction applies to a start.
func TestCheckApplicability(t *testing.T) {
	gaussian := strings.Replace(strings.Replace(quadraticJ2, `law = "pareto"`, `law = "gaussian"`, 1), "alpha = 1.5\n", "", 1)
	app, err := CheckApplicability(context.Background(), exitPlan(t, gaussian), theory.Options{})
	if err != nil || app.Any() || !errors.Is(app.Err(), ErrNoStartApplies) || !strings.Contains(app.Reasons[0], "gaussian") {
		t.Errorf("gaussian noise: %+v, %v; want no start, a reason naming the law", app, err)
	}
	// b = 0.2 on the basin (−2.1, 1.5): r = 1.5 needs 8 jumps.
	tiny := strings.Replace(quadraticJ2, "b = 1.0", "b = 0.2", 1)
	_, err = CheckApplicability(context.Background(), exitPlan(t, tiny), theory.Options{})
	var fe *scenario.FieldError
	if !errors.As(err, &fe) || fe.Field != "sgd.b" {
		t.Errorf("J = 8: err %v, want a *scenario.FieldError on sgd.b", err)
	}
	app = applicable(t, exitPlan(t, quadraticJ2))
	if !app.Applies(0) || app.Err() != nil || app.Analysis == nil {
		t.Errorf("quadraticJ2: %+v, want the prediction to apply", app)
	}
	// A basin that cannot be left: the quadratic well with both ends open to ±∞.
	closed := strings.Replace(quadraticJ2, "basin = [-2.1, 1.5]", "basin = [-inf, inf]", 1)
	if sc, err := scenario.Parse([]byte(closed)); err == nil {
		if p, err := sc.Build(scenario.BuildOptions{}); err == nil {
			app, err := CheckApplicability(context.Background(), p, theory.Options{})
			if err == nil && app.Applies(0) {
				t.Errorf("a basin that cannot be left: the prediction applies (%+v)", app)
			}
		}
	}
}

// TestJudgeLadderForbidden: forbidden landings (predicted probability 0)
// are counted at every rung and reject the limit law there; a rise of
// their fraction along the ladder makes the landing verdict inconsistent.
func TestJudgeLadderForbidden(t *testing.T) {
	set := report.ConvergeSettings{Level: 0.95, Looks: 1, LookLevel: 0.95, Tol: 0.05, LandingTol: 0.02}
	basin := func(counts ...[]int) *report.ConvergeBasin {
		b := &report.ConvergeBasin{Basin: 1, Jump: 1, Rate: 1, Labels: []int{0, 2}, PredictedLanding: []float64{1, 0}}
		lambda := 0.01
		for _, c := range counts {
			n := c[0] + c[1]
			b.Rungs = append(b.Rungs, report.ConvergeRung{Eta: lambda, Lambda: lambda, Method: MethodBrute, Predicted: 100,
				Samples: n, Exits: n, TimeOnTest: int64(100 * n), LandingCounts: c})
			lambda /= 2
		}
		return b
	}
	falling := basin([]int{3900, 100}, []int{3950, 50}, []int{3975, 25}, []int{3988, 12})
	if err := judgeLadder(falling, set, nil, nil, 1); err != nil {
		t.Fatal(err)
	}
	lv := falling.Landing
	if lv == nil || len(lv.Rungs) != 4 || lv.Rungs[0].Forbidden != 100 || !lv.Rungs[3].LimitLawRejected {
		t.Fatalf("landing %+v: want 4 rungs, 100 forbidden at the first, the limit law rejected at the last", lv)
	}
	if lv.Kind == estimators.Inconsistent {
		t.Errorf("a falling forbidden fraction: verdict inconsistent (%s)", lv.Reason)
	}
	rising := basin([]int{3988, 12}, []int{3975, 25}, []int{3950, 50}, []int{3900, 100})
	if err := judgeLadder(rising, set, nil, nil, 1); err != nil {
		t.Fatal(err)
	}
	if rising.Landing.Kind != estimators.Inconsistent {
		t.Errorf("a rising forbidden fraction: verdict %v (%s), want inconsistent", rising.Landing.Kind, rising.Landing.Reason)
	}
	for k, r := range rising.Rungs {
		if math.Abs(r.Ratio-1) > 1e-12 {
			t.Errorf("rung %d: R = %v, want 1 (time on test 100 per exit, predicted 100)", k, r.Ratio)
		}
	}
}

// rareEvent is scenarios/rare-event.toml (critical-points f' = 4(x+1)x(x−1.5),
// b = 0.9, the J = 2 basin of 1.5 with slack 0.6, Pareto α = 1.5, c = 0.1),
// where brute force needs about 2·10^8 steps per exit at η = 0.01 and the
// rare-event estimator's design passes its checks (issue 12).
const rareEvent = `
name = "rare-event"
[landscape]
kind = "critical-points"
points = [-1.0, 0.0, 1.5]
scale = 4.0
domain = [-2.0, 2.5]
[noise]
law = "pareto"
alpha = 1.5
scale = 0.1
[sgd]
b = 0.9
eta = [0.01]
start = 1
[run]
samples = 1000
max_steps = 100000000
seed = 1
`

// TestConvergeRareRung: with -method is a rung is importance-sampled,
// sized by its pilot, and carries the estimator's design and self-checks;
// its R is near the 0.93 measured at this η by 20,000-window runs.
func TestConvergeRareRung(t *testing.T) {
	_, b := converge(t, rareEvent, ConvergeOptions{Method: MethodRare, MaxRungs: 1, Tol: 0.1}, 1)
	if len(b.Rungs) != 1 {
		t.Fatalf("%d rungs, want 1 (stop %s, %+v)", len(b.Rungs), b.Stop, b.Next)
	}
	r := b.Rungs[0]
	if r.Method != MethodRare || r.Rare == nil || r.Rare.Diagnostics == nil || r.Rare.PilotWindows < rarePilotWindows {
		t.Fatalf("rung %+v: want an importance-sampled rung with its pilot and diagnostics", r)
	}
	if !trusted(r) || r.Ratio < 0.8 || r.Ratio > 1.1 || r.RatioLow >= r.Ratio || r.RatioHigh <= r.Ratio {
		t.Errorf("R = %.4f [%.4f, %.4f], warnings %v: want a trusted estimate near 0.93", r.Ratio, r.RatioLow, r.RatioHigh, r.Rare.Warnings)
	}
}

// TestJudgeLadderUntrusted: an importance-sampled rung whose self-checks
// failed stays in the report but is not judged.
func TestJudgeLadderUntrusted(t *testing.T) {
	set := report.ConvergeSettings{Level: 0.95, Looks: 1, LookLevel: 0.95, Tol: 0.05, LandingTol: 0.02}
	b := &report.ConvergeBasin{Basin: 0, Jump: 2, Rate: 1, Labels: []int{}, PredictedLanding: []float64{}}
	for k, r := range []float64{0.9, 0.95, 2.0} {
		rg := report.ConvergeRung{Eta: 0.1 / float64(k+1), Lambda: 0.01 / float64(k+1), Method: MethodRare, Predicted: 100, Ratio: r, SELog: 0.01,
			Rare: &report.ConvergeRare{Warnings: []string{}}}
		if k == 2 {
			rg.Rare.Warnings = []string{"self-check hazard_ratio failed"}
		}
		b.Rungs = append(b.Rungs, rg)
	}
	if err := judgeLadder(b, set, nil, nil, 1); err != nil {
		t.Fatal(err)
	}
	if b.Verdict.Rungs != 2 || b.Verdict.Last.Estimate != 0.95 {
		t.Errorf("verdict on %d rungs, last R %v: want the 2 trusted rungs only", b.Verdict.Rungs, b.Verdict.Last.Estimate)
	}
}
