package pipeline

import (
	"context"
	"errors"
	"slices"

	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/scenario"
)

// CellKey locates a cell of a first-exit run in the plan's lists: the
// index of its step size in Plan.Etas and of its start in Plan.Starts.
type CellKey struct {
	EtaIndex, StartIndex int
}

// ExitCell is one (η, start) cell of a first-exit run, in any dimension:
// the experiment and the summary of the replicas of it that finished.
type ExitCell struct {
	// EtaIndex and StartIndex locate the cell in the plan's lists; they
	// label its random streams (mc.ExitKey).
	EtaIndex, StartIndex int
	// Basin is the index of the basin exited, that of the start.
	Basin int
	// Experiment is the simulated first-exit experiment.
	Experiment mc.FirstExit
	// Summary holds the statistics of the finished replicas (the report
	// row is made of it alone).
	Summary ExitSummary
	// Records holds the finished replicas in replica order when the run
	// kept them (ExitOptions.Records, and cells of Records); nil for a
	// streamed run.
	Records []mc.ExitRecord
	// Requested is the number of replicas the cell was to run (a shard's
	// share); fewer finished ones (Summary.Samples) mean an interrupted
	// run, and none a cell that never started.
	Requested int
}

// Started reports whether any replica of the cell finished.
func (c ExitCell) Started() bool { return c.Summary.Samples > 0 }

// Complete reports whether every replica the cell was to run finished.
func (c ExitCell) Complete() bool { return c.Summary.Samples >= c.Requested }

// ExitOptions control how RunExits runs a plan.
type ExitOptions struct {
	// Workers is the number of goroutines (GOMAXPROCS when ≤ 0).
	Workers int
	// Shard selects the part of the replicas of every cell to run when
	// Records is nil (the zero value: all of them, WholeRun); Records
	// carry their own.
	Shard Shard
	// Records, if not nil, collects the run: it selects the shard of
	// replicas to run, holds the replicas already finished (a resumed
	// checkpoint), which are kept and not run again, and receives every
	// replica that finishes (for checkpoints and record files); the cells
	// returned then carry their Records. It must have been made for the
	// same plan (NewRecords). Nil means all replicas, streamed: each
	// finished replica goes into its cell's Summary and is dropped, so
	// that memory does not grow with Run.Samples.
	Records *Records
	// OnReplica, if not nil, is called after each newly finished replica
	// with its cell and the number of steps it took (for progress
	// reporting), one call at a time.
	OnReplica func(cell CellKey, steps int64)
}

// errOtherPlan reports ExitOptions.Records made for another plan.
var errOtherPlan = errors.New("pipeline: ExitOptions.Records were made for another plan")

// RunExits runs the first-exit experiment of every (η, start) cell of a
// plan, in the order η-major (docs/theory.md §6.1 and §9): replica k of
// cell (η index e, start index s) runs mc.FirstExit from Starts[s] with
// step size Etas[e] until it leaves the start's basin or reaches
// Run.MaxSteps, and draws from mc.ExitKey(Run.Seed, e, s).Rand(k) and
// nothing else, so the records do not depend on the number of workers, on
// sharding or on resuming. It returns one cell per (η, start), η-major,
// with the summary of its finished replicas (and their records when
// opt.Records is given).
//
// Every experiment is checked before any runs; a bad one is the
// *param.Error of mc, named after its scenario key by
// scenario.FieldOfEta. On cancellation RunExits returns every cell with
// ctx.Err(): those run so far, the interrupted one with its finished
// replicas, and the ones that never started with none (their Requested
// says how many they were to run).
func RunExits(ctx context.Context, p *scenario.Plan, opt ExitOptions) ([]ExitCell, error) {
	rec := opt.Records
	if rec != nil && rec.plan != p {
		return nil, errOtherPlan
	}
	shard := opt.Shard
	if shard == (Shard{}) {
		shard = WholeRun
	}
	if err := shard.Validate(); err != nil {
		return nil, err
	}
	first, last := shard.Range(p.Run.Samples)
	if rec != nil {
		first, last = rec.first, rec.last
	}
	for ei := range p.Etas {
		for si := range p.Starts {
			if err := exitExperiment(p, ei, si).Validate(); err != nil {
				return nil, scenario.FieldOfEta(err, ei)
			}
		}
	}
	cells := make([]ExitCell, 0, len(p.Etas)*len(p.Starts))
	var runErr error
	for ei := range p.Etas {
		for si := range p.Starts {
			key := CellKey{ei, si}
			c := ExitCell{EtaIndex: ei, StartIndex: si, Basin: p.Starts[si].Basin,
				Experiment: exitExperiment(p, ei, si), Summary: NewExitSummary(first), Requested: last - first}
			todo := mc.ReplicaRange(first, last)
			if rec != nil {
				for _, r := range rec.sorted(key) { // a resumed checkpoint's
					c.Summary.Add(r)
				}
				todo = rec.missing(key)
			}
			if runErr == nil {
				runErr = mc.RunExits(ctx, c.Experiment, mc.ExitKey(p.Run.Seed, ei, si), todo, opt.Workers, func(r mc.ExitRecord) {
					c.Summary.Add(r)
					if rec != nil {
						rec.Add(key, r)
					}
					if opt.OnReplica != nil {
						opt.OnReplica(key, r.Steps)
					}
				})
			}
			if rec != nil {
				c.Records = rec.sorted(key)
			}
			cells = append(cells, c)
		}
	}
	return cells, runErr
}

// exitExperiment returns the first-exit experiment of cell (ei, si) of p.
func exitExperiment(p *scenario.Plan, ei, si int) mc.FirstExit {
	return mc.FirstExit{
		System: mc.System{Landscape: p.Landscape, Basins: p.Basins, Noise: p.Noise,
			Eta: p.Etas[ei], B: p.B, Domain: p.Domain},
		Start:    slices.Clone(p.Starts[si].X),
		MaxSteps: p.Run.MaxSteps,
	}
}
