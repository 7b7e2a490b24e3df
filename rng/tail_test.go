package rng

import (
	"math"
	"testing"
)

// tailN is the number of draws of the tail checks: 10^7 (≈ 0.05 s), and
// 4·10^6 under the race detector (≈ 0.4 s there).
var tailN = map[bool]int{false: 10_000_000, true: 4_000_000}[raceEnabled]

// TestTails checks the far tails, which the ziggurats reach only through
// their tail fallbacks (r = 7.70 for the exponential, 3.65 for the normal):
// the count of draws beyond the threshold must be inside the two-sided
// α = 0.001 band of Binomial(n, p) (exact CDF), and outside it for a
// deliberately wrong p. Expected counts for n = 10^7 (for 4·10^6, ×0.4):
//
//   - P(E > 10) = e^{−10} = 4.540e−5: 454 (sd 21); wrong: Exp(1.05),
//     e^{−10.5} = 2.754e−5: 275;
//   - P(|N| > 4) = erfc(4/√2) = 6.334e−5: 633 (sd 25); wrong: N(0, 0.97²),
//     erfc(4/(0.97√2)) = 3.73e−5: 373.
func TestTails(t *testing.T) {
	tests := []struct {
		name          string
		beyond        func(*Rand) bool
		p, wrongP     float64
		seed1, seed2  uint64
		predict, what string
	}{
		{"ExpFloat64 > 10", func(r *Rand) bool { return r.ExpFloat64() > 10 },
			math.Exp(-10), math.Exp(-10.5), 7, 1, "e^-10", "Exp(1.05)"},
		{"|NormFloat64| > 4", func(r *Rand) bool { return math.Abs(r.NormFloat64()) > 4 },
			math.Erfc(4 / math.Sqrt2), math.Erfc(4 / (0.97 * math.Sqrt2)), 8, 1, "erfc(4/√2)", "N(0,0.97²)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := New(tt.seed1, tt.seed2)
			c := 0
			for i := 0; i < tailN; i++ {
				if tt.beyond(r) {
					c++
				}
			}
			p := binomialP(c, tailN, tt.p)
			t.Logf("n = %d: %d beyond, expected %.1f = n·%s, p = %.3f", tailN, c, float64(tailN)*tt.p, tt.predict, p)
			if p < alpha {
				t.Errorf("count %d outside the α = %g band of Binomial(%d, %.4g)", c, alpha, tailN, tt.p)
			}
			pw := binomialP(c, tailN, tt.wrongP)
			t.Logf("against %s: expected %.1f, p = %.2g", tt.what, float64(tailN)*tt.wrongP, pw)
			if pw >= alpha {
				t.Errorf("count %d not rejected under the wrong law %s (p = %.2g)", c, tt.what, pw)
			}
		})
	}
}
