package estimators

import (
	"math/rand/v2"
	"testing"
)

// trendRejections counts, over reps synthetic ladders, the one-sided trend
// tests below 0.05: up (R rises as λ falls) and down.
func trendRejections(l synthLadder, reps int, seed uint64) (up, down int) {
	rng := rand.New(rand.NewPCG(seed, 0x7e4d))
	for range reps {
		s, _, err := ratioSeries(l.simulate(rng), 0)
		if err != nil {
			panic(err)
		}
		tt := trendTest(s, 0)
		if tt.PUp < 0.05 {
			up++
		}
		if tt.PDown < 0.05 {
			down++
		}
	}
	return up, down
}

// TestTrendTestCalibrated: under a flat R each one-sided test rejects at
// rate 0.05 (two-sided binomial check at α = 0.001 on 400 ladders, 6 rungs,
// 2000 exits); under an R that rises monotonically towards 1 as λ falls
// (R = 1 − 0.2(λ/λ_1)^1, κ outside no range: the test assumes none) the
// test against the direction of the trend ("down") rejects at most at 0.05
// (TrendTest: Chebyshev's sum inequality), and the test in its direction
// has power (companion: the flat-case check fails for it).
func TestTrendTestCalibrated(t *testing.T) {
	const reps = 400
	flat := synthLadder{alpha: 1.5, jump: 2, flat: 0.8, rungs: 6, exits: 2000}
	up, down := trendRejections(flat, reps, 1)
	t.Logf("flat: up %d, down %d of %d (nominal 20)", up, down, reps)
	for _, n := range []int{up, down} {
		if err := checkTwoSided("flat rejections", n, reps, 0.05, 0.001); err != nil {
			t.Error(err)
		}
	}
	rising := synthLadder{alpha: 1.5, jump: 2, bias: 0.2, kappa: 1, limit: 1, rungs: 6, exits: 2000}
	up, down = trendRejections(rising, reps, 2)
	t.Logf("rising towards 1: up %d, down %d of %d", up, down, reps)
	if err := checkAtMost("rejections against the trend", down, reps, 0.05, 0.001); err != nil {
		t.Error(err)
	}
	if checkTwoSided("rejections with the trend", up, reps, 0.05, 0.001) == nil {
		t.Errorf("the rising trend passes the flat-case check (%d rejections): no power", up)
	}
}
