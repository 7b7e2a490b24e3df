package rare

import (
	"cmp"
	"context"
	"math"
	"slices"
	"sync"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/param"
)

// DefaultLevel is the confidence level used when Config.Level is 0.
const DefaultLevel = 0.95

// profilePoints is the number of window fractions t = T·k/profilePoints at
// which P(τ ≤ t/η) is reported (Result.Profile).
const profilePoints = 8

// batchSize is the number of windows run between two in-order reductions of
// their outcomes: large enough to keep the workers busy, small enough to
// bound memory.
const batchSize = 4096

// Config is one rare-event estimation: the system, where its windows start,
// and the design.
type Config struct {
	// System is the loss, its basins, the noise law, η and b.
	mc.System
	// Start is X_0 of every window (d coordinates), normally the minimum
	// m_i whose basin is left (the windows estimate the exit from the
	// basin containing Start).
	Start []float64
	// Design is the importance-sampling design (DefaultDesign).
	Design
	// Level is the confidence level of the CIs; 0 means DefaultLevel.
	Level float64
	// Progress, if not nil, is called with the number of windows finished
	// after every batch of 4096, from the goroutine that called Estimate.
	Progress func(done int)
}

// Interval is an estimate with its standard error, a normal-theory CI and
// the relative error per sample.
type Interval struct {
	// Value is the estimate.
	Value float64 `json:"value"`
	// SE is its standard error.
	SE float64 `json:"se"`
	// Low and High are the ends of the CI Value ± z·SE (z the normal
	// quantile of the level); Low is clamped at 0.
	Low  float64 `json:"low"`
	High float64 `json:"high"`
	// RelErr is the relative error per sample SD(L)/E(L) = SE·√N/Value: the
	// number that strong efficiency keeps bounded as η → 0, and whose square
	// is the number of samples needed per unit of relative variance.
	RelErr float64 `json:"rel_err"`
}

// ProfilePoint is P(τ ≤ t/η) at one time t of the window.
type ProfilePoint struct {
	// T is the time in units of 1/η.
	T float64 `json:"t"`
	// Steps is ⌊t/η⌋ (n at t = T).
	Steps int64 `json:"steps"`
	// P is the estimate of P(τ ≤ Steps).
	P Interval `json:"p"`
}

// Result is the outcome of Estimate.
type Result struct {
	// Design is the design used.
	Design Design `json:"design"`
	// Eta is η.
	Eta float64 `json:"eta"`
	// WarmupSteps is W = ⌊T_w/η⌋, the steps under P before the
	// importance-sampled part; WindowSteps is its length n = ⌈T/η⌉ and
	// BurnSteps n_0 = ⌊T_0/η⌋ its burn-in. Steps are counted from X_0, so a
	// window has W + n steps and the rate uses exits in (W + n_0, W + n].
	WarmupSteps int64 `json:"warmup_steps"`
	WindowSteps int64 `json:"window_steps"`
	BurnSteps   int64 `json:"burn_steps"`
	// Threshold is x = γ/η, BigProb h = H(x), and PB = P(B) =
	// P(Binomial(n, h) ≥ J).
	Threshold float64 `json:"threshold"`
	BigProb   float64 `json:"big_prob"`
	PB        float64 `json:"p_b"`
	// ExactSampler reports whether the conditional noise samplers are exact
	// (pareto, lomax) or numerical (Conditional.Exact).
	ExactSampler bool `json:"exact_sampler"`
	// Samples is the number of windows N, FromB how many were drawn from
	// P(· | B), Exits how many ended in an exit and ExitsAfterBurn how many
	// of those exits fell in (W + n_0, W + n].
	Samples        int `json:"samples"`
	FromB          int `json:"from_b"`
	Exits          int `json:"exits"`
	ExitsAfterBurn int `json:"exits_after_burn"`
	// TotalSteps is the number of SGD steps simulated, StepsPerSample
	// TotalSteps/N.
	TotalSteps     int64   `json:"total_steps"`
	StepsPerSample float64 `json:"steps_per_sample"`
	// P estimates p = P(τ ≤ W + n) from the start at X_0 (unbiased), PBurn
	// p_0 = P(τ ≤ W + n_0) and PAfterBurn P(W + n_0 < τ ≤ W + n).
	P          Interval `json:"p"`
	PBurn      Interval `json:"p_burn"`
	PAfterBurn Interval `json:"p_after_burn"`
	// Rate is the per-step exit hazard r after the burn-in (see Estimate),
	// and MeanSteps the mean exit time E τ ≈ W + n_0 + (1 − p_0)/r in steps, with
	// the CI [MeanLow, MeanHigh] mapped from Rate's (MeanHigh is +Inf when
	// Rate's CI reaches 0).
	Rate      Interval `json:"rate"`
	MeanSteps float64  `json:"mean_steps"`
	MeanLow   float64  `json:"mean_low"`
	MeanHigh  float64  `json:"mean_high"`
	// NaiveMeanSteps is 1/(1 − (1 − p̂)^{1/(W+n)}) ≈ (W + n)/p̂: the mean exit
	// time if τ were geometric from the start. Its excess over MeanSteps
	// measures the start transient that the warm-up and burn-in remove.
	NaiveMeanSteps float64 `json:"naive_mean_steps"`
	// WorkNormVar is Rate.RelErr² × StepsPerSample: the relative variance of
	// the rate estimate times the steps spent, per unit of work. Brute force
	// has WorkNormVar = E τ (one exponential exit, relative variance 1, per
	// E τ steps), so E τ/WorkNormVar is the speed-up (SpeedUp).
	WorkNormVar float64 `json:"work_norm_var"`
	// SpanQ99 is the 99% quantile, in units of 1/η, of the span of the
	// exits' jump sequences (ExitSample.Span), weighted by their
	// likelihood ratios.
	SpanQ99 float64 `json:"span_q99"`
	// HazardRatio is the hazard in the second half of (W + n_0, W + n] over that in
	// the first half, from the same windows (delta-method SE and normal CI):
	// about 1 once the transient is over. A ratio significantly above 1
	// means the hazard is still rising after the burn-in, so that Rate is
	// too low and MeanSteps too high (Diagnostics.HazardRatio).
	HazardRatio Interval `json:"hazard_ratio"`
	// Profile is P(τ ≤ t/η) at t = (T_w + T)·k/8, k = 1..8, from the same
	// windows.
	Profile []ProfilePoint `json:"profile"`
	// Level is the confidence level of every CI.
	Level float64 `json:"level"`
	// Diagnostics says whether the result can be trusted; its Warning is
	// set when a check fails (see Diagnostics).
	Diagnostics Diagnostics `json:"diagnostics"`
	// ExitLog lists the windows that exited, in window order (diagnostics;
	// not encoded in JSON).
	ExitLog []ExitSample `json:"-"`
}

// ExitSample is one window that ended in an exit.
type ExitSample struct {
	// Window is the window index k.
	Window int
	// Tau is the exit step τ ∈ [1, W + n].
	Tau int64
	// LR is its likelihood ratio L = dP/dQ on F_τ: p̂ = Σ L/N.
	LR float64
	// Big is the number of noises with |ηZ| > γ among the first τ (it is
	// < J for an exit outside B).
	Big int64
	// JthJump is the J-th largest |ηZ| among the first τ noises: the exit is
	// in B_γ' = {J noises with |ηZ| > γ'} exactly when JthJump > γ', so
	// Σ L·1{JthJump ≤ γ'}/N estimates P(exit without J jumps above γ'),
	// the probability that makes a design with threshold γ' inefficient
	// (WSC 2023, eq. (10), second term).
	JthJump float64
	// Span is τ minus the step of the earliest of the J largest noises: the
	// duration of the exit's jump sequence (when the J largest noises are its
	// jumps). Exits at t in the stationary regime need their jumps in
	// [t − Span, t], so a burn-in T_0 removes the start transient when the
	// weight of exits with Span > T_0/η is negligible.
	Span int64
	// Seq is the length of the exit's excursion: τ minus the last step
	// n < τ at which the iterate was at rest, |X_n − m| ≤ γ (m the minimum
	// of the basin; X_0 counts as at rest). A J-jump exit leaves the rest
	// zone with its first jump and never comes back (between its jumps it
	// stays at least the slack s > γ away from m, FlowSpan), so Seq is the
	// duration of its jump sequence: its memory. The exit at τ depends on
	// the window's past only through the state at τ − Seq, which is at rest
	// (see Diagnostics.TransientBias).
	Seq int64
	// FromB reports that the window was drawn from P(· | B).
	FromB bool
	// ForgetsHalf and ForgetsQuarter report, for a counted exit (after the
	// burn-in), that the exit survives forgetting the first ⌈τ/2⌉, or the
	// first ⌈τ/4⌉, steps of its window: a path restarted at rest there with
	// the window's own noises leaves the basin by τ too (markMemory). An
	// exit that does not forget them has a memory longer than τ/2, or 3τ/4:
	// the tail that Diagnostics.TransientBias extrapolates. False for the
	// exits that are not counted.
	ForgetsHalf    bool
	ForgetsQuarter bool
}

// SpeedUp returns the work-normalised speed-up over brute force whose mean
// exit time is bruteMeanSteps: brute force spends E τ steps per exit and an
// exit has relative variance 1, so its work-normalised variance is E τ and
// the speed-up is E τ / WorkNormVar.
func (r Result) SpeedUp(bruteMeanSteps float64) float64 {
	return bruteMeanSteps / r.WorkNormVar
}

// moments accumulates Σ L and Σ L² of one estimator, in sample order.
type moments struct{ s1, s2 float64 }

func (m *moments) add(v float64) {
	m.s1 += v
	m.s2 += v * v
}

// interval turns the moments of N samples into an Interval at normal
// quantile z.
func (m moments) interval(n int, z float64) Interval {
	fn := float64(n)
	mean := m.s1 / fn
	v := math.Max(m.s2/fn-mean*mean, 0) * fn / math.Max(fn-1, 1)
	se := math.Sqrt(v / fn)
	iv := Interval{Value: mean, SE: se, Low: math.Max(mean-z*se, 0), High: mean + z*se, RelErr: math.NaN()}
	if mean > 0 {
		iv.RelErr = math.Sqrt(v) / mean
	}
	return iv
}

// Estimate runs samples importance-sampled windows of cfg on workers
// goroutines (GOMAXPROCS when ≤ 0) with the streams of key (window k uses
// key.Rand(k) only, and outcomes are reduced in window order, so the result
// is the same for every worker count) and returns the estimates.
//
// # Estimator
//
// Window k starts at X_0 = Start, runs W = ⌊T_w/η⌋ steps under P (the
// warm-up), then n = ⌈T/η⌉ steps from Q (Design), and stops at the exit
// τ_k ≤ W + n, if any. With the likelihood ratio L_k = dP/dQ on the first τ_k
// noises (window.likelihood),
//
//	p̂(t) = (1/N) Σ_k L_k·1{τ_k ≤ t}
//
// is unbiased for P(τ ≤ t) for every t ≤ W + n simultaneously (WSC 2023,
// eq. (9); {τ ≤ t} ∈ F_τ). Result.P is p̂(W + n), Result.Profile p̂ on a
// grid.
//
// # From p to a rate and a mean exit time
//
// A window starts at the minimum, at rest: no jump under way and none of the
// displacement that the smaller noises keep up in the quasi-stationary
// regime. The hazard is therefore low at first and reaches its stationary
// value r only after a transient, and treating τ as geometric from 0
// (NaiveMeanSteps) overestimates E τ (by 25-35% at the point P with a short
// window). Estimate removes the transient: the warm-up (under P, so it does
// not enlarge B) lets the small-noise displacement relax to its stationary
// law, and the burn-in, the first n_0 = ⌊T_0/η⌋ steps of the
// importance-sampled part, lets J-jump sequences already under way come to
// their end; the state at b = W + n_0 given τ > b is then close to
// quasi-stationary, and the per-step hazard after it is
//
//	r̂ = 1 − (1 − D̂/(1 − p̂_0))^{1/(e − b)},   D̂ = p̂(e) − p̂(b),  p̂_0 = p̂(b),  e = W + n,
//
// the exact geometric hazard for which P(b < τ ≤ e | τ > b) = D̂/(1 − p̂_0).
// With P(τ > t) = (1 − p_0)(1 − r)^{t − b} for t ≥ b,
//
//	E τ ≈ b + (1 − p̂_0)/r̂          (MeanSteps),
//
// whose CI maps the normal CI of r̂ (monotone). SE(r̂) is the SE of D̂
// (per-window values L_k·1{b < τ_k ≤ e}) times dr/dD.
//
// # Bias
//
// p̂(t) and D̂ are exactly unbiased (the samplers are exact for pareto and
// lomax; numerical ones invert to 1e-12). r̂ and E τ carry three biases:
// (i) the transient left at b, which makes r̂ too low (measured by comparing
// designs, see DefaultDesign and HazardRatio); (ii) departures of the hazard
// from a constant within the window, of relative order p; (iii) the
// nonlinearity of r ↦ 1/r: E[1/r̂] ≈ (1/r)(1 + CV²) with CV = SE/r̂, 1% for a
// CI half-width of 20%. The CIs are normal-theory and need enough windows
// with an exit to be trusted: Result.Diagnostics checks that (ESS, MaxShare)
// and the transient (HazardRatio, TransientBias).
//
// # Variance
//
// On B the ratio is at most P(B)/(1−w) and off B at most 1/w, so
// (WSC 2023, eq. (10))
//
//	E_Q[L²] ≤ P(B)·p/(1−w) + P(A \ B)/w,
//
// and the relative variance per window is about P(B)/((1−w)·p) when the
// second term is negligible: with P(B) ≈ (n·H(γ/η))^J/J! ∝ (T λ(η) γ^{−α})^J
// and p ∝ T λ(η)^J, it stays bounded as η → 0 but grows like γ^{−αJ}: a small
// slack, or α near 1, makes it large. The warm-up adds W to the steps per
// window but nothing to P(B).
//
// Errors name the offending field (eta, b, start_x, j, gamma, window, burn,
// warmup, weight, samples, level). On cancellation Estimate returns ctx.Err() and no
// result.
func Estimate(ctx context.Context, cfg Config, key mc.StreamKey, samples, workers int) (Result, error) {
	s, level, err := newWindow(cfg)
	if err != nil {
		return Result{}, err
	}
	if samples < 2 {
		return Result{}, param.Errorf("rare.Estimate.samples", "must be ≥ 2, got %d", samples)
	}
	return estimate(ctx, s, cfg, level, key, samples, workers)
}

// estimate is Estimate on a validated window s (tests alter s to check that
// a wrong likelihood ratio is detected).
func estimate(ctx context.Context, s *window, cfg Config, level float64, key mc.StreamKey, samples, workers int) (Result, error) {
	pool := sync.Pool{New: func() any { return s.newWorkspace() }}

	// Steps are counted from X_0: the rate uses exits in (burn, end].
	burn, end := s.warm+s.n0, s.warm+s.n
	// Grid of profile times (in steps); the last is end.
	grid := make([]int64, profilePoints)
	for k := range grid {
		grid[k] = int64(math.Floor(float64(end) * float64(k+1) / profilePoints))
	}
	grid[len(grid)-1] = end

	var (
		mP, mBurn, mAfter moments
		mH1, mH2          moments // exits in the first and second half of (burn, end]
		mid               = burn + (end-burn)/2
		prof              = make([]moments, len(grid))
		res               = Result{Design: cfg.Design, Eta: cfg.Eta, WarmupSteps: s.warm, WindowSteps: s.n,
			BurnSteps: s.n0, Threshold: s.thr, BigProb: s.h, PB: s.pB, ExactSampler: s.src.cond.Exact(),
			Samples: samples, Level: level}
	)
	fn := func(_ context.Context, k int) (outcome, error) {
		ws := pool.Get().(*workspace)
		o := s.run(ws, key.Rand(k), nil)
		pool.Put(ws)
		return o, nil
	}
	for first := 0; first < samples; first += batchSize {
		last := min(first+batchSize, samples)
		outs, _, err := mc.Replicas(ctx, first, last, workers, fn, nil)
		if err != nil {
			return Result{}, err
		}
		if cfg.Progress != nil {
			cfg.Progress(last)
		}
		for i, o := range outs { // in window order: deterministic sums
			res.TotalSteps += o.steps
			if o.tau > 0 {
				res.ExitLog = append(res.ExitLog, ExitSample{Window: first + i, Tau: o.tau, LR: o.lr,
					Big: o.big, JthJump: o.jth, Span: o.span, Seq: o.seq, FromB: o.fromB})
			}
			if o.fromB {
				res.FromB++
			}
			var lP, lBurn, lAfter float64
			if o.tau > 0 {
				res.Exits++
				lP = o.lr
				if o.tau <= burn {
					lBurn = o.lr
				} else {
					lAfter = o.lr
					res.ExitsAfterBurn++
				}
			}
			mP.add(lP)
			mBurn.add(lBurn)
			mAfter.add(lAfter)
			if o.tau > burn && o.tau <= mid {
				mH1.add(lAfter)
			} else {
				mH1.add(0)
			}
			if o.tau > mid {
				mH2.add(lAfter)
			} else {
				mH2.add(0)
			}
			for g, t := range grid {
				v := 0.0
				if o.tau > 0 && o.tau <= t {
					v = o.lr
				}
				prof[g].add(v)
			}
		}
	}

	z := distuv.UnitNormal.Quantile(1 - (1-level)/2)
	res.StepsPerSample = float64(res.TotalSteps) / float64(samples)
	res.P = mP.interval(samples, z)
	res.PBurn = mBurn.interval(samples, z)
	res.PAfterBurn = mAfter.interval(samples, z)
	for g, t := range grid {
		res.Profile = append(res.Profile, ProfilePoint{
			T: float64(t) * cfg.Eta, Steps: t, P: prof[g].interval(samples, z)})
	}
	res.NaiveMeanSteps = 1 / hazard(res.P.Value, 0, float64(end))
	res.SpanQ99 = spanQuantile(res.ExitLog, cfg.Eta, 0.99)
	setRate(&res, float64(burn), float64(end-burn), z)
	res.HazardRatio = ratioInterval(mH2.interval(samples, z), mH1.interval(samples, z),
		float64(mid-burn)/float64(end-mid), z)
	if err := markMemory(ctx, s, key, &res, burn); err != nil {
		return Result{}, err
	}
	res.Diagnostics = diagnose(&res)
	return res, nil
}

// ratioInterval returns (a/b)·scale with the delta-method SE of a ratio of
// two means over the same windows. Their covariance is −ā·b̄/N (a window
// contributes to one of them at most), which adds 2/N to the relative
// variance.
func ratioInterval(a, b Interval, scale, z float64) Interval {
	if !(a.Value > 0 && b.Value > 0) {
		return Interval{Value: math.NaN(), SE: math.NaN(), Low: math.NaN(), High: math.NaN(), RelErr: math.NaN()}
	}
	v := a.Value / b.Value * scale
	ra, rb := a.SE/a.Value, b.SE/b.Value
	n := (a.RelErr / ra) * (a.RelErr / ra) // N = (RelErr/(SE/Value))²
	se := v * math.Sqrt(ra*ra+rb*rb+2/n)
	return Interval{Value: v, SE: se, Low: math.Max(v-z*se, 0), High: v + z*se, RelErr: math.NaN()}
}

// hazard returns the per-step hazard r of a geometric law with
// P(exit within m steps | alive) = d/(1 − p0): r = 1 − (1 − d/(1−p0))^{1/m}.
func hazard(d, p0, m float64) float64 {
	c := d / (1 - p0)
	if c >= 1 {
		return 1
	}
	return -math.Expm1(math.Log1p(-c) / m)
}

// setRate fills Rate, MeanSteps and the mean's CI from PAfterBurn and PBurn
// (see Estimate): the rate counts exits in the m steps after step burn.
func setRate(res *Result, burn, m, z float64) {
	d, p0 := res.PAfterBurn.Value, res.PBurn.Value
	r := hazard(d, p0, m)
	// dr/dD of r = 1 − (1 − D/(1−p0))^{1/m}.
	c := d / (1 - p0)
	dr := math.Pow(1-c, 1/m-1) / (m * (1 - p0))
	se := res.PAfterBurn.SE * dr
	res.Rate = Interval{Value: r, SE: se, Low: math.Max(r-z*se, 0), High: r + z*se, RelErr: res.PAfterBurn.RelErr}
	mean := func(rate float64) float64 {
		if !(rate > 0) {
			return math.Inf(1)
		}
		return burn + (1-p0)/rate
	}
	res.MeanSteps = mean(r)
	if !(r > 0) {
		res.MeanSteps = math.NaN()
	}
	res.MeanLow, res.MeanHigh = mean(res.Rate.High), mean(res.Rate.Low)
	res.WorkNormVar = res.Rate.RelErr * res.Rate.RelErr * res.StepsPerSample
}

// newWindow validates cfg and builds the shared window constants. Errors
// are *param.Error: those of mc.System.Validate, Design.Validate and
// mc.NewSuppliedExit (the start), and rare.Config.Level, rare.Config.Start
// (a basin of the line with no exitable end), rare.Config.System (a noise
// whose magnitude the sampler cannot condition) and rare.Design.* for a
// design that does not fit η.
func newWindow(cfg Config) (*window, float64, error) {
	if err := cfg.System.Validate(); err != nil {
		return nil, 0, err
	}
	if err := cfg.Design.Validate(); err != nil {
		return nil, 0, err
	}
	level := cfg.Level
	if level == 0 {
		level = DefaultLevel
	}
	if !(level > 0 && level < 1) {
		return nil, 0, param.Errorf("rare.Config.Level", "must be in (0, 1), got %v", cfg.Level)
	}
	exit, err := mc.NewSuppliedExit(cfg.System, cfg.Start)
	if err != nil {
		return nil, 0, err
	}
	basin := exit.Basin()
	set := cfg.Basins.MinimumSets()[basin]
	home := set.Centre()
	isLine := false
	if st, ok := cfg.Basins.(landscapes.Structure); ok && cfg.Dim() == 1 {
		isLine = true
		home = []float64{st.Minima[basin]}
		if l, r := st.Exitable(basin); !l && !r {
			return nil, 0, param.Errorf("rare.Config.Start", "the basin of %v has no exitable end", cfg.Start[0])
		}
	}
	// n = ⌈T/η⌉ and n0 = ⌊T_0/η⌋, with a relative allowance of 1e-12 so that
	// a ratio that is an integer up to rounding (2/0.1) is taken as one.
	nf := math.Ceil(cfg.Window / cfg.Eta * (1 - 1e-12))
	if nf > 1<<40 {
		return nil, 0, param.Errorf("rare.Design.Window", "T/η = %g steps is too many", nf)
	}
	n := int64(nf)
	n0 := int64(math.Floor(cfg.Burn / cfg.Eta * (1 + 1e-12)))
	warmF := math.Floor(cfg.Warmup / cfg.Eta * (1 + 1e-12))
	if warmF > 1<<40 {
		return nil, 0, param.Errorf("rare.Design.Warmup", "T_w/η = %g steps is too many", warmF)
	}
	if n0 >= n {
		return nil, 0, param.Errorf("rare.Design.Burn", "T_0/η = %d steps leaves nothing of the %d-step window", n0, n)
	}
	if int64(cfg.J) > n {
		return nil, 0, param.Errorf("rare.Design.J", "%d exceeds the %d steps of the window", cfg.J, n)
	}
	thr := cfg.Gamma / cfg.Eta
	src, err := newSource(cfg.Noise, thr)
	if err != nil {
		return nil, 0, err
	}
	h := src.cond.TailProb()
	count := newCondBinomial(n, h, int64(cfg.J))
	if !(count.Tail() > 0) {
		return nil, 0, param.Errorf("rare.Design.Gamma", "P(B) = P(Binomial(%d, %g) ≥ %d) underflows to 0", n, h, cfg.J)
	}
	return &window{
		warm: int64(warmF), n: n, n0: n0, start: slices.Clone(cfg.Start), home: home, set: set, near: cfg.Gamma,
		eta: cfg.Eta, thr: thr, j: int64(cfg.J), h: h, pB: count.Tail(), w: cfg.Weight,
		src: src, count: count, exit: exit, d: cfg.Dim(), isLine: isLine, replayAll: cfg.ReplayAll,
	}, level, nil
}

// spanQuantile returns the L-weighted q-quantile of the exits' spans
// (ExitSample.Span), in units of 1/η, or NaN without exits.
func spanQuantile(log []ExitSample, eta, q float64) float64 {
	if len(log) == 0 {
		return math.NaN()
	}
	type span struct{ d, w float64 }
	xs := make([]span, len(log))
	var tot float64
	for i, e := range log {
		xs[i] = span{float64(e.Span) * eta, e.LR}
		tot += e.LR
	}
	slices.SortFunc(xs, func(a, b span) int { return cmp.Compare(a.d, b.d) })
	c := 0.0
	for _, x := range xs {
		c += x.w
		if c >= q*tot {
			return x.d
		}
	}
	return xs[len(xs)-1].d
}
