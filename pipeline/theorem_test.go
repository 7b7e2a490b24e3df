package pipeline

// Theorem checks: simulation against prediction on scenarios chosen so that
// each check runs in seconds and its pre-asymptotic bias is small or
// bounded (docs/theory.md §11.2), on the real line and in R². Every check
// states its false-alarm rate and its bias allowance, runs on fixed seeds,
// and a companion shows that it rejects a wrong prediction (q or C* scaled
// by 1.2 or 1.3, J off by one).

import (
	"context"
	"math"
	"testing"

	"github.com/htsgd/htsgd/estimators"
	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/scenario"
	"github.com/htsgd/htsgd/theory"
)

// checkLevel is the confidence level of the theorem checks: each two-sided
// check raises a false alarm with probability 1 − checkLevel = 0.001.
const checkLevel = 0.999

// bandMeets reports whether the interval [lo, hi] meets the allowance band
// [bandLo, bandHi]: the check passes unless the whole CI lies outside the
// range the stated pre-asymptotic bias allows.
func bandMeets(lo, hi, bandLo, bandHi float64) bool { return hi >= bandLo && lo <= bandHi }

// theoremRun builds the scenario text, runs its first exits and returns the
// records of its only cell with the theory's prediction for it (η = Etas[0],
// the start's basin) from an analysis with samples Monte Carlo paths per
// minimum set (ignored where exact).
func theoremRun(t *testing.T, text string, samples int) (*scenario.Plan, *theory.Analysis, []ExitCell, *theory.ExitPrediction) {
	t.Helper()
	p := exitPlan(t, text)
	a, _, err := Analyse(context.Background(), p, TheoryOptions(p, samples))
	if err != nil {
		t.Fatal(err)
	}
	cells, err := RunExits(context.Background(), p, ExitOptions{Records: recordAll(t, p)})
	if err != nil {
		t.Fatal(err)
	}
	pred, err := a.PredictExit(cells[0].Basin, p.Etas[0])
	if err != nil {
		t.Fatal(err)
	}
	return p, a, cells, pred
}

// exitMean returns the censored-exponential estimate of the mean exit time
// of recs at checkLevel, the number of exits, and the exit times.
func exitMean(t *testing.T, recs []mc.ExitRecord) (estimators.ExpMean, int, []float64) {
	t.Helper()
	var total float64
	times := make([]float64, len(recs))
	var exits, censored int
	for i, r := range recs {
		total += float64(r.Steps)
		times[i] = float64(r.Steps)
		if r.Censored {
			censored++
		} else {
			exits++
		}
	}
	m, err := estimators.ExpMeanFromTotals(total, exits, censored, checkLevel)
	if err != nil {
		t.Fatal(err)
	}
	return m, exits, times
}

// exitFixture is the quadratic well f = k x²/2 with k = 50 on the basin
// (−2.1, 1.5), untruncated Pareto noise α = 1.5, c = 1, η = 0.01: J = 1 and
// q = ½(2.1^{−1.5} + 1.5^{−1.5}) = 0.436466, predicted mean exit time
// 1/(q η λ(η)) = 1/(q (ηc)^α) = 2291 steps.
//
// Why the bias is small here: at J = 1 the per-step exit probability while
// the chain sits exactly at the minimum is P(ηZ > 1.5) + P(ηZ < −2.1), which
// equals q η λ(η) exactly for this law, so the only bias comes from the
// chain's spread around the minimum. For X ← (1 − ηk)X + ηZ that spread is
// about ηc(αηk)^{−1/α} = 0.012 (ηk = 0.5 contracts fast), 1.2% of the
// distance ηc·u with u = r/(ηc) = 150 to the exit: exits come about 1% early.
// Measured at 10^5 exits (seed 11, `verify exit` on this scenario with
// samples = 100000): R = 1.000 [0.994, 1.006] (0.993 [0.987, 1.000] with the
// first kernel, before the generator changed). Allowance band for R:
// [0.97, 1.03], three times the derived bias on either side.
const exitFixture = `
name = "exit-check"
[landscape]
kind = "quadratic"
scale = 50.0
basin = [-2.1, 1.5]
[noise]
law = "pareto"
alpha = 1.5
scale = 1.0
[sgd]
eta = [0.01]
[run]
samples = 4000
max_steps = 100000000
seed = 3
`

// TestTheoremExitLaw checks the first-exit theorem (docs/theory.md §6.1) on
// exitFixture: the mean exit time against 1/(q η λ(η)^J), the exponential
// shape, and the landing law against q_ij/q_i — and that each check rejects
// a wrong prediction.
func TestTheoremExitLaw(t *testing.T) {
	_, _, cells, pred := theoremRun(t, exitFixture, 0)
	if pred.JumpNumber != 1 || math.Abs(pred.MeanSteps-2291.2) > 0.5 {
		t.Fatalf("prediction J = %d, mean %.1f; want 1, 2291.2 (see exitFixture)", pred.JumpNumber, pred.MeanSteps)
	}
	recs := cells[0].Records
	m, exits, times := exitMean(t, recs)

	// Mean: the 99.9% CI of R = τ̄/predicted must meet [0.97, 1.03].
	meanCheck := func(predicted float64) bool {
		return bandMeets(m.Low/predicted, m.High/predicted, 0.97, 1.03)
	}
	if !meanCheck(pred.MeanSteps) {
		t.Errorf("mean exit %.1f [%.1f, %.1f] steps: R = %.3f outside the allowance [0.97, 1.03]",
			m.Mean, m.Low, m.High, m.Mean/pred.MeanSteps)
	}
	if meanCheck(pred.MeanSteps / 1.2) {
		t.Error("q scaled by 1.2 not rejected by the mean check")
	}
	lam := math.Pow(0.01*1.0, 1.5) / 0.01 // λ(η) = c^α η^{α−1} = 0.1
	if meanCheck(pred.MeanSteps / lam) {
		t.Error("J off by one (J = 2) not rejected by the mean check")
	}

	// Shape: the Lilliefors-type test at false-alarm rate 0.001.
	shape, err := estimators.ExpShapeTest(times, nil, 999, 17)
	if err != nil {
		t.Fatal(err)
	}
	// Reject when p ≤ 0.001 (false-alarm rate 0.001; with 999 bootstrap
	// samples 0.001 is the smallest attainable p-value).
	if shape.PValue <= 0.001 {
		t.Errorf("exit times rejected as exponential: p = %.4f", shape.PValue)
	}
	// Companion: sums of consecutive pairs are Gamma(2), not exponential.
	pairs := make([]float64, len(times)/2)
	for i := range pairs {
		pairs[i] = times[2*i] + times[2*i+1]
	}
	if s, err := estimators.ExpShapeTest(pairs, nil, 999, 17); err != nil || s.PValue > 0.001 {
		t.Errorf("Gamma(2) sums not rejected as exponential: p = %.4f, err %v", s.PValue, err)
	}

	// Landing: G-test of the side of exit (below: −1, above: 1) against
	// q_{0,below}/q_0 = 0.3764, at false-alarm rate 0.001.
	var below, above int
	for _, r := range recs {
		switch {
		case r.Censored:
		case r.Landing == -1:
			below++
		default:
			above++
		}
	}
	landing := func(pBelow float64) float64 {
		g, err := estimators.GTest([]int{below, above}, []float64{pBelow, 1 - pBelow})
		if err != nil {
			t.Fatal(err)
		}
		return g.PValue
	}
	pb := pred.Landing[landscapes.Below]
	if p := landing(pb); p < 0.001 {
		t.Errorf("landing %d below / %d above against P(below) = %.4f: p = %.2g", below, above, pb, p)
	}
	// q_{0,below} scaled by 1.2 (and q_0 with it).
	wrong := 1.2 * pb / (1.2*pb + (1 - pb))
	if p := landing(wrong); p >= 0.001 {
		t.Errorf("q_below scaled by 1.2 not rejected by the landing check: p = %.3g", p)
	}
	t.Logf("R = %.4f [%.4f, %.4f] (99.9%%), shape p = %.3f, landing below %.4f vs %.4f",
		m.Mean/pred.MeanSteps, m.Low/pred.MeanSteps, m.High/pred.MeanSteps, shape.PValue, float64(below)/float64(exits), pb)
}

// generatorFixture is a symmetric double well, f'(x) = 25(x+1)x(x−1) on
// [−2, 2] (f”(±1) = 50, η f” = 0.5), untruncated Pareto noise α = 1.5,
// c = 1, η = 0.01. All J = 1; q_01 = ν{w ≥ 1} = ½ (a jump landing beyond 2
// is clamped into Ω_1), so the limiting generator has Q_01 = Q_10 = 0.5 in
// the time unit 1/(ηλ) = 1/(ηc)^α = 1000 steps. The bias has the same
// source and size as in exitFixture (spread ≈ 1.2% of the distance to the
// saddle); measured over 4 × 10^7 steps (seed 11): q̂_01/Q = 1.007
// [0.987, 1.027] from 10094 transitions, q̂_10/Q = 1.012. Allowance band for
// q̂/Q: [0.97, 1.04].
const generatorFixture = `
name = "generator-check"
[landscape]
kind = "critical-points"
points = [-1.0, 0.0, 1.0]
scale = 25.0
domain = [-2.0, 2.0]
[noise]
law = "pareto"
alpha = 1.5
scale = 1.0
[sgd]
eta = [0.01]
start = 0
[run]
samples = 1
max_steps = 1
seed = 5
[dynamics]
replicas = 2
steps = 4000000
radius = 0.1
times = [1.0]
`

// TestTheoremGenerator checks the generator of the limiting chain
// (docs/theory.md §8.3 and §12.5): q̂_ij = N_ij/T_i with its exact Poisson CI at
// level 0.999 against Q_ij, and that Q scaled by 1.2 is rejected.
func TestTheoremGenerator(t *testing.T) {
	p := exitPlan(t, generatorFixture)
	rep, err := RunDynamics(context.Background(), p, DynamicsOptions{Variants: []string{VariantTruncated}, Theory: TheoryOptions(p, 0)})
	if err != nil {
		t.Fatal(err)
	}
	gen := rep.Runs[0].Generator
	if len(gen) != 2 {
		t.Fatalf("%d generator entries, want 2", len(gen))
	}
	for _, g := range gen {
		q := *g.Predicted
		if math.Abs(q-0.5) > 1e-9 {
			t.Fatalf("predicted Q_%d%d = %v, want 0.5 (see generatorFixture)", g.From, g.To, q)
		}
		_, lo, hi := estimators.RateCI(g.Transitions, g.Exposure, checkLevel)
		check := func(q float64) bool { return bandMeets(lo/q, hi/q, 0.97, 1.04) }
		if !check(q) {
			t.Errorf("q̂_%d%d = %d/%.1f = %.4f [%.4f, %.4f]: ratio outside [0.97, 1.04]", g.From, g.To,
				g.Transitions, g.Exposure, float64(g.Transitions)/g.Exposure, lo, hi)
		}
		if check(1.2 * q) {
			t.Errorf("Q_%d%d scaled by 1.2 not rejected", g.From, g.To)
		}
		t.Logf("q̂_%d%d = %.4f [%.4f, %.4f] (99.9%%) from %d transitions", g.From, g.To, float64(g.Transitions)/g.Exposure, lo, hi, g.Transitions)
	}
}

// sharpFixture has a sharp minimum m_0 = −1 (r = 1, J = 1) and a wide one
// m_1 = 2 (r = 2, J = 2) at b = 1.2: f'(x) = 4(x+1)x(x−2) on [−2.5, 3.5],
// Pareto α = 1.5, c = 1, η = 0.025 (η f”(m_1) = 0.6), λ(η) = 0.158. The
// theory says the time in Ω_0 vanishes; its first-order finite-η estimate
// (docs/theory.md §8.4) is λ·π_1 q_10/q_0 ≈ 0.41%.
//
// Allowance. The estimate is (rate of entering Ω_0) × (mean sojourn there).
// At practical η, J = 2 exits come 15–45% earlier than the limit and J = 1
// exits 2–15% earlier (docs/theory.md §11.2), so the measured fraction over
// the estimate lies in [0.85/0.85, 0.98/0.55] ≈ [1.0, 1.8]. (At this scenario
// the measured J = 2 ratio is 0.55, at the edge of that range.) Because the
// allowance is this wide, q scaled by 1.2 cannot be rejected here (the issue
// says so for J ≥ 2); J off by one for the sharp minimum (treating it as wide,
// J_0 = 2) changes the estimate by 1/λ = 6.3 and must be rejected.
const sharpFixture = `
name = "sharp-check"
[landscape]
kind = "critical-points"
points = [-1.0, 0.0, 2.0]
scale = 4.0
domain = [-2.5, 3.5]
[noise]
law = "pareto"
alpha = 1.5
scale = 1.0
[sgd]
b = 1.2
eta = [0.025]
start = 1
[run]
samples = 1
max_steps = 1
seed = 9
[dynamics]
replicas = 16
steps = 1000000
radius = 0.1
times = [1.0]
`

// TestTheoremSharpMinimaFraction checks sharp-minima elimination at finite η:
// the time fraction in the sharp basin against its first-order estimate,
// with a 99.9% t interval across replicas.
func TestTheoremSharpMinimaFraction(t *testing.T) {
	p := exitPlan(t, sharpFixture)
	rep, err := RunDynamics(context.Background(), p, DynamicsOptions{Variants: []string{VariantTruncated}, Theory: TheoryOptions(p, 0)})
	if err != nil {
		t.Fatal(err)
	}
	run := rep.Runs[0]
	if run.SharpFirstOrder == nil {
		t.Fatal("no first-order estimate")
	}
	est := *run.SharpFirstOrder
	// 99.9% t interval across the independent replicas.
	centre, lo, hi := estimators.ReplicaMean(run.SharpByReplica, checkLevel)
	check := func(pred float64) bool { return bandMeets(lo/pred, hi/pred, 1.0, 1.8) }
	if !check(est) {
		t.Errorf("sharp fraction %.4f%% [%.4f, %.4f] vs first-order %.4f%%: ratio outside [1.0, 1.8]", 100*centre, 100*lo, 100*hi, 100*est)
	}
	lam := math.Pow(0.025, 0.5) // λ(η) = c^α η^{α−1}
	if check(est / lam) {
		t.Error("J off by one for the sharp minimum not rejected")
	}
	t.Logf("sharp fraction %.4f%% [%.4f, %.4f] (99.9%%), first order %.4f%%, ratio %.3f", 100*centre, 100*lo, 100*hi, 100*est, centre/est)
}

// exitFixtureRd is the 2-D quadratic well f = ½xᵀHx, H = [[50, 10],
// [10, 40]] (eigenvalues 45 ± √125 = 33.8, 56.2), exited by leaving the ball
// ‖x‖ < R = 1.5, under isotropic Pareto noise α = 1.5, c = 1, b = 2,
// η = 0.01. The flow contracts ‖x‖ and R < b, so J = 1 and C* = ν_α{‖w‖ ≥
// R} = R^{−α} = 0.544331 (a jump of size ≥ R, clipped to b > R, still
// leaves); λ(η) = c^α η^{α−1} = 0.1 and the predicted mean exit time is
// 1/(C* η λ(η)) = R^α/(ηc)^α = 1837.12 steps.
//
// Why the bias is small here (the R^d analogue of exitFixture): at the
// minimum the per-step exit probability is P(‖ηZ‖ ≥ R) = (ηc/R)^α, exactly
// C* η λ(η), so the only bias comes from the spread of X around 0. From x
// the next step leaves with probability (ηc)^α E_θ ρ(θ)^{−α}, ρ(θ) the
// distance from x' = (I − ηH)x to the circle along θ; for isotropic θ the
// term linear in x' averages out and, expanding ρ = R − ‖x'‖cos φ −
// ‖x'‖² sin²φ/(2R), E_θ ρ^{−α} = R^{−α}(1 + α(α+2)/4 · ‖x'‖²/R²), a
// coefficient 1.31. With I − ηH contracting by q ≤ 0.66 per step,
// ‖x'‖ ≤ q‖x‖ and P(‖X‖ > s) ≲ (ηc/s)^α/(1 − q^α) ≈ 2(ηc/s)^α, so
// E min(‖X‖, R)²/R² ≲ 4/(2−α) (ηc)^α R^{−α} = 4.4·10⁻³ and the exit rate
// is about 1.31 · 0.44 · 4.4·10⁻³ ≈ 0.3% high: exits come well under 1%
// early. Measured at 10^5
// exits (seed 11, `verify exit` on this scenario with samples = 100000):
// R = 1.000 [0.994, 1.006]. Allowance band for R: [0.97, 1.03], ten times
// the derived bias on either side (it covers the measured interval with
// room for a bias estimate that is only an order of magnitude).
const exitFixtureRd = `
name = "exit-check-rd"
[landscape]
kind = "quadratic"
dimension = 2
hessian = [[50.0, 10.0], [10.0, 40.0]]
basin_radius = 1.5
[noise]
law = "pareto"
alpha = 1.5
scale = 1.0
[sgd]
b = 2.0
eta = [0.01]
[run]
samples = 2000
max_steps = 100000000
seed = 3
`

// TestTheoremExitLawRd checks the multi-dimensional first-exit theorem
// (docs/theory.md §9) through the R^d pipeline on exitFixtureRd: the
// 99.9% CI of the mean exit time (false-alarm rate 0.001, two-sided) over
// the prediction 1/(C* η λ(η)^J) must meet the allowance band [0.97, 1.03]
// derived above — and the same check must reject C* scaled by 1.3 and J off
// by one. With 2000 exits the 99.9% CI of R is about ±7.5%, so C* × 1.3
// puts it near 1.3 [1.20, 1.40], clear of the band.
func TestTheoremExitLawRd(t *testing.T) {
	p, a, cells, pred := theoremRun(t, exitFixtureRd, 2000)
	// The Monte Carlo C* must reproduce R^{−α} exactly: every jump
	// longer than the ball's radius leaves, so it has no Monte Carlo error.
	if pred.JumpNumber != 1 || math.Abs(pred.MeanSteps-1837.12) > 0.1 || pred.MeanHigh-pred.MeanLow > 1e-3*pred.MeanSteps {
		t.Fatalf("prediction J = %d, mean %.2f [%.2f, %.2f]; want 1, 1837.12 (see exitFixtureRd)", pred.JumpNumber, pred.MeanSteps, pred.MeanLow, pred.MeanHigh)
	}
	m, exits, _ := exitMean(t, cells[0].Records)
	meanCheck := func(predicted float64) bool {
		return bandMeets(m.Low/predicted, m.High/predicted, 0.97, 1.03)
	}
	t.Logf("R = %.4f [%.4f, %.4f] (99.9%%) from %d exits", m.Mean/pred.MeanSteps, m.Low/pred.MeanSteps, m.High/pred.MeanSteps, exits)
	if !meanCheck(pred.MeanSteps) {
		t.Errorf("mean exit %.1f [%.1f, %.1f] steps: R = %.3f outside the allowance [0.97, 1.03]",
			m.Mean, m.Low, m.High, m.Mean/pred.MeanSteps)
	}
	if meanCheck(pred.MeanSteps / 1.3) {
		t.Error("C* scaled by 1.3 not rejected by the mean check")
	}
	lam := 0.1 // λ(η) = c^α η^{α−1}
	if meanCheck(pred.MeanSteps / lam) {
		t.Error("J off by one (J = 2) not rejected by the mean check")
	}
	// The report row carries the same numbers: the ratio and its interval
	// (here the interval of τ̄ alone: the SE of C* is negligible).
	rep, err := ExitReport(p, a, nil, cells)
	if err != nil {
		t.Fatal(err)
	}
	row := rep.Rows[0]
	if row.Ratio == nil || math.Abs(*row.Ratio-m.Mean/pred.MeanSteps) > 1e-12 || *row.RatioLow > *row.Ratio || *row.RatioHigh < *row.Ratio {
		t.Errorf("row ratio %v [%v, %v], want %v inside its interval", row.Ratio, row.RatioLow, row.RatioHigh, m.Mean/pred.MeanSteps)
	}
}

// asymmetricExitFixture is exitFixture with asymmetric Pareto noise,
// p_+ = 0.8: the exits to the right (r = 1.5) need a positive jump, those
// to the left (r = 2.1) a negative one, so
//
//	q_above = p_+·1.5^{−α} = 0.435465,  q_below = p_−·2.1^{−α} = 0.0657205,
//	q = 0.501185,  P(above) = 0.868870,  predicted mean 1/(q η λ(η)) = 2026.9
//
// steps, with λ(η) = η^{−1}H(1/η) = 0.09844 from the exact tail of the
// centred law, H(x) = p_+(x + μ)^{−α} + p_−(x − μ)^{−α} for c = 1 (0.1
// without the shift μ below).
//
// Bias. Beyond exitFixture's (the chain's spread, exits about 1% early),
// the asymmetric law is centred by a shift μ = c(2p_+ − 1)α/(α − 1) = 1.8:
// Z = cUW − μ, so a step ηZ reaches 1.5 only for W ≥ 150 + 1.8 and −2.1
// for W ≥ 210 − 1.8, at η = 0.01. That multiplies the rate of right exits
// by (1 + 1.8/150)^{−1.5} = 0.982 and of left ones by
// (1 − 1.8/210)^{−1.5} = 1.013 (derived here): the mean is about 1.4% late
// (R ≈ 1.004 with the spread), and P(above) = 0.8653 instead of 0.8689.
// Measured at 40000 exits (seed 11): R = 0.996 [0.986, 1.005], P(above) =
// 0.8649, as derived. Allowance: R in [0.97, 1.03] (as exitFixture), and
// P(above) in [0.8653, 0.8689] (between the derived finite-η value and the
// limit).
const asymmetricExitFixture = `
name = "exit-check-asym"
[landscape]
kind = "quadratic"
scale = 50.0
basin = [-2.1, 1.5]
[noise]
law = "pareto"
alpha = 1.5
scale = 1.0
p_plus = 0.8
[sgd]
eta = [0.01]
[run]
samples = 4000
max_steps = 100000000
seed = 3
`

// TestTheoremExitLawAsymmetric checks the first-exit theorem with p_+ ≠ ½
// on asymmetricExitFixture: the 99.9% CI of the mean exit time over the
// prediction must meet [0.97, 1.03], and the 99.9% CI of the fraction of
// exits to the right must meet [0.8653, 0.8689] (false-alarm rate 0.001
// each). Companions: the same checks reject p_+ and p_− swapped between the
// sides, and p_+ taken as ½.
func TestTheoremExitLawAsymmetric(t *testing.T) {
	_, _, cells, pred := theoremRun(t, asymmetricExitFixture, 0)
	recs := cells[0].Records
	m, exits, _ := exitMean(t, recs)
	meanCheck := func(predicted float64) bool { return bandMeets(m.Low/predicted, m.High/predicted, 0.97, 1.03) }
	if !meanCheck(pred.MeanSteps) {
		t.Errorf("mean exit %.1f [%.1f, %.1f]: R = %.3f outside [0.97, 1.03]", m.Mean, m.Low, m.High, m.Mean/pred.MeanSteps)
	}
	const alpha, qAbove, qBelow = 1.5, 0.435465, 0.0657205
	swapped := (0.2*math.Pow(1.5, -alpha) + 0.8*math.Pow(2.1, -alpha)) / (qAbove + qBelow)
	half := (0.5*math.Pow(1.5, -alpha) + 0.5*math.Pow(2.1, -alpha)) / (qAbove + qBelow)
	if meanCheck(pred.MeanSteps/swapped) || meanCheck(pred.MeanSteps/half) {
		t.Error("p_± swapped, or p_+ = ½, not rejected by the mean check")
	}
	above := 0
	for _, r := range recs {
		if !r.Censored && r.Landing == 1 {
			above++
		}
	}
	_, lo, hi := estimators.ProportionCI(above, exits, checkLevel)
	landCheck := func(pAbove float64) bool {
		return bandMeets(lo, hi, math.Min(pAbove, pAbove*0.8653/0.868870), pAbove)
	}
	pa := pred.Landing[1]
	if math.Abs(pa-0.868870) > 1e-5 {
		t.Fatalf("predicted P(above) = %.6f, want 0.868870 (see asymmetricExitFixture)", pa)
	}
	if !landCheck(pa) {
		t.Errorf("P(above) = %d/%d [%.4f, %.4f] (99.9%%) outside [0.8653, 0.8689]", above, exits, lo, hi)
	}
	if landCheck(0.2*math.Pow(1.5, -alpha)/(0.2*math.Pow(1.5, -alpha)+0.8*math.Pow(2.1, -alpha))) ||
		landCheck(math.Pow(1.5, -alpha)/(math.Pow(1.5, -alpha)+math.Pow(2.1, -alpha))) {
		t.Error("p_± swapped, or p_+ = ½, not rejected by the landing check")
	}
	t.Logf("R = %.4f [%.4f, %.4f], P(above) = %.4f [%.4f, %.4f] (99.9%%) against %.4f", m.Mean/pred.MeanSteps,
		m.Low/pred.MeanSteps, m.High/pred.MeanSteps, float64(above)/float64(exits), lo, hi, pa)
}

// jumpTwoFixture is the quadratic well f = 20x²/2 on the basin
// (−2.1, 1.5), Pareto noise α = 1.5, c = 1, truncated at b = 1, η = 0.02:
// J = 2 (r = 1.5, slack r − b = 0.5), q from the exact recursion, predicted
// mean exit time 1/(q η λ(η)²) = 114551 steps.
//
// Bias, measured (it is not small for J = 2 at practical η, docs/theory.md
// §11.2). Two biases of opposite signs: the second jump must come
// within the flow's window back to the slack, about ln(2)/(η f″) = 1.7 to
// 3.5 steps at this η, which the discrete steps resolve poorly (exits come
// late), while the chain's spread about the minimum and the 3-jump paths
// make them early. `verify exit` on this scenario gave R = 1.0692
// [1.0368, 1.1031] at η = 0.02 (4000 exits, seed 21), 1.0020
// [0.9717, 1.0338] at 0.01 (4000 exits) and 0.9625 [0.9055, 1.0251] at
// 0.005 (1000 exits, seed 7): the bias at this η is +7%, shrinking by about
// 6% per halving of η. The allowance is that measured bias: the 99.9%
// interval of the calibration, R ∈ [1.016, 1.125] (R̂·exp(±3.29/√4000)).
// The landings to the left need J = 3 (2.1/b): forbidden in the limit,
// they were 1.6%, 0.95% and 0.4% of the exits at the three η, vanishing.
const jumpTwoFixture = `
name = "exit-check-j2"
[landscape]
kind = "quadratic"
scale = 20.0
basin = [-2.1, 1.5]
[noise]
law = "pareto"
alpha = 1.5
scale = 1.0
[sgd]
b = 1.0
eta = [0.02]
[run]
samples = 2000
max_steps = 100000000
seed = 7
`

// TestTheoremExitLawJ2 checks J = 2 exit times against the rate of the
// exact recursion on jumpTwoFixture: the 99.9% CI of R = τ̄ q η λ(η)² must
// meet the measured-bias allowance [1.016, 1.125] (false-alarm rate
// 0.001), and the same check must reject q scaled by 1.2 and J off by one.
func TestTheoremExitLawJ2(t *testing.T) {
	if raceEnabled {
		t.Skip("2·10^8 steps: too slow under the race detector")
	}
	_, _, cells, pred := theoremRun(t, jumpTwoFixture, 0)
	if pred.JumpNumber != 2 || math.Abs(pred.MeanSteps-114551)/114551 > 1e-4 {
		t.Fatalf("prediction J = %d, mean %.0f; want 2, 114551 (see jumpTwoFixture)", pred.JumpNumber, pred.MeanSteps)
	}
	m, exits, _ := exitMean(t, cells[0].Records)
	check := func(predicted float64) bool { return bandMeets(m.Low/predicted, m.High/predicted, 1.016, 1.125) }
	if !check(pred.MeanSteps) {
		t.Errorf("R = %.4f [%.4f, %.4f] (99.9%%) from %d exits: outside the measured allowance [1.016, 1.125]",
			m.Mean/pred.MeanSteps, m.Low/pred.MeanSteps, m.High/pred.MeanSteps, exits)
	}
	if check(pred.MeanSteps / 1.2) {
		t.Error("q scaled by 1.2 not rejected")
	}
	lam := math.Pow(0.02, 0.5) // λ(η) = c^α η^{α−1}
	if check(pred.MeanSteps/lam) || check(pred.MeanSteps*lam) {
		t.Error("J off by one not rejected")
	}
	t.Logf("R = %.4f [%.4f, %.4f] (99.9%%) from %d exits", m.Mean/pred.MeanSteps, m.Low/pred.MeanSteps, m.High/pred.MeanSteps, exits)
}

// detourFixture has two wide minima and a narrow one between them:
// f'(x) = k(x+2)(x+0.5)x(x−0.4)(x−2), k = 2/3, on [−3, 3], minima −2, 0, 2
// (r = 1.5, 0.4, 1.6), saddles −0.5 and 0.4, Pareto α = 1.5, c = 1, b = 1,
// η = 0.02. J = (2, 1, 2): the wide minima m_0 and m_2 reach each other only
// through the narrow m_1 (J_{0,2} = 3 > J_0), so the effective generator
// is Q_{0,2} = q_{0,1} B_{1,2}, Q_{2,0} = q_{2,1} B_{1,0} with
// B_{1,2} = q_{1,2}/q_1 = 0.4^{−α}/(0.4^{−α} + 0.5^{−α}) = 0.582906
// (docs/theory.md §8.3): Q_{0,2} = 0.0794932, Q_{2,0} = 0.0317905 per time
// unit 1/(η λ(η)²) = 2500 steps.
//
// Bias, measured: at this η the J = 2 exits from the wide minima come about
// three times early (the exit experiment gives R = 0.339 [0.329, 0.350]
// from m_0 and 0.320 [0.310, 0.330] from m_2, 4000 exits each, seed 7:
// near the saddles the drift is weak and the chain's small noise finishes
// what a jump began), and the excursions into the narrow basin end in m_2
// with probability 0.556 rather than 0.583. The allowance for q̂/Q is the
// ratio measured in a long run of `verify dynamics` on this scenario (64
// replicas of 5·10^6 steps, seed 101: 6701 transitions 0 → 2, q̂/Q = 1.852
// [1.808, 1.897]; 6700 transitions 2 → 0, q̂/Q = 2.555 [2.495, 2.617],
// 95%), taken at 99.9% (± 3.29/√6700): [1.78, 1.93] and [2.46, 2.66]. The
// check is of the generator's structure, Q = q B through the narrow
// detour, at a step size where the limit is still far.
const detourFixture = `
name = "generator-detour"
[landscape]
kind = "critical-points"
points = [-2.0, -0.5, 0.0, 0.4, 2.0]
scale = 0.6666666666666666
domain = [-3.0, 3.0]
[noise]
law = "pareto"
alpha = 1.5
scale = 1.0
[sgd]
b = 1.0
eta = [0.02]
[run]
samples = 1
max_steps = 1
seed = 7
[dynamics]
replicas = 16
steps = 5000000
radius = 0.1
times = [1.0]
`

// TestTheoremGeneratorNarrowDetour checks the effective generator between
// two wide minima joined only through a narrow one (detourFixture): the
// 99.9% Poisson interval of q̂_{i,k}/Q_{i,k} must meet the measured
// allowance (false-alarm rate 0.001 per entry); the same check must reject
// Q scaled by 1.2, and the detour's absorption probabilities swapped
// (B_{1,0} for B_{1,2}), and a generator without the detour (Q_{0,2} = 0).
func TestTheoremGeneratorNarrowDetour(t *testing.T) {
	p := exitPlan(t, detourFixture)
	rep, err := RunDynamics(context.Background(), p, DynamicsOptions{Variants: []string{VariantTruncated}, Theory: TheoryOptions(p, 0)})
	if err != nil {
		t.Fatal(err)
	}
	band := map[[2]int][2]float64{{0, 2}: {1.78, 1.93}, {2, 0}: {2.46, 2.66}}
	const b12 = 0.582906 // B_{1,2}; B_{1,0} = 1 − B_{1,2}
	gen := rep.Runs[0].Generator
	if len(gen) != 2 {
		t.Fatalf("%d generator entries, want 2 (0 → 2 and 2 → 0 through the narrow m_1)", len(gen))
	}
	for _, g := range gen {
		want, ok := band[[2]int{g.From, g.To}]
		if !ok || g.Predicted == nil || !(*g.Predicted > 0) {
			t.Fatalf("entry %d → %d predicted %v: the detour through the narrow minimum is missing", g.From, g.To, g.Predicted)
		}
		q := *g.Predicted
		_, lo, hi := estimators.RateCI(g.Transitions, g.Exposure, checkLevel)
		check := func(q float64) bool { return bandMeets(lo/q, hi/q, want[0], want[1]) }
		if !check(q) {
			t.Errorf("q̂_%d%d = %d/%.1f: ratio [%.3f, %.3f] (99.9%%) outside the measured allowance [%.2f, %.2f]",
				g.From, g.To, g.Transitions, g.Exposure, lo/q, hi/q, want[0], want[1])
		}
		swap := (1 - b12) / b12 // B_{1,0}/B_{1,2} for 0 → 2
		if g.From == 2 {
			swap = 1 / swap
		}
		if check(1.2*q) || check(q/1.2) || check(q*swap) {
			t.Errorf("Q_%d%d scaled by 1.2, or with B swapped, not rejected", g.From, g.To)
		}
		t.Logf("q̂_%d%d/Q = %.3f [%.3f, %.3f] (99.9%%) from %d transitions", g.From, g.To,
			float64(g.Transitions)/g.Exposure/q, lo/q, hi/q, g.Transitions)
	}
}
