package estimators

import (
	"encoding/json"
	"math"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

// TestLandingCheckCountsForbidden: landings from m_1 of paper-1d (b = 0.5)
// against q_{1,j} (docs/theory.md §10.1; q_{1,3} = 0). The allowed cells fit
// (G-test p = 0.53, ExampleGTest), yet two landings in basin 3 reject the
// limit law at this rung: forbidden landings never vanish from the check.
// The companion moves them to basin 2 and the rung passes.
func TestLandingCheckCountsForbidden(t *testing.T) {
	probs := []float64{3.847145, 0.233749, 0}
	withForbidden := landingCheck(LandingRung{Eta: 0.003, Lambda: 0.02, Counts: []int{1890, 108, 2}}, probs, true, 0.95)
	without := landingCheck(LandingRung{Eta: 0.003, Lambda: 0.02, Counts: []int{1890, 110, 0}}, probs, true, 0.95)
	t.Logf("2 forbidden: G p %.3f, fraction %.4f [%.5f, %.4f], rejected %v; none: G p %.3f, rejected %v",
		float64(withForbidden.GPValue), withForbidden.ForbiddenFrac, withForbidden.ForbiddenLow, withForbidden.ForbiddenHigh,
		withForbidden.LimitLawRejected, float64(without.GPValue), without.LimitLawRejected)
	if !withForbidden.LimitLawRejected || withForbidden.Forbidden != 2 || withForbidden.Exits != 2000 {
		t.Errorf("forbidden landings not counted: %+v", withForbidden)
	}
	if without.LimitLawRejected {
		t.Errorf("no forbidden landing and G p = %v: rejected", without.GPValue)
	}
}

// TestHypergeomUpper compares the tail with exact rational sums, e.g.
// Fisher's tea tasting (8 cups, 4 with milk first, 4 chosen): P(4 right) =
// 1/70, P(≥ 3) = 17/70.
func TestHypergeomUpper(t *testing.T) {
	exact := func(x, pop, m, k int) float64 {
		num := new(big.Int)
		for i := x; i <= min(m, k); i++ {
			if k-i > pop-m || i < 0 {
				continue
			}
			term := new(big.Int).Binomial(int64(m), int64(i))
			term.Mul(term, new(big.Int).Binomial(int64(pop-m), int64(k-i)))
			num.Add(num, term)
		}
		r := new(big.Rat).SetFrac(num, new(big.Int).Binomial(int64(pop), int64(k)))
		f, _ := r.Float64()
		return f
	}
	tests := []struct{ x, pop, m, k int }{
		{4, 8, 4, 4}, {3, 8, 4, 4}, {0, 8, 4, 4}, {5, 8, 4, 4},
		{7, 8000, 12, 4000}, {12, 8000, 12, 4000}, {2, 8000, 3, 4000},
		{60, 9000, 100, 4000}, {1, 100, 1, 1}, {0, 100, 0, 50},
	}
	for _, tc := range tests {
		got, want := hypergeomUpper(tc.x, tc.pop, tc.m, tc.k), exact(tc.x, tc.pop, tc.m, tc.k)
		if !near(got, want, 1e-10) && math.Abs(got-want) > 1e-15 {
			t.Errorf("P(X ≥ %d | pop %d, m %d, k %d) = %v, want %v", tc.x, tc.pop, tc.m, tc.k, got, want)
		}
	}
	if got := hypergeomUpper(4, 8, 4, 4); !near(got, 1.0/70, 1e-12) {
		t.Errorf("tea tasting: %v, want 1/70", got)
	}
}

// forbiddenRejections draws reps ladders of forbidden counts (6 rungs of n
// exits, fraction p0·(λ/λ_1)^beta on the α = 1.5, J = 2 grid) and counts the
// trend tests below 0.05 in each direction and the consecutive-rung excess
// tests below 0.05 (out of 5 pairs per ladder).
func forbiddenRejections(p0, beta float64, n, reps int, seed uint64) (falls, rises, excess int) {
	rng := rand.New(rand.NewPCG(seed, 0xf0b))
	lambda, _ := synthLadder{alpha: 1.5, jump: 2, rungs: 6}.lambdas()
	f, exits := make([]int, len(lambda)), make([]int, len(lambda))
	for i := range reps {
		for k, l := range lambda {
			p := p0 * math.Pow(l/lambda[0], beta)
			f[k], exits[k] = int(distuv.Binomial{N: float64(n), P: p, Src: rng}.Rand()), n
		}
		_, pf, pr := forbiddenTrendP(f, exits, lambda, 499, uint64(i))
		if pf < 0.05 {
			falls++
		}
		if pr < 0.05 {
			rises++
		}
		for k := 1; k < len(f); k++ {
			if excessP(f[k-1], exits[k-1], f[k], exits[k]) < 0.05 {
				excess++
			}
		}
	}
	return falls, rises, excess
}

// TestForbiddenTestsCalibrated: with a constant forbidden fraction (0.5% of
// 4000 exits per rung) each one-sided trend test and each excess test
// rejects at rate at most 0.05 (the conditional tests are exact or
// conservative: ForbiddenTrend); with a fraction falling like λ^1 (the order
// of a one-extra-jump path) the rise test and the excess tests stay within
// 0.05 (monotone null), while the fall test must fail that check (power).
// One-sided binomial checks at 0.001: 300 ladders, 1500 rung pairs.
func TestForbiddenTestsCalibrated(t *testing.T) {
	const reps = 300
	falls, rises, excess := forbiddenRejections(0.005, 0, 4000, reps, 1)
	t.Logf("constant 0.5%%: falls %d, rises %d of %d; excess %d of %d pairs", falls, rises, reps, excess, 5*reps)
	for _, c := range []struct {
		what  string
		n, of int
	}{{"falls", falls, reps}, {"rises", rises, reps}, {"excess", excess, 5 * reps}} {
		if err := checkAtMost(c.what, c.n, c.of, 0.05, 0.001); err != nil {
			t.Errorf("constant: %v", err)
		}
	}
	falls, rises, excess = forbiddenRejections(0.01, 1, 4000, reps, 2)
	t.Logf("falling like λ: falls %d, rises %d of %d; excess %d of %d pairs", falls, rises, reps, excess, 5*reps)
	if err := checkAtMost("rises", rises, reps, 0.05, 0.001); err != nil {
		t.Error(err)
	}
	if err := checkAtMost("excess", excess, 5*reps, 0.05, 0.001); err != nil {
		t.Error(err)
	}
	if checkAtMost("falls", falls, reps, 0.05, 0.001) == nil {
		t.Errorf("a fraction falling tenfold is not seen to fall (%d of %d)", falls, reps)
	}
}

// landingCase is a synthetic landing ladder with the prediction it is judged
// against.
type landingCase struct {
	name  string
	l     synthLanding
	probs []float64
}

var (
	landingGrid = synthLadder{alpha: 1.5, jump: 2, rungs: 6}
	twoCells    = []float64{0.9, 0.1, 0}
	threeCells  = []float64{0.6, 0.3, 0.1, 0, 0}
	// Right predictions: allowed probabilities biased by up to 5 points at
	// the top rung (docs/theory.md §11.2), decaying like λ; forbidden
	// landings from 2% to 0.2% (λ^1) or from 5% to 1.6% (λ^{1/2}).
	rightLandings = []landingCase{
		{"2 cells, forbidden ∝ λ", synthLanding{ladder: landingGrid, law: []float64{0.9, 0.1}, shift: []float64{-0.05, 0.05}, kappa: 1, banned: 1, forbid: 0.02, beta: 1, exits: 4000}, twoCells},
		{"2 cells, forbidden ∝ λ^½", synthLanding{ladder: landingGrid, law: []float64{0.9, 0.1}, shift: []float64{0.04, -0.04}, kappa: 0.7, banned: 1, forbid: 0.05, beta: 0.5, exits: 4000}, twoCells},
		{"3 cells, 2 forbidden", synthLanding{ladder: landingGrid, law: []float64{0.6, 0.3, 0.1}, shift: []float64{-0.05, 0.03, 0.02}, kappa: 1, banned: 2, forbid: 0.02, beta: 1, exits: 4000}, threeCells},
		{"3 cells, few forbidden", synthLanding{ladder: landingGrid, law: []float64{0.6, 0.3, 0.1}, shift: []float64{0.02, -0.03, 0.01}, kappa: 2, banned: 2, forbid: 0.002, beta: 1, exits: 2000}, threeCells},
	}
	// Wrong predictions: a forbidden basin that is in fact reachable (J off
	// by one: the fraction stays at 2%), forbidden landings that grow, a
	// basin predicted reachable (q = 0.05) that is in fact forbidden, and the
	// smallest cell's probability off by 20% (0.12 for 0.1).
	wrongLandings = []landingCase{
		{"J off by one", synthLanding{ladder: landingGrid, law: []float64{0.9, 0.1}, shift: []float64{-0.05, 0.05}, kappa: 1, banned: 1, forbid: 0.02, beta: 0, exits: 4000}, twoCells},
		{"forbidden rise", synthLanding{ladder: landingGrid, law: []float64{0.9, 0.1}, shift: []float64{-0.05, 0.05}, kappa: 1, banned: 1, forbid: 0.01, beta: -0.3, exits: 4000}, twoCells},
		{"predicted reachable", synthLanding{ladder: landingGrid, law: []float64{0.9, 0.1}, shift: []float64{-0.05, 0.05}, kappa: 1, banned: 1, forbid: 0.02, beta: 1, exits: 4000}, []float64{0.85, 0.1, 0.05}},
		{"q off by 20%", synthLanding{ladder: landingGrid, law: []float64{0.6, 0.3, 0.1}, shift: []float64{-0.05, 0.03, 0.02}, kappa: 1, banned: 2, forbid: 0.02, beta: 1, exits: 4000}, []float64{0.6, 0.3, 0.12, 0, 0}},
	}
)

// TestJudgeLandingCalibrated: with the right limit law, "inconsistent" has
// rate at most α = 0.05 (LandingVerdict's error rates), checked one-sided at
// 0.001 on 150 ladders per case (at most 17); each wrong prediction must
// fail the same check on 60 ladders (at most 9). The forbidden trend test
// uses 499 draws (p-values down to 0.002, below its α/8 = 0.00625).
func TestJudgeLandingCalibrated(t *testing.T) {
	for i, tc := range append(append([]landingCase{}, rightLandings...), wrongLandings...) {
		reps := 150
		if i >= len(rightLandings) {
			reps = 60
		}
		k := landingCounts(tc.l, tc.probs, reps, uint64(40+i), LadderOptions{NSim: 499})
		t.Logf("%-26s converges %3d, not yet %3d, inconsistent %3d of %d", tc.name, k[Converges], k[NotYetConverged], k[Inconsistent], reps)
		err := checkAtMost("inconsistent", k[Inconsistent], reps, 0.05, 0.001)
		right := i < len(rightLandings)
		switch {
		case right && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case !right && err == nil:
			t.Errorf("%s: the wrong prediction passes (%d inconsistent)", tc.name, k[Inconsistent])
		}
	}
}

// cpInBand is P(the Clopper–Pearson interval at level of Binomial(n, p)
// lies inside [p − tol, p + tol]), summed exactly over the counts.
func cpInBand(n int, p, level, tol float64) float64 {
	b := distuv.Binomial{N: float64(n), P: p}
	var s float64
	for x := 0; x <= n; x++ {
		if _, lo, hi := ProportionCI(x, n, level); lo >= p-tol && hi <= p+tol {
			s += b.Prob(float64(x))
		}
	}
	return s
}

// TestJudgeLandingConverges: the exact limit law at every rung (no bias,
// no forbidden landing, 4000 exits): "converges" needs the judged cell's
// last two Clopper–Pearson intervals in band (probability p², p = cpInBand)
// and is refused only by the inconsistent rule (≤ α) or the best-fit rule
// (≤ α), so its rate is at least p² − 2α, checked one-sided at 0.001 on
// 150 ladders. Companions: the J-off-by-one ladder (2% forbidden at every
// rung) never converges (the upper bound of 2% of 4000 exceeds 0.02 with
// probability 1 − 10^{−3} per rung, and the fall is never seen), and fails
// the same check.
func TestJudgeLandingConverges(t *testing.T) {
	const reps = 150
	exact := synthLanding{ladder: landingGrid, law: []float64{0.9, 0.1}, shift: []float64{0, 0}, kappa: 1, banned: 1, exits: 4000}
	p := cpInBand(4000, 0.9, 0.95, 0.02)
	floor := p*p - 2*0.05
	for _, tc := range []landingCase{{"exact law", exact, twoCells}, wrongLandings[0]} {
		k := landingCounts(tc.l, tc.probs, reps, 50, LadderOptions{NSim: 499})
		t.Logf("%-12s converges %3d, not yet %3d, inconsistent %3d of %d (p in band %.3f, floor %.3f)",
			tc.name, k[Converges], k[NotYetConverged], k[Inconsistent], reps, p, floor)
		err := checkAtLeast("converges", k[Converges], reps, floor, 0.001)
		if tc.name == "exact law" && err != nil {
			t.Error(err)
		}
		if tc.name != "exact law" && (err == nil || k[Converges] > 0) {
			t.Errorf("%s: converges %d times", tc.name, k[Converges])
		}
	}
}

func TestJudgeLandingErrors(t *testing.T) {
	rg := LandingRung{Eta: 0.01, Lambda: 0.02, Counts: []int{90, 10, 0}}
	tests := []struct {
		name   string
		rungs  []LandingRung
		probs  []float64
		opt    LadderOptions
		prefix string
	}{
		{"no rungs", nil, twoCells, LadderOptions{}, "rungs:"},
		{"no probs", []LandingRung{rg}, nil, LadderOptions{}, "probs:"},
		{"negative prob", []LandingRung{rg}, []float64{0.9, -0.1, 0}, LadderOptions{}, "probs[1]:"},
		{"all zero", []LandingRung{rg}, []float64{0, 0, 0}, LadderOptions{}, "probs:"},
		{"length", []LandingRung{rg, {Lambda: 0.01, Counts: []int{1, 2}}}, twoCells, LadderOptions{}, "rungs[1].counts:"},
		{"count", []LandingRung{{Lambda: 0.01, Counts: []int{1, -2, 0}}}, twoCells, LadderOptions{}, "rungs[0].counts[1]:"},
		{"empty rung", []LandingRung{{Lambda: 0.01, Counts: []int{0, 0, 0}}}, twoCells, LadderOptions{}, "rungs[0].counts:"},
		{"lambda", []LandingRung{{Lambda: math.Inf(1), Counts: []int{1, 0, 0}}}, twoCells, LadderOptions{}, "rungs[0].lambda:"},
		{"eta", []LandingRung{{Eta: math.NaN(), Lambda: 0.1, Counts: []int{1, 0, 0}}}, twoCells, LadderOptions{}, "rungs[0].eta:"},
		{"nsim", []LandingRung{rg}, twoCells, LadderOptions{NSim: -1}, "nsim:"},
	}
	for _, tc := range tests {
		_, err := JudgeLanding(tc.rungs, tc.probs, tc.opt)
		if err == nil || !strings.HasPrefix(err.Error(), tc.prefix) {
			t.Errorf("%s: error %v, want prefix %q", tc.name, err, tc.prefix)
		}
	}
}

// TestLandingVerdictJSON: landing verdicts encode as JSON from one rung up.
func TestLandingVerdictJSON(t *testing.T) {
	all := rightLandings[2].l.simulate(rand.New(rand.NewPCG(3, 4)))
	for n := 1; n <= len(all); n++ {
		v, err := JudgeLanding(all[:n], threeCells, LadderOptions{NSim: 99})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := json.Marshal(v); err != nil {
			t.Errorf("%d rungs: %v", n, err)
		}
	}
}
