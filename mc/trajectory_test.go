package mc

import (
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/noise"
	"github.com/htsgd/htsgd/param"
)

func doubleWellTrajectory(b float64, steps int64, snapshots []int64) Trajectory {
	return Trajectory{System: doubleWellSystem(0.05, b), Start: []float64{0.5}, Steps: steps, Radius: 0.2, Snapshots: snapshots}
}

// wellsTrajectory is a trajectory between the two wells of a 2-D
// gaussian-wells landscape (basins by a coarse basin map).
func wellsTrajectory(t *testing.T, steps int64, snapshots []int64) Trajectory {
	g, bm := gaussianWells(t)
	law, _ := noise.NewPareto(1.5, 1, 0.5)
	z, _ := noise.NewRadial(2, law, nil)
	return Trajectory{
		System: System{Landscape: g, Basins: bm, Noise: z, Eta: 0.05, B: 0.8, Domain: landscapes.Ball{Radius: 2.5}},
		Start:  []float64{-1, 0}, Steps: steps, Radius: 0.3, RecordBasins: true, Snapshots: snapshots,
	}
}

// TestTrajectoryBookkeeping checks the invariants of a record on both
// kernels: occupation times sum to the number of steps, the marker
// transitions chain (each starts where the previous ended, at increasing
// steps), crossings are consistent, snapshots agree with the processes,
// and the run is reproducible for any worker count.
func TestTrajectoryBookkeeping(t *testing.T) {
	for _, e := range []Trajectory{
		doubleWellTrajectory(1.5, 200_000, []int64{0, 1, 1000, 1000, 200_000}),
		wellsTrajectory(t, 50_000, []int64{0, 5, 50_000}),
	} {
		key := StreamKey{Seed: 3}
		recs, err := runTrajectories(context.Background(), e, key, ReplicaRange(0, 3), 1)
		if err != nil {
			t.Fatal(err)
		}
		again, err := runTrajectories(context.Background(), e, key, ReplicaRange(0, 3), 2)
		if err != nil {
			t.Fatal(err)
		}
		if len(recs) != 3 || !reflect.DeepEqual(recs, again) {
			t.Fatalf("%d-D: records depend on the number of workers", e.Dim())
		}
		start := e.Basins.Locate(e.Start)
		for _, rec := range recs {
			var basin, marker, near int64
			for j := range rec.MarkerSteps {
				basin += rec.BasinSteps[j]
				marker += rec.MarkerSteps[j]
				if rec.NearSteps != nil {
					near += rec.NearSteps[j]
				}
			}
			if basin+rec.NoBasinSteps != e.Steps || marker != e.Steps || (rec.NearSteps != nil && near+rec.OutSteps != e.Steps) {
				t.Fatalf("%d-D replica %d: occupation sums basin %d + %d, marker %d, near %d + %d; want %d",
					e.Dim(), rec.Replica, basin, rec.NoBasinSteps, marker, near, rec.OutSteps, e.Steps)
			}
			if len(rec.Transitions) == 0 {
				t.Fatalf("%d-D replica %d: no transitions over %d steps", e.Dim(), rec.Replica, e.Steps)
			}
			from, last := start, int64(0)
			for _, tr := range rec.Transitions {
				if tr.From != from || tr.To == tr.From || tr.Step <= last {
					t.Fatalf("%d-D replica %d: transition %+v after state %d at step %d", e.Dim(), rec.Replica, tr, from, last)
				}
				from, last = tr.To, tr.Step
			}
			if rec.SnapshotBasin[0] != start || rec.SnapshotMarker[0] != start {
				t.Fatalf("%d-D replica %d: state at step 0 = (%d, %d), want (%d, %d)", e.Dim(), rec.Replica, rec.SnapshotBasin[0], rec.SnapshotMarker[0], start, start)
			}
			if last := len(e.Snapshots) - 1; rec.SnapshotMarker[last] != from {
				t.Fatalf("%d-D replica %d: final marker snapshot %d, last transition to %d", e.Dim(), rec.Replica, rec.SnapshotMarker[last], from)
			}
			if rec.Crossings != nil {
				// Each crossing i→j changes the basin; the net flow out of
				// the start basin is at most one.
				if net := rec.Crossings[1][0] - rec.Crossings[0][1]; net < 0 || net > 1 {
					t.Fatalf("replica %d: crossings %v inconsistent", rec.Replica, rec.Crossings)
				}
			}
		}
	}
}

// TestTrajectoryTrapped: with b = 5e-5 the 10^4 steps move X by at most
// 0.5 in all, less than the distance 0.9 from the start to the saddle, so
// every step is spent in basin 1 and no transition happens.
func TestTrajectoryTrapped(t *testing.T) {
	e := doubleWellTrajectory(5e-5, 10_000, nil)
	e.Start = []float64{0.9}
	recs, err := runTrajectories(context.Background(), e, StreamKey{Seed: 1}, ReplicaRange(0, 2), 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, rec := range recs {
		if rec.BasinSteps[1] != e.Steps || len(rec.Transitions) != 0 {
			t.Fatalf("record %+v: want trapped in basin 1", rec)
		}
	}
}

// TestTrajectoryValidate checks that every invalid parameter is reported
// as a *param.Error naming its field.
func TestTrajectoryValidate(t *testing.T) {
	open := landscapes.Structure{Minima: []float64{-1, 1}, Saddles: []float64{0}, Lo: -2, Hi: 2, OpenHi: true}
	tests := []struct {
		name, field string
		e           Trajectory
		mod         func(*Trajectory)
	}{
		{"radius too large", "mc.Trajectory.Radius", doubleWellTrajectory(0.5, 100, nil), func(e *Trajectory) { e.Radius = 1 }},
		{"radius zero", "mc.Trajectory.Radius", doubleWellTrajectory(0.5, 100, nil), func(e *Trajectory) { e.Radius = 0 }},
		{"no steps", "mc.Trajectory.Steps", doubleWellTrajectory(0.5, 100, nil), func(e *Trajectory) { e.Steps = 0 }},
		{"unsorted snapshots", "mc.Trajectory.Snapshots", doubleWellTrajectory(0.5, 100, nil), func(e *Trajectory) { e.Snapshots = []int64{5, 1} }},
		{"snapshot beyond end", "mc.Trajectory.Snapshots", doubleWellTrajectory(0.5, 100, nil), func(e *Trajectory) { e.Snapshots = []int64{e.Steps + 1} }},
		{"start outside", "mc.Trajectory.Start", doubleWellTrajectory(0.5, 100, nil), func(e *Trajectory) { e.Start = []float64{2.5} }},
		{"open end", "mc.System.Basins", doubleWellTrajectory(0.5, 100, nil), func(e *Trajectory) { e.Basins = open }},
		{"eta", "mc.System.Eta", doubleWellTrajectory(0.5, 100, nil), func(e *Trajectory) { e.Eta = -1 }},
		{"2-D radius reaches the other minimum", "mc.Trajectory.Radius", wellsTrajectory(t, 100, nil), func(e *Trajectory) { e.Radius = 1.5 }},
		{"2-D start dimension", "mc.Trajectory.Start", wellsTrajectory(t, 100, nil), func(e *Trajectory) { e.Start = []float64{1, 0, 0} }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := tc.e
			if err := e.Validate(); err != nil {
				t.Fatalf("the unmodified experiment is invalid: %v", err)
			}
			tc.mod(&e)
			err := RunTrajectories(context.Background(), e, StreamKey{}, ReplicaRange(0, 1), 1, nil)
			if pe := param.As(err); pe == nil || pe.Name != tc.field {
				t.Errorf("error %v, want a *param.Error naming %s", err, tc.field)
			}
		})
	}
}

// TestTrajectoryRecordJSON checks the two layouts of a record's JSON form
// (the keys and their order are those of the record files) and that
// decoding either gives the record back.
func TestTrajectoryRecordJSON(t *testing.T) {
	tests := []struct {
		name string
		rec  TrajectoryRecord
		want string
	}{
		{"line", TrajectoryRecord{Replica: 2, Steps: 10, BasinSteps: []int64{4, 6}, MarkerSteps: []int64{5, 5},
			Crossings: [][]int64{{0, 1}, {0, 0}}, Transitions: []Transition{{Step: 5, From: 0, To: 1}},
			SnapshotBasin: []int{}, SnapshotMarker: []int{}},
			`{"replica":2,"steps":10,"basin_steps":[4,6],"marker_steps":[5,5],"crossings":[[0,1],[0,0]],"transitions":[{"step":5,"from":0,"to":1}],"snapshot_basin":[],"snapshot_marker":[]}`},
		{"vector", TrajectoryRecord{Replica: 1, Steps: 10, NearSteps: []int64{3, 1}, OutSteps: 6, MarkerSteps: []int64{10, 0}},
			`{"replica":1,"steps":10,"near_steps":[3,1],"out_steps":6,"marker_steps":[10,0],"transitions":null}`},
		{"vector with basins and snapshots", TrajectoryRecord{Replica: 1, Steps: 10, NearSteps: []int64{3, 1}, OutSteps: 6,
			MarkerSteps: []int64{10, 0}, BasinSteps: []int64{9, 0}, NoBasinSteps: 1, SnapshotBasin: []int{0}, SnapshotMarker: []int{0}},
			`{"replica":1,"steps":10,"near_steps":[3,1],"out_steps":6,"marker_steps":[10,0],"basin_steps":[9,0],"no_basin_steps":1,"transitions":null,"snapshot_basin":[0],"snapshot_marker":[0]}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b, err := json.Marshal(tc.rec)
			if err != nil {
				t.Fatal(err)
			}
			if string(b) != tc.want {
				t.Fatalf("JSON\n%s\nwant\n%s", b, tc.want)
			}
			var back TrajectoryRecord
			if err := json.NewDecoder(strings.NewReader(string(b))).Decode(&back); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(back, tc.rec) {
				t.Fatalf("decoded %+v, want %+v", back, tc.rec)
			}
		})
	}
}
