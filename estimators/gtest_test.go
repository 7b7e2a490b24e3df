package estimators

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestGTestKnownValues(t *testing.T) {
	// counts (30, 20, 10) against equal probabilities: e = 20 each,
	// G = 2(30 log 1.5 + 10 log 0.5) = 10.464962, DF = 2 and the χ²_2
	// survival is e^{−G/2} = 0.005340. counts (0, 10) against (½, ½):
	// G = 20 log 2, and the χ²_1 survival is erfc(sqrt(G/2)).
	g := 2 * (30*math.Log(1.5) + 10*math.Log(0.5))
	tests := []struct {
		name   string
		counts []int
		probs  []float64
		g, p   float64
		df     int
		excl   int
		n      int
	}{
		{"perfect fit", []int{10, 20, 30}, []float64{1.0 / 6, 1.0 / 3, 0.5}, 0, 1, 2, 0, 60},
		{"equal probs", []int{30, 20, 10}, []float64{1, 1, 1}, g, math.Exp(-g / 2), 2, 0, 60},
		{"excluded cell", []int{5, 30, 20, 10}, []float64{0, 0.2, 0.2, 0.2}, g, math.Exp(-g / 2), 2, 5, 60},
		{"zero count kept", []int{0, 10}, []float64{0.5, 0.5}, 2 * 10 * math.Log(2), math.Erfc(math.Sqrt(10 * math.Log(2))), 1, 0, 10},
		{"df 0", []int{3, 7}, []float64{0, 0.4}, 0, 1, 0, 3, 7},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := GTest(tc.counts, tc.probs)
			if err != nil {
				t.Fatal(err)
			}
			if !near(r.G, tc.g, 1e-12) || !near(r.PValue, tc.p, 1e-8) || r.DF != tc.df || r.ExcludedCount != tc.excl || r.N != tc.n {
				t.Errorf("got %+v, want G %v p %v df %d excluded %d N %d", r, tc.g, tc.p, tc.df, tc.excl, tc.n)
			}
			for i, p := range tc.probs {
				if p == 0 && r.Expected[i] != 0 {
					t.Errorf("Expected[%d] = %v for an excluded cell", i, r.Expected[i])
				}
			}
		})
	}
}

func TestGTestErrors(t *testing.T) {
	tests := []struct {
		name   string
		counts []int
		probs  []float64
		prefix string
	}{
		{"empty", nil, nil, "counts:"},
		{"length", []int{1, 2}, []float64{1}, "probs:"},
		{"negative count", []int{1, -2}, []float64{1, 1}, "counts[1]:"},
		{"negative prob", []int{1, 2}, []float64{1, -1}, "probs[1]:"},
		{"nan prob", []int{1, 2}, []float64{math.NaN(), 1}, "probs[0]:"},
		{"all zero probs", []int{1, 2}, []float64{0, 0}, "probs:"},
		{"no kept observations", []int{4, 0}, []float64{0, 1}, "counts:"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := GTest(tc.counts, tc.probs)
			if err == nil || !strings.HasPrefix(err.Error(), tc.prefix) {
				t.Errorf("error %v, want prefix %q", err, tc.prefix)
			}
		})
	}
}

// multinomial draws n observations with cell probabilities proportional to p.
func multinomial(rng *rand.Rand, n int, p []float64) []int {
	var s float64
	for _, v := range p {
		s += v
	}
	c := make([]int, len(p))
	for range n {
		u := rng.Float64() * s
		k := 0
		for k < len(p)-1 && u >= p[k] {
			u -= p[k]
			k++
		}
		c[k]++
	}
	return c
}

// gtestDesigns: landing cells from m_1 of paper-1d at b = 0.5 (docs/theory.md
// §10.1: q_{1,0} = 3.847145, q_{1,2} = 0.233749, q_{1,3} = 0, given as
// rates, renormalised by GTest), and a 5-cell law with an impossible cell.
var gtestDesigns = []struct {
	name string
	n    int
	p    []float64
}{
	{"paper-1d m_2 landings", 2000, []float64{3.847145, 0.233749, 0}},
	{"5 cells", 400, []float64{0.5, 0.3, 0.15, 0.05, 0}},
}

const gtestReps = 2000

// gtestRejections simulates gtestReps samples from truth, tests each against
// claimed and counts p ≤ 0.05.
func gtestRejections(t *testing.T, n int, truth, claimed []float64, seed uint64) int {
	rng := rand.New(rand.NewPCG(seed, 9))
	rej := 0
	for range gtestReps {
		r, err := GTest(multinomial(rng, n, truth), claimed)
		if err != nil {
			t.Fatal(err)
		}
		if r.PValue <= 0.05 {
			rej++
		}
	}
	return rej
}

// TestGTestCalibrated: under H0 the number of p ≤ 0.05 among 2000 tests is
// Binomial(2000, 0.05) up to the χ² approximation (min expected count 20 and
// 115 here); two-sided check at α = 0.001.
func TestGTestCalibrated(t *testing.T) {
	for i, d := range gtestDesigns {
		t.Run(d.name, func(t *testing.T) {
			rej := gtestRejections(t, d.n, d.p, d.p, uint64(i))
			t.Logf("p ≤ 0.05 in %d of %d", rej, gtestReps)
			if err := checkTwoSided("p ≤ 0.05", rej, gtestReps, 0.05, 0.001); err != nil {
				t.Error(err)
			}
		})
	}
}

// TestGTestCatchesWrongProbs: the same check fails when the claimed law has
// the second cell's rate 20% too high (e.g. q_{1,2} off by 20%).
func TestGTestCatchesWrongProbs(t *testing.T) {
	for i, d := range gtestDesigns {
		t.Run(d.name, func(t *testing.T) {
			wrong := append([]float64(nil), d.p...)
			wrong[1] *= 1.2
			rej := gtestRejections(t, d.n, d.p, wrong, uint64(i))
			t.Logf("p ≤ 0.05 in %d of %d", rej, gtestReps)
			if checkTwoSided("p ≤ 0.05", rej, gtestReps, 0.05, 0.001) == nil {
				t.Error("calibration check passed against a wrong law")
			}
		})
	}
}

func TestGTestReportsExcludedLandings(t *testing.T) {
	// A landing in a cell the prediction says is impossible is counted, not
	// divided by zero, and does not affect G.
	a, _ := GTest([]int{90, 10, 0}, []float64{0.9, 0.1, 0})
	b, _ := GTest([]int{90, 10, 3}, []float64{0.9, 0.1, 0})
	if b.ExcludedCount != 3 || a.G != b.G || a.PValue != b.PValue || math.IsNaN(b.G) {
		t.Errorf("got %+v and %+v", a, b)
	}
}
