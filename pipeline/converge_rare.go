package pipeline

import (
	"context"
	"errors"
	"fmt"
	"math"
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
)

// rareRung is the seam between a ladder and the rare-event estimator: the
// one function that decides whether rung k of start si at step size eta is
// made by importance sampling (pipeline.RareEstimate: rare.Run with the
// design of rare.DefaultRule, lengthened by its own pilots until its
// transient checks pass, docs/theory.md §13), and if so makes it. Brute
// force would cost bfSteps (predicted).
//
// Decision.
//   - Never with Method bf, without the theory's analysis (no J), nor
//     where the estimator does not apply (CheckRare's reasons: a start away
//     from the minimum, a segment of minimizers, a law it cannot
//     condition).
//   - With Method auto, only for a rung that brute force cannot afford
//     (afford refuses bfSteps: brute force is exact and counts landings,
//     so it is preferred whenever the budget allows it, and with no
//     budget it always does) and when bfSteps is at least rarePilotGain
//     times a pilot's cost. A pilot estimate of rarePilotWindows windows
//     (streams mc.ConvergeRareKey(seed, si, k, false), four times as many
//     until it sees rareMinExits exits after its burn-in) gives the
//     relative error v per window of the rate; an estimate whose
//     log-interval at the look level (normal quantile z) is ±h wide,
//     h = Tol/2 (the half-width of a brute-force rung), needs
//     N = ⌈v²(z/h)²⌉ windows, costing N times the steps per window plus the
//     design search of its own pilots (a quarter of N, rare.Budget's
//     default). Importance sampling is chosen when that is less than
//     bfSteps and fits in the budget. A design the estimator refuses
//     (*rare.DesignError) means brute force, with a note.
//   - With Method is, wherever it applies, sized by the same pilot.
//
// The estimate runs N windows from mc.ConvergeRareKey(seed, si, k, true):
// R̂ = E τ̂/E τ_pred, SELog = SE(r̂)/r̂ (the relative error of the rate, that
// of the mean to first order). Its design and self-checks (hazard ratio,
// transient bias, largest weight share, effective exits: rare.Diagnostics)
// are kept with the rung; a failed check makes the rung untrusted: it stays
// in the report but the verdict does not use it, and the walk stops
// (StopRareUntrusted), since a smaller η would be estimated the same way.
//
// afford says whether a rung of so many predicted steps fits in the
// budget ("" yes, else the stop reason); a chosen estimate that does not
// fit is an *unaffordable error. used = false means brute force, and note
// then says why importance sampling was not used (empty when it was not
// considered); the pilot's steps, if one ran, have been charged to the
// budget either way.
func (w *walk) rareRung(ctx context.Context, si, k int, eta float64, pred *theory.ExitPrediction, bfSteps float64,
	afford func(float64) string) (rung report.ConvergeRung, used bool, note string, err error) {
	if w.set.Method == MethodBrute || w.app.Analysis == nil || CheckRare(w.p) != nil {
		return rung, false, "", nil
	}
	if w.set.Method == MethodAuto && afford(bfSteps) == "" {
		return rung, false, "", nil
	}
	basin := w.p.Starts[si].Basin
	sys := mc.System{Landscape: w.p.Landscape, Basins: w.p.Basins, Noise: w.p.Noise, Eta: eta, B: w.p.B, Domain: w.p.Domain}
	design, _, err := rare.DefaultRule.Design(sys, w.p.Starts[si].X, w.app.Analysis.JumpNumber[basin])
	if err != nil {
		return rung, false, fmt.Sprintf("importance sampling not used: no design (%v)", err), nil
	}
	windowSteps := (1 + rare.DefaultPilotFraction) * (design.Warmup + design.Window) / eta
	if w.set.Method == MethodAuto && bfSteps < rarePilotGain*rarePilotWindows*windowSteps {
		return rung, false, "", nil
	}
	estimate := func(ctx context.Context, windows int, main bool, onWindows func(int)) (RareCell, error) {
		return RareEstimate(ctx, w.p, w.app.Analysis, si, eta, mc.ConvergeRareKey(w.p.Run.Seed, si, k, main),
			RareOptions{Workers: w.opt.Workers, Samples: windows, Level: w.set.LookLevel, OnWindows: onWindows})
	}
	refusal := func(err error) (string, bool) {
		var de *rare.DesignError
		if errors.As(err, &de) {
			return fmt.Sprintf("importance sampling not used: the estimator refused every design (%v)", err), true
		}
		return "", false
	}
	// tooFew reports a pilot too small for the estimator to check a
	// design: a larger pilot may pass.
	tooFew := func(err error) bool {
		var de *rare.DesignError
		return errors.As(err, &de) && de.Reason == rare.ReasonTooFewExits
	}
	start := time.Now()
	var pilot RareCell
	var pilotSteps int64
	for n := rarePilotWindows; ; n *= 4 {
		if stop := afford(float64(n) * windowSteps); stop != "" {
			return rung, false, fmt.Sprintf("importance sampling not tried: a pilot of %d windows (%.3g steps) does not fit in the budget", n, float64(n)*windowSteps), nil
		}
		pilot, err = estimate(ctx, n, false, nil)
		w.charge(pilot.Outcome.PilotSteps + pilot.Outcome.Result.TotalSteps)
		pilotSteps += pilot.Outcome.PilotSteps + pilot.Outcome.Result.TotalSteps
		if tooFew(err) && 4*float64(n)*windowSteps <= max(bfSteps/rarePilotGain, float64(rarePilotWindows)*windowSteps) && 4*n <= rareMaxPilotWindows {
			continue
		}
		if msg, ok := refusal(err); ok {
			if w.set.Method == MethodRare {
				// The walk stops here with its report (is-untrusted), not
				// with an error that would leave -out without a stop.
				return rung, false, "", &rareRefused{msg: msg + "; -method is cannot make this rung"}
			}
			return rung, false, msg, nil
		}
		if err != nil {
			return rung, false, "", err
		}
		res := pilot.Outcome.Result
		windowSteps = (1 + rare.DefaultPilotFraction) * res.StepsPerSample
		v := res.Rate.RelErr
		if res.ExitsAfterBurn >= rareMinExits && v > 0 && !math.IsInf(v, 0) {
			break
		}
		if 4*float64(n)*windowSteps > bfSteps/rarePilotGain || 4*n > rareMaxPilotWindows {
			note := fmt.Sprintf("importance sampling not used: its pilot of %d windows saw %d exits after the burn-in (need %d to size an estimate)",
				n, res.ExitsAfterBurn, rareMinExits)
			if w.set.Method == MethodRare {
				return rung, false, "", &rareRefused{msg: note + "; -method is cannot size an estimate here"}
			}
			return rung, false, note, nil
		}
	}
	v := pilot.Outcome.Result.Rate.RelErr
	z := distuv.UnitNormal.Quantile(1 - (1-w.set.LookLevel)/2)
	h := w.set.Tol / 2
	windows := max(int(math.Ceil(v*v*(z/h)*(z/h))), rarePilotWindows)
	isSteps := float64(windows) * windowSteps
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
	var onWindows func(int)
	if w.opt.OnProgress != nil {
		perWindow := isSteps / float64(windows)
		pr := ConvergeProgress{Start: si, Basin: basin, Rung: k, Eta: eta, Method: MethodRare, Total: windows,
			PredictedSteps: isSteps, StepsPerSecond: w.throughput}
		onWindows = func(n int) {
			pr.Units, pr.UnitSteps = n, int64(float64(n)*perWindow)
			pr.Done, pr.Steps = pr.Done+n, pr.Steps+pr.UnitSteps
			w.opt.OnProgress(pr)
		}
	}
	cell, err := estimate(rctx, windows, true, onWindows)
	switch msg, refused := refusal(err); {
	case ctx.Err() != nil:
		return rung, true, "", ctx.Err()
	case rctx.Err() != nil:
		return rung, true, "", &unaffordable{stop: report.StopBudgetTime, steps: isSteps}
	case refused:
		return rung, true, "", &rareRefused{msg: msg, spent: cell.Outcome.PilotSteps}
	case err != nil:
		return rung, true, "", err
	}
	res := cell.Outcome.Result
	rung = report.ConvergeRung{
		Eta: eta, Lambda: w.lambda(eta), Method: MethodRare, Predicted: pred.MeanSteps,
		Samples: res.Samples, Exits: res.Exits,
		Ratio: res.MeanSteps / pred.MeanSteps, SELog: res.Rate.SE / res.Rate.Value,
		Steps: res.TotalSteps + cell.Outcome.PilotSteps + pilotSteps, Seconds: time.Since(start).Seconds(),
		Rare: &report.ConvergeRare{
			PilotWindows: pilot.Outcome.Result.Samples, PilotRelErr: v, PilotSteps: pilotSteps,
			MeanSteps: res.MeanSteps, MeanLow: estimators.Number(res.MeanLow), MeanHigh: estimators.Number(res.MeanHigh),
			RelErr:      res.Rate.RelErr,
			Diagnostics: rareDiagnostics(cell.Outcome, res.Design, res.Diagnostics, ""),
			Warnings:    rareWarnings(res),
		},
	}
	return rung, true, "", nil
}

// rareRefused reports an estimate whose design the estimator refused after
// its pilot had passed (the main run's own pilots failed): the walk stops.
type rareRefused struct {
	msg   string
	spent int64
}

func (e *rareRefused) Error() string { return e.msg }

// rareWarnings words the failed self-checks of an estimate (see
// rare.Diagnostics), and too few exits after the burn-in for its
// normal-theory interval.
func rareWarnings(res rare.Result) []string {
	out := []string{}
	if res.ExitsAfterBurn < rareMinExits {
		out = append(out, fmt.Sprintf("%d exits after the burn-in (need %d for the normal-theory interval)", res.ExitsAfterBurn, rareMinExits))
	}
	d := res.Diagnostics
	for _, name := range d.Failed {
		var c rare.Check
		switch name {
		case "hazard_ratio":
			c = d.HazardRatio
		case "transient_bias":
			c = d.TransientBias
		case "max_share":
			c = d.MaxShare
		case "ess":
			c = d.ESS
		}
		out = append(out, fmt.Sprintf("self-check %s failed: %.3g (limit %.3g)", name, c.Value, c.Limit))
	}
	return out
}

// trusted reports whether a rung may be judged: brute force, or an
// importance-sampled rung whose self-checks passed.
func trusted(r report.ConvergeRung) bool {
	return r.Rare == nil || len(r.Rare.Warnings) == 0
}
