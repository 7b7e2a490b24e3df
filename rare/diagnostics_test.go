package rare

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/mc"
)

// TestDiagnoseHandMade checks the diagnostics on a hand-made result: burn-in
// 10 steps (no warm-up), J = 2, and four exits, one before the burn-in
// (not counted). The counted ones have weights 1, 1, 2 (Σ = 4, Σ L² = 6):
//
//	ESS = 16/6, max share 2/4;
//	long sequences (Seq > 10): the third, S = 2/4;
//	outside B (Big < 2): the second, 1/4;
//	Q_½ (not ForgetsHalf): the second and third, 3/4; Q_¾: the third, 2/4;
//	G = Q_¾²/Q_½ = (1/4)/(3/4) = 1/3, and
//	SE(ln G)² = Σ (2a_k/A − c_k/C − L_k/4)² over k with (a, c, L) =
//	(0,0,1), (0,1,1), (2,2,2), A = 2, C = 3: (−1/4)² + (−1/3−1/4)² +
//	(2 − 2/3 − 1/2)² = 9/144 + 49/144 + 100/144 = 158/144.
func TestDiagnoseHandMade(t *testing.T) {
	res := Result{Design: Design{J: 2}, BurnSteps: 10, Level: 0.95,
		HazardRatio: Interval{Value: 1.5, SE: 0.1, Low: 1.3, High: 1.7},
		ExitLog: []ExitSample{
			{Tau: 5, LR: 100, Big: 2, Seq: 5},
			{Tau: 20, LR: 1, Big: 2, Seq: 3, ForgetsHalf: true, ForgetsQuarter: true},
			{Tau: 22, LR: 1, Big: 1, Seq: 8, ForgetsQuarter: true},
			{Tau: 30, LR: 2, Big: 3, Seq: 25},
		}}
	d := diagnose(&res)
	near := func(name string, got, want float64) {
		t.Helper()
		if math.Abs(got-want) > 1e-12 {
			t.Errorf("%s = %.15g, want %.15g", name, got, want)
		}
	}
	near("ESS", d.ESS.Value, 16.0/6)
	near("max share", d.MaxShare.Value, 0.5)
	near("long sequences", d.LongSequences.Value, 0.5)
	near("outside B", d.OutsideB.Value, 0.25)
	near("transient bias", d.TransientBias.Value, -1.0/3)
	z := distuv.UnitNormal.Quantile(0.975)
	se := math.Sqrt(158.0 / 144)
	near("transient bias low", d.TransientBias.Low, -1.0/3*math.Exp(z*se))
	// G·exp(−3.09·SE) = 0.0133 < 0.02: not significant with four exits.
	if !d.TransientBias.Pass {
		t.Error("transient bias fails on four exits")
	}
	// (1.5 − 1)/0.1 = 5 > 3.09: the hazard ratio fails.
	want := []string{"hazard_ratio", "max_share", "ess"}
	if !d.Warning || !slices.Equal(d.Failed, want) {
		t.Errorf("failed %v, want %v", d.Failed, want)
	}
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	if s := string(b); !strings.Contains(s, `"max_share":{"value":0.5,"low":null,"high":null,"limit":0.1,"pass":false}`) ||
		!strings.Contains(s, `"outside_b":{"value":0.25,`) || !strings.Contains(s, `"limit":null`) {
		t.Errorf("JSON: %s", s)
	}
}

// TestDiagnoseNoExit checks that a result without counted exits fails ESS
// only, and encodes.
func TestDiagnoseNoExit(t *testing.T) {
	nan := math.NaN()
	res := Result{Design: Design{J: 2}, BurnSteps: 10, Level: 0.95,
		HazardRatio: Interval{Value: nan, SE: nan, Low: nan, High: nan}}
	d := diagnose(&res)
	if !slices.Equal(d.Failed, []string{"max_share", "ess"}) {
		t.Errorf("failed %v", d.Failed)
	}
	if _, err := json.Marshal(d); err != nil {
		t.Error(err)
	}
}

// TestRestartFromStartReproduces checks the replay against the windows
// themselves: restarted at rest at step 0 (X_0 = m = start) with its own
// recorded noises, every window that exited must exit at the same step,
// and the recorded noises must be one per step.
func TestRestartFromStartReproduces(t *testing.T) {
	cfg := fastConfig(t, mustPareto(t, 1.5, 0.3, 0.5))
	cfg.Warmup = 0.5
	s, _, err := newWindow(cfg)
	if err != nil {
		t.Fatal(err)
	}
	line := cfg.Landscape.(landscapes.Line)
	st := cfg.Basins.(landscapes.Structure)
	lo, hi := line.Domain()
	left, right := st.Interval(st.Basin(cfg.Start[0]))
	ws := s.newWorkspace()
	restart := s.exit.Clone()
	key := mc.StreamKey{Seed: 2}
	var rec []float64
	exits := 0
	for k := range 20000 {
		rec = rec[:0]
		o := s.run(ws, key.Rand(k), &rec)
		if o.tau == 0 {
			if int64(len(rec)) != s.warm+s.n {
				t.Fatalf("window %d: %d noises recorded for %d steps", k, len(rec), s.warm+s.n)
			}
			continue
		}
		exits++
		if int64(len(rec)) != o.tau {
			t.Fatalf("window %d: %d noises recorded for an exit at %d", k, len(rec), o.tau)
		}
		// Exactly at τ: the same path, step for step, by the scalar step
		// of package mc (an independent reference for the kernel).
		x := s.home[0]
		tau := int64(0)
		for i, z := range rec {
			x = mc.Step(x, line.Deriv(x), z, cfg.Eta, cfg.B, lo, hi)
			if x < left || x >= right {
				tau = int64(i) + 1
				break
			}
		}
		if tau != o.tau || !s.restartReproduces(restart, make([]float64, 1), rec, 0, o.tau) {
			t.Fatalf("window %d: replay exits at %d, window at %d", k, tau, o.tau)
		}
	}
	if exits < 20 {
		t.Fatalf("only %d exits: the test would be vacuous", exits)
	}
}

// TestRunWorkerInvariance checks that Run (pilots and main run, with the
// replays of markMemory) gives the same outcome for every worker count.
func TestRunWorkerInvariance(t *testing.T) {
	sys := quadraticSystem(t, mustLomax(t, 1.5, 0.3, 0.7), 0.1, 1)
	plan := Plan{System: sys, Start: []float64{0}, J: 2}
	var first string
	for i, w := range []int{1, 3} {
		out, err := Run(context.Background(), plan, mc.StreamKey{Seed: 4}, 40000, w, Budget{PilotSamples: 20000})
		if err != nil {
			t.Fatal(err)
		}
		got := fmt.Sprint(out)
		if i == 0 {
			first = got
			if out.Result.Exits == 0 {
				t.Fatal("no exits: the test would be vacuous")
			}
			continue
		}
		if got != first {
			t.Errorf("workers = %d: outcome differs from workers = 1", w)
		}
	}
}
