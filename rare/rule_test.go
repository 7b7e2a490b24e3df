package rare

import (
	"context"
	"math"
	"testing"

	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/param"
)

// TestRuleDesignQuadratic checks the rule on the section-8 fixture f = x²/2,
// basin (−2.1, 1.5), b = 1, J = 2: only the right side needs 2 jumps
// (⌈1.5/1⌉ = 2, ⌈2.1/1⌉ = 3), so s = 0.5, γ = 0.9·0.5, D_2 = ln(b/s) = ln 2,
// f″ = 1, T_0 = ln 2 + 1; the return time from γ = 0.45 to 0.02·γ is
// ln 50 on both sides (quadratic); and L minimises
// g(L) = (T_w + T_0 + L)(T_0 + L)²/L, so g'(L) = 0 there:
// 1/(T_w + T_0 + L) + 2/(T_0 + L) = 1/L (L is above its floor).
func TestRuleDesignQuadratic(t *testing.T) {
	sys := quadraticSystem(t, mustPareto(t, 1.5, 0.1, 0.5), 0.01, 1)
	d, basis, err := DefaultRule.Design(sys, []float64{0}, 2)
	if err != nil {
		t.Fatal(err)
	}
	close := func(name string, got, want float64) {
		t.Helper()
		if math.Abs(got-want) > 1e-6*math.Max(1, math.Abs(want)) {
			t.Errorf("%s = %.9g, want %.9g", name, got, want)
		}
	}
	if len(basis.Sides) != 1 || basis.Sides[0].Boundary != 1.5 {
		t.Fatalf("sides %+v, want the right end 1.5 only", basis.Sides)
	}
	close("slack", basis.Slack, 0.5)
	close("gamma", d.Gamma, 0.45)
	close("flow span", basis.FlowSpan, math.Ln2)
	close("burn", d.Burn, math.Ln2+1)
	close("warm-up", d.Warmup, math.Log(50))
	l := d.Window - d.Burn
	tw, t0 := d.Warmup, d.Burn
	if floor := (tw + t0) / 8; l > floor*(1+1e-9) {
		if r := 1/(tw+t0+l) + 2/(t0+l) - 1/l; math.Abs(r)*l > 1e-6 {
			t.Errorf("counting length %v is not stationary for g: g'·L = %v", l, r*l)
		}
	}
	if d.Weight != DefaultWeight || d.J != 2 {
		t.Errorf("design %+v", d)
	}
	if err := d.Validate(); err != nil {
		t.Error(err)
	}
}

// TestRuleSingleJump checks γ = s/2 for J = 1 (b = ∞: s = r = 1.5 to the
// right, 2.1 to the left; the nearer side, 1.5, is the one J = 1 crosses
// first, but both need one jump, so s is the smaller slack 1.5 and the
// flow span 0).
func TestRuleSingleJump(t *testing.T) {
	sys := quadraticSystem(t, mustPareto(t, 1.5, 0.1, 0.5), 0.01, math.Inf(1))
	d, basis, err := DefaultRule.Design(sys, []float64{0}, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(basis.Sides) != 2 || basis.Slack != 1.5 || basis.FlowSpan != 0 || d.Gamma != 0.75 || d.Burn != 1 {
		t.Errorf("basis %+v, design %+v; want both sides, s = 1.5, γ = 0.75, T_0 = 1/f″ = 1", basis, d)
	}
}

// TestRuleErrors checks that bad input names the field.
func TestRuleErrors(t *testing.T) {
	sys := quadraticSystem(t, mustPareto(t, 1.5, 0.1, 0.5), 0.01, 1)
	for _, c := range []struct {
		name  string
		rule  Rule
		start float64
		j     int
		want  string
	}{
		{"gamma fraction", Rule{GammaFraction: 1, Weight: 0.05, RelaxTol: 0.02}, 0, 2, "rare.Rule.GammaFraction"},
		{"weight", Rule{GammaFraction: 0.9, Weight: 0, RelaxTol: 0.02}, 0, 2, "rare.Rule.Weight"},
		{"relax", Rule{GammaFraction: 0.9, Weight: 0.05, RelaxTol: 1}, 0, 2, "rare.Rule.RelaxTol"},
		{"no side needs j", DefaultRule, 0, 4, "rare.Plan.J"},
		{"j = 0", DefaultRule, 0, 0, "rare.Plan.J"},
		{"start outside", DefaultRule, 7, 2, "mc.SuppliedExit.Start"},
	} {
		_, _, err := c.rule.Design(sys, []float64{c.start}, c.j)
		if pe := param.As(err); pe == nil || pe.Name != c.want {
			t.Errorf("%s: error %v, want a *param.Error naming %s", c.name, err, c.want)
		}
	}
}

// TestStretch checks that Design.Stretch scales the warm-up and burn-in and
// re-optimises the counting length, and that a stretch of 1 reproduces the
// rule's design.
func TestStretch(t *testing.T) {
	sys := quadraticSystem(t, mustPareto(t, 1.5, 0.1, 0.5), 0.01, 1)
	d, _, err := DefaultRule.Design(sys, []float64{0}, 2)
	if err != nil {
		t.Fatal(err)
	}
	if s := d.Stretch(1); s != d {
		t.Errorf("Stretch(1) = %+v, want %+v", s, d)
	}
	s := d.Stretch(2)
	if s.Warmup != 2*d.Warmup || s.Burn != 2*d.Burn || s.Window-s.Burn != countingLength(s.Warmup, s.Burn, 2) {
		t.Errorf("Stretch(2) = %+v from %+v", s, d)
	}
}

// TestRunNoPilot checks Budget.PilotSamples = NoPilot: no pilot runs, the
// rule's design is the main run's (stretch 1), and the main run is the one
// a pilot-free Estimate of that design gives.
func TestRunNoPilot(t *testing.T) {
	sys := quadraticSystem(t, mustPareto(t, 1.5, 0.5, 0.5), 0.05, 1)
	plan := Plan{System: sys, Start: []float64{0}, J: 2}
	out, err := Run(context.Background(), plan, mc.StreamKey{Seed: 3}, 4000, 1, Budget{PilotSamples: NoPilot})
	if err != nil {
		t.Fatal(err)
	}
	d, _, err := DefaultRule.Design(sys, []float64{0}, 2)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Estimate(context.Background(), Config{System: sys, Start: []float64{0}, Design: d}, mc.StreamKey{Seed: 3}, 4000, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Pilots) != 0 || out.PilotSteps != 0 || out.Stretch != 1 || out.Result.Design != d || out.Result.MeanSteps != res.MeanSteps {
		t.Errorf("outcome %+v (pilots %d), want the design's own run (mean %v)", out.Result.Design, len(out.Pilots), res.MeanSteps)
	}
	if _, err := Run(context.Background(), plan, mc.StreamKey{Seed: 3}, 4000, 1, Budget{PilotSamples: -2}); err == nil {
		t.Error("PilotSamples = −2 accepted")
	}
}
