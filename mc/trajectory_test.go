package mc

import (
	"context"
	"reflect"
	"testing"
)

func doubleWellTrajectory(b float64, steps int64, snapshots []int64) Trajectory {
	return Trajectory{
		System: System{
			Line:      doubleWell{},
			Structure: doubleWellStructure,
			Law:       symmetricPareto{alpha: 1.5},
			Eta:       0.05,
			B:         b,
		},
		Start:     0.5,
		Steps:     steps,
		Radius:    0.2,
		Snapshots: snapshots,
	}
}

// TestTrajectoryBookkeeping checks the invariants of a record: occupation
// times sum to the number of steps, the marker transitions chain (each
// starts where the previous ended, at increasing steps), crossings
// alternate consistently, and the run is reproducible for any worker count.
func TestTrajectoryBookkeeping(t *testing.T) {
	e := doubleWellTrajectory(1.5, 200_000, []int64{0, 1, 1000, 1000, 200_000})
	key := StreamKey{Seed: 3}
	recs, err := RunTrajectories(context.Background(), e, key, 0, 4, 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	again, err := RunTrajectories(context.Background(), e, key, 0, 4, 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(recs, again) {
		t.Fatal("records depend on the number of workers")
	}
	for _, rec := range recs {
		var basin, marker int64
		for j := range rec.BasinSteps {
			basin += rec.BasinSteps[j]
			marker += rec.MarkerSteps[j]
		}
		if basin != e.Steps || marker != e.Steps {
			t.Fatalf("replica %d: occupation sums %d, %d, want %d", rec.Replica, basin, marker, e.Steps)
		}
		if len(rec.Transitions) == 0 {
			t.Fatalf("replica %d: no transitions with b = 1.5 over %d steps", rec.Replica, e.Steps)
		}
		from, last := 1, int64(0) // start 0.5 lies in basin 1
		for _, tr := range rec.Transitions {
			if tr.From != from || tr.To == tr.From || tr.Step <= last {
				t.Fatalf("replica %d: transition %+v after state %d at step %d", rec.Replica, tr, from, last)
			}
			from, last = tr.To, tr.Step
		}
		// Each crossing i→j changes the basin; the net flow out of the
		// start basin is at most one.
		net := rec.Crossings[1][0] - rec.Crossings[0][1]
		if net < 0 || net > 1 {
			t.Fatalf("replica %d: crossings %v inconsistent", rec.Replica, rec.Crossings)
		}
		if rec.SnapshotBasin[0] != 1 || rec.SnapshotMarker[0] != 1 {
			t.Fatalf("replica %d: state at step 0 = (%d, %d), want (1, 1)", rec.Replica, rec.SnapshotBasin[0], rec.SnapshotMarker[0])
		}
		if rec.SnapshotMarker[4] != from {
			t.Fatalf("replica %d: final marker snapshot %d, last transition to %d", rec.Replica, rec.SnapshotMarker[4], from)
		}
	}
}

// TestTrajectoryTrapped: with b = 5e-5 the 10^4 steps move X by at most
// 0.5 in all, less than the distance 0.9 from the start to the saddle, so
// every step is spent in basin 1 and no transition happens.
func TestTrajectoryTrapped(t *testing.T) {
	e := doubleWellTrajectory(5e-5, 10_000, nil)
	e.Start = 0.9
	recs, err := RunTrajectories(context.Background(), e, StreamKey{Seed: 1}, 0, 2, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, rec := range recs {
		if rec.BasinSteps[1] != e.Steps || len(rec.Transitions) != 0 {
			t.Fatalf("record %+v: want trapped in basin 1", rec)
		}
	}
}

func TestTrajectoryBadInput(t *testing.T) {
	tests := []struct {
		name string
		mod  func(*Trajectory)
	}{
		{"radius too large", func(e *Trajectory) { e.Radius = 1 }},
		{"radius zero", func(e *Trajectory) { e.Radius = 0 }},
		{"no steps", func(e *Trajectory) { e.Steps = 0 }},
		{"unsorted snapshots", func(e *Trajectory) { e.Snapshots = []int64{5, 1} }},
		{"snapshot beyond end", func(e *Trajectory) { e.Snapshots = []int64{e.Steps + 1} }},
	}
	for _, tt := range tests {
		e := doubleWellTrajectory(0.5, 100, nil)
		tt.mod(&e)
		if _, err := RunTrajectories(context.Background(), e, StreamKey{}, 0, 1, 1, nil); err == nil {
			t.Errorf("%s: no error", tt.name)
		}
	}
}
