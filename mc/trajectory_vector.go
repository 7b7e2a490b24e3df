package mc

import (
	"math"

	"github.com/htsgd/htsgd/landscapes"
)

// vectorTrajectory is the observer that keeps the record of a Trajectory on
// the vector kernel: per step the squared distance to every minimum set
// (the near and marker processes, and the core test), and, for the basin
// process or a snapshot, the basin of a point outside every core by
// Basins.Locate (an interface call, on the slow side of the core test).
type vectorTrajectory struct {
	d            int
	sets         []landscapes.MinimumSet
	cores        []float64 // squared core radii
	rad2         float64   // squared visiting radius
	bs           landscapes.Basins
	recordBasins bool
	snapshots    []int64
	marker       int   // M_n after the last step seen
	snap         int   // next snapshot
	nextSnap     int64 // its step, or MaxInt64
	rec          *TrajectoryRecord
}

// newVectorTrajectory returns the observer of e on the vector kernel, with
// the snapshots at step 0 already taken.
func newVectorTrajectory(e Trajectory) *vectorTrajectory {
	sets := e.Basins.MinimumSets()
	n := len(sets)
	rec := &TrajectoryRecord{Steps: e.Steps, NearSteps: make([]int64, n), MarkerSteps: make([]int64, n)}
	if e.RecordBasins {
		rec.BasinSteps = make([]int64, n)
	}
	if len(e.Snapshots) > 0 {
		rec.SnapshotBasin, rec.SnapshotMarker = make([]int, len(e.Snapshots)), make([]int, len(e.Snapshots))
	}
	cores := make([]float64, n)
	for j := range sets {
		c := e.Basins.Core(j)
		cores[j] = c * c
	}
	marker := e.Basins.Locate(e.Start)
	t := &vectorTrajectory{d: e.Dim(), sets: sets, cores: cores, rad2: e.Radius * e.Radius, bs: e.Basins,
		recordBasins: e.RecordBasins, snapshots: e.Snapshots, marker: marker, rec: rec}
	for t.snap < len(e.Snapshots) && e.Snapshots[t.snap] == 0 {
		rec.SnapshotBasin[t.snap], rec.SnapshotMarker[t.snap] = marker, marker
		t.snap++
	}
	t.nextSnap = math.MaxInt64
	if t.snap < len(t.snapshots) {
		t.nextSnap = t.snapshots[t.snap]
	}
	return t
}

// Observe records the steps first, first+1, … whose iterates are xs.
func (t *vectorTrajectory) Observe(first int64, xs []float64) error {
	d, sets, cores, rad2, rec := t.d, t.sets, t.cores, t.rad2, t.rec
	marker, n := t.marker, int64(0)
	for o := 0; o+d <= len(xs); o += d {
		x := xs[o : o+d]
		step := first + n
		n++
		near, inCore := -1, -1
		for j := range sets {
			d2 := sets[j].Dist2(x)
			if d2 < rad2 {
				near = j
			}
			if d2 < cores[j] {
				inCore = j
			}
		}
		if near >= 0 {
			rec.NearSteps[near]++
			if near != marker {
				rec.Transitions = append(rec.Transitions, Transition{Step: step, From: marker, To: near})
				marker = near
			}
		} else {
			rec.OutSteps++
		}
		rec.MarkerSteps[marker]++
		if !t.recordBasins && step != t.nextSnap {
			continue
		}
		lab := inCore
		if lab < 0 {
			lab = t.bs.Locate(x)
		}
		if lab < 0 || lab >= len(sets) {
			lab = landscapes.NoBasin
		}
		if t.recordBasins {
			if lab >= 0 {
				rec.BasinSteps[lab]++
			} else {
				rec.NoBasinSteps++
			}
		}
		if step == t.nextSnap {
			for t.snap < len(t.snapshots) && t.snapshots[t.snap] == step {
				rec.SnapshotBasin[t.snap], rec.SnapshotMarker[t.snap] = lab, marker
				t.snap++
			}
			t.nextSnap = math.MaxInt64
			if t.snap < len(t.snapshots) {
				t.nextSnap = t.snapshots[t.snap]
			}
		}
	}
	t.marker = marker
	return nil
}
