package mc

import (
	"context"
	"slices"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/param"
	"github.com/htsgd/htsgd/rng"
)

// Trajectory is the long-run experiment of docs/theory.md §8.3 (and, in
// R², of the ICLR 2022 paper's Appendix A.2 and Figure 3): one replica
// runs Steps steps from Start and records, in O(number of transitions)
// memory, where the chain spends its time and how it moves between minima.
//
// Following the paper, X_n "visits" the minimum set of Ω_j when it is
// within Radius of it (of its minimizer; of the nearest point of a
// segment). The processes recorded are:
//   - the marker process M_n: the last minimum set X_n has come within
//     Radius of, with M_0 = the basin of Start; its jumps are the
//     transitions between minima counted by the generator estimate of
//     docs/theory.md §12.5 (a visit to a saddle's other side that returns
//     before reaching the next minimum is not a transition);
//   - the basin process B_n, the index of the basin containing X_n (raw
//     basin occupation, with the crossings between basins on the
//     one-dimensional fast path; it flickers when X_n hovers near a
//     saddle): always on the fast path, and with RecordBasins otherwise
//     (a Basins.Locate per step outside the cores of the minimum sets);
//   - on the vector kernel, the near process: the minimum set within
//     Radius of X_n, or out;
//   - B_n and M_n at the Snapshots, for the finite-dimensional laws.
//
// The fields of TrajectoryRecord say which kernel fills them.
type Trajectory struct {
	System
	// Start is X_0 (d coordinates).
	Start []float64
	// Steps is the number of steps N of each replica.
	Steps int64
	// Radius is the visiting distance (0.5 in the paper's R² experiment).
	// With a one-dimensional Structure it must be smaller than the
	// distance from every minimum to its basin's ends; otherwise smaller
	// than half the distance between any two minimum sets.
	Radius float64
	// Snapshots are step indices (sorted, in [0, Steps]) at which B_n and
	// M_n are recorded.
	Snapshots []int64
	// RecordBasins turns on the basin process on the vector kernel (the
	// fast path always records it).
	RecordBasins bool
}

// Transition is one jump of the marker process.
type Transition struct {
	// Step is the first n with X_n within Radius of minimum set To.
	Step int64 `json:"step"`
	// From and To are the minima left and reached.
	From int `json:"from"`
	To   int `json:"to"`
}

// TrajectoryRecord is what one replica of a Trajectory recorded. A record
// of the one-dimensional fast path has NearSteps nil; one of the vector
// kernel has Crossings nil. Its JSON form has one layout per kernel
// (MarshalJSON).
type TrajectoryRecord struct {
	// Replica is the replica index k.
	Replica int `json:"replica"`
	// Steps is the number of steps simulated.
	Steps int64 `json:"steps"`
	// NearSteps[j] is the number of steps n in [1, Steps] with X_n within
	// Radius of minimum set j, OutSteps the number within Radius of none
	// (vector kernel).
	NearSteps []int64 `json:"near_steps"`
	OutSteps  int64   `json:"out_steps"`
	// MarkerSteps[j] is the number of steps n in [1, Steps] with M_n = j.
	MarkerSteps []int64 `json:"marker_steps"`
	// BasinSteps[j] is the number of steps n in [1, Steps] with X_n in Ω_j
	// (fast path, or RecordBasins), NoBasinSteps the number in no basin.
	BasinSteps   []int64 `json:"basin_steps"`
	NoBasinSteps int64   `json:"no_basin_steps"`
	// Crossings[i][j] counts steps with X_{n−1} ∈ Ω_i and X_n ∈ Ω_j, i ≠ j
	// (fast path).
	Crossings [][]int64 `json:"crossings"`
	// Transitions are the jumps of the marker process in order.
	Transitions []Transition `json:"transitions"`
	// SnapshotBasin and SnapshotMarker are B_n and M_n at each snapshot
	// step (B_n = landscapes.NoBasin in no basin).
	SnapshotBasin  []int `json:"snapshot_basin"`
	SnapshotMarker []int `json:"snapshot_marker"`
}

// Validate reports whether the experiment can run. Errors are *param.Error
// (System.Validate; "mc.Trajectory.Steps", "mc.Trajectory.Start",
// "mc.Trajectory.Radius", "mc.Trajectory.Snapshots"; "mc.System.Basins"
// for a one-dimensional Structure with an open end, whose outside a
// trajectory cannot count).
func (e Trajectory) Validate() error {
	if err := e.System.Validate(); err != nil {
		return err
	}
	if e.Steps < 1 {
		return param.Errorf("mc.Trajectory.Steps", "must be ≥ 1, got %d", e.Steps)
	}
	if !(e.Radius > 0) {
		return param.Errorf("mc.Trajectory.Radius", "must be positive, got %v", e.Radius)
	}
	if st, ok := e.Basins.(landscapes.Structure); ok {
		if st.OpenLo || st.OpenHi {
			return param.Errorf("mc.System.Basins", "a trajectory needs a closed domain (no open ends)")
		}
		for i, m := range st.Minima {
			l, r := st.Interval(i)
			if e.Radius >= m-l || e.Radius >= r-m {
				return param.Errorf("mc.Trajectory.Radius", "%v reaches beyond basin %d (minimum %v, basin (%v, %v))", e.Radius, i, m, l, r)
			}
		}
	} else {
		sets := e.Basins.MinimumSets()
		for i := range sets {
			for j := range i {
				if d := sets[i].DistanceTo(sets[j]); 2*e.Radius >= d {
					return param.Errorf("mc.Trajectory.Radius", "%v is not below half the distance %v between minimum sets %d and %d", e.Radius, d, j, i)
				}
			}
		}
	}
	if err := e.checkStart("mc.Trajectory.Start", e.Start, true); err != nil {
		return err
	}
	if !slices.IsSorted(e.Snapshots) {
		return param.Errorf("mc.Trajectory.Snapshots", "steps must be sorted")
	}
	for i, n := range e.Snapshots {
		if n < 0 || n > e.Steps {
			return param.ElemErrorf("mc.Trajectory.Snapshots", i, "step %d outside [0, %d]", n, e.Steps)
		}
	}
	return nil
}

// Run simulates one replica with the randomness of r, watching ctx every
// 2^16 steps. On the fast path the record is kept in the loop of the steps
// (lineTrajectoryKernel, generated per curve and law); on the vector
// kernel it is a Walk whose observer keeps the record. It does not
// validate e (see Validate).
func (e Trajectory) Run(ctx context.Context, r *rng.Rand) (TrajectoryRecord, error) {
	if l, ok := e.line(); ok {
		return newLineTrajectory(e, l).run(ctx, e, l, r)
	}
	t := newVectorTrajectory(e)
	if err := (Walk{System: e.System, Start: e.Start, Steps: e.Steps}).Run(ctx, r, t); err != nil {
		return TrajectoryRecord{}, err
	}
	return *t.rec, nil
}

// RunTrajectories runs the replicas of e in set with the streams of key on
// workers goroutines (GOMAXPROCS when workers ≤ 0) and hands each finished
// record to sink (nil: none), one call at a time, in the order the replicas
// finish. Replica k's record is e.Run(ctx, key.Rand(k)) with Replica = k,
// whatever the workers and the scheduling. On cancellation the finished
// records have been handed to sink and RunTrajectories returns ctx.Err().
func RunTrajectories(ctx context.Context, e Trajectory, key StreamKey, set ReplicaSet, workers int, sink func(TrajectoryRecord)) error {
	if err := set.Validate(); err != nil {
		return err
	}
	if err := e.Validate(); err != nil {
		return err
	}
	emit := serial(sink)
	q := newQueue(set)
	return runWorkers(ctx, workers, q.n, func(ctx context.Context) error {
		for {
			k, ok := q.take(ctx)
			if !ok {
				return ctx.Err()
			}
			rec, err := e.Run(ctx, key.Rand(k))
			if err != nil {
				return err
			}
			rec.Replica = k
			emit(rec)
		}
	})
}
