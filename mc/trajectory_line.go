package mc

import "math"

// lineTrajectory is the observer that keeps the record of a Trajectory on
// the one-dimensional fast path: the basin process (a linear scan of the
// saddles: landscapes have a handful), its crossings, the marker process
// (|x − m_j| < Radius for the minimum of the current basin, which the
// radius check of Trajectory.Validate makes the only candidate) and the
// snapshots. It works on plain values, without an interface call.
type lineTrajectory struct {
	saddles, minima []float64
	snapshots       []int64
	radius          float64
	basin, marker   int   // B_n and M_n after the last step seen
	snap            int   // next snapshot
	nextSnap        int64 // its step, or MaxInt64
	rec             *TrajectoryRecord
}

// newLineTrajectory returns the observer of e on its fast path l, with the
// snapshots at step 0 already taken.
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

// Observe records the steps first, first+1, … whose iterates are xs.
func (t *lineTrajectory) Observe(first int64, xs []float64) error {
	basin, marker, snap, nextSnap := t.basin, t.marker, t.snap, t.nextSnap
	saddles, minima, snapshots, radius, rec := t.saddles, t.minima, t.snapshots, t.radius, t.rec
	for i, x := range xs {
		n := first + int64(i)
		nb := 0
		for nb < len(saddles) && saddles[nb] <= x {
			nb++
		}
		if nb != basin {
			rec.Crossings[basin][nb]++
			basin = nb
		}
		if nb != marker && math.Abs(x-minima[nb]) < radius {
			rec.Transitions = append(rec.Transitions, Transition{Step: n, From: marker, To: nb})
			marker = nb
		}
		rec.BasinSteps[basin]++
		rec.MarkerSteps[marker]++
		if n == nextSnap {
			for snap < len(snapshots) && snapshots[snap] == n {
				rec.SnapshotBasin[snap], rec.SnapshotMarker[snap] = basin, marker
				snap++
			}
			nextSnap = math.MaxInt64
			if snap < len(snapshots) {
				nextSnap = snapshots[snap]
			}
		}
	}
	t.basin, t.marker, t.snap, t.nextSnap = basin, marker, snap, nextSnap
	return nil
}
