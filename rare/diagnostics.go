package rare

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// Thresholds of the diagnostics (see Diagnostics for the reasons).
const (
	// DiagnosticAlpha is the false-alarm rate of each one-sided test of
	// Diagnostics when the design is right: 0.001.
	DiagnosticAlpha = 0.001
	// MaxTransientBias is the largest transient bias of the rate that
	// TransientBias lets pass: 2%.
	MaxTransientBias = 0.02
	// MaxWeightShare is the largest share of Σ L that one window may carry.
	MaxWeightShare = 0.1
	// MinESS is the smallest acceptable effective number of counted exits.
	MinESS = 100
)

// Check is one diagnostic: a value, its CI at the result's level where it
// has one (NaN, null in JSON, where it has none), the limit it is held to
// (NaN for an informational check) and the verdict.
type Check struct {
	// Value is the diagnostic's estimate.
	Value float64 `json:"value"`
	// Low and High are the ends of its CI (NaN when it has none).
	Low  float64 `json:"low"`
	High float64 `json:"high"`
	// Limit is the bound the test holds it to.
	Limit float64 `json:"limit"`
	// Pass is the verdict.
	Pass bool `json:"pass"`
}

// Diagnostics says whether a result can be trusted: whether the windows'
// hazard had reached its quasi-stationary value by the counting interval
// (HazardRatio, TransientBias), and whether the likelihood ratios are
// spread over enough windows for the normal-theory CI to mean what it says
// (MaxShare, ESS). Warning is set when any of these four fails; Failed
// names them. LongSequences and OutsideB are informational: they explain
// a failure of MaxShare or ESS. Every Result carries its Diagnostics
// (Estimate), and Run lengthens a design until a pilot's transient checks
// pass.
//
// The counted exits are those in (W + n_0, W + n] (Estimate), exit k at
// step τ_k with likelihood ratio L_k; the sums below run over them. A share
// S = Σ_{k∈A} L_k / Σ L_k has the SE of a ratio of means over windows,
// SE(S) = √(Σ (a_k − S·L_k)²)/Σ L_k with a_k = L_k·1{k ∈ A} (linearisation).
type Diagnostics struct {
	// HazardRatio is the hazard in the second half of the counting interval
	// over that in the first (Result.HazardRatio, delta-method CI). A start
	// at rest makes the hazard rise towards r, so a ratio above 1 says the
	// counting interval starts before the transient is over. It fails when
	// (ratio − 1)/SE > z_{1−α}, α = DiagnosticAlpha: a one-sided test with
	// false-alarm rate 0.1% when the hazard is flat. Limit is 1.
	HazardRatio Check `json:"hazard_ratio"`
	// TransientBias estimates the relative bias −G(a) of the rate that the
	// start at rest leaves, by extrapolating the memory of the exits.
	// G(t) is the quasi-stationary share of exits whose memory exceeds t:
	// that would not happen if the path were put at rest t steps before.
	// A window of age a at its exit (a = τ, the window started at rest at
	// 0) misses those with memory beyond a, so its hazard is r·(1 − G(a)).
	// The counted exits show two points of the tail, by replaying each exit
	// from rest at ⌈τ/2⌉ and at ⌈τ/4⌉ with its own noises
	// (ExitSample.ForgetsHalf, ForgetsQuarter):
	//
	//	Q_½ = Σ L_k·1{not ForgetsHalf_k} / Σ L_k     ≈ G(a/2),
	//	Q_¾ = Σ L_k·1{not ForgetsQuarter_k} / Σ L_k  ≈ G(3a/4),
	//
	// (to a factor 1 − G(a) ≈ 1), and a tail that is exponential from a/2
	// on (the small-noise displacement relaxes like exp(−f″(m)t)) gives
	//
	//	G(a) = G(3a/4)² / G(a/2) ≈ Q_¾² / Q_½.
	//
	// A memory of bounded length, as the J-jump sequences have in the limit
	// η → 0 (FlowSpan), shows as Q_¾ ≪ Q_½ and gives about 0; one that has
	// not decayed by the counting interval gives Q_¾ ≈ Q_½ and a large bias.
	// A tail heavier than exponential would make the formula understate
	// the bias, which HazardRatio checks independently. Value is −G(a); the
	// CI is normal on ln G(a), whose linearisation over windows is
	// Σ_k (2a_k/A − c_k/C − L_k/Σ L)² with a_k, c_k the terms of Q_¾, Q_½
	// and A, C their sums. It fails when G(a)·exp(−z_{1−α}·SE(ln G(a)))
	// exceeds MaxTransientBias (2%, below the precision of a typical
	// estimate): the data show, at false-alarm rate α = 0.1%, a bias above
	// 2% (at most 0.1%, since the extrapolation overstates a bounded
	// memory). Limit is −MaxTransientBias.
	TransientBias Check `json:"transient_bias"`
	// MaxShare is the largest single window's share of Σ L_k. If one window
	// carries more than MaxWeightShare (10%) of the estimate, dropping it
	// would move the estimate by more than 10%, and the sample variance,
	// which rests on a handful of windows, does not describe the
	// uncertainty. No CI: it describes the weights drawn.
	MaxShare Check `json:"max_share"`
	// ESS is the effective number of counted exits (Σ L_k)²/Σ L_k² (Kish):
	// the relative SE of the rate is about 1/√ESS, so ESS ≥ MinESS = 100
	// keeps it below 10% and the normal CI within about ±20%, where its
	// coverage for such skewed weights is adequate; fewer effective exits
	// make the CI a guess. No CI: it describes the weights drawn.
	ESS Check `json:"ess"`
	// LongSequences is the share of the counted probability whose memory
	// Seq exceeds the burn-in n_0, with its CI (informational). Such exits
	// began their jump sequence before the importance-sampled part's
	// counting could see all of it: those that began in the warm-up were
	// drawn under P and weigh up to 1/w, which shows in MaxShare and ESS.
	// A burn-in at least as long as the memory keeps it near 0.
	LongSequences Check `json:"long_sequences"`
	// OutsideB is the share of the counted probability from exits with
	// fewer than J big noises in the importance-sampled part, with its CI
	// (informational): drawn mostly from the component w·P, they weigh up
	// to 1/w. A large share means γ is too large for this η, or the burn-in
	// too short (LongSequences); it costs variance, not bias.
	OutsideB Check `json:"outside_b"`
	// Warning reports that at least one of HazardRatio, TransientBias,
	// MaxShare and ESS failed: the estimate may be wrong or its CI too
	// narrow.
	Warning bool `json:"warning"`
	// Failed names the failed checks (JSON names), in the order above.
	Failed []string `json:"failed"`
}

// Transient reports whether a check that a longer design can cure failed:
// HazardRatio or TransientBias.
func (d Diagnostics) Transient() bool { return !d.HazardRatio.Pass || !d.TransientBias.Pass }

// transientCheck returns Diagnostics.TransientBias for the counted exits
// of res (those after step counted).
func transientCheck(res *Result, counted int64, zCI, zTest float64) Check {
	var sum, a, c float64
	for _, e := range res.ExitLog {
		if e.Tau <= counted {
			continue
		}
		sum += e.LR
		if !e.ForgetsQuarter {
			a += e.LR
		}
		if !e.ForgetsHalf {
			c += e.LR
		}
	}
	nan := math.NaN()
	switch {
	case !(sum > 0):
		return Check{Value: nan, Low: nan, High: nan, Limit: -MaxTransientBias, Pass: true}
	case !(a > 0):
		// No exit remembers three quarters of its window.
		return Check{Value: 0, Low: 0, High: 0, Limit: -MaxTransientBias, Pass: true}
	}
	g := (a / sum) * (a / sum) / (c / sum) // Q_¾²/Q_½ (c ≥ a: what survives τ/4 survives τ/2 … nearly)
	var v float64
	for _, e := range res.ExitLog {
		if e.Tau <= counted {
			continue
		}
		var ak, ck float64
		if !e.ForgetsQuarter {
			ak = e.LR
		}
		if !e.ForgetsHalf {
			ck = e.LR
		}
		d := 2*ak/a - ck/c - e.LR/sum
		v += d * d
	}
	se := math.Sqrt(v)
	return Check{Value: -g, Low: -g * math.Exp(zCI*se), High: -g * math.Exp(-zCI*se),
		Limit: -MaxTransientBias, Pass: !(g*math.Exp(-zTest*se) > MaxTransientBias)}
}

// diagnose computes the diagnostics of res from its exit log (the counted
// exits are those after res.WarmupSteps + res.BurnSteps) at the CI level
// of res.
func diagnose(res *Result) Diagnostics {
	nan := math.NaN()
	zCI := distuv.UnitNormal.Quantile(1 - (1-res.Level)/2)
	zTest := distuv.UnitNormal.Quantile(1 - DiagnosticAlpha)
	burn := res.WarmupSteps + res.BurnSteps

	var c1, c2, cMax float64
	for _, e := range res.ExitLog {
		if e.Tau <= burn {
			continue
		}
		c1 += e.LR
		c2 += e.LR * e.LR
		cMax = math.Max(cMax, e.LR)
	}
	// share returns S = Σ_{k∈A} L_k / Σ L_k over the counted exits and its
	// linearisation SE.
	share := func(in func(ExitSample) bool) (s, se float64) {
		if !(c1 > 0) {
			return nan, nan
		}
		var a float64
		for _, e := range res.ExitLog {
			if e.Tau > burn && in(e) {
				a += e.LR
			}
		}
		s = a / c1
		var v float64
		for _, e := range res.ExitLog {
			if e.Tau <= burn {
				continue
			}
			ak := 0.0
			if in(e) {
				ak = e.LR
			}
			d := ak - s*e.LR
			v += d * d
		}
		return s, math.Sqrt(v) / c1
	}
	informational := func(s, se float64) Check {
		return Check{Value: s, Low: math.Max(s-zCI*se, 0), High: math.Min(s+zCI*se, 1), Limit: nan, Pass: true}
	}

	var d Diagnostics
	hr := res.HazardRatio
	d.HazardRatio = Check{Value: hr.Value, Low: hr.Low, High: hr.High, Limit: 1,
		Pass: !((hr.Value-1)/hr.SE > zTest)} // NaN (no exit in a half) passes: ESS speaks then

	d.TransientBias = transientCheck(res, burn, zCI, zTest)

	d.MaxShare = Check{Value: nan, Low: nan, High: nan, Limit: MaxWeightShare}
	d.ESS = Check{Value: 0, Low: nan, High: nan, Limit: MinESS}
	if c1 > 0 {
		d.MaxShare.Value = cMax / c1
		d.ESS.Value = c1 * c1 / c2
	}
	d.MaxShare.Pass = d.MaxShare.Value <= MaxWeightShare
	d.ESS.Pass = d.ESS.Value >= MinESS

	d.LongSequences = informational(share(func(e ExitSample) bool { return e.Seq > res.BurnSteps }))
	d.OutsideB = informational(share(func(e ExitSample) bool { return e.Big < int64(res.Design.J) }))

	for _, c := range []struct {
		name string
		ok   bool
	}{
		{"hazard_ratio", d.HazardRatio.Pass},
		{"transient_bias", d.TransientBias.Pass},
		{"max_share", d.MaxShare.Pass},
		{"ess", d.ESS.Pass},
	} {
		if !c.ok {
			d.Failed = append(d.Failed, c.name)
		}
	}
	d.Warning = len(d.Failed) > 0
	return d
}
