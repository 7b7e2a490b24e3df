package mc

import (
	"context"
	"errors"
	"fmt"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/rng"
)

// TrajectoryRd is the long-run experiment in R^d (THEORY.md section 4; the
// R² experiment of the ICLR 2022 paper, Appendix A.2 and Figure 3): one
// replica runs Steps steps from Start and records where the chain spends
// its time, in O(number of transitions) memory.
//
// Following the paper, X_n "visits" Ω_j when it is within Radius of the
// minimum set of Ω_j (its minimizer; for a segment, the nearest point of
// the segment), and is "out" otherwise. Three processes are recorded:
//   - the near process: the minimum set within Radius of X_n, or out;
//   - the marker process M_n: the last minimum set X_n has come within
//     Radius of (M_0 = the basin of Start); its jumps are the transitions
//     between minima (THEORY.md section 7);
//   - if RecordBasins, the basin process B_n = Basins.Locate(X_n).
type TrajectoryRd struct {
	SystemRd
	// Start is X_0.
	Start []float64
	// Steps is the number of steps N of each replica.
	Steps int64
	// Radius is the visiting distance (0.5 in the paper). It must be
	// smaller than half the distance between any two minimum sets.
	Radius float64
	// RecordBasins turns on the basin process (a Locate per step outside
	// the cores of the minimum sets).
	RecordBasins bool
}

// TrajectoryRdRecord is what one replica of a TrajectoryRd recorded.
type TrajectoryRdRecord struct {
	// Replica is the replica index k.
	Replica int `json:"replica"`
	// Steps is the number of steps simulated.
	Steps int64 `json:"steps"`
	// NearSteps[j] is the number of steps n in [1, Steps] with X_n within
	// Radius of minimum set j.
	NearSteps []int64 `json:"near_steps"`
	// OutSteps is the number of steps within Radius of no minimum set.
	OutSteps int64 `json:"out_steps"`
	// MarkerSteps[j] is the number of steps n in [1, Steps] with M_n = j.
	MarkerSteps []int64 `json:"marker_steps"`
	// BasinSteps[j] is the number of steps with X_n in Ω_j (RecordBasins
	// only); NoBasinSteps those in no basin.
	BasinSteps   []int64 `json:"basin_steps,omitempty"`
	NoBasinSteps int64   `json:"no_basin_steps,omitempty"`
	// Transitions are the jumps of the marker process in order.
	Transitions []Transition `json:"transitions"`
}

// Validate reports whether the experiment can run.
func (e TrajectoryRd) Validate() error {
	if err := e.SystemRd.Validate(); err != nil {
		return err
	}
	if e.Steps < 1 {
		return fmt.Errorf("steps: must be ≥ 1, got %d", e.Steps)
	}
	if err := e.checkStart(e.Start); err != nil {
		return err
	}
	if !(e.Radius > 0) {
		return fmt.Errorf("radius: must be positive, got %v", e.Radius)
	}
	sets := e.Basins.MinimumSets()
	for i := range sets {
		for j := range i {
			d := sets[i].DistanceTo(sets[j])
			if 2*e.Radius >= d {
				return fmt.Errorf("radius: %v is not below half the distance %v between minimum sets %d and %d", e.Radius, d, j, i)
			}
		}
	}
	if e.Basins.Locate(e.Start) == landscapes.NoBasin {
		return errors.New("start_x: outside every basin")
	}
	return nil
}

// Run simulates one replica with the randomness of r, watching ctx every
// 2^16 steps.
func (e TrajectoryRd) Run(ctx context.Context, r *rng.Rand) (TrajectoryRdRecord, error) {
	sets := e.Basins.MinimumSets()
	n := len(sets)
	rec := TrajectoryRdRecord{Steps: e.Steps, NearSteps: make([]int64, n), MarkerSteps: make([]int64, n)}
	if e.RecordBasins {
		rec.BasinSteps = make([]int64, n)
	}
	st := newRdState(e.Start)
	marker := e.Basins.Locate(e.Start)
	var step int64
	for step < e.Steps {
		chunk := min(e.Steps-step, cancelCheckSteps)
		switch l := e.Landscape.(type) {
		case landscapes.HimmelblauModified:
			marker = rdTrajectoryKernel(l, e, sets, r, st, &rec, marker, step, step+chunk)
		case landscapes.GaussianWells:
			marker = rdTrajectoryKernel(l, e, sets, r, st, &rec, marker, step, step+chunk)
		case landscapes.QuadraticRd:
			marker = rdTrajectoryKernel(l, e, sets, r, st, &rec, marker, step, step+chunk)
		default:
			marker = rdTrajectoryKernel(e.Landscape, e, sets, r, st, &rec, marker, step, step+chunk)
		}
		step += chunk
		if err := ctx.Err(); err != nil && step < e.Steps {
			return TrajectoryRdRecord{}, err
		}
	}
	return rec, nil
}

// rdTrajectoryKernel advances a trajectory over steps (from, to] and
// returns the marker.
func rdTrajectoryKernel[L landscapes.Landscape](l L, e TrajectoryRd, sets []landscapes.MinimumSet, r *rng.Rand,
	st *rdState, rec *TrajectoryRdRecord, marker int, from, to int64) int {
	x, g, w := st.x, st.g, st.z
	z := e.Noise
	eta, b, dom := e.Eta, e.B, e.domain()
	rad2 := e.Radius * e.Radius
	cores := make([]float64, len(sets))
	for j := range sets {
		c := e.Basins.Core(j)
		cores[j] = c * c
	}
	for n := from + 1; n <= to; n++ {
		l.Gradient(g, x)
		z.Sample(r, w)
		StepRd(x, g, w, eta, b, dom)
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
				rec.Transitions = append(rec.Transitions, Transition{Step: n, From: marker, To: near})
				marker = near
			}
		} else {
			rec.OutSteps++
		}
		rec.MarkerSteps[marker]++
		if e.RecordBasins {
			lab := inCore
			if lab < 0 {
				lab = e.Basins.Locate(x)
			}
			if lab >= 0 {
				rec.BasinSteps[lab]++
			} else {
				rec.NoBasinSteps++
			}
		}
	}
	return marker
}

// RunTrajectoriesRd runs replicas [first, last) of e with the streams of key
// on workers goroutines, returning the finished ones in replica order (and
// ctx.Err() when cancelled).
func RunTrajectoriesRd(ctx context.Context, e TrajectoryRd, key StreamKey, first, last, workers int, onDone func(TrajectoryRdRecord)) ([]TrajectoryRdRecord, error) {
	if err := e.Validate(); err != nil {
		return nil, err
	}
	run := func(ctx context.Context, k int) (TrajectoryRdRecord, error) {
		rec, err := e.Run(ctx, key.Rand(k))
		rec.Replica = k
		return rec, err
	}
	var cb func(int, TrajectoryRdRecord)
	if onDone != nil {
		cb = func(_ int, r TrajectoryRdRecord) { onDone(r) }
	}
	results, done, err := Replicas(ctx, first, last, workers, run, cb)
	var out []TrajectoryRdRecord
	for i, r := range results {
		if done[i] {
			out = append(out, r)
		}
	}
	return out, err
}
