package estimators

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

// randomLadder draws a realistic synthetic ladder (synthLadder): α from
// {1.2, 1.5, 2.5}, J from {1, 2, 3}, top-rung bias a uniform on [0.1, 0.6],
// κ log-uniform on [0.5, 2], the "above 1" pattern half of the time, 6
// rungs of 6000 exits, or, one time in four, 2000 samples censored at 2θ.
func randomLadder(rng *rand.Rand, limit float64, alphas []float64) synthLadder {
	l := synthLadder{
		alpha: alphas[rng.IntN(len(alphas))],
		jump:  1 + rng.IntN(3),
		bias:  0.1 + 0.5*rng.Float64(),
		kappa: 0.5 * math.Pow(4, rng.Float64()),
		above: rng.IntN(2) == 0,
		limit: limit,
		rungs: 6,
		exits: 6000,
	}
	if rng.IntN(4) == 0 {
		l.exits, l.censorAt = 2000, 2
	}
	return l
}

// ladderVerdicts runs reps random ladders with the given true limit and
// counts verdicts by kind and inconsistent verdicts by rule.
func ladderVerdicts(t *testing.T, reps int, limit float64, alphas []float64, seed uint64) (kinds [4]int, byLimit, byTrend int) {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 0xca1))
	for range reps {
		v, err := JudgeRatio(randomLadder(rng, limit, alphas).simulate(rng), LadderOptions{})
		if err != nil {
			t.Fatal(err)
		}
		kinds[v.Kind]++
		if v.Kind == Inconsistent {
			if v.LimitTest.Excluded {
				byLimit++
			} else {
				byTrend++
			}
		}
	}
	return kinds, byLimit, byTrend
}

const verdictReps = 400

// TestJudgeRatioCalibrated: over random realistic ladders (randomLadder)
// with a right prediction, "inconsistent" has rate at most α = 0.05
// (ErrorRates.Inconsistent), tested one-sided at 0.001 on 400 ladders (at
// most 33). With the prediction wrong by 20% (true limit 0.8 or 1.25) the
// same check must fail: that is the power. (Per α it is lower at α = 1.2,
// where λ spans only a factor 3 to 5 and the limit is much less determined:
// docs/theory.md §11.1; TestLadderCalibration measures it.)
func TestJudgeRatioCalibrated(t *testing.T) {
	for _, alphas := range [][]float64{{1.2, 1.5, 2.5}} {
		for j, limit := range []float64{1, 0.8, 1.25} {
			k, byLimit, byTrend := ladderVerdicts(t, verdictReps, limit, alphas, uint64(j+1))
			t.Logf("α ∈ %v, limit %.2f: converges %3d, not yet %3d, inconsistent %3d (limit test %d, trend away %d) of %d",
				alphas, limit, k[Converges], k[NotYetConverged], k[Inconsistent], byLimit, byTrend, verdictReps)
			err := checkAtMost("inconsistent", k[Inconsistent], verdictReps, 0.05, 0.001)
			switch {
			case limit == 1 && err != nil:
				t.Errorf("right prediction: %v", err)
			case limit != 1 && err == nil:
				t.Errorf("limit %v: the prediction wrong by 20%% passes (%d inconsistent)", limit, k[Inconsistent])
			}
		}
	}
}

// inBandProbability is P(the exact χ² CI at level of an exponential mean of
// d complete exits lies inside [1 − tol, 1 + tol]) when the true R is 1:
// with 2T ~ χ²_{2d}, the CI [2T/χ²_{2d}(1−a/2), 2T/χ²_{2d}(a/2)] is inside
// iff (1 − tol)·χ²_{2d}(1−a/2) ≤ 2T ≤ (1 + tol)·χ²_{2d}(a/2).
func inBandProbability(d int, level, tol float64) float64 {
	a := 1 - level
	q := distuv.ChiSquared{K: 2 * float64(d)}
	return q.CDF((1+tol)*q.Quantile(a/2)) - q.CDF((1-tol)*q.Quantile(1-a/2))
}

// TestJudgeRatioConvergesOnExactOne: R = 1 exactly at every rung (the
// closed-form answer), 6 rungs of d exits with d the ExitsForLogHalfWidth
// of half the tolerance. "Converges" needs (among others) the last two rungs
// in band, probability p² with p = inBandProbability, and is refused only by
// the inconsistent rule (≤ α) or the best-fit rule (its interval at 95%
// misses the band ±5% only if it misses 1: ≤ α); so its rate is at least
// p² − 2α, checked one-sided at 0.001 on 300 ladders. The companion ladder
// at R = 0.94, just outside the band, must fail the same check: there
// P(converges) ≤ α/2.
func TestJudgeRatioConvergesOnExactOne(t *testing.T) {
	d, err := ExitsForLogHalfWidth(0.025, 0.95)
	if err != nil {
		t.Fatal(err)
	}
	p := inBandProbability(d, 0.95, 0.05)
	floor := p*p - 2*0.05
	for _, r := range []float64{1, 0.94} {
		l := synthLadder{alpha: 1.5, jump: 2, flat: r, rungs: 6, exits: d}
		const reps = 300
		k := verdictCounts(l, reps, 21, LadderOptions{})
		t.Logf("R ≡ %v, %d exits: converges %d, not yet %d, inconsistent %d of %d (p in band %.3f, floor %.3f)",
			r, d, k[Converges], k[NotYetConverged], k[Inconsistent], reps, p, floor)
		err := checkAtLeast("converges", k[Converges], reps, floor, 0.001)
		switch {
		case r == 1 && err != nil:
			t.Error(err)
		case r != 1 && err == nil:
			t.Errorf("R = %v outside the band passes the convergence check (%d)", r, k[Converges])
		}
		if r != 1 {
			if err := checkAtMost("converges outside the band", k[Converges], reps, 0.025, 0.001); err != nil {
				t.Error(err)
			}
		}
	}
}

// TestJudgeRatioNeverConverges: ladders whose R stays far from 1 at every
// rung must never be called converged: R stuck at 0.6 or 0.9 (flat trend),
// and biases decaying too slowly to reach the band within the ladder
// (α = 1.2: λ spans only a factor 3 to 5, so a bias of 45% ∝ λ^{1/2} ends
// near 20%; from above, 1 + 0.5·λ^{1/2}). For |R − 1| ≥ 0.1 at the last
// rung and ≥ 2000 exits the CI lies inside [0.95, 1.05] with probability
// below Φ(−(0.05 − 0.025)·√2000) ≈ 10^{−29}, so the count must be 0. The
// companion runs the same check on R ≡ 1, which it must fail.
func TestJudgeRatioNeverConverges(t *testing.T) {
	tests := []struct {
		name string
		l    synthLadder
	}{
		{"flat 0.6", synthLadder{alpha: 1.5, jump: 2, flat: 0.6, rungs: 6, exits: 6000}},
		{"flat 0.9", synthLadder{alpha: 2.5, jump: 1, flat: 0.9, rungs: 8, exits: 6000}},
		{"slow decay from below", synthLadder{alpha: 1.2, jump: 2, bias: 0.45, kappa: 0.5, limit: 1, rungs: 6, exits: 6000}},
		{"slow decay from above", synthLadder{alpha: 1.2, jump: 3, bias: 0.5, kappa: 0.5, above: true, limit: 1, rungs: 6, exits: 2000}},
		{"slow decay, censored", synthLadder{alpha: 1.2, jump: 1, bias: 0.6, kappa: 0.5, limit: 1, rungs: 6, exits: 3000, censorAt: 1}},
		{"companion: R ≡ 1", synthLadder{alpha: 1.5, jump: 2, flat: 1, rungs: 6, exits: 6000}},
	}
	for i, tc := range tests {
		k := verdictCounts(tc.l, 100, uint64(30+i), LadderOptions{})
		t.Logf("%-24s converges %3d, not yet %3d, inconsistent %3d of 100", tc.name, k[Converges], k[NotYetConverged], k[Inconsistent])
		companion := tc.l.flat == 1
		if !companion && k[Converges] > 0 {
			t.Errorf("%s: %d ladders called converged", tc.name, k[Converges])
		}
		if companion && k[Converges] == 0 {
			t.Errorf("%s: never converges, so the check cannot fail", tc.name)
		}
	}
}

// TestJudgeRatioExtrapolation: on noise-free rungs (SE of log R 10^{−4})
// from R = 1 − 0.8·(λ/λ_1)^1 (α = 1.5, J = 2, λ over a factor 10: the last
// rung still 8% low) the verdict is NotYetConverged, and the trend reaches
// the target bias Tol/2 = 0.025 at λ* = λ_1·(0.025/0.8)^{1/1} = λ_1/32, i.e.
// η* = (λ*/c^α)^{1/(α−1)}, where a rung of d exits (d for a CI of
// log-half-width log(1.05/1.025)) costs d/(q η* λ*^J) steps (q = 2 here).
// The companion feeds a prediction off by 1% (R scaled by 0.99): the limit
// 1 is then excluded, as it must be with SEs of 0.01%.
func TestJudgeRatioExtrapolation(t *testing.T) {
	l := synthLadder{alpha: 1.5, jump: 2, bias: 0.8, kappa: 1, limit: 1, rungs: 6}
	rungs := exactRungs(t, l, 1e-4)
	lam := paretoLambda(paretoC, l.alpha)
	meanExit := func(eta float64) float64 { return 1 / (2 * eta * math.Pow(lam(eta), float64(l.jump))) }
	v, err := JudgeRatio(rungs, LadderOptions{Lambda: lam, MeanExit: meanExit})
	if err != nil {
		t.Fatal(err)
	}
	if v.Kind != NotYetConverged || v.Need == nil {
		t.Fatalf("verdict %v (%s), want not yet converged with an extrapolation", v.Kind, v.Reason)
	}
	e := v.Need
	l1 := l.lambdaOf(0.1)
	wantLambda := l1 / 32
	wantEta := math.Pow(wantLambda/math.Pow(paretoC, l.alpha), 1/(l.alpha-1))
	wantExits, _ := ExitsForLogHalfWidth(math.Log(1.05/1.025), 0.95)
	wantSteps := float64(wantExits) * meanExit(wantEta)
	t.Logf("%s\n  λ* %.4g [%.4g, %.4g] (want %.4g), η* %.4g (want %.4g), exits %d, steps %.4g [%.4g, %.4g]",
		v.Reason, float64(e.Lambda), float64(e.LambdaLow), float64(e.LambdaHigh), wantLambda, float64(e.Eta), wantEta, e.Exits,
		float64(e.Steps), float64(e.StepsLow), float64(e.StepsHigh))
	if !near(float64(e.Lambda), wantLambda, 1e-3) || !near(float64(e.Eta), wantEta, 2e-3) || e.Exits != wantExits ||
		!near(float64(e.Steps), wantSteps, 5e-3) {
		t.Errorf("λ* %v η* %v exits %d steps %v; want %v %v %d %v", e.Lambda, e.Eta, e.Exits, e.Steps, wantLambda, wantEta, wantExits, wantSteps)
	}
	if !(float64(e.LambdaLow) <= wantLambda && wantLambda <= float64(e.LambdaHigh)) {
		t.Errorf("range [%v, %v] misses λ*", e.LambdaLow, e.LambdaHigh)
	}
	for k := range rungs {
		rungs[k].R *= 0.99
	}
	if w, _ := JudgeRatio(rungs, LadderOptions{}); w.Kind != Inconsistent {
		t.Errorf("prediction off by 1%% with SE 0.01%%: %v (%s)", w.Kind, w.Reason)
	}
}

// TestJudgeRatioRepositoryLadders: the paper-1d ladders of results/fits.json
// (α = 1.2, λ from 0.040 down to 0.010 or 0.006): FitRatio's profile
// interval excludes 1 at b = 0.5 (issue 13: R0 = 0.819 [0.802, 0.835]) on
// a model the χ² rejects; the model-robust interval does not, and the
// verdict is "consistent, not yet converged". The companion scales the
// b = ∞ ladder by 0.8 (a prediction 25% too high), which must be
// inconsistent. The same error on the b = 0.5 ladder is logged, not
// asserted: with λ over a factor 4 and a non-monotone top, a bias decaying
// like λ^{1/8} (the range extended to where the best fit sits) reaches 1
// from anywhere, and the ladder cannot tell.
func TestJudgeRatioRepositoryLadders(t *testing.T) {
	type point struct{ eta, lambda, r, w float64 } // w = 1/SE(R)²
	ladders := []struct {
		name string
		pts  []point
	}{
		{"b = ∞, J = 1", []point{{0.1, 0.0398, 0.9384, 4542}, {0.03, 0.0313, 0.9567, 4370}, {0.01, 0.0251, 0.9563, 4374},
			{0.003, 0.0197, 0.9862, 4113}, {0.001, 0.0158, 0.9847, 4125}, {3e-4, 0.0125, 0.9856, 4118},
			{1e-4, 0.0100, 0.9514, 2210}, {3e-5, 0.0079, 0.9647, 859.7}, {1e-5, 0.0063, 0.9272, 348.9}}},
		{"b = 0.5, J = 2", []point{{0.1, 0.0398, 0.9195, 4732}, {0.03, 0.0313, 0.8103, 6091}, {0.01, 0.0251, 0.8240, 5891},
			{0.003, 0.0197, 0.8348, 5740}, {0.001, 0.0158, 0.8645, 2676}, {3e-4, 0.0125, 0.8062, 769.3}, {1e-4, 0.0100, 0.9867, 123.3}}},
	}
	for _, ld := range ladders {
		for _, scale := range []float64{1, 0.8} {
			var rungs []RatioRung
			var lam, r, w []float64
			for _, p := range ld.pts {
				d := int(math.Round(p.w * p.r * p.r)) // SE(R) = R/√d
				m, err := ExpMeanFromTotals(scale*p.r*float64(d), d, 0, 0.95)
				if err != nil {
					t.Fatal(err)
				}
				rg, err := NewRatioRung(p.eta, p.lambda, m, 1)
				if err != nil {
					t.Fatal(err)
				}
				rungs = append(rungs, rg)
				lam, r, w = append(lam, p.lambda), append(r, rg.R), append(w, float64(d)/(rg.R*rg.R))
			}
			v, err := JudgeRatio(rungs, LadderOptions{})
			if err != nil {
				t.Fatal(err)
			}
			f, err := FitRatio(lam, r, w, RatioFitOptions{Level: 0.95, KnownVariance: true})
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%s ×%v: %v; robust limit [%.3f, %.3f]; FitRatio R0 %.3f [%.3f, %.3f] (χ² p %.2g, κ %.2f)",
				ld.name, scale, v.Kind, float64(v.LimitTest.Low), float64(v.LimitTest.High), f.R0, f.R0Low, f.R0High, f.GoodnessP, f.Kappa)
			want := NotYetConverged
			if scale != 1 {
				want = Inconsistent
			}
			if scale != 1 && strings.HasPrefix(ld.name, "b = 0.5") {
				continue // logged above: see the comment
			}
			if v.Kind != want {
				t.Errorf("%s ×%v: verdict %v (%s), want %v", ld.name, scale, v.Kind, v.Reason, want)
			}
		}
	}
}

// TestVerdictJSON: verdicts encode as JSON whatever the data leave
// undetermined (NaN, ±Inf), from one rung up, and the kind reads back.
func TestVerdictJSON(t *testing.T) {
	l := synthLadder{alpha: 1.5, jump: 2, bias: 0.3, kappa: 1, limit: 1, rungs: 6, exits: 1000}
	all := l.simulate(rand.New(rand.NewPCG(1, 2)))
	for n := 1; n <= len(all); n++ {
		v, err := JudgeRatio(all[:n], LadderOptions{Lambda: paretoLambda(paretoC, 1.5), MeanExit: func(float64) float64 { return 1e6 }})
		if err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("%d rungs: %v", n, err)
		}
		var back struct{ Kind VerdictKind }
		if err := json.Unmarshal(b, &back); err != nil || back.Kind != v.Kind {
			t.Errorf("%d rungs: kind %v read back as %v (%v)", n, v.Kind, back.Kind, err)
		}
		if n == 1 && !strings.Contains(string(b), `"Low":null`) {
			t.Errorf("one rung: unbounded limit interval not null in %s", b)
		}
	}
	b, err := json.Marshal(NotApplicableVerdict("r/b = 2 is an integer"))
	if err != nil || !strings.Contains(string(b), `"not_applicable"`) {
		t.Errorf("not applicable: %s, %v", b, err)
	}
}
