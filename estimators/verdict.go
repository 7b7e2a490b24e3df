package estimators

import (
	"fmt"

	"gonum.org/v1/gonum/stat/distuv"
)

// VerdictKind is the answer a step-size ladder gives about a predicted limit.
type VerdictKind int

// The verdicts, from "the theory does not say" to "the theory is wrong here".
const (
	// NotApplicable: the theory makes no prediction (decided upstream,
	// before anything is simulated: r/b at an integer, J beyond a cap, q
	// zero or not finite, light-tailed noise).
	NotApplicable VerdictKind = iota
	// Converges: the last rung is within the tolerance band with its CI,
	// and either the rung before it is too or the trend towards the limit is
	// significant; nothing contradicts the limit.
	Converges
	// NotYetConverged: consistent with the limit, not (yet) within the band;
	// the verdict carries the step size and cost the trend calls for.
	NotYetConverged
	// Inconsistent: the trend moves away from the limit, or the model-robust
	// interval for the limit excludes it.
	Inconsistent
)

var verdictNames = [...]string{"not_applicable", "converges", "not_yet_converged", "inconsistent"}
var verdictPhrases = [...]string{"not applicable", "converges", "consistent, not yet converged", "inconsistent"}

// String returns the verdict in words ("consistent, not yet converged").
func (k VerdictKind) String() string {
	if k < 0 || int(k) >= len(verdictPhrases) {
		return fmt.Sprintf("VerdictKind(%d)", int(k))
	}
	return verdictPhrases[k]
}

// MarshalText encodes the verdict as an identifier ("not_yet_converged").
func (k VerdictKind) MarshalText() ([]byte, error) {
	if k < 0 || int(k) >= len(verdictNames) {
		return nil, fmt.Errorf("verdict: unknown kind %d", int(k))
	}
	return []byte(verdictNames[k]), nil
}

// UnmarshalText decodes an identifier written by MarshalText.
func (k *VerdictKind) UnmarshalText(b []byte) error {
	for i, n := range verdictNames {
		if string(b) == n {
			*k = VerdictKind(i)
			return nil
		}
	}
	return fmt.Errorf("verdict: unknown kind %q", b)
}

// RungInterval is the confidence interval of one rung's value.
type RungInterval struct {
	Lambda   float64
	Estimate float64
	Low      float64
	High     float64
	InBand   bool // [Low, High] ⊂ [L − Tol, L + Tol]
}

// ErrorRates are the verdict's stated error rates.
type ErrorRates struct {
	// Inconsistent bounds P(verdict "inconsistent") when the prediction is
	// right: the budget a (1 − Level for R; a Bonferroni share of it for one
	// cell of a landing law), spent as a/2 on the limit test and a/4 on each
	// half of the trend-away rule (see Verdict).
	Inconsistent float64
	// Converges bounds P(verdict "converges") when the last rung's true
	// value is outside the band: α/2 (exact for exponential means without
	// censoring, asymptotic otherwise).
	Converges float64
	// Assumptions under which the bounds hold.
	Assumptions string
}

// Verdict is the answer of a step-size ladder about one predicted limit L
// (R → 1 for exit times, q_ij/q_i for a landing probability), with its
// evidence. Rungs are taken in decreasing λ(η); α = 1 − Level.
//
// Rules.
//
//   - Inconsistent if the model-robust limit test (LimitTest, at level
//     1 − α/2) excludes L, or the trend moves away from L: on the rungs
//     after the Drop largest-η ones, the one-sided trend test (TrendTest)
//     says y rises as λ falls with p < α/4 while the last rung's interval at
//     level 1 − α/2 lies above L, or y falls with p < α/4 while that
//     interval lies below L.
//   - Otherwise Converges if the last rung's interval at Level lies inside
//     [L − Tol, L + Tol], either the previous rung's does too or the trend
//     towards L is significant (one-sided p < α in the direction from the
//     first tested rung towards L), and the best-fitting bias model does not
//     put the limit away from the band (BestMeetsBand). The last condition
//     keeps a ladder that is still moving fast at its end, and so may be
//     crossing the band towards another limit, from being called converged.
//   - Otherwise NotYetConverged, with the Extrapolation of where the trend
//     reaches a bias of TargetBias.
//
// Error rates. If the prediction is right (y → L), the bias is monotone in λ
// on the tested rungs, and y = L + A·λ^κ with κ in the assumed range on at
// least one of the limit test's subsets, then P(Inconsistent) ≤ α/2 (limit
// test) + α/4 (trend against the monotone direction: TrendTest) + α/4 (last
// rung on the wrong side of L) = α. Whatever the ladder, if the last rung's
// true value is outside the band, P(Converges) ≤ α/2: the interval at Level
// lies inside the band only if the one-sided test on the near side rejects
// (the two one-sided tests of equivalence testing). A verdict of Converges
// is a statement about the last rungs and the absence of contrary evidence;
// no finite ladder can exclude a limit it is crossing at its last rung.
type Verdict struct {
	Kind   VerdictKind
	Reason string // the rule that decided, with its numbers
	// Limit is the predicted limit L, [BandLow, BandHigh] = [L − Tol, L + Tol].
	Limit, BandLow, BandHigh float64
	Level                    float64
	Rungs                    int
	// Ladder holds every rung's interval at Level, in decreasing λ; Last
	// and Previous are its last two (Previous is nil with a single rung).
	Ladder    []RungInterval
	Last      RungInterval
	Previous  *RungInterval
	LimitTest LimitTest
	Trend     TrendTest
	// TowardP and AwayP are the one-sided trend p-values towards L and away
	// from it (the side of L taken from the first tested rung, and from the
	// last rung's interval at 1 − α/2 for AwayP; 1 when that interval
	// contains L).
	TowardP, AwayP float64
	// BestMeetsBand: the best-fitting bias model on the tested rungs
	// (LimitTest.Best) puts L̂ ± z_{1−α/2}·SE within reach of the band
	// (the two intervals intersect); true when no model could be fitted or
	// every κ fits exactly (two rungs).
	BestMeetsBand bool
	// Need is the extrapolation of a NotYetConverged verdict (nil otherwise,
	// or when the rungs cannot show a trend).
	Need       *Extrapolation
	ErrorRates ErrorRates
	Method     string
	Warnings   []string
}

// NotApplicableVerdict is the verdict for a case the theory does not cover,
// with the reason (decided before anything is simulated).
func NotApplicableVerdict(reason string) Verdict {
	return Verdict{Kind: NotApplicable, Reason: reason, Warnings: []string{}}
}

// verdictMethod describes the tests of a verdict, for its Method field.
const verdictMethod = "limit: union over κ∈[%g, %g] and dropping 0..%d largest-η rungs of Wald intervals of L in y = L + A·λ^κ " +
	"(IRLS, widened by the residual scale); trend: weighted linear trend of y on −log λ without the %d largest-η rungs; " +
	"last rungs: %s intervals"

// judge applies the rules of Verdict to s (rungs in decreasing λ) with
// predicted limit L and false-alarm budget a for "inconsistent" (1 − Level
// for a single quantity, less for one of several tested together); etaLast
// is the last rung's step size (0 if unknown), ciName names the rungs'
// interval method. The band intervals are at c.level whatever a is.
func judge(s series, limit, etaLast float64, c ladderConfig, a float64, ciName string) Verdict {
	v := Verdict{
		Limit: limit, BandLow: limit - c.tol, BandHigh: limit + c.tol, Level: c.level,
		Rungs: s.len(), TowardP: 1, AwayP: 1, Warnings: []string{},
		ErrorRates: ErrorRates{
			Inconsistent: a, Converges: (1 - c.level) / 2,
			Assumptions: fmt.Sprintf("inconsistent: the bias is monotone in λ on the tested rungs and decays like λ^κ with κ ∈ [%g, %g] "+
				"on the rungs of at least one subset; converges: none (the last rungs' own intervals)", c.kappaMin, c.kappaMax),
		},
	}
	n := s.len()
	drop := c.windowDrop(n)

	interval := func(k int, level float64) RungInterval {
		lo, hi := s.ci(k, level)
		return RungInterval{Lambda: s.lambda[k], Estimate: s.y[k], Low: lo, High: hi,
			InBand: v.BandLow <= lo && hi <= v.BandHigh}
	}
	v.Ladder = make([]RungInterval, n)
	for k := range v.Ladder {
		v.Ladder[k] = interval(k, c.level)
	}
	v.Last = v.Ladder[n-1]
	if n > 1 {
		p := v.Ladder[n-2]
		v.Previous = &p
	}
	v.LimitTest = limitTest(s, limit, 1-a/2, c)
	v.Method = fmt.Sprintf(verdictMethod, v.LimitTest.KappaMin, c.kappaMax, v.LimitTest.Drops, drop, ciName)
	w := s.suffix(drop)
	v.Trend = trendTest(w, drop)

	// Sides of L: the first tested rung's estimate for "towards", the last
	// rung's interval at 1 − α/2 (each tail α/4) for "away".
	switch first := w.y[0]; {
	case first < limit:
		v.TowardP = v.Trend.PUp
	case first > limit:
		v.TowardP = v.Trend.PDown
	}
	switch lo, hi := s.ci(n-1, 1-a/2); {
	case lo > limit:
		v.AwayP = v.Trend.PUp
	case hi < limit:
		v.AwayP = v.Trend.PDown
	}
	v.BestMeetsBand = true
	if b := v.LimitTest.Best; b.Limit.IsFinite() && b.DF > 0 {
		z := distuv.UnitNormal.Quantile(1 - (1-c.level)/2)
		l, se := float64(b.Limit), float64(b.LimitSE)
		v.BestMeetsBand = l-z*se <= v.BandHigh && l+z*se >= v.BandLow
	}
	if b := v.LimitTest.Best; b.AtKappaMin && b.DF > 0 {
		v.Warnings = append(v.Warnings, fmt.Sprintf("the best fit has κ at the lower end %g of the range (assumed %g, extended while the fit sat at its end): "+
			"the bias may decay more slowly still, which the limit interval cannot allow for", b.Kappa, c.kappaMin))
	}
	if d := v.LimitTest.Best.Dispersion; d > 2 {
		v.Warnings = append(v.Warnings, fmt.Sprintf("the bias model fits poorly on the tested rungs (χ²/df = %.3g): intervals widened by the residual scale", d))
	}

	switch {
	case v.LimitTest.Excluded:
		v.Kind = Inconsistent
		v.Reason = fmt.Sprintf("the limit %g is outside the model-robust interval [%.4g, %.4g] (p = %.3g)",
			limit, float64(v.LimitTest.Low), float64(v.LimitTest.High), v.LimitTest.PValue)
	case v.AwayP < a/4:
		v.Kind = Inconsistent
		v.Reason = fmt.Sprintf("trend away from %g: the last rung [%.4g, %.4g] is on one side and moves away as λ falls (p = %.3g)",
			limit, v.Last.Low, v.Last.High, v.AwayP)
	case v.Last.InBand && !v.BestMeetsBand:
		v.Kind = NotYetConverged
		v.Need = extrapolate(w, limit, etaLast, c, v.LimitTest.KappaMin)
		b := v.LimitTest.Best
		v.Reason = fmt.Sprintf("the last rung [%.4g, %.4g] is inside [%.4g, %.4g] but the best-fitting trend (κ = %.3g) extrapolates to %.4g ± %.2g: still moving",
			v.Last.Low, v.Last.High, v.BandLow, v.BandHigh, b.Kappa, float64(b.Limit), float64(b.LimitSE))
	case v.Last.InBand && v.Previous != nil && v.Previous.InBand:
		v.Kind = Converges
		v.Reason = fmt.Sprintf("the last two rungs, [%.4g, %.4g] and [%.4g, %.4g], are inside [%.4g, %.4g]",
			v.Previous.Low, v.Previous.High, v.Last.Low, v.Last.High, v.BandLow, v.BandHigh)
	case v.Last.InBand && v.TowardP < 1-c.level:
		v.Kind = Converges
		v.Reason = fmt.Sprintf("the last rung [%.4g, %.4g] is inside [%.4g, %.4g] and the trend towards %g is significant (p = %.3g)",
			v.Last.Low, v.Last.High, v.BandLow, v.BandHigh, limit, v.TowardP)
	default:
		v.Kind = NotYetConverged
		v.Need = extrapolate(w, limit, etaLast, c, v.LimitTest.KappaMin)
		v.Reason = notYetReason(v)
	}
	return v
}

// notYetReason words a NotYetConverged verdict.
func notYetReason(v Verdict) string {
	r := fmt.Sprintf("the last rung [%.4g, %.4g] is not inside [%.4g, %.4g]", v.Last.Low, v.Last.High, v.BandLow, v.BandHigh)
	if v.Last.InBand {
		r = fmt.Sprintf("the last rung [%.4g, %.4g] is inside [%.4g, %.4g] but neither the previous rung nor a significant trend (p = %.3g) confirms it",
			v.Last.Low, v.Last.High, v.BandLow, v.BandHigh, v.TowardP)
	}
	if e := v.Need; e != nil {
		switch {
		case e.Reached:
			r += "; the trend puts the last rung's bias within the target: more exits needed"
		case e.Eta.IsFinite():
			r += fmt.Sprintf("; the trend reaches a bias of %g near λ = %.3g (η = %.3g), range λ ∈ [%.3g, %.3g]",
				e.TargetBias, float64(e.Lambda), float64(e.Eta), float64(e.LambdaLow), float64(e.LambdaHigh))
		default:
			r += fmt.Sprintf("; the trend reaches a bias of %g near λ = %.3g, range [%.3g, %.3g]",
				e.TargetBias, float64(e.Lambda), float64(e.LambdaLow), float64(e.LambdaHigh))
		}
	}
	return r
}
