package estimators

import (
	"flag"
	"fmt"
	"testing"
)

// calibrate runs the long calibration of the ladder verdicts, printing a
// table of verdict rates with Clopper–Pearson 95% intervals (minutes, not
// for CI): go test ./estimators -run Calibration -ladder.calibrate -v
var calibrate = flag.Bool("ladder.calibrate", false, "run the long calibration of the ladder verdicts")

// rateCI formats k of n with its Clopper–Pearson 95% interval.
func rateCI(k, n int) string {
	p, lo, hi := ProportionCI(k, n, 0.95)
	return fmt.Sprintf("%.4f [%.4f, %.4f]", p, lo, hi)
}

func TestLadderCalibration(t *testing.T) {
	if !*calibrate {
		t.Skip("long calibration: run with -ladder.calibrate")
	}
	const n = 2000
	for i, alpha := range []float64{1.2, 1.5, 2.5} {
		for j, limit := range []float64{1, 0.8, 1.25} {
			k, byLimit, byTrend := ladderVerdicts(t, n, limit, []float64{alpha}, uint64(1000+10*i+j))
			t.Logf("ratio α %.1f limit %.2f (N %d): inconsistent %s (limit %d, trend %d); converges %s; not yet %s",
				alpha, limit, n, rateCI(k[Inconsistent], n), byLimit, byTrend, rateCI(k[Converges], n), rateCI(k[NotYetConverged], n))
		}
	}
	d, _ := ExitsForLogHalfWidth(0.025, 0.95)
	for _, c := range []struct {
		name string
		l    synthLadder
	}{
		{"R ≡ 1", synthLadder{alpha: 1.5, jump: 2, flat: 1, rungs: 6, exits: d}},
		{"R ≡ 0.94", synthLadder{alpha: 1.5, jump: 2, flat: 0.94, rungs: 6, exits: d}},
		{"R ≡ 0.6", synthLadder{alpha: 1.5, jump: 2, flat: 0.6, rungs: 6, exits: 6000}},
		{"slow decay α 1.2 a .45 κ .5", synthLadder{alpha: 1.2, jump: 2, bias: 0.45, kappa: 0.5, limit: 1, rungs: 6, exits: 6000}},
		{"κ 0.35 < κmin, α 1.5", synthLadder{alpha: 1.5, jump: 1, bias: 0.6, kappa: 0.35, limit: 1, rungs: 6, exits: 6000}},
		{"κ 0.25 < κmin, α 2.5", synthLadder{alpha: 2.5, jump: 1, bias: 0.6, kappa: 0.25, limit: 1, rungs: 6, exits: 6000}},
	} {
		k := verdictCounts(c.l, n, 77, LadderOptions{})
		t.Logf("ratio %-28s (N %d): converges %s; inconsistent %s", c.name, n, rateCI(k[Converges], n), rateCI(k[Inconsistent], n))
	}
	const nl = 500
	for i, c := range append(append([]landingCase{}, rightLandings...), wrongLandings...) {
		k := landingCounts(c.l, c.probs, nl, uint64(2000+i), LadderOptions{NSim: 999})
		t.Logf("landing %-26s (N %d): inconsistent %s; converges %s", c.name, nl, rateCI(k[Inconsistent], nl), rateCI(k[Converges], nl))
	}
}
