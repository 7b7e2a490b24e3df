package estimators

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestExpMeanKnownValues(t *testing.T) {
	// Hand-derived values. Complete sample times (1, 2, 3, 4): T = 10, d = 4,
	// θ̂ = 2.5, 90% CI = [20/χ²_8(0.95), 20/χ²_8(0.05)] with
	// χ²_8(0.95) = 15.507313, χ²_8(0.05) = 2.732637 (standard tables).
	// Censored: the same times with the 4 censored at its cap: d = 3,
	// [20/χ²_8(0.95), 20/χ²_6(0.05)], χ²_6(0.05) = 1.635383.
	// No exits, T = 10: Low = 20/χ²_2(0.95) = 10/log(20) (χ²_2 is Exp(1/2)).
	tests := []struct {
		name            string
		times           []float64
		censored        []bool
		mean, low, high float64
	}{
		{"complete", []float64{1, 2, 3, 4}, nil, 2.5, 20 / 15.507313, 20 / 2.732637},
		{"censored", []float64{1, 2, 3, 4}, []bool{false, false, false, true}, 10.0 / 3, 20 / 15.507313, 20 / 1.635383},
		{"no exits", []float64{4, 6}, []bool{true, true}, math.NaN(), 10 / math.Log(20), math.Inf(1)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e, err := NewExpMean(tc.times, tc.censored, 0.9)
			if err != nil {
				t.Fatal(err)
			}
			if !near(e.Mean, tc.mean, 1e-12) || !near(e.Low, tc.low, 1e-6) || !near(e.High, tc.high, 1e-6) {
				t.Errorf("got mean %v CI [%v, %v], want %v [%v, %v]", e.Mean, e.Low, e.High, tc.mean, tc.low, tc.high)
			}
			f, err := ExpMeanFromTotals(e.Total, e.Exits, e.Censored, 0.9)
			if err != nil || !near(f.Mean, e.Mean, 0) || f.Low != e.Low || f.High != e.High {
				t.Errorf("ExpMeanFromTotals = %+v, %v; want %+v", f, err, e)
			}
		})
	}
}

// near reports |a − b| ≤ tol·max(1, |b|), treating NaN = NaN and ±Inf exactly.
func near(a, b, tol float64) bool {
	if math.IsNaN(b) {
		return math.IsNaN(a)
	}
	if math.IsInf(b, 0) {
		return a == b
	}
	return math.Abs(a-b) <= tol*max(1, math.Abs(b))
}

func TestExpMeanErrors(t *testing.T) {
	tests := []struct {
		name     string
		times    []float64
		censored []bool
		level    float64
		prefix   string
	}{
		{"empty", nil, nil, 0.9, "times:"},
		{"negative", []float64{1, -1}, nil, 0.9, "times[1]:"},
		{"nan", []float64{math.NaN()}, nil, 0.9, "times[0]:"},
		{"inf", []float64{math.Inf(1)}, nil, 0.9, "times[0]:"},
		{"length", []float64{1, 2}, []bool{true}, 0.9, "censored:"},
		{"level 1", []float64{1}, nil, 1, "level:"},
		{"level nan", []float64{1}, nil, math.NaN(), "level:"},
		{"zero total", []float64{0, 0}, nil, 0.9, "total:"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := NewExpMean(tc.times, tc.censored, tc.level)
			if err == nil || !strings.HasPrefix(err.Error(), tc.prefix) {
				t.Errorf("error %v, want prefix %q", err, tc.prefix)
			}
		})
	}
	for _, tc := range []struct {
		total       float64
		exits, cens int
		prefix      string
	}{
		{-1, 1, 0, "total:"}, {1, -1, 0, "exits:"}, {1, 1, -1, "censored:"}, {1, 0, 0, "exits:"},
	} {
		if _, err := ExpMeanFromTotals(tc.total, tc.exits, tc.cens, 0.9); err == nil || !strings.HasPrefix(err.Error(), tc.prefix) {
			t.Errorf("ExpMeanFromTotals(%v, %d, %d): error %v, want prefix %q", tc.total, tc.exits, tc.cens, err, tc.prefix)
		}
	}
}

// expCoverageCase is one simulation design for the CI coverage check.
type expCoverageCase struct {
	name string
	n    int     // samples per experiment
	cap  float64 // censoring cap in units of the true mean (+Inf: none)
	seed uint64
}

var expCoverageCases = []expCoverageCase{
	{"complete n=50", 50, math.Inf(1), 1},
	{"complete n=5", 5, math.Inf(1), 2},
	{"cap 1θ (37% censored) n=50", 50, 1, 3},
	{"cap 0.3θ (74% censored) n=20", 20, 0.3, 4},
	{"cap 2θ (14% censored) n=200", 200, 2, 5},
}

const (
	expReps  = 2000
	expLevel = 0.9 // a/2 = 0.05 per tail: enough misses for a sharp check
)

// expMisses simulates expReps experiments with true mean θ = 1 and counts,
// for each claimed mean, how often the CI misses it (Low > claimed,
// High < claimed).
func expMisses(c expCoverageCase, claimed ...float64) (low, high []int) {
	rng := rand.New(rand.NewPCG(c.seed, 11))
	times := make([]float64, c.n)
	cens := make([]bool, c.n)
	low, high = make([]int, len(claimed)), make([]int, len(claimed))
	for range expReps {
		for i := range times {
			x := rng.ExpFloat64()
			cens[i] = x > c.cap
			times[i] = min(x, c.cap)
		}
		e, err := NewExpMean(times, cens, expLevel)
		if err != nil {
			panic(err)
		}
		for k, th := range claimed {
			if e.Low > th {
				low[k]++
			}
			if e.High < th {
				high[k]++
			}
		}
	}
	return low, high
}

// checkExpCoverage is the coverage check. Complete samples: the pivot is
// exact, so each tail's misses are Binomial(2000, 0.05), tested two-sided at
// α = 0.001 per tail (0.002 per case). Censored samples: the interval is
// conservative (see ExpMean), so each tail is tested one-sided at α = 0.001
// against Binomial(2000, 0.05), i.e. misses ≤ 124.
func checkExpCoverage(c expCoverageCase, low, high int) error {
	a2 := (1 - expLevel) / 2
	if math.IsInf(c.cap, 1) {
		return errors.Join(
			checkTwoSided("misses below", low, expReps, a2, 0.001),
			checkTwoSided("misses above", high, expReps, a2, 0.001))
	}
	return errors.Join(
		checkAtMost("misses below", low, expReps, a2, 0.001),
		checkAtMost("misses above", high, expReps, a2, 0.001))
}

// TestExpMeanCoverage runs the check for the true mean, and shows it fails
// when the claimed mean is 20% off (truth 1, claim 1.2) for the designs with
// enough samples to resolve 20% (the CI half-width is about 25% at n = 50
// and well under 20% at n = 200).
func TestExpMeanCoverage(t *testing.T) {
	for _, c := range expCoverageCases {
		t.Run(c.name, func(t *testing.T) {
			low, high := expMisses(c, 1, 1.2)
			t.Logf("misses below %d, above %d of %d (nominal %v each); claim 1.2: below %d, above %d",
				low[0], high[0], expReps, (1-expLevel)/2*expReps, low[1], high[1])
			if err := checkExpCoverage(c, low[0], high[0]); err != nil {
				t.Error(err)
			}
			if c.n >= 50 && checkExpCoverage(c, low[1], high[1]) == nil {
				t.Errorf("coverage check passed for a mean 20%% off")
			}
		})
	}
}
