package theory

import (
	"context"
	"errors"
	"math"
	"testing"
	"time"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/noise"
	"github.com/htsgd/htsgd/param"
)

// threeWells is the landscape f'(x) = x(x+1)(x−1.5) on [−2, 2.5] (minima −1
// and 1.5, saddle 0: r = (1, 1.5)) under Pareto noise α, c = 0.5, p_+ = ½,
// truncated at b.
func threeWells(t testing.TB, alpha, b float64) Model {
	t.Helper()
	cp, err := landscapes.NewCriticalPoints(1, []float64{-1, 0, 1.5}, -2, 2.5)
	if err != nil {
		t.Fatal(err)
	}
	s, err := landscapes.Discover(cp)
	if err != nil {
		t.Fatal(err)
	}
	l, err := noise.NewPareto(alpha, 0.5, 0.5)
	if err != nil {
		t.Fatal(err)
	}
	return Model{Landscape: cp, Basins: s, Noise: noise.Scalar{Law: l}, B: b, Domain: landscapes.IntervalOf(cp)}
}

// TestJumpNumberCap checks that a threshold b that needs more than
// MaxJumpNumber jumps is a *param.Error naming theory.Model.B, returned at
// once (b = 5e-324 used to panic in makeslice, b = 1.1e-3 to run for
// ever), on the real line and in R^d; and that J = MaxJumpNumber itself is
// analysed.
func TestJumpNumberCap(t *testing.T) {
	q := mustQuad(t, [][]float64{{1, 0}, {0, 2}}, 1)
	rd := func(b float64) Model {
		return Model{Landscape: q, Basins: q, Noise: radialPareto(t, 2, 1.5, nil), B: b}
	}
	for _, tt := range []struct {
		name string
		m    Model
	}{
		{"b = 5e-324", threeWells(t, 1.5, 5e-324)},
		{"b = 1e-320", threeWells(t, 1.5, 1e-320)},
		{"b = 1.1e-3 (J ≈ 900)", threeWells(t, 1.5, 1.1e-3)},
		{"b = 0.137 (J = 8, 11)", threeWells(t, 1.5, 0.137)},
		{"R^d b = 1e-300", rd(1e-300)},
		{"R^d b = 0.13 (J = 8)", rd(0.13)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			_, err := Analyse(context.Background(), tt.m, Options{Samples: 200, Directions: 60})
			if pe := param.As(err); pe == nil || pe.Name != nameB {
				t.Fatalf("error %v, want a *param.Error named %s", err, nameB)
			}
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("took %v to refuse", d)
			}
		})
	}
	// J_0 = ⌈1/0.21⌉ = 5, J_1 = ⌈1.5/0.26⌉ = 6: within the cap.
	if _, err := Analyse(context.Background(), threeWells(t, 1.5, 0.26), Options{}); err != nil {
		t.Errorf("J = 6: %v", err)
	}
}

// TestJumpNumberSaturates checks that JumpNumber does not overflow.
func TestJumpNumberSaturates(t *testing.T) {
	for _, tt := range []struct {
		dist, b float64
		want    int
	}{
		{1, 5e-324, jumpNumberLimit},
		{1e308, 1e-308, jumpNumberLimit},
		{1, math.NaN(), jumpNumberLimit},
		{1, 0.3, 4},
		{math.Inf(1), 1, 0},
		{2, math.Inf(1), 1},
	} {
		if got := JumpNumber(tt.dist, tt.b); got != tt.want {
			t.Errorf("JumpNumber(%v, %v) = %d, want %d", tt.dist, tt.b, got, tt.want)
		}
	}
}

// TestRatesOutOfRange checks that rates that under- or overflow float64
// (a huge α: x^{−α} is 0 or +Inf at every distance of the landscape) are a
// *param.Error naming theory.Model.Noise, not an internal error.
func TestRatesOutOfRange(t *testing.T) {
	for _, alpha := range []float64{1e308, 1e6} {
		_, err := Analyse(context.Background(), threeWells(t, alpha, 0.6), Options{})
		if pe := param.As(err); pe == nil || pe.Name != nameNoise {
			t.Errorf("α = %g: error %v, want a *param.Error named %s", alpha, err, nameNoise)
		}
	}
}

// TestAnalyseCancelled checks that Analyse and CrossCheck stop with
// ctx.Err() when their context is cancelled: at once when it already is,
// and within a fraction of a second when it is cancelled during a long
// Monte Carlo integral.
func TestAnalyseCancelled(t *testing.T) {
	done, cancel := context.WithCancel(context.Background())
	cancel()
	q := mustQuad(t, [][]float64{{1, 0}, {0, 2}}, 1)
	rd := Model{Landscape: q, Basins: q, Noise: radialPareto(t, 2, 1.5, nil), B: 0.6}
	for name, m := range map[string]Model{"exact": threeWells(t, 1.5, 0.26), "monte carlo": rd} {
		if _, err := Analyse(done, m, Options{}); !errors.Is(err, context.Canceled) {
			t.Errorf("%s, cancelled context: error %v, want context.Canceled", name, err)
		}
	}
	if _, _, err := CrossCheck(done, threeWells(t, 1.5, 0.26), 1000, 1); !errors.Is(err, context.Canceled) {
		t.Errorf("CrossCheck, cancelled context: error %v, want context.Canceled", err)
	}

	// A Monte Carlo C* with MaxSamples paths per set (seconds of work),
	// cancelled after 50 ms.
	ctx, stop := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer stop()
	start := time.Now()
	_, err := Analyse(ctx, rd, Options{Samples: MaxSamples, Directions: 60})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("error %v, want context.DeadlineExceeded", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("stopped %v after the start, want well under a second", d)
	}
}

// TestStationaryScaleFree checks that the stationary law does not depend
// on the scale of the generator: rates of order 10^{±22} (a large α) gave a
// singular system before it was rescaled.
func TestStationaryScaleFree(t *testing.T) {
	Q := [][]float64{{-1, 0.25, 0.75}, {0.5, -0.5, 0}, {0.2, 0.3, -0.5}}
	want, err := Stationary(Q)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []float64{1e22, 1e-22} {
		scaled := make([][]float64, len(Q))
		for i, row := range Q {
			for _, q := range row {
				scaled[i] = append(scaled[i], s*q)
			}
		}
		got, err := Stationary(scaled)
		if err != nil {
			t.Fatalf("Q × %g: %v", s, err)
		}
		for i := range want {
			if math.Abs(got[i]-want[i]) > 1e-9 {
				t.Errorf("Q × %g: π = %v, want %v", s, got, want)
				break
			}
		}
	}
}

// TestSampleBounds checks that sample counts beyond MaxSamples (Analyse)
// and MaxCrossCheckSamples (CrossCheck) are refused before any work, with
// a *param.Error naming the option.
func TestSampleBounds(t *testing.T) {
	q := mustQuad(t, [][]float64{{1, 0}, {0, 2}}, 1)
	rd := Model{Landscape: q, Basins: q, Noise: radialPareto(t, 2, 1.5, nil), B: 0.6}
	_, err := Analyse(context.Background(), rd, Options{Samples: MaxSamples + 1})
	if pe := param.As(err); pe == nil || pe.Name != "theory.Options.Samples" {
		t.Errorf("Analyse, Samples = MaxSamples+1: error %v, want a *param.Error named theory.Options.Samples", err)
	}
	for _, n := range []int{1, MaxCrossCheckSamples + 1} {
		_, _, err := CrossCheck(context.Background(), threeWells(t, 1.5, 0.26), n, 1)
		if pe := param.As(err); pe == nil || pe.Name != "theory.CrossCheck.samples" {
			t.Errorf("CrossCheck, samples = %d: error %v, want a *param.Error named theory.CrossCheck.samples", n, err)
		}
	}
}
