package rare

import (
	"math"

	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/param"
)

// Rule is the design rule: it reads the burn-in, the warm-up, the window
// and the threshold γ off the landscape's own dynamics around the minimum
// the windows start from, so that no constant is tuned to a landscape.
//
// A window started at rest at the minimum m has a low hazard at first and
// reaches the quasi-stationary hazard r only after two memories have been
// filled (see Estimate for how r becomes a mean exit time):
//
//   - the J-jump sequences: an exit at t uses J jumps spread over at most
//     the flow span D_J (FlowSpan), so the windows' exit-counting interval
//     must start D_J after the importance-sampled part does, and those
//     jumps must lie inside the part where B is counted;
//   - the displacement that the noises below γ keep up around m: the flow
//     brings a displacement of γ, the largest of them, back to ε·γ in the
//     return time T_w (FlowTime; ln(1/ε)/f″(m) under the linearised flow),
//     after which the start at rest has a relative effect of about ε on the
//     state, and at most about that on the hazard.
//
// The rule (times in units of 1/η):
//
//	γ   = GammaFraction · s  (J ≥ 2),  s/2  (J = 1);   s = min over the J-sides of r_side − (J−1)b
//	T_w = max over both sides of the flow time from γ to ε·γ, ε = RelaxTol   (Design.Warmup, under P)
//	T_0 = D_J + 1/f″(m)                  (Design.Burn; D_J the largest FlowSpan over the J-sides)
//	T   = T_0 + L,   L = argmin (T_w + T_0 + L)·(T_0 + L)^J / L,  L ≥ (T_w + T_0)/8
//	w   = Weight
//
// On the line the J-sides are the exitable sides of the basin whose distance r_side
// from m needs exactly J jumps, ⌈r_side/b⌉ = J (1 when b = ∞); exits across
// the other sides are O(λ(η)) rarer. γ: every jump of a J-jump exit is at
// least the slack s (WSC 2023, section 4.2), so γ just below s keeps those
// exits in B while P(B)/p ∝ γ^{−αJ} stays as small as it can; the default
// 0.9 was measured at the point P (DefaultDesign). The margin s − γ is
// what the bulk noise must bridge for an exit to happen with fewer than J
// big noises (outside B). For J ≥ 2 such an exit still has J − 1 big
// noises, and the likelihood ratio stopped at the exit weighs it
// O(λ(η)^{J−1}) (window.likelihood), so it adds O(p²) to the second moment
// whatever the margin. For J = 1 it has none, weighs O(1) (up to 1/w), and
// only a margin that needs a second noise of size O(1) keeps it rare: γ = s/2,
// the bound s/(J+1) of WSC 2023, section 4.2. (Measured on a J = 1 well with
// α = 3 at η = 0.05: with γ = 0.9s, 11-12% of the counted probability came
// from exits outside B and the effective sample size was 86 of 10^5
// windows; with γ = s/2, 4% and 654.) T: with the warm-up
// under P, P(B) ∝ (T_0 + L)^J, the counted probability ∝ L and the steps per
// window ∝ T_w + T_0 + L, so the work-normalised variance of the rate is
// proportional to the function L minimises; the floor keeps the counting
// interval long enough for the hazard-ratio diagnostic to see a trend, and
// matters only for J = 1, where T_0 = 0 and the minimum lies at L → 0.
//
// The burn-in's margin 1/f″(m) beyond D_J is for finite η, where the bulk
// noise stretches the sequences: at the point P (paper-1d, α = 1.5,
// b = 0.25, D_3 = 0.39) at η = 10^−2, 99% of the counted exits had
// sequences shorter than 0.63 and 99.9% shorter than 0.97; with T_0 = D_3 the
// exits whose sequence began in the warm-up (drawn under P, weighing up to
// 1/w) made 38% of the estimate and the effective number of exits was 7 of
// 2·10^6 windows; with T_0 = D_3 + 1/f″ = 0.85, 0% and 104 (and 627 with
// T_0 = 0.6).
//
// # In R^d
//
// The same rule, with each quantity read off the landscape around the
// minimum m in every direction (vectorBasis):
//
//	s   = r − (J−1)b,  r = dist(m, ∂Ω)     (the worst direction: the nearest boundary point)
//	T_w = max over directions θ of the flow time from m + γθ to the ball ‖y − m‖ ≤ εγ
//	T_0 = D_J + 1/λ_min                    (λ_min the smallest eigenvalue of ∇²f(m))
//
// with D_J the longest J-jump exit sequence found by a search over jump
// directions and times (vectorFlowSpan), and the at-rest ball ‖y − m‖ ≤ γ
// in place of the interval |y − m| ≤ γ. Two things the line guarantees
// need a contracting flow in R^d, (y − m)·∇f(y) ≥ 0 in the tube
// ‖y − m‖ < r (Basis.Contracting): that every jump of a J-jump exit is at
// least s (the remaining jumps must carry the path from inside the ball of
// radius r to the boundary, and the flow only brings it closer to m), and
// that an exit path does not come back into the at-rest ball between its
// jumps (ExitSample.Seq is then its memory). Without contraction the rule
// keeps γ (the estimator is unbiased for any γ: exits with a smaller jump
// cost variance, which OutsideB, MaxShare and ESS measure) and replays
// every counted exit instead of trusting the at-rest ball
// (Design.ReplayAll). D_J and T_w come from searches over finitely many
// directions and can fall short of the true suprema: the transient checks
// (HazardRatio, TransientBias) and Run's lengthening are what catch that.
//
// The rule is a model: at finite η the exits' sequences can last longer
// than D_J and the relaxation away from m is slower where the flow is
// slower. Diagnostics checks a design against
// what its own windows show, and Run lengthens T_w and T_0 until the checks
// pass.
type Rule struct {
	// GammaFraction is γ/s, in (0, 1).
	GammaFraction float64 `json:"gamma_fraction"`
	// Weight is the defensive weight w ∈ (0, 1).
	Weight float64 `json:"weight"`
	// RelaxTol is ε ∈ (0, 1): the warm-up lasts until the flow has brought a
	// displacement γ back to ε·γ (ln(1/ε) relaxation times 1/f″(m) in a
	// quadratic well).
	RelaxTol float64 `json:"relax_tol"`
}

// singleJumpGammaFraction is γ/s for J = 1: the bound s/(J+1) of WSC 2023,
// section 4.2, below which an exit without a big noise needs at least two
// noises of size O(1) (see Rule).
const singleJumpGammaFraction = 0.5

// DefaultRule is the rule with γ = 0.9·s, w = 0.05 (both measured at the
// point P, see DefaultDesign) and ε = 0.02 (ln 50 = 3.9 relaxation times of
// warm-up in a quadratic well), so that what the start at rest leaves of
// the small-noise displacement is 2% of it, below the few-percent
// precision of a typical estimate.
var DefaultRule = Rule{GammaFraction: DefaultGammaFraction, Weight: DefaultWeight, RelaxTol: 0.02}

// Basis is what Rule.Design read off the landscape, reported with every
// result so that a design can be traced to its causes.
type Basis struct {
	// J is the number of jumps the design conditions on.
	J int `json:"j"`
	// Minimum is m, the minimum of the basin of the start.
	Minimum []float64 `json:"minimum"`
	// Curvature is f″(m) on the line and λ_min, the smallest eigenvalue
	// of ∇²f(m), in R^d; RelaxTime is its inverse, the relaxation time of
	// the slowest direction of the linearised flow, in units of 1/η.
	Curvature float64 `json:"curvature"`
	RelaxTime float64 `json:"relax_time"`
	// ReturnTime is the warm-up T_w: the longest time the flow takes, over
	// the sides of m (the directions from m in R^d), to bring a
	// displacement of γ back to RelaxTol·γ (FlowTime; ln(1/ε)/f″(m) in a
	// quadratic well).
	ReturnTime float64 `json:"return_time"`
	// Sides lists the exitable sides of the basin that need exactly J
	// jumps (on the line; absent in R^d).
	Sides []Side `json:"sides,omitempty"`
	// Distance is r, the distance from m to the nearest boundary point
	// that J jumps reach: the nearest J-side on the line, dist(m, ∂Ω) in
	// R^d.
	Distance float64 `json:"distance"`
	// Slack is s, the smallest slack r − (J−1)b; FlowSpan is D_J, the
	// longest J-jump exit sequence (the largest FlowSpan over the
	// J-sides on the line; vectorFlowSpan in R^d).
	Slack    float64 `json:"slack"`
	FlowSpan float64 `json:"flow_span"`
	// Contracting reports that the flow contracts towards m in the tube
	// ‖y − m‖ < r, (y − m)·∇f(y) ≥ 0 (always on the line): the condition
	// for the slack bound on the jumps and for the at-rest ball (see Rule).
	Contracting bool `json:"contracting"`
	// Directions is the number of rays from m along which the boundary
	// was located and JDirections the number of them whose boundary needs
	// exactly J jumps (R^d only).
	Directions  int `json:"directions,omitempty"`
	JDirections int `json:"j_directions,omitempty"`
}

// Side is one exitable side of a basin on the line that needs exactly J
// jumps.
type Side struct {
	// Boundary is the boundary point crossed (a saddle, or an open end of
	// the domain).
	Boundary float64 `json:"boundary"`
	// Distance is r_side = |Boundary − m|, Slack r_side − (J−1)b and
	// FlowSpan D_J for this side (FlowSpan).
	Distance float64 `json:"distance"`
	Slack    float64 `json:"slack"`
	FlowSpan float64 `json:"flow_span"`
}

// Validate reports whether r can be used. Errors are *param.Error naming
// rare.Rule.GammaFraction, rare.Rule.Weight or rare.Rule.RelaxTol.
func (r Rule) Validate() error {
	switch {
	case !(r.GammaFraction > 0 && r.GammaFraction < 1):
		return param.Errorf("rare.Rule.GammaFraction", "must be in (0, 1), got %v", r.GammaFraction)
	case !(r.Weight > 0 && r.Weight < 1):
		return param.Errorf("rare.Rule.Weight", "must be in (0, 1), got %v", r.Weight)
	case !(r.RelaxTol > 0 && r.RelaxTol < 1):
		return param.Errorf("rare.Rule.RelaxTol", "must be in (0, 1), got %v", r.RelaxTol)
	}
	return nil
}

// Design returns the design of the rule for windows started at start in
// system sys (any dimension), conditioned on j jumps (J of docs/theory.md
// §5.1 and §9.2, which the caller takes from the theory: this package
// computes no prediction), and the basis it was read from: on the line
// when the system has the one-dimensional fast path of package mc (a
// landscapes.Curve with a landscapes.Structure), otherwise in R^d.
//
// Errors are *param.Error: those of Validate, mc.System.Validate and
// mc.NewSuppliedExit (the start), rare.Plan.J (j < 1, or no exitable side,
// or ray, needs exactly j jumps), rare.Plan.Start and rare.Plan.System
// (see lineBasis and vectorBasis), and those of FlowSpan.
func (r Rule) Design(sys mc.System, start []float64, j int) (Design, Basis, error) {
	if err := r.Validate(); err != nil {
		return Design{}, Basis{}, err
	}
	exit, err := mc.NewSuppliedExit(sys, start)
	if err != nil {
		return Design{}, Basis{}, err
	}
	if j < 1 {
		return Design{}, Basis{}, param.Errorf("rare.Plan.J", "must be ≥ 1, got %d", j)
	}
	frac := r.GammaFraction
	if j == 1 {
		frac = min(frac, singleJumpGammaFraction)
	}
	var (
		basis Basis
		warm  float64
	)
	if c, st, ok := lineOf(sys); ok {
		if basis, err = lineBasis(c, st, sys.B, start[0], j); err != nil {
			return Design{}, Basis{}, err
		}
		if warm, err = lineReturnTime(c, st, basis.Minimum[0], frac*basis.Slack, r.RelaxTol); err != nil {
			return Design{}, Basis{}, err
		}
	} else {
		var g *rays
		if basis, g, err = vectorBasis(sys, exit.Basin(), j); err != nil {
			return Design{}, Basis{}, err
		}
		_, vmin, err := smallestCurvature(sys.Landscape, basis.Minimum)
		if err != nil {
			return Design{}, Basis{}, err
		}
		warm = vectorReturnTime(sys, g, vmin, frac*basis.Slack, r.RelaxTol)
	}
	basis.ReturnTime = warm
	burn := basis.FlowSpan + basis.RelaxTime
	d := Design{
		J:         j,
		Gamma:     frac * basis.Slack,
		Window:    burn + countingLength(warm, burn, j),
		Burn:      burn,
		Warmup:    warm,
		Weight:    r.Weight,
		ReplayAll: !basis.Contracting,
	}
	return d, basis, nil
}

// countingLength returns the length L of the exit-counting interval that
// minimises g(L) = (T_w + T_0 + L)·(T_0 + L)^J / L over L ≥ (T_w + T_0)/8
// (see Rule): g is convex in log L there, so a golden-section search in
// log L over [floor, 64·floor] finds it.
func countingLength(warm, burn float64, j int) float64 {
	floor := (warm + burn) / 8
	if !(floor > 0) {
		return 1 // nothing to relax: any positive length (unreachable with f″ finite)
	}
	g := func(lnL float64) float64 {
		l := math.Exp(lnL)
		return math.Log(warm+burn+l) + float64(j)*math.Log(burn+l) - lnL
	}
	a, b := math.Log(floor), math.Log(64*floor)
	const phi = 0.6180339887498949
	c, d := b-phi*(b-a), a+phi*(b-a)
	for range 80 {
		if g(c) <= g(d) {
			b, d = d, c
			c = b - phi*(b-a)
		} else {
			a, c = c, d
			d = a + phi*(b-a)
		}
	}
	return math.Exp((a + b) / 2)
}
