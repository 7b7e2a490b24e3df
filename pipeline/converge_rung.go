package pipeline

import (
	"context"
	"time"

	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/report"
	"github.com/htsgd/htsgd/scenario"
	"github.com/htsgd/htsgd/theory"
)

// probeReplicas is the least number of replicas of the probe that measures
// the throughput before the first rung of a run with a time budget goes on
// (a hundredth of the rung when that is more).
const probeReplicas = 32

// bruteRung runs rung k of start si's ladder at step size eta by brute
// force: the replicas 0..Exits−1 of the first exit from the start, each
// censored at capSteps, from the streams mc.ConvergeKey(seed, si, k). It
// returns the rung (totals of the censored exponential sample: exits,
// censored, time on test) and the exits per landing label.
//
// With a time budget and no throughput measured yet, the first replicas
// (a probe) measure it, and the rest runs only if the rung's predicted
// cost still fits (otherwise an *unaffordable error). A rung cut by the
// end of the time budget is an *unaffordable error too: its finished
// replicas, the short ones, would bias the mean, so they are dropped.
func (w *walk) bruteRung(ctx context.Context, si, k int, eta float64, pred *theory.ExitPrediction, capSteps int64, predicted float64) (report.ConvergeRung, map[int]int, error) {
	exp := exitExperimentAt(w.p, si, eta, capSteps)
	if err := exp.Validate(); err != nil {
		return report.ConvergeRung{}, nil, scenario.FieldOf(err)
	}
	key := mc.ConvergeKey(w.p.Run.Seed, si, k)
	n := w.set.Exits
	rung := report.ConvergeRung{Eta: eta, Lambda: w.lambda(eta), Method: MethodBrute, Predicted: pred.MeanSteps, Cap: capSteps}
	counts := map[int]int{}
	rctx := ctx
	if !w.deadline.IsZero() {
		var cancel context.CancelFunc
		rctx, cancel = context.WithDeadline(ctx, w.deadline)
		defer cancel()
	}
	start := time.Now()
	progress := ConvergeProgress{Start: si, Basin: w.p.Starts[si].Basin, Rung: k, Eta: eta, Method: MethodBrute,
		Total: n, PredictedSteps: predicted}
	sink := func(r mc.ExitRecord) {
		rung.Samples++
		rung.Steps += r.Steps
		rung.TimeOnTest += r.Steps
		if r.Censored {
			rung.Censored++
		} else {
			rung.Exits++
			counts[r.Landing]++
		}
		if w.opt.OnProgress != nil {
			progress.Done, progress.Steps, progress.StepsPerSecond = rung.Samples, rung.Steps, w.throughput
			progress.Units, progress.UnitSteps = 1, r.Steps
			w.opt.OnProgress(progress)
		}
	}
	cut := func(err error) error {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if rctx.Err() != nil {
			return &unaffordable{stop: report.StopBudgetTime, steps: predicted, spent: rung.Steps}
		}
		return err
	}
	first := 0
	if w.throughput == 0 && !w.deadline.IsZero() {
		m := min(n, max(probeReplicas, n/100))
		if err := mc.RunExits(rctx, exp, key, mc.ReplicaRange(0, m), w.opt.Workers, sink); err != nil {
			return rung, nil, cut(err)
		}
		if secs := time.Since(start).Seconds(); secs > 0 && rung.Steps > 0 {
			w.throughput = float64(rung.Steps) / secs
		}
		if stop := w.afford(predicted * float64(n-m) / float64(n)); stop != "" {
			return rung, nil, &unaffordable{stop: stop, steps: predicted, spent: rung.Steps}
		}
		first = m
	}
	if err := mc.RunExits(rctx, exp, key, mc.ReplicaRange(first, n), w.opt.Workers, sink); err != nil {
		return rung, nil, cut(err)
	}
	rung.Seconds = time.Since(start).Seconds()
	return rung, counts, nil
}
