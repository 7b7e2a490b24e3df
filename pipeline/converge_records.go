package pipeline

import (
	"fmt"
	"slices"

	"github.com/htsgd/htsgd/report"
	"github.com/htsgd/htsgd/scenario"
)

// ConvergeFromRecords judges the fixed ladder of a first-exit run from its
// records, without simulating: every step size of p is a rung, made of the
// brute-force replicas of its cell (censored at run.max_steps). It is the
// route for ladders run on several machines: `verify exit -shard i/n -out`
// on a scenario whose sgd.eta is the ladder, `verify merge`, then this.
// f must record p's run (Records.Resume: same scenario and seed) with
// every replica of every cell (a complete run or the merge of its shards;
// an interrupted cell's finished replicas are the short ones, a biased
// subset, so it is refused). The ladder is looked at once: the verdict is
// judged at Level itself (Looks = 1), which opt sets with Tol and
// LandingTol; the other options are ignored.
func ConvergeFromRecords(p *scenario.Plan, app *Applicability, f *RecordFile, opt ConvergeOptions) (report.ConvergeReport, error) {
	o := ConvergeOptions{Level: opt.Level, Tol: opt.Tol, LandingTol: opt.LandingTol, Exits: p.Run.Samples,
		Method: MethodBrute, TheorySamples: f.TheorySamples, Predict: opt.Predict, MaxRungs: len(p.Etas)}
	set, err := o.settings()
	if err != nil {
		return report.ConvergeReport{}, err
	}
	set.Etas, set.FromRecords = slices.Clone(p.Etas), true
	set.Looks, set.LookLevel = 1, set.Level
	set.CapFactor = 0
	rec, err := NewRecords(p, f.Shard, f.TheorySamples)
	if err != nil {
		return report.ConvergeReport{}, err
	}
	if err := rec.Resume(f); err != nil {
		return report.ConvergeReport{}, err
	}
	w, err := newWalk(p, app, o, set)
	if err != nil {
		return report.ConvergeReport{}, err
	}
	cells := rec.Cells()
	for _, c := range cells {
		if len(c.Records) != c.Requested {
			return w.rep, fmt.Errorf("pipeline: record file: cell (eta %d, start %d) holds %d of its %d replicas: "+
				"an incomplete cell's replicas are the short ones, so a ladder is judged only from complete cells (merge every shard)",
				c.EtaIndex, c.StartIndex, len(c.Records), c.Requested)
		}
	}
	for si := range p.Starts {
		b := &w.rep.Basins[si]
		if b.NotApplicable != "" {
			continue
		}
		for _, c := range cells {
			if c.StartIndex != si {
				continue
			}
			eta := p.Etas[c.EtaIndex]
			pred, err := w.predict(b.Basin, eta)
			if err != nil {
				return w.rep, scenario.FieldOf(err)
			}
			r := report.ConvergeRung{Eta: eta, Lambda: w.lambda(eta), Method: MethodBrute, Predicted: pred.MeanSteps, Cap: p.Run.MaxSteps}
			counts := map[int]int{}
			for _, x := range c.Records {
				r.Samples++
				r.Steps += x.Steps
				r.TimeOnTest += x.Steps
				if x.Censored {
					r.Censored++
				} else {
					r.Exits++
					counts[x.Landing]++
				}
			}
			w.addRung(b, r, counts)
		}
		b.Stop = report.StopLadderEnd
		if err := w.judge(b); err != nil {
			return w.rep, err
		}
	}
	return w.rep, nil
}
