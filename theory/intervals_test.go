package theory

import (
	"context"
	"errors"
	"math"
	"runtime"
	"strings"
	"testing"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/param"
	"gonum.org/v1/gonum/stat/distuv"
)

// wellsFixture is a 2-D test landscape with explicit basins: point minima
// m_i, a basin map given by a function, and f = ½‖x − m_i‖² on Ω_i (so the
// flow contracts towards m_i inside Ω_i; f jumps across basin boundaries,
// which no flow of the rate computation crosses). r_i is given exactly.
type wellsFixture struct {
	minima [][]float64
	radius []float64
	locate func(x []float64) int
}

func (w wellsFixture) Dim() int { return 2 }

func (w wellsFixture) Value(x []float64) float64 {
	i := w.locate(x)
	if i < 0 {
		return 0
	}
	dx, dy := x[0]-w.minima[i][0], x[1]-w.minima[i][1]
	return (dx*dx + dy*dy) / 2
}

func (w wellsFixture) Gradient(dst, x []float64) []float64 {
	i := w.locate(x)
	if i < 0 {
		dst[0], dst[1] = 0, 0
		return dst
	}
	dst[0], dst[1] = x[0]-w.minima[i][0], x[1]-w.minima[i][1]
	return dst
}

func (w wellsFixture) MinimumSets() []landscapes.MinimumSet {
	out := make([]landscapes.MinimumSet, len(w.minima))
	for i, m := range w.minima {
		out[i] = landscapes.PointSet(m)
	}
	return out
}

func (w wellsFixture) Locate(x []float64) int { return w.locate(x) }
func (w wellsFixture) Core(i int) float64     { return w.radius[i] }
func (w wellsFixture) Radius(i int) float64   { return w.radius[i] }

// cAlpha is the ν_α × uniform mass of the jumps from a point at distance d
// from a half-plane that land in it, divided by d^{−α}: a ray at angle θ to
// the normal meets the line at s = d/cos θ, and ν_α[s, ∞) = s^{−α}, so
//
//	(1/2π) ∫_{−π/2}^{π/2} (cos θ/d)^α dθ = d^{−α} Γ((α+1)/2) / (2√π Γ(α/2 + 1)).
func cAlpha(alpha float64) float64 {
	return math.Gamma((alpha+1)/2) / (2 * math.Sqrt(math.Pi) * math.Gamma(alpha/2+1))
}

// Fixture A: three strips of the plane, Ω_0 = {x_1 < 0}, Ω_1 = {0 ≤ x_1 <
// L}, Ω_2 = {x_1 ≥ L}, minima m_0 = (−d_0, 0), m_1 = (a, 0), m_2 =
// (L + d_2, 0), isotropic Pareto noise and no truncation (b = ∞: J_i = 1
// for all, every minimum wide). A ray from m_0 crosses Ω_1 for s between
// d_0/cos θ and (d_0 + L)/cos θ and stays in Ω_2 beyond, so with
// c = cAlpha(α):
//
//	q_{0,1} = c(d_0^{−α} − (d_0+L)^{−α}),  q_{0,2} = c(d_0+L)^{−α},
//	q_{1,0} = c a^{−α},                    q_{1,2} = c(L−a)^{−α},
//	q_{2,1} = c(d_2^{−α} − (d_2+L)^{−α}),  q_{2,0} = c(d_2+L)^{−α},
//
// and π is the stationary law of this generator (Stationary). With d_0 = 1,
// L = 1.5, a = 0.5, d_2 = 2 and α = 1.5, π = (0.36213, 0.09893, 0.53894)
// (checked by hand: π_1·q_1 = π_0 q_{0,1} + π_2 q_{2,1}, q_1 = 3.828c).
const (
	stripD0, stripL, stripA, stripD2 = 1.0, 1.5, 0.5, 2.0
	stripAlpha                       = 1.5
)

func stripsModel(t testing.TB) Model {
	w := wellsFixture{
		minima: [][]float64{{-stripD0, 0}, {stripA, 0}, {stripL + stripD2, 0}},
		radius: []float64{stripD0, math.Min(stripA, stripL-stripA), stripD2},
		locate: func(x []float64) int {
			switch {
			case x[0] < 0:
				return 0
			case x[0] < stripL:
				return 1
			}
			return 2
		},
	}
	return Model{Landscape: w, Basins: w, Noise: radialPareto(t, 2, stripAlpha, nil), B: math.Inf(1)}
}

// stripsExact returns the exact rates and π of fixture A.
func stripsExact() (q [][]float64, pi []float64) {
	c, p := cAlpha(stripAlpha), func(x float64) float64 { return math.Pow(x, -stripAlpha) }
	q = [][]float64{
		{0, c * (p(stripD0) - p(stripD0+stripL)), c * p(stripD0+stripL)},
		{c * p(stripA), 0, c * p(stripL-stripA)},
		{c * p(stripD2+stripL), c * (p(stripD2) - p(stripD2+stripL)), 0},
	}
	Q := make([][]float64, 3)
	for i := range Q {
		Q[i] = make([]float64, 3)
		for j := range Q[i] {
			if j != i {
				Q[i][j] = q[i][j]
				Q[i][i] -= q[i][j]
			}
		}
	}
	pi, err := Stationary(Q)
	if err != nil {
		panic(err)
	}
	return q, pi
}

// Fixture B: the unit disc Ω_0 around m_0 = 0, its outside split into
// Ω_1 = {x_1 ≥ 0} and Ω_2 = {x_1 < 0}, minima m_1 = (1.4, 0) and
// m_2 = (−1.5, 0), b = 0.8, α = 1.5: J_0 = ⌈1/0.8⌉ = 2 (wide) and
// J_1 = J_2 = 1 (r = 0.4, 0.5 < b: narrow). The exit law of m_0 is
// rotation invariant, so q_{0,1} = q_{0,2} = C*_0/2 with C*_0 =
// semiClosedJ2(1, 1, 0.8, 1.5). From m_k (k = 1, 2, at distance D = 1.4,
// 1.5 from 0) a jump at angle φ to the direction of 0 enters the disc at
// s_a(φ) = D cos φ − √(1 − D² sin² φ) (when D |sin φ| < 1) and leaves it
// at s_b ≥ s_a + 2√(1 − D² sin²φ) > b whenever s_a < b (a chord shorter
// than 0.4 needs s_a near √(D² − 1) > 0.97), so with truncation at b
//
//	q_{k,0} = (1/2π) ∫ s_a(φ)^{−α} 1{s_a(φ) < b} dφ,
//
// and Ω_2 is out of reach from m_1 (and Ω_1 from m_2): q_{1,2} = q_{2,1} = 0.
// The narrow fractions (docs/theory.md §8.4, N = I, π_0 = 1) are then
//
//	frac_k = λ · q_{0,k}/q_k = λ C*_0 / (2 q_{k,0}).
const discB, discAlpha = 0.8, 1.5

var discD = [3]float64{0, 1.4, 1.5}

func discModel(t testing.TB) Model {
	w := wellsFixture{
		minima: [][]float64{{0, 0}, {discD[1], 0}, {-discD[2], 0}},
		radius: []float64{1, discD[1] - 1, discD[2] - 1},
		locate: func(x []float64) int {
			switch {
			case x[0]*x[0]+x[1]*x[1] < 1:
				return 0
			case x[0] >= 0:
				return 1
			}
			return 2
		},
	}
	return Model{Landscape: w, Basins: w, Noise: radialPareto(t, 2, discAlpha, nil), B: discB}
}

// discReturnRate is q_{k,0} of fixture B for a minimum at distance D from
// the disc's centre, by the midpoint rule on 2·10⁵ angles (the integrand
// jumps where s_a = b: error ≈ 10⁻⁵ relative).
func discReturnRate(D float64) float64 {
	const m = 200000
	sum := 0.0
	for k := range m {
		phi := math.Pi * (float64(k) + 0.5) / m // φ ∈ (0, π), doubled by symmetry
		s := D * math.Sin(phi)
		if s >= 1 {
			continue
		}
		if sa := D*math.Cos(phi) - math.Sqrt(1-s*s); sa > 0 && sa < discB {
			sum += math.Pow(sa, -discAlpha)
		}
	}
	return 2 * sum * (math.Pi / m) / (2 * math.Pi)
}

// discExactFractions returns the exact narrow fractions of fixture B at λ.
func discExactFractions(lambda float64) []float64 {
	cs := semiClosedJ2(1, 1, discB, discAlpha)
	return []float64{0, lambda * cs / 2 / discReturnRate(discD[1]), lambda * cs / 2 / discReturnRate(discD[2])}
}

func TestMonteCarloFixtures(t *testing.T) {
	// The fixtures' rates against one large analysis each (z-tests,
	// |z| < 3.29: false-alarm rate 0.001 two-sided per rate), which also
	// pins their structure: all wide for A; wide {0}, narrow {1, 2} for B.
	q, pi := stripsExact()
	if math.Abs(pi[0]-0.36213) > 1e-5 || math.Abs(pi[1]-0.09893) > 1e-5 || math.Abs(pi[2]-0.53894) > 1e-5 {
		t.Errorf("strips π = %v, want (0.36213, 0.09893, 0.53894)", pi)
	}
	a, err := Analyse(context.Background(), stripsModel(t), Options{Samples: 4000, Directions: 60, Seed: 9})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Classes) != 1 || len(a.Wide) != 3 {
		t.Fatalf("strips: classes %+v", a.Classes)
	}
	for i := range 3 {
		for j := range 3 {
			if i != j {
				if z := (a.Rates[i][j] - q[i][j]) / a.RatesErr[i][j]; math.Abs(z) > zCrit {
					t.Errorf("strips q_{%d,%d} = %.5f ± %.5f, exact %.5f (z = %.2f)", i, j, a.Rates[i][j], a.RatesErr[i][j], q[i][j], z)
				}
			}
		}
	}
	b, err := Analyse(context.Background(), discModel(t), Options{Samples: 4000, Directions: 60, Seed: 9})
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Classes) != 1 || !equalInts(b.Classes[0].Wide, []int{0}) || !equalInts(b.Classes[0].Narrow, []int{1, 2}) {
		t.Fatalf("disc: classes %+v, J = %v", b.Classes, b.JumpNumber)
	}
	cs := semiClosedJ2(1, 1, discB, discAlpha)
	want := [][]float64{{0, cs / 2, cs / 2}, {discReturnRate(discD[1]), 0, 0}, {discReturnRate(discD[2]), 0, 0}}
	for i := range 3 {
		for j := range 3 {
			if i == j || want[i][j] == 0 {
				if b.Rates[i][j] != 0 {
					t.Errorf("disc q_{%d,%d} = %v, want 0", i, j, b.Rates[i][j])
				}
				continue
			}
			if z := (b.Rates[i][j] - want[i][j]) / b.RatesErr[i][j]; math.Abs(z) > zCrit {
				t.Errorf("disc q_{%d,%d} = %.5f ± %.5f, exact %.5f (z = %.2f)", i, j, b.Rates[i][j], b.RatesErr[i][j], want[i][j], z)
			}
		}
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// coverageBand returns the acceptance region [lo, hi] of the number of
// misses of a level-0.95 interval over reps independent analyses, one of
// checks simultaneous checks: misses ~ Binomial(reps, 0.05) when the
// interval is calibrated, and the region leaves out at most
// 0.001/(2·checks) on each side (false-alarm rate 0.001 two-sided over all
// checks, Bonferroni).
func coverageBand(reps, checks int) (lo, hi int) {
	bin := distuv.Binomial{N: float64(reps), P: 0.05}
	tail := 0.001 / float64(2*checks)
	for lo = 0; bin.CDF(float64(lo)) <= tail; lo++ {
	}
	// P(X < lo) ≤ tail < P(X ≤ lo).
	for hi = reps; 1-bin.CDF(float64(hi-1)) <= tail; hi-- {
	}
	// P(X > hi) ≤ tail < P(X ≥ hi).
	return lo, hi
}

// coverageReps is the number of independent analyses of the coverage
// tests: 200 (about 3 s in all), 25 under the race detector (which slows
// the bootstrap twentyfold and has nothing more to find in the repeats).
func coverageReps() int {
	if rdRace {
		return 25
	}
	return 200
}

// ciCase is one entry of a coverage test: its name, the exact value, and
// the estimate and interval of one analysis.
type ciCase struct {
	name  string
	exact float64
	get   func(a *Analysis) (est, lo, hi float64, err error)
}

// coverage runs reps analyses of m with seeds 1000+k (samples paths per
// minimum, 199 resamples) and counts, per case, the misses of the bootstrap
// interval at level 0.95 and of that interval shrunk to a third of its
// width about the estimate (an interval that understates the Monte Carlo
// error of the rates).
func coverage(t *testing.T, m Model, samples, reps int, cases []ciCase) (boot, naive []int) {
	t.Helper()
	boot, naive = make([]int, len(cases)), make([]int, len(cases))
	for k := range reps {
		a, err := Analyse(context.Background(), m, Options{Samples: samples, Directions: 36, Seed: uint64(1000 + k), Resamples: 199})
		if err != nil {
			t.Fatal(err)
		}
		for c, tc := range cases {
			est, lo, hi, err := tc.get(a)
			if err != nil {
				t.Fatal(err)
			}
			if !(lo <= est && est <= hi) {
				t.Errorf("%s: seed %d: estimate %v outside its interval [%v, %v]", tc.name, 1000+k, est, lo, hi)
			}
			if !(lo <= tc.exact && tc.exact <= hi) {
				boot[c]++
			}
			// The companion: the same interval shrunk to a third of its
			// width about the estimate, nominally a 49% interval
			// (2Φ(1.96/3) − 1), which must miss about half the time.
			if nlo, nhi := est-(est-lo)/3, est+(hi-est)/3; !(nlo <= tc.exact && tc.exact <= nhi) {
				naive[c]++
			}
		}
	}
	return boot, naive
}

// TestCICoverage checks the calibration of the bootstrap intervals on the
// two fixtures with exact answers: over reps independent analyses (400
// paths per minimum, seeds 1000…), the 95% interval of every entry must
// miss the exact value a number of times inside coverageBand (for 200
// analyses and 3 checks per fixture: [1, 23] misses, where 10 are
// expected; false-alarm rate 0.001 per fixture). Companion: the interval
// shrunk to a third of its width, which understates the error of the rates
// threefold, misses about half the time and is rejected by the same band.
//
// Fixture A (strips, b = ∞, all wide) checks StationaryCI against π;
// fixture B (disc, J = (2, 1, 1)) checks NarrowFractionsCI against the
// exact narrow fractions at λ = 0.1 and TimeFractionsCI for the wide basin,
// whose first-order fraction is 1 − frac_1 − frac_2.
func TestCICoverage(t *testing.T) {
	reps := coverageReps()
	_, piA := stripsExact()
	const lambda = 0.1
	fracB := discExactFractions(lambda)
	stationary := func(i int) func(a *Analysis) (float64, float64, float64, error) {
		return func(a *Analysis) (float64, float64, float64, error) {
			lo, hi, err := a.StationaryCI(0.95)
			if err != nil {
				return 0, 0, 0, err
			}
			return a.Stationary[i], lo[i], hi[i], nil
		}
	}
	narrow := func(k int) func(a *Analysis) (float64, float64, float64, error) {
		return func(a *Analysis) (float64, float64, float64, error) {
			fr, err := a.NarrowFractions(lambda)
			if err != nil {
				return 0, 0, 0, err
			}
			lo, hi, err := a.NarrowFractionsCI(lambda, 0.95)
			if err != nil {
				return 0, 0, 0, err
			}
			return fr[k], lo[k], hi[k], nil
		}
	}
	wide := func(a *Analysis) (float64, float64, float64, error) {
		fr, err := a.TimeFractions(lambda)
		if err != nil {
			return 0, 0, 0, err
		}
		lo, hi, err := a.TimeFractionsCI(lambda, 0.95)
		if err != nil {
			return 0, 0, 0, err
		}
		return fr[0], lo[0], hi[0], nil
	}
	tests := []struct {
		name  string
		model Model
		cases []ciCase
	}{
		{"strips-stationary", stripsModel(t), []ciCase{
			{"π_0", piA[0], stationary(0)}, {"π_1", piA[1], stationary(1)}, {"π_2", piA[2], stationary(2)}}},
		{"disc-fractions", discModel(t), []ciCase{
			{"frac_1", fracB[1], narrow(1)}, {"frac_2", fracB[2], narrow(2)}, {"wide", 1 - fracB[1] - fracB[2], wide}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			lo, hi := coverageBand(reps, len(tc.cases))
			boot, naive := coverage(t, tc.model, 400, reps, tc.cases)
			for c, cs := range tc.cases {
				t.Logf("%s = %.5f: 95%% bootstrap interval missed %d/%d (coverage %.1f%%); third-width missed %d/%d; band [%d, %d]",
					cs.name, cs.exact, boot[c], reps, 100*(1-float64(boot[c])/float64(reps)), naive[c], reps, lo, hi)
				if boot[c] < lo || boot[c] > hi {
					t.Errorf("%s: the 95%% interval missed %d times in %d, outside [%d, %d]", cs.name, boot[c], reps, lo, hi)
				}
				if naive[c] >= lo && naive[c] <= hi {
					t.Errorf("%s: companion: the third-width interval missed %d times in %d, inside [%d, %d]", cs.name, naive[c], reps, lo, hi)
				}
			}
		})
	}
}

func TestPercentile(t *testing.T) {
	// B = 9 values 0.1…0.9 (shuffled), ranks 2 and 8: the second smallest
	// and the second largest. Undefined resamples (NaN) rank first for the
	// lower end and last for the upper one; past them an end is the
	// natural bound 0 or 1.
	base := []float64{0.5, 0.9, 0.1, 0.7, 0.3, 0.2, 0.8, 0.4, 0.6}
	nan := math.NaN()
	tests := []struct {
		name   string
		v      []float64
		lo, hi float64
	}{
		{"all defined", base, 0.2, 0.8},
		{"one undefined", append([]float64{nan}, base[:8]...), 0.1, 0.9},
		{"two undefined", append([]float64{nan, nan}, base[:7]...), 0, 1},
	}
	for _, tc := range tests {
		lo, hi := percentile(append([]float64(nil), tc.v...), 2, 8)
		if lo != tc.lo || hi != tc.hi {
			t.Errorf("%s: [%v, %v], want [%v, %v]", tc.name, lo, hi, tc.lo, tc.hi)
		}
	}
	ends := []struct {
		B       int
		level   float64
		lo, hi  int
		errText string
	}{
		{999, 0.95, 25, 975, ""},
		{999, 0.9, 50, 950, ""},
		{199, 0.95, 5, 195, ""},
		{999, 0.999, 0, 0, "m.level: 0.999 needs at least 1999"},
		{999, 1, 0, 0, "m.level: must be in (0, 1)"},
		{999, 0, 0, 0, "m.level: must be in (0, 1)"},
		{999, math.NaN(), 0, 0, "m.level: must be in (0, 1)"},
		{0, 0.95, 0, 0, ErrNoResamples.Error()},
	}
	for _, tc := range ends {
		lo, hi, err := percentileEnds("m", tc.B, tc.level)
		if tc.errText != "" {
			if err == nil || !strings.HasPrefix(err.Error(), tc.errText) {
				t.Errorf("B = %d, level %v: error %v, want %q", tc.B, tc.level, err, tc.errText)
			}
			continue
		}
		if err != nil || lo != tc.lo || hi != tc.hi {
			t.Errorf("B = %d, level %v: ranks %d, %d (%v), want %d, %d", tc.B, tc.level, lo, hi, err, tc.lo, tc.hi)
		}
	}
}

func TestCIInput(t *testing.T) {
	// Bad arguments are errors naming the parameter; an analysis without
	// resamples has no intervals; the intervals do not depend on the
	// scheduling (same seed, one or two goroutines: identical).
	a, err := Analyse(context.Background(), discModel(t), Options{Samples: 300, Directions: 36, Seed: 4})
	if err != nil {
		t.Fatal(err)
	}
	none, err := Analyse(context.Background(), discModel(t), Options{Samples: 300, Directions: 36, Seed: 4, Resamples: -1})
	if err != nil {
		t.Fatal(err)
	}
	if a.Resamples != defaultResamples || none.Resamples != 0 {
		t.Errorf("resamples %d and %d, want %d and 0", a.Resamples, none.Resamples, defaultResamples)
	}
	call := func(f func() error) func() error { return f }
	tests := []struct {
		name  string
		f     func() error
		param string // the *param.Error's Name, or "" for ErrNoResamples
	}{
		{"level 1", call(func() error { _, _, err := a.StationaryCI(1); return err }), "theory.Analysis.StationaryCI.level"},
		{"level -0.5", call(func() error { _, _, err := a.TimeFractionsCI(0.1, -0.5); return err }), "theory.Analysis.TimeFractionsCI.level"},
		{"lambda 0 first order", call(func() error { _, _, err := a.TimeFractionsCI(0, 0.95); return err }), "theory.Analysis.TimeFractionsCI.lambda"},
		{"lambda negative", call(func() error { _, _, err := a.ClassTimeFractionsCI(0, -1, 0.95); return err }), "theory.Analysis.ClassTimeFractionsCI.lambda"},
		{"lambda NaN narrow", call(func() error { _, _, err := a.NarrowFractionsCI(math.NaN(), 0.95); return err }), "theory.Analysis.NarrowFractionsCI.lambda"},
		{"class out of range", call(func() error { _, _, err := a.ClassTimeFractionsCI(1, 0.1, 0.95); return err }), "theory.Analysis.ClassTimeFractionsCI.c"},
		{"set out of range", call(func() error { _, _, err := a.ClassTimeFractionTotalCI(0, 0.1, 0.95, []int{3}); return err }), "theory.Analysis.ClassTimeFractionTotalCI.sets"},
		{"exit rate level", call(func() error { _, _, err := a.ExitRateCI(0, 1); return err }), "theory.Analysis.ExitRateCI.level"},
		{"no resamples", call(func() error { _, _, err := none.StationaryCI(0.95); return err }), ""},
		{"no resamples narrow", call(func() error { _, _, err := none.NarrowFractionsCI(0.1, 0.95); return err }), ""},
	}
	for _, tc := range tests {
		err := tc.f()
		if tc.param == "" {
			if !errors.Is(err, ErrNoResamples) {
				t.Errorf("%s: error %v, want ErrNoResamples", tc.name, err)
			}
		} else if pe := param.As(err); pe == nil || pe.Name != tc.param {
			t.Errorf("%s: error %v, want a *param.Error naming %s", tc.name, err, tc.param)
		}
	}
	// One wide minimum: π = (1) on every resample, a zero-width interval.
	if lo, hi, err := a.StationaryCI(0.95); err != nil || lo[0] != 1 || hi[0] != 1 {
		t.Errorf("π interval [%v, %v] (%v), want [1, 1]", lo, hi, err)
	}
	// The total of the narrow fractions: its interval is that of the sum on
	// each resample, inside [Σ lo, Σ hi].
	lo, hi, err := a.NarrowFractionsCI(0.1, 0.95)
	if err != nil {
		t.Fatal(err)
	}
	tl, th, err := a.ClassTimeFractionTotalCI(0, 0.1, 0.95, []int{1, 2})
	if err != nil || !(tl >= lo[1]+lo[2] && th <= hi[1]+hi[2] && tl < th) {
		t.Errorf("total [%v, %v] (%v), intervals [%v, %v] and [%v, %v]", tl, th, err, lo[1], hi[1], lo[2], hi[2])
	}
	if lo[0] != 0 || hi[0] != 0 {
		t.Errorf("wide minimum: narrow-fraction interval [%v, %v], want [0, 0]", lo[0], hi[0])
	}
	// Worker invariance.
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	one, err := Analyse(context.Background(), discModel(t), Options{Samples: 300, Directions: 36, Seed: 4})
	if err != nil {
		t.Fatal(err)
	}
	l1, h1, _ := one.NarrowFractionsCI(0.1, 0.95)
	for k := range lo {
		if l1[k] != lo[k] || h1[k] != hi[k] {
			t.Errorf("GOMAXPROCS 1: interval %d [%v, %v], with more workers [%v, %v]", k, l1[k], h1[k], lo[k], hi[k])
		}
	}
}
