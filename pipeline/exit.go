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
// the experiment and the replicas of it that finished.
type ExitCell struct {
	// EtaIndex and StartIndex locate the cell in the plan's lists; they
	// label its random streams (mc.ExitKey).
	EtaIndex, StartIndex int
	// Basin is the index of the basin exited, that of the start.
	Basin int
	// Experiment is the simulated first-exit experiment.
	Experiment mc.FirstExit
	// Records holds the finished replicas in replica order.
	Records []mc.ExitRecord
	// Requested is the number of replicas the cell was to run (a shard's
	// share); fewer Records mean an interrupted run.
	Requested int
}

// ExitOptions control how RunExits runs a plan.
type ExitOptions struct {
	// Workers is the number of goroutines (GOMAXPROCS when ≤ 0).
	Workers int
	// Records, if not nil, collects the run: it selects the shard of
	// replicas to run, holds the replicas already finished (a resumed
	// checkpoint), which are kept and not run again, and receives every
	// replica that finishes (for checkpoints and record files). It must
	// have been made for the same plan (NewRecords). Nil means all
	// replicas, kept nowhere but in the cells returned.
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
// sharding or on resuming. It returns one cell per (η, start) with its
// records in replica order.
//
// Every experiment is checked before any runs; a bad one is the
// *param.Error of mc, named after its scenario key by
// scenario.FieldOfEta. On cancellation RunExits returns the cells run so
// far, the interrupted one with its finished replicas, and ctx.Err().
func RunExits(ctx context.Context, p *scenario.Plan, opt ExitOptions) ([]ExitCell, error) {
	rec := opt.Records
	if rec == nil {
		var err error
		if rec, err = NewRecords(p, WholeRun, 0); err != nil {
			return nil, err
		}
	} else if rec.plan != p {
		return nil, errOtherPlan
	}
	for ei := range p.Etas {
		for si := range p.Starts {
			if err := exitExperiment(p, ei, si).Validate(); err != nil {
				return nil, scenario.FieldOfEta(err, ei)
			}
		}
	}
	var cells []ExitCell
	for ei := range p.Etas {
		for si := range p.Starts {
			key := CellKey{ei, si}
			exp := exitExperiment(p, ei, si)
			err := mc.RunExits(ctx, exp, mc.ExitKey(p.Run.Seed, ei, si), rec.missing(key), opt.Workers, func(r mc.ExitRecord) {
				rec.Add(key, r)
				if opt.OnReplica != nil {
					opt.OnReplica(key, r.Steps)
				}
			})
			cells = append(cells, rec.cell(key))
			if err != nil {
				return cells, err
			}
		}
	}
	return cells, nil
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
