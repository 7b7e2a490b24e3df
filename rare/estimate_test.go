package rare

import (
	"context"
	"fmt"
	"math"
	"sync"
	"testing"

	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/noise"
	"github.com/htsgd/htsgd/param"
)

// fastCase is a small system on which brute force estimates P(τ ≤ n) in
// well under a second: the section-8 quadratic well with b = 1 (J = 2 to the
// right, slack s = 1.5 − 1 = 0.5), noise scale 0.3 and η = 0.1, windows of
// n = 20 steps. γ = 0.4 < s is larger than the strongly efficient s/3, which
// does not matter for unbiasedness and makes P(B) small (≈ 0.05), so that the
// conditioned component differs strongly from P.
type fastCase struct {
	name    string
	law     noise.Law
	warmup  float64 // T_w, to exercise the warm-up under P
	samples int     // importance-sampled windows
}

func fastCases(t *testing.T) []fastCase {
	st, err := noise.NewStudentT(1.5, 0.3)
	if err != nil {
		t.Fatal(err)
	}
	return []fastCase{
		{"pareto α=1.5 p+=½", mustPareto(t, 1.5, 0.3, 0.5), 0, 40000},
		{"lomax α=1.5 p+=0.7", mustLomax(t, 1.5, 0.3, 0.7), 0, 40000},
		// The numerical conditional sampler inside the estimator (slower).
		{"student-t α=1.5", st, 0, 20000},
		// 10 steps under P before the importance-sampled part.
		{"pareto α=1.5 p+=½, warm-up 1", mustPareto(t, 1.5, 0.3, 0.5), 1, 40000},
	}
}

func fastConfig(t *testing.T, law noise.Law) Config {
	return Config{
		System: quadraticSystem(t, law, 0.1, 1),
		Start:  []float64{0},
		Design: Design{J: 2, Gamma: 0.4, Window: 2, Burn: 1, Weight: 0.05},
	}
}

// bruteWindows is the number of brute-force windows per fast case: the SE
// of p is then about 3.5% (p ≈ 2.7·10^−3).
const bruteWindows = 300000

// bruteCache keeps brute-force results shared by two tests (the pareto case
// and its wrong-likelihood companion), keyed by law name, warm-up and n.
var bruteCache sync.Map

// bruteForceP estimates P(τ ≤ n) from n-step windows of plain SGD run by
// the mc package's first-exit experiment (an independent kernel): the
// fraction of windows that exit before the cap n, with its binomial SE.
func bruteForceP(t *testing.T, cfg Config, n int64, windows int) (p, se float64) {
	t.Helper()
	key := fmt.Sprint(cfg.Noise, cfg.Warmup, n, windows)
	if v, ok := bruteCache.Load(key); ok {
		r := v.([2]float64)
		return r[0], r[1]
	}
	defer func() { bruteCache.Store(key, [2]float64{p, se}) }()
	e := mc.FirstExit{System: cfg.System, Start: cfg.Start, MaxSteps: n}
	exits := 0
	err := mc.RunExits(context.Background(), e, mc.StreamKey{Seed: 77, Labels: []uint64{1}}, mc.ReplicaRange(0, windows), 0, func(r mc.ExitRecord) {
		if !r.Censored {
			exits++
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	p = float64(exits) / float64(windows)
	return p, math.Sqrt(p * (1 - p) / float64(windows))
}

// TestUnbiasedAgainstBruteForce checks that the importance-sampling estimate
// of p = P(τ ≤ n) agrees with brute force on the fast cases: the difference
// over its SE, sqrt(SE_IS² + SE_bf²), must be below 3.29 (normal,
// α = 0.001 two-sided). Both SEs are about 3-4% of p ≈ 2·10^−3; see
// TestWrongLikelihoodDetected for the power of the same check.
func TestUnbiasedAgainstBruteForce(t *testing.T) {
	for _, fc := range fastCases(t) {
		t.Run(fc.name, func(t *testing.T) {
			cfg := fastConfig(t, fc.law)
			cfg.Warmup = fc.warmup
			res, err := Estimate(context.Background(), cfg, mc.StreamKey{Seed: 5}, fc.samples, 0)
			if err != nil {
				t.Fatal(err)
			}
			pb, seb := bruteForceP(t, cfg, res.WarmupSteps+res.WindowSteps, bruteWindows)
			z := (res.P.Value - pb) / math.Hypot(res.P.SE, seb)
			t.Logf("IS p = %.4g ± %.2g (RE/sample %.2f, P(B) %.3g, %d exits); brute force p = %.4g ± %.2g; z = %.2f",
				res.P.Value, res.P.SE, res.P.RelErr, res.PB, res.Exits, pb, seb, z)
			if math.Abs(z) > zCrit {
				t.Errorf("|z| = %.2f > %.2f", math.Abs(z), zCrit)
			}
			// The profile at t = T is P itself, and it increases with t.
			if got := res.Profile[len(res.Profile)-1].P.Value; got != res.P.Value {
				t.Errorf("profile at T = %v, P = %v", got, res.P.Value)
			}
			for k := 1; k < len(res.Profile); k++ {
				if res.Profile[k].P.Value < res.Profile[k-1].P.Value {
					t.Errorf("profile decreases at k = %d", k)
				}
			}
		})
	}
}

// TestWrongLikelihoodDetected is the companion of
// TestUnbiasedAgainstBruteForce: with P(B) overstated by 30% in the
// likelihood ratio (so that every window drawn from P(· | B) is weighted
// about 1.28 times too much), the same check (|z| < 3.29) fails.
func TestWrongLikelihoodDetected(t *testing.T) {
	cfg := fastConfig(t, fastCases(t)[0].law)
	s, level, err := newWindow(cfg)
	if err != nil {
		t.Fatal(err)
	}
	s.pB *= 1.3
	res, err := estimate(context.Background(), s, cfg, level, mc.StreamKey{Seed: 5}, 40000, 0)
	if err != nil {
		t.Fatal(err)
	}
	pb, seb := bruteForceP(t, cfg, res.WindowSteps, bruteWindows)
	z := (res.P.Value - pb) / math.Hypot(res.P.SE, seb)
	t.Logf("wrong LR: IS p = %.4g ± %.2g; brute force p = %.4g ± %.2g; z = %.2f", res.P.Value, res.P.SE, pb, seb, z)
	if math.Abs(z) <= zCrit {
		t.Errorf("a likelihood ratio with P(B) 30%% too large went undetected: |z| = %.2f ≤ %.2f", math.Abs(z), zCrit)
	}
}

// TestWorkerInvariance checks that the result does not depend on the
// number of workers (each window uses its own stream; sums are in window
// order).
func TestWorkerInvariance(t *testing.T) {
	cfg := fastConfig(t, fastCases(t)[1].law)
	key := mc.StreamKey{Seed: 9, Labels: []uint64{3}}
	var first Result
	for i, w := range []int{1, 2, 3} {
		res, err := Estimate(context.Background(), cfg, key, 5000, w)
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = res
			if res.Exits == 0 {
				t.Fatal("no exits: the test would be vacuous")
			}
			continue
		}
		// Sprint, not reflect.DeepEqual: NaN fields (a relative error with
		// no exit) are equal in print but not under ==.
		if fmt.Sprint(res) != fmt.Sprint(first) {
			t.Errorf("workers = %d: result differs from workers = 1", w)
		}
	}
}

// TestLikelihoodFullWindow checks window.likelihood against the formula of
// docs/theory.md §13 on the whole window, 1/(w + (1−w)·1_B/P(B)), and its
// bound 1/w off B.
func TestLikelihoodFullWindow(t *testing.T) {
	s, _, err := newWindow(fastConfig(t, fastCases(t)[0].law))
	if err != nil {
		t.Fatal(err)
	}
	for big := int64(0); big <= 4; big++ {
		want := 1 / s.w // off B: P(B | F_n) = 0
		if big >= s.j {
			want = 1 / (s.w + (1-s.w)/s.pB)
		}
		if got := s.likelihood(s.n, big); math.Abs(got-want) > 1e-12*want {
			t.Errorf("big = %d: L = %v, want %v", big, got, want)
		}
	}
	// Mid-window, with one big noise to go: P(B | F_τ) = P(Bin(n−τ, h) ≥ 1).
	tau := s.n / 2
	pg := -math.Expm1(float64(s.n-tau) * math.Log1p(-s.h))
	want := 1 / (s.w + (1-s.w)*pg/s.pB)
	if got := s.likelihood(tau, s.j-1); math.Abs(got-want) > 1e-12*want {
		t.Errorf("τ = n/2, one to go: L = %v, want %v", got, want)
	}
}

// TestEstimateErrors checks that bad input is reported with the offending
// field first.
func TestEstimateErrors(t *testing.T) {
	law := mustPareto(t, 1.5, 0.3, 0.5)
	for _, tc := range []struct {
		name    string
		mod     func(*Config)
		samples int
		want    string
	}{
		{"eta", func(c *Config) { c.Eta = 0 }, 10, "mc.System.Eta"},
		{"j", func(c *Config) { c.J = 0 }, 10, "rare.Design.J"},
		{"j too large", func(c *Config) { c.J = 100 }, 10, "rare.Design.J"},
		{"gamma", func(c *Config) { c.Gamma = -1 }, 10, "rare.Design.Gamma"},
		{"window", func(c *Config) { c.Window = math.Inf(1) }, 10, "rare.Design.Window"},
		{"burn", func(c *Config) { c.Burn = 2 }, 10, "rare.Design.Burn"},
		{"weight", func(c *Config) { c.Weight = 1 }, 10, "rare.Design.Weight"},
		{"warmup", func(c *Config) { c.Warmup = -1 }, 10, "rare.Design.Warmup"},
		{"level", func(c *Config) { c.Level = 1.5 }, 10, "rare.Config.Level"},
		{"start", func(c *Config) { c.Start = []float64{7} }, 10, "mc.SuppliedExit.Start"},
		{"samples", func(*Config) {}, 1, "rare.Estimate.samples"},
	} {
		cfg := fastConfig(t, law)
		tc.mod(&cfg)
		_, err := Estimate(context.Background(), cfg, mc.StreamKey{}, tc.samples, 1)
		if pe := param.As(err); pe == nil || pe.Name != tc.want {
			t.Errorf("%s: error %v, want a *param.Error naming %s", tc.name, err, tc.want)
		}
	}
}

// TestEstimateCancelled checks that a cancelled context stops Estimate with
// ctx.Err().
func TestEstimateCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Estimate(ctx, fastConfig(t, mustPareto(t, 1.5, 0.3, 0.5)), mc.StreamKey{}, 100, 1)
	if err == nil {
		t.Error("no error after cancellation")
	}
}
