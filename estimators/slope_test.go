package estimators

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestWLSLineExact(t *testing.T) {
	// y = 2 − 3x at x = (0, 1, 2, 4) with weights (1, 2, 1, 0.5): the fit is
	// exact, the residual-scale SEs vanish. With known variances:
	// W = 4.5, x̄ = (0 + 2 + 2 + 2)/4.5 = 4/3, Sxx = Σw(x − x̄)² =
	// 16/9 + 2/9 + 4/9 + 0.5·64/9 = 54/9 = 6, so Var(b) = 1/6 and
	// Var(a) = 1/4.5 + (16/9)/6 = 14/27, Cov = −(4/3)/6 = −2/9.
	x := []float64{0, 1, 2, 4}
	w := []float64{1, 2, 1, 0.5}
	y := make([]float64, len(x))
	for i := range x {
		y[i] = 2 - 3*x[i]
	}
	l, err := WLSLine(x, y, w, 0.95)
	if err != nil {
		t.Fatal(err)
	}
	if !near(l.Slope, -3, 1e-12) || !near(l.Intercept, 2, 1e-12) || l.SlopeSE > 1e-7 || l.InterceptSE > 1e-7 || l.DF != 2 {
		t.Errorf("residual scale: %+v", l)
	}
	k, err := WLSLineKnownVar(x, y, w, 0.95)
	if err != nil {
		t.Fatal(err)
	}
	z := 1.959963984540054
	if !near(k.SlopeSE, math.Sqrt(1.0/6), 1e-12) || !near(k.InterceptSE, math.Sqrt(14.0/27), 1e-12) ||
		!near(k.Cov, -2.0/9, 1e-12) || !near(k.SlopeHigh, -3+z*math.Sqrt(1.0/6), 1e-9) || !near(k.GoodnessP, 1, 1e-12) {
		t.Errorf("known variance: %+v", k)
	}
	if py, se := k.Predict(1); !near(py, -1, 1e-12) || !near(se*se, 14.0/27+1.0/6-4.0/9, 1e-12) {
		t.Errorf("Predict(1) = %v ± %v", py, se)
	}
}

func TestWLSLineErrors(t *testing.T) {
	one := []float64{1, 1, 1}
	tests := []struct {
		name    string
		x, y, w []float64
		level   float64
		prefix  string
	}{
		{"y length", []float64{1, 2, 3}, []float64{1, 2}, one, 0.9, "y:"},
		{"w length", []float64{1, 2, 3}, one, []float64{1}, 0.9, "w:"},
		{"too few", []float64{1, 2}, []float64{1, 2}, []float64{1, 1}, 0.9, "x:"},
		{"nan x", []float64{1, math.NaN(), 3}, one, one, 0.9, "x[1]:"},
		{"inf y", []float64{1, 2, 3}, []float64{1, math.Inf(-1), 3}, one, 0.9, "y[1]:"},
		{"zero weight", []float64{1, 2, 3}, one, []float64{1, 0, 1}, 0.9, "w[1]:"},
		{"constant x", []float64{2, 2, 2}, []float64{1, 2, 3}, one, 0.9, "x:"},
		{"level", []float64{1, 2, 3}, one, one, 0, "level:"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := WLSLine(tc.x, tc.y, tc.w, tc.level)
			if err == nil || !strings.HasPrefix(err.Error(), tc.prefix) {
				t.Errorf("error %v, want prefix %q", err, tc.prefix)
			}
		})
	}
}

// Coverage design: x = log η at η = 10^{−1}, …, 10^{−3} (5 points), true line
// y = 1.5 − 1.2x (the log-log slope −(1 + J(α−1)) for J = 1, α = 1.2), Gaussian
// errors with SD σ_i = 0.05·(1, 2, 1, 3, 1)_i, w_i = 1/σ_i². Both CIs are exact
// for this model (t with 3 df, resp. z), so at level 0.9 the number of misses
// of each parameter in 2000 repetitions is Binomial(2000, 0.1); two-sided
// check at α = 0.001 per parameter and function.
const (
	lineReps  = 2000
	lineLevel = 0.9
	lineSlope = -1.2
	lineInter = 1.5
)

func lineMisses(known bool, claimedSlope float64) (slope, inter int) {
	rng := rand.New(rand.NewPCG(21, 22))
	x := []float64{-1, -1.5, -2, -2.5, -3}
	sd := []float64{0.05, 0.1, 0.05, 0.15, 0.05}
	for i := range x {
		x[i] *= math.Ln10
	}
	w := make([]float64, len(x))
	y := make([]float64, len(x))
	for i := range w {
		w[i] = 1 / (sd[i] * sd[i])
	}
	fit := WLSLine
	if known {
		fit = WLSLineKnownVar
	}
	for range lineReps {
		for i := range y {
			y[i] = lineInter + lineSlope*x[i] + sd[i]*rng.NormFloat64()
		}
		l, err := fit(x, y, w, lineLevel)
		if err != nil {
			panic(err)
		}
		if claimedSlope < l.SlopeLow || claimedSlope > l.SlopeHigh {
			slope++
		}
		if lineInter < l.InterceptLow || lineInter > l.InterceptHigh {
			inter++
		}
	}
	return slope, inter
}

func checkLineMisses(slope, inter int) error {
	return errors.Join(
		checkTwoSided("slope misses", slope, lineReps, 1-lineLevel, 0.001),
		checkTwoSided("intercept misses", inter, lineReps, 1-lineLevel, 0.001))
}

func TestWLSLineCoverage(t *testing.T) {
	for _, known := range []bool{false, true} {
		s, i := lineMisses(known, lineSlope)
		t.Logf("known variance %v: slope misses %d, intercept misses %d of %d (nominal 200)", known, s, i, lineReps)
		if err := checkLineMisses(s, i); err != nil {
			t.Errorf("known variance %v: %v", known, err)
		}
	}
}

// TestWLSLineCoverageCatchesWrongSlope: the same check fails when the claimed
// slope is −(1 + 2(α−1)) = −1.4 (J off by one).
func TestWLSLineCoverageCatchesWrongSlope(t *testing.T) {
	for _, known := range []bool{false, true} {
		s, i := lineMisses(known, -1.4)
		t.Logf("known variance %v: slope misses %d of %d", known, s, lineReps)
		if checkLineMisses(s, i) == nil {
			t.Errorf("known variance %v: coverage check passed for a wrong slope", known)
		}
	}
}

// logMeanSlopeMisses simulates the main use: at each η, d = 200 exponential
// exit times with mean θ(η) = η^{slope}/q (q = 3), ExpMean.LogMean gives
// (log θ̂, w = d) and WLSLineKnownVar fits log θ̂ on log η; it counts how often
// the slope CI misses claimed in 1000 repetitions.
func logMeanSlopeMisses(claimed float64) int {
	const d, reps, q = 200, 1000, 3.0
	rng := rand.New(rand.NewPCG(31, 32))
	eta := []float64{1e-1, 10e-2 / 3, 1e-2, 1e-2 / 3, 1e-3}
	x := make([]float64, len(eta))
	y := make([]float64, len(eta))
	w := make([]float64, len(eta))
	misses := 0
	for range reps {
		for i, e := range eta {
			theta := math.Pow(e, lineSlope) / q
			var total float64
			for range d {
				total += theta * rng.ExpFloat64()
			}
			m, err := ExpMeanFromTotals(total, d, 0, lineLevel)
			if err != nil {
				panic(err)
			}
			x[i] = math.Log(e)
			y[i], w[i] = m.LogMean()
		}
		l, err := WLSLineKnownVar(x, y, w, lineLevel)
		if err != nil {
			panic(err)
		}
		if claimed < l.SlopeLow || claimed > l.SlopeHigh {
			misses++
		}
	}
	return misses
}

// TestLogMeanSlopeCoverage checks the delta-method weights w = d: the slope
// CI misses are Binomial(1000, 0.1) up to the approximation
// Var(log θ̂) = ψ'(200) = 1.0025/200; two-sided check at α = 0.001. The
// companion shows the check fails for a slope with J off by one (−1.4).
func TestLogMeanSlopeCoverage(t *testing.T) {
	m := logMeanSlopeMisses(lineSlope)
	t.Logf("slope misses %d of 1000 (nominal 100)", m)
	if err := checkTwoSided("slope misses", m, 1000, 1-lineLevel, 0.001); err != nil {
		t.Error(err)
	}
	wrong := logMeanSlopeMisses(-1.4)
	t.Logf("wrong slope: misses %d of 1000", wrong)
	if checkTwoSided("slope misses", wrong, 1000, 1-lineLevel, 0.001) == nil {
		t.Error("check passed for a wrong slope")
	}
}

func TestLogMeanNoExits(t *testing.T) {
	e, _ := ExpMeanFromTotals(10, 0, 4, 0.9)
	if y, w := e.LogMean(); !math.IsNaN(y) || w != 0 {
		t.Errorf("LogMean with no exits = (%v, %v), want (NaN, 0)", y, w)
	}
}
