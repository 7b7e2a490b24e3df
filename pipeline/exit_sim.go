package pipeline

import (
	"context"
	"fmt"
	"slices"

	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/scenario"
)

// ExitCell is one (η, start) cell of a first-exit run: the experiment and the
// replicas of it that finished.
type ExitCell struct {
	// EtaIndex and StartIndex locate the cell in the scenario's lists; they
	// label its random streams.
	EtaIndex, StartIndex int
	// Experiment is the simulated first-exit experiment.
	Experiment mc.FirstExit
	// Result holds the finished replicas in replica order.
	Result mc.ExitResult
}

// ExitOptions control how RunExits runs a scenario.
type ExitOptions struct {
	// Workers is the number of goroutines (GOMAXPROCS when ≤ 0).
	Workers int
	// First and Last select the replicas [First, Last) to run (a shard);
	// Last = 0 means all samples of the scenario.
	First, Last int
	// OnReplica, if not nil, is called after each finished replica with
	// the number of steps it took (for progress reporting).
	OnReplica func(steps int64)
	// Resume holds records of replicas already finished (a checkpoint):
	// they are kept and not run again.
	Resume map[CellKey][]mc.ExitRecord
	// OnRecord, if not nil, is called with every newly finished record and
	// its cell (for checkpoints); it may be called concurrently.
	OnRecord func(CellKey, mc.ExitRecord)
}

// CellKey locates a cell of a first-exit run in the scenario's lists.
type CellKey struct {
	EtaIndex, StartIndex int
}

// exitKey returns the random streams of cell (etaIndex, startIndex): the
// scenario seed labelled with both indices, so that every cell has its own
// streams and replica k of a cell always draws the same numbers.
func exitKey(seed uint64, etaIndex, startIndex int) mc.StreamKey {
	return mc.StreamKey{Seed: seed, Labels: []uint64{1, uint64(etaIndex), uint64(startIndex)}}
}

// RunExits runs the first-exit experiment of every (η, start) cell of a
// built scenario, in the order η-major. On cancellation it returns the cells
// run so far, the interrupted one with its finished replicas, and ctx.Err().
func RunExits(ctx context.Context, sc *scenario.Scenario, b *scenario.Built, opt ExitOptions) ([]ExitCell, error) {
	first, last, err := opt.replicas(sc)
	if err != nil {
		return nil, err
	}
	var cells []ExitCell
	for ei, eta := range b.Etas {
		for si, st := range b.Starts {
			exp := exitExperiment(sc, b, eta, st.X)
			key := CellKey{ei, si}
			res, err := mc.RunExitsOf(ctx, exp, exitKey(uint64(sc.Run.Seed), ei, si), opt.todo(key, first, last), opt.Workers, opt.onDone(key))
			res = opt.withResumed(key, res, first, last)
			cells = append(cells, ExitCell{EtaIndex: ei, StartIndex: si, Experiment: exp, Result: res})
			if err != nil {
				return cells, err
			}
		}
	}
	return cells, nil
}

// replicas returns the replicas [first, last) of every cell this run
// covers: opt.First and opt.Last, the whole run [0, run.samples) by default.
func (opt ExitOptions) replicas(sc *scenario.Scenario) (first, last int, err error) {
	first, last = opt.First, opt.Last
	if last == 0 {
		last = sc.Run.Samples
	}
	if first < 0 || last > sc.Run.Samples || first >= last {
		return 0, 0, fmt.Errorf("shard: replicas [%d, %d) are not within [0, %d)", first, last, sc.Run.Samples)
	}
	return first, last, nil
}

// todo returns the replicas of [first, last) that the resumed records of
// the cell lack, in increasing order.
func (opt ExitOptions) todo(key CellKey, first, last int) []int {
	have := map[int]bool{}
	for _, r := range opt.Resume[key] {
		have[r.Replica] = true
	}
	var todo []int
	for k := first; k < last; k++ {
		if !have[k] {
			todo = append(todo, k)
		}
	}
	return todo
}

// onDone returns the callback run after each replica of the cell: the
// progress and record hooks of opt.
func (opt ExitOptions) onDone(key CellKey) func(mc.ExitRecord) {
	return func(r mc.ExitRecord) {
		if opt.OnReplica != nil {
			opt.OnReplica(r.Steps)
		}
		if opt.OnRecord != nil {
			opt.OnRecord(key, r)
		}
	}
}

// withResumed completes the result of the replicas just run with the
// cell's resumed records of [first, last), so that it is the result of the
// uninterrupted run.
func (opt ExitOptions) withResumed(key CellKey, res mc.ExitResult, first, last int) mc.ExitResult {
	res.Requested = last - first
	res.Records = mergeRecords(opt.Resume[key], res.Records, first, last)
	return res
}

// mergeRecords joins resumed and new records of the replicas in
// [first, last), sorted by replica.
func mergeRecords(resumed, fresh []mc.ExitRecord, first, last int) []mc.ExitRecord {
	out := make([]mc.ExitRecord, 0, len(resumed)+len(fresh))
	for _, r := range resumed {
		if r.Replica >= first && r.Replica < last {
			out = append(out, r)
		}
	}
	out = append(out, fresh...)
	slices.SortFunc(out, func(a, b mc.ExitRecord) int { return a.Replica - b.Replica })
	return out
}

// exitExperiment returns the first-exit experiment of one cell.
func exitExperiment(sc *scenario.Scenario, b *scenario.Built, eta, start float64) mc.FirstExit {
	return mc.FirstExit{
		System:   mc.System{Line: b.Line, Structure: b.Structure, Law: b.Law, Eta: eta, B: b.B},
		Start:    start,
		MaxSteps: sc.Run.MaxSteps,
	}
}
