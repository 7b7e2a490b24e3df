package main

import (
	"math"

	"github.com/htsgd/htsgd/pipeline"
	"github.com/htsgd/htsgd/scenario"
	"github.com/htsgd/htsgd/theory"
)

// exitWork returns the cells of a first-exit run of shard of p for
// progress, η-major (the index exitCellIndex gives): the replicas each
// cell still has to run (its share of the shard less those rec, if not
// nil, holds already) and the steps one is predicted to
// take. With the theory's mean exit time θ (a, nil when the theory does
// not apply) and the cap M = run.max_steps, a replica runs min(τ, M)
// steps, whose mean is θ·(1 − e^{−M/θ}) when τ is exponential with mean θ
// (docs/theory.md §6.1); without a prediction the cell has none and
// progress learns it from the replicas that finish.
func exitWork(p *scenario.Plan, a *theory.Analysis, shard pipeline.Shard, rec *pipeline.Records) []workCell {
	work := make([]workCell, len(p.Etas)*len(p.Starts))
	capSteps := float64(p.Run.MaxSteps)
	first, last := shard.Range(p.Run.Samples)
	for i := range work {
		k := pipeline.CellKey{EtaIndex: i / len(p.Starts), StartIndex: i % len(p.Starts)}
		work[i].Units = int64(last - first)
		if rec != nil {
			work[i].Units -= int64(rec.Held(k))
		}
		if a == nil {
			continue
		}
		pred, err := a.PredictExit(p.Starts[k.StartIndex].Basin, p.Etas[k.EtaIndex])
		if err != nil || !(pred.MeanSteps > 0) {
			continue
		}
		theta := pred.MeanSteps
		work[i].Predicted = capSteps
		if !math.IsInf(theta, 1) {
			work[i].Predicted = -theta * math.Expm1(-capSteps/theta)
		}
	}
	return work
}

// exitCellIndex is the index of cell k of p among rec.Cells() (η-major).
func exitCellIndex(p *scenario.Plan, k pipeline.CellKey) int {
	return k.EtaIndex*len(p.Starts) + k.StartIndex
}
