package rare

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/mc"
)

// slowWell is a landscape whose start transient lasts much longer than the
// curvature at the minimum suggests: f' = (x+0.7)(x+0.56)x(x−0.8)(x−1.9)
// from m = 0, where f″(0) = 0.596 (relaxation time 1.68) but the saddle
// −0.56 is shallow (f″ = −0.26, next to the minimum −0.7), so that the
// flow lingers there and a 3-jump exit (b = 0.25, slack 0.06) spans up to
// D_3 = 4.41 (FlowSpan). Pareto α = 1.3, c = 0.1, η = 0.02: brute force
// exits in about 9·10^3 steps.
func slowWell(t testing.TB) (mc.System, []float64) {
	t.Helper()
	l, err := landscapes.NewCriticalPoints(1, []float64{-0.7, -0.56, 0, 0.8, 1.9}, -2.5, 2.8)
	if err != nil {
		t.Fatal(err)
	}
	return lineSystem(l, l.Structure(), mustPareto(t, 1.3, 0.1, 0.5), 0.02, 0.25), []float64{0}
}

// TestShortDesignFlagged checks that the diagnostics flag a design whose
// burn-in is shorter than the start transient: shortDesign on slowWell
// (burn-in 1/f″(m) = 1.68, no warm-up), whose mean exit time is about
// twice the brute-force one (measured: 2.03·10^4 against 9.4·10^3 steps).
// TransientBias must fail (its one-sided test has false-alarm rate 0.1%
// when the bias is at most 2%). The companion: the rule's design on the
// same landscape does not fail a transient check.
func TestShortDesignFlagged(t *testing.T) {
	if raceEnabled {
		t.Skip("statistical check: nothing for the race detector to find")
	}
	sys, m := slowWell(t)
	const j = 3
	_, basis, err := DefaultRule.Design(sys, m, j)
	if err != nil {
		t.Fatal(err)
	}
	short := Config{System: sys, Start: m, Design: shortDesign(j, basis.Slack, basis.Curvature)}
	res, err := Estimate(context.Background(), short, mc.StreamKey{Seed: 3}, 100000, 0)
	if err != nil {
		t.Fatal(err)
	}
	d := res.Diagnostics
	t.Logf("short design %+v: mean %.4g, hazard ratio %.3f [%.3f, %.3f], transient bias %.3f [%.3f, %.3f], failed %v",
		res.Design, res.MeanSteps, d.HazardRatio.Value, d.HazardRatio.Low, d.HazardRatio.High,
		d.TransientBias.Value, d.TransientBias.Low, d.TransientBias.High, d.Failed)
	if !d.Warning || !slices.Contains(d.Failed, "transient_bias") || !d.Transient() {
		t.Errorf("the short design is not flagged: failed %v", d.Failed)
	}

	design, _, err := DefaultRule.Design(sys, m, j)
	if err != nil {
		t.Fatal(err)
	}
	res, err = Estimate(context.Background(), Config{System: sys, Start: m, Design: design}, mc.StreamKey{Seed: 3}, 25000, 0)
	if err != nil {
		t.Fatal(err)
	}
	d = res.Diagnostics
	t.Logf("rule design %+v: mean %.4g, hazard ratio %.3f [%.3f, %.3f], transient bias %.3f [%.3f, %.3f], failed %v",
		res.Design, res.MeanSteps, d.HazardRatio.Value, d.HazardRatio.Low, d.HazardRatio.High,
		d.TransientBias.Value, d.TransientBias.Low, d.TransientBias.High, d.Failed)
	if d.Transient() {
		t.Errorf("the rule's design fails a transient check: %v", d.Failed)
	}
}

// TestRunRefuses checks Run's typed refusals: a run too small to check its
// design (ReasonTooFewExits), and a design that is not allowed to grow
// although its pilot fails (ReasonTransient: a rule with almost no warm-up,
// ε = 0.9, and MaxStretch 1 on slowWell, whose burn-in D_3 + 1/f″ alone is
// then too short to relax the small-noise displacement).
func TestRunRefuses(t *testing.T) {
	sys, m := slowWell(t)
	plan := Plan{System: sys, Start: m, J: 3}
	_, err := Run(context.Background(), plan, mc.StreamKey{Seed: 1}, 200, 0, Budget{})
	var de *DesignError
	if !errors.As(err, &de) || de.Reason != ReasonTooFewExits {
		t.Errorf("200 windows: error %v, want a DesignError with reason %q", err, ReasonTooFewExits)
	} else {
		t.Log(err)
	}
	if raceEnabled {
		return
	}
	plan.Rule = Rule{GammaFraction: 0.9, Weight: 0.05, RelaxTol: 0.9}
	_, err = Run(context.Background(), plan, mc.StreamKey{Seed: 1}, 100000, 0, Budget{MaxStretch: 1})
	if !errors.As(err, &de) || de.Reason != ReasonTransient {
		t.Errorf("stretch budget 1: error %v, want a DesignError with reason %q", err, ReasonTransient)
	} else {
		t.Log(err)
	}
}
