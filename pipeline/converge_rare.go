package pipeline

import (
	"context"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/htsgd/htsgd/estimators"
	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/rare"
	"github.com/htsgd/htsgd/report"
	"github.com/htsgd/htsgd/theory"
	"gonum.org/v1/gonum/stat/distuv"
)

// Constants of the importance-sampled rungs.
const (
	// rarePilotWindows is the size of the first pilot that sizes an
	// estimate; a pilot with fewer than rareMinExits exits is run again
	// four times as large, up to rareMaxPilotWindows windows and a
	// rarePilotGain-th of the brute-force cost.
	rarePilotWindows    = 500
	rareMaxPilotWindows = 1 << 20
	// rarePilotGain: a pilot runs only when brute force would cost at
	// least this many times the pilot, so that a ladder where brute force
	// is affordable never pays for pilots.
	rarePilotGain = 20
	// rareMinExits is the least number of exits (after the burn-in) that a
	// pilot or an estimate needs for its normal-theory interval.
	rareMinExits = 30
	// rareMaxShare is the largest share of Σ L one window may carry before
	// the estimate is called untrustworthy.
	rareMaxShare = 0.1
)

// rareRung is the seam between a ladder and the rare-event estimator: the
// one function that decides whether rung k of start si at step size eta is
// made by importance sampling (package rare as it is: rare.Estimate with
// the design of rare.DefaultRule, docs/theory.md §13), and if so makes it. Brute
// force would cost bfSteps (predicted).
//
// Decision.
//   - Never with Method bf, nor where the estimator does not apply
//     (CheckRare's reasons: R^d, a start away from the minimum).
//   - With Method auto, only for a rung that brute force cannot afford
//     (afford refuses bfSteps: brute force is exact and counts landings,
//     so it is preferred whenever the budget allows it, and with no
//     budget it always does) and when bfSteps is at least rarePilotGain
//     times a pilot's cost. A pilot of rarePilotWindows windows (streams
//     mc.ConvergeRareKey(seed, si, k, false)) gives the relative error v
//     per window of the rate; an estimate whose log-interval at the look
//     level (normal quantile z) is ±h wide, h = Tol/2 (the half-width of a
//     brute-force rung), needs N = ⌈v²(z/h)²⌉ windows, costing N times the
//     steps per window. Importance sampling is chosen when that is less
//     than bfSteps and the pilot saw at least rareMinExits exits.
//   - With Method is, wherever it applies, sized by the same pilot.
//
// The estimate runs N windows from mc.ConvergeRareKey(seed, si, k, true):
// R̂ = E τ̂/E τ_pred, SELog = SE(r̂)/r̂ (the relative error of the rate, that
// of the mean to first order). Its diagnostics (rare.Result: hazard ratio
// after the burn-in, transient bias, largest weight share, exits) are kept
// with the rung, and a failing one is a warning that makes the rung
// untrusted: it stays in the report but the verdict does not use it, and
// the walk stops (StopRareUntrusted), since a smaller η with the same
// design would be biased the same way.
//
// afford says whether a rung of so many predicted steps fits in the
// budget ("" yes, else the stop reason); a chosen estimate that does not
// fit is an *unaffordable error. used = false means brute force; the
// pilot's steps, if one ran, have been charged to the budget either way.
func (w *walk) rareRung(ctx context.Context, si, k int, eta float64, pred *theory.ExitPrediction, bfSteps float64,
	afford func(float64) string) (rung report.ConvergeRung, used bool, note string, err error) {
	if w.set.Method == MethodBrute || CheckRare(w.p) != nil || !w.startsAtMinimum(si) {
		return rung, false, "", nil
	}
	basin := w.p.Starts[si].Basin
	sys := mc.System{Landscape: w.p.Landscape, Basins: w.p.Basins, Noise: w.p.Noise, Eta: eta, B: w.p.B, Domain: w.p.Domain}
	design, _, err := rare.DefaultRule.Design(sys, w.p.Starts[si].X, pred.JumpNumber)
	if err != nil {
		return rung, false, "", nil
	}
	cfg := rare.Config{
		System: sys,
		Start:  slices.Clone(w.p.Starts[si].X),
		Design: design,
		Level:  w.set.LookLevel,
	}
	windowSteps := (design.Warmup + design.Window) / eta
	if w.set.Method == MethodAuto && (afford(bfSteps) == "" || bfSteps < rarePilotGain*rarePilotWindows*windowSteps) {
		return rung, false, "", nil
	}
	start := time.Now()
	var pilot rare.Result
	var pilotSteps int64
	for n := rarePilotWindows; ; n *= 4 {
		if stop := afford(float64(n) * windowSteps); stop != "" {
			return rung, false, fmt.Sprintf("importance sampling not tried: a pilot of %d windows (%.3g steps) does not fit in the budget", n, float64(n)*windowSteps), nil
		}
		pilot, err = rare.Estimate(ctx, cfg, mc.ConvergeRareKey(w.p.Run.Seed, si, k, false).With(uint64(n)), n, w.opt.Workers)
		if err != nil {
			return rung, false, "", err
		}
		w.charge(pilot.TotalSteps)
		pilotSteps += pilot.TotalSteps
		windowSteps = pilot.StepsPerSample
		v := pilot.Rate.RelErr
		if pilot.ExitsAfterBurn >= rareMinExits && v > 0 && !math.IsInf(v, 0) {
			break
		}
		if 4*float64(n)*windowSteps > bfSteps/rarePilotGain || 4*n > rareMaxPilotWindows {
			note := fmt.Sprintf("importance sampling not used: its pilot of %d windows saw %d exits after the burn-in (need %d to size an estimate)",
				n, pilot.ExitsAfterBurn, rareMinExits)
			if w.set.Method == MethodRare {
				return rung, false, "", fmt.Errorf("pipeline: η = %g: %s; -method is cannot size an estimate here", eta, note)
			}
			return rung, false, note, nil
		}
	}
	v := pilot.Rate.RelErr
	z := distuv.UnitNormal.Quantile(1 - (1-w.set.LookLevel)/2)
	h := w.set.Tol / 2
	windows := int(math.Ceil(v * v * (z / h) * (z / h)))
	windows = max(windows, rarePilotWindows)
	isSteps := float64(windows) * pilot.StepsPerSample
	if w.set.Method == MethodAuto && isSteps >= bfSteps {
		return rung, false, fmt.Sprintf("importance sampling not used: %d windows (relative error %.3g per window in its pilot) would cost %.3g steps, "+
			"more than brute force", windows, v, isSteps), nil
	}
	if stop := afford(isSteps); stop != "" {
		return rung, true, "", &unaffordable{stop: stop, steps: isSteps}
	}
	rctx := ctx
	if !w.deadline.IsZero() {
		var cancel context.CancelFunc
		rctx, cancel = context.WithDeadline(ctx, w.deadline)
		defer cancel()
	}
	if w.opt.OnProgress != nil {
		pr := ConvergeProgress{Start: si, Basin: basin, Rung: k, Eta: eta, Method: MethodRare, Total: windows,
			PredictedSteps: isSteps, StepsPerSecond: w.throughput}
		cfg.Progress = func(done int) {
			steps := int64(float64(done) * pilot.StepsPerSample)
			pr.Units, pr.UnitSteps = done-pr.Done, steps-pr.Steps
			pr.Done, pr.Steps = done, steps
			w.opt.OnProgress(pr)
		}
	}
	res, err := rare.Estimate(rctx, cfg, mc.ConvergeRareKey(w.p.Run.Seed, si, k, true), windows, w.opt.Workers)
	if err != nil {
		if ctx.Err() != nil {
			return rung, true, "", ctx.Err()
		}
		if rctx.Err() != nil {
			return rung, true, "", &unaffordable{stop: report.StopBudgetTime, steps: isSteps}
		}
		return rung, true, "", err
	}
	rung = report.ConvergeRung{
		Eta: eta, Lambda: w.lambda(eta), Method: MethodRare, Predicted: pred.MeanSteps,
		Samples: res.Samples, Exits: res.Exits,
		Ratio: res.MeanSteps / pred.MeanSteps, SELog: res.Rate.SE / res.Rate.Value,
		Steps: res.TotalSteps + pilotSteps, Seconds: time.Since(start).Seconds(),
		Rare: rareSummary(res, pilot, pilotSteps, w.set.Tol/2),
	}
	return rung, true, "", nil
}

// startsAtMinimum reports whether start si is the minimum of its basin
// (rare's windows start at rest there).
func (w *walk) startsAtMinimum(si int) bool {
	st := w.p.Starts[si]
	sets := w.p.Basins.MinimumSets()
	return len(st.X) == 1 && st.Basin < len(sets) && sets[st.Basin].Centre()[0] == st.X[0]
}

// rareSummary is the report of an estimate res sized by pilot, with a
// warning for each failed diagnostic (see rareRung); maxTransient is the
// largest transient bias (relative, as rare.Result.TransientBias measures
// it from below) a rung may carry.
func rareSummary(res, pilot rare.Result, pilotSteps int64, maxTransient float64) *report.ConvergeRare {
	d := res.Design
	s := &report.ConvergeRare{
		J: d.J, Gamma: d.Gamma, Window: d.Window, Burn: d.Burn, Warmup: d.Warmup, Weight: d.Weight,
		PilotWindows: pilot.Samples, PilotRelErr: pilot.Rate.RelErr, PilotSteps: pilotSteps,
		MeanSteps: res.MeanSteps, MeanLow: estimators.Number(res.MeanLow), MeanHigh: estimators.Number(res.MeanHigh),
		RelErr:        res.Rate.RelErr,
		HazardRatio:   estimators.Number(res.HazardRatio.Value),
		HazardLow:     estimators.Number(res.HazardRatio.Low),
		HazardHigh:    estimators.Number(res.HazardRatio.High),
		TransientBias: finiteOrZero(res.Diagnostics.TransientBias.Value), MaxShare: finiteOrZero(res.Diagnostics.MaxShare.Value), SpanQ99: res.SpanQ99,
		Warnings: []string{},
	}
	if res.ExitsAfterBurn < rareMinExits {
		s.Warnings = append(s.Warnings, fmt.Sprintf("%d exits after the burn-in (need %d for the normal-theory interval)", res.ExitsAfterBurn, rareMinExits))
	}
	if lo := res.HazardRatio.Low; lo > 1 {
		s.Warnings = append(s.Warnings, fmt.Sprintf("the hazard still rises after the burn-in (ratio of the halves %.3g, interval above 1 from %.3g): "+
			"the rate is too low and the mean too high (a longer burn-in is needed)", res.HazardRatio.Value, lo))
	}
	if -s.TransientBias > maxTransient {
		s.Warnings = append(s.Warnings, fmt.Sprintf("the start transient biases the rate by at least %.1f%% (more than the %.1f%% a rung may carry)",
			-100*s.TransientBias, 100*maxTransient))
	}
	if s.MaxShare > rareMaxShare {
		s.Warnings = append(s.Warnings, fmt.Sprintf("one window carries %.0f%% of the estimate: its interval is not trustworthy", 100*s.MaxShare))
	}
	return s
}

// finiteOrZero returns x, or 0 when x is NaN or infinite (a diagnostic
// without exits to read it from).
func finiteOrZero(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0
	}
	return x
}

// trusted reports whether a rung may be judged: brute force, or an
// importance-sampled rung whose diagnostics passed.
func trusted(r report.ConvergeRung) bool {
	return r.Rare == nil || len(r.Rare.Warnings) == 0
}
