package mc

import "encoding/json"

// lineTrajectoryJSON is the JSON layout of a record of the
// one-dimensional fast path.
type lineTrajectoryJSON struct {
	Replica        int          `json:"replica"`
	Steps          int64        `json:"steps"`
	BasinSteps     []int64      `json:"basin_steps"`
	MarkerSteps    []int64      `json:"marker_steps"`
	Crossings      [][]int64    `json:"crossings"`
	Transitions    []Transition `json:"transitions"`
	SnapshotBasin  []int        `json:"snapshot_basin"`
	SnapshotMarker []int        `json:"snapshot_marker"`
}

// vectorTrajectoryJSON is the JSON layout of a record of the vector
// kernel.
type vectorTrajectoryJSON struct {
	Replica        int          `json:"replica"`
	Steps          int64        `json:"steps"`
	NearSteps      []int64      `json:"near_steps"`
	OutSteps       int64        `json:"out_steps"`
	MarkerSteps    []int64      `json:"marker_steps"`
	BasinSteps     []int64      `json:"basin_steps,omitempty"`
	NoBasinSteps   int64        `json:"no_basin_steps,omitempty"`
	Transitions    []Transition `json:"transitions"`
	SnapshotBasin  []int        `json:"snapshot_basin,omitempty"`
	SnapshotMarker []int        `json:"snapshot_marker,omitempty"`
}

// MarshalJSON writes the record in the layout of its kernel: a record of
// the one-dimensional fast path (NearSteps nil) with the keys replica,
// steps, basin_steps, marker_steps, crossings, transitions, snapshot_basin
// and snapshot_marker; one of the vector kernel with replica, steps,
// near_steps, out_steps, marker_steps, then basin_steps and
// no_basin_steps when the basin process was recorded, transitions, and
// snapshot_basin and snapshot_marker when there are snapshots. Decoding
// (the struct's own tags) reads either layout.
func (r TrajectoryRecord) MarshalJSON() ([]byte, error) {
	if r.NearSteps == nil {
		return json.Marshal(lineTrajectoryJSON{Replica: r.Replica, Steps: r.Steps, BasinSteps: r.BasinSteps,
			MarkerSteps: r.MarkerSteps, Crossings: r.Crossings, Transitions: r.Transitions,
			SnapshotBasin: r.SnapshotBasin, SnapshotMarker: r.SnapshotMarker})
	}
	return json.Marshal(vectorTrajectoryJSON{Replica: r.Replica, Steps: r.Steps, NearSteps: r.NearSteps,
		OutSteps: r.OutSteps, MarkerSteps: r.MarkerSteps, BasinSteps: r.BasinSteps, NoBasinSteps: r.NoBasinSteps,
		Transitions: r.Transitions, SnapshotBasin: r.SnapshotBasin, SnapshotMarker: r.SnapshotMarker})
}
