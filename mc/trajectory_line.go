package mc

import (
	"context"
	"math"

	"github.com/htsgd/htsgd/rng"
)

// lineTrajectory is the state of a Trajectory on the one-dimensional fast
// path that lineTrajectoryKernel carries from chunk to chunk: the basin
// process (a linear scan of the saddles), its crossings, the marker process
// (|x − m_j| < Radius for the minimum of the current basin, which the radius
// check of Trajectory.Validate makes the only candidate), the snapshots and
// the record.
type lineTrajectory struct {
	saddles, minima []float64
	snapshots       []int64
	radius          float64
	basin, marker   int   // B_n and M_n after the last step seen
	snap            int   // next snapshot
	nextSnap        int64 // its step, or MaxInt64
	rec             *TrajectoryRecord
}

// newLineTrajectory returns the state of e on its fast path l at step 0,
// with the snapshots at step 0 already taken.
func newLineTrajectory(e Trajectory, l line) *lineTrajectory {
	n := l.st.N()
	rec := &TrajectoryRecord{
		Steps:          e.Steps,
		BasinSteps:     make([]int64, n),
		MarkerSteps:    make([]int64, n),
		Crossings:      make([][]int64, n),
		SnapshotBasin:  make([]int, len(e.Snapshots)),
		SnapshotMarker: make([]int, len(e.Snapshots)),
	}
	for i := range rec.Crossings {
		rec.Crossings[i] = make([]int64, n)
	}
	basin := l.st.Basin(e.Start[0])
	t := &lineTrajectory{saddles: l.st.Saddles, minima: l.st.Minima, snapshots: e.Snapshots, radius: e.Radius,
		basin: basin, marker: basin, rec: rec}
	for t.snap < len(e.Snapshots) && e.Snapshots[t.snap] == 0 {
		rec.SnapshotBasin[t.snap], rec.SnapshotMarker[t.snap] = basin, basin
		t.snap++
	}
	t.nextSnap = math.MaxInt64
	if t.snap < len(t.snapshots) {
		t.nextSnap = t.snapshots[t.snap]
	}
	return t
}

// run runs the trajectory e on its fast path l with the randomness of r,
// in chunks of cancelCheckSteps steps with a look at ctx between them, and
// returns the record.
func (t *lineTrajectory) run(ctx context.Context, e Trajectory, l line, r *rng.Rand) (TrajectoryRecord, error) {
	kernel, _ := lineTrajectoryKernelFor(l.curve, l.law)
	p := lineParams{eta: e.Eta, b: e.B, lo: l.lo, hi: l.hi}
	x := e.Start[0]
	for step := int64(0); step < e.Steps; {
		chunk := min(e.Steps-step, cancelCheckSteps)
		x = kernel(r, t, p, x, step, step+chunk)
		step += chunk
		if err := ctx.Err(); err != nil && step < e.Steps {
			return TrajectoryRecord{}, err
		}
	}
	return *t.rec, nil
}
