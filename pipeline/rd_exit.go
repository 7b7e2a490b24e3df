package pipeline

import (
	"context"
	"slices"

	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/scenario"
)

// ExitCellRd is one (η, start) cell of a first-exit run in R^d: the
// experiment and the replicas of it that finished.
type ExitCellRd struct {
	// EtaIndex and StartIndex locate the cell in the scenario's lists; they
	// label its random streams.
	EtaIndex, StartIndex int
	// Basin is the index of the basin exited (that of the start).
	Basin int
	// Experiment is the simulated first-exit experiment.
	Experiment mc.FirstExitRd
	// Result holds the finished replicas in replica order.
	Result mc.ExitResult
}

// exitExperimentRd returns the first-exit experiment of one R^d cell.
func exitExperimentRd(sc *scenario.Scenario, b *scenario.BuiltRd, eta float64, start []float64) mc.FirstExitRd {
	return mc.FirstExitRd{
		SystemRd: mc.SystemRd{Landscape: b.Landscape, Basins: b.Basins, Noise: b.Noise, Eta: eta, B: b.B, Domain: b.Domain},
		Start:    slices.Clone(start),
		MaxSteps: sc.Run.MaxSteps,
	}
}

// RunExitsRd runs the first-exit experiment of every (η, start) cell of a
// built R^d scenario, in the order η-major, exactly as RunExits does in 1-D:
// replica k of cell (η index e, start index s) draws from
// exitKey(seed, e, s).Rand(k) and from nothing else, so the records do not
// depend on the number of workers, on sharding or on resuming (opt has the
// meaning it has for RunExits). On cancellation it returns the cells run so
// far, the interrupted one with its finished replicas, and ctx.Err(). An
// experiment that cannot run (mc.FirstExitRd.Validate) is a
// *scenario.FieldError naming the scenario key.
func RunExitsRd(ctx context.Context, sc *scenario.Scenario, b *scenario.BuiltRd, opt ExitOptions) ([]ExitCellRd, error) {
	first, last, err := opt.replicas(sc)
	if err != nil {
		return nil, err
	}
	var cells []ExitCellRd
	for ei, eta := range b.Etas {
		for si, st := range b.Starts {
			exp := exitExperimentRd(sc, b, eta, st.X)
			if err := exp.Validate(); err != nil {
				return cells, rdFieldError(err)
			}
			key := CellKey{ei, si}
			res, err := mc.RunExitsRdOf(ctx, exp, exitKey(uint64(sc.Run.Seed), ei, si), opt.todo(key, first, last), opt.Workers, opt.onDone(key))
			res = opt.withResumed(key, res, first, last)
			cells = append(cells, ExitCellRd{EtaIndex: ei, StartIndex: si, Basin: st.Basin, Experiment: exp, Result: res})
			if err != nil {
				return cells, err
			}
		}
	}
	return cells, nil
}

// CellsFromRecordsRd rebuilds the cells of an R^d first-exit run from
// records (a merge of shards).
func CellsFromRecordsRd(sc *scenario.Scenario, b *scenario.BuiltRd, records map[CellKey][]mc.ExitRecord) []ExitCellRd {
	var cells []ExitCellRd
	for ei, eta := range b.Etas {
		for si, st := range b.Starts {
			cells = append(cells, ExitCellRd{EtaIndex: ei, StartIndex: si, Basin: st.Basin,
				Experiment: exitExperimentRd(sc, b, eta, st.X),
				Result:     mc.ExitResult{Records: records[CellKey{ei, si}], Requested: sc.Run.Samples}})
		}
	}
	return cells
}

// NewRecordFileRd returns the record file of an R^d run of sc restricted to
// shard; it has the format of NewRecordFile, so `verify merge` and -resume
// read both.
func NewRecordFileRd(sc *scenario.Scenario, shard Shard, records map[CellKey][]mc.ExitRecord, b *scenario.BuiltRd, theorySamples int) (*RecordFile, error) {
	f, err := newRecordFile(sc, shard, records, len(b.Etas), len(b.Starts))
	if err != nil {
		return nil, err
	}
	f.TheorySamples = theorySamples
	return f, nil
}
