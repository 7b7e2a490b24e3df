package mc

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/noise"
	"github.com/htsgd/htsgd/rng"
)

// Trajectory is the long-run experiment of THEORY.md section 4: one replica
// runs Steps steps from Start and records, in O(number of transitions)
// memory, where the chain spends its time and how it moves between minima.
//
// Two state processes are recorded:
//   - the basin process B_n = index of the basin containing X_n (raw basin
//     occupation and crossings; it flickers when X_n hovers near a saddle);
//   - the marker process M_n = index of the last minimum whose neighbourhood
//     |x − m_j| < Radius the chain has entered, with M_0 = the start basin.
//     Its jumps are the transitions between minima counted by the generator
//     estimate of THEORY.md section 7 (a visit to a saddle's other side that
//     returns before reaching the next minimum is not a transition).
type Trajectory struct {
	System
	// Start is X_0.
	Start float64
	// Steps is the number of steps N of each replica.
	Steps int64
	// Radius is the marker neighbourhood of a minimum; it must be smaller
	// than the distance from every minimum to its basin's ends.
	Radius float64
	// Snapshots are step indices (sorted, in [0, Steps]) at which the state
	// of both processes is recorded, for the finite-dimensional laws.
	Snapshots []int64
}

// Transition is one jump of the marker process.
type Transition struct {
	// Step is the first n with X_n within Radius of minimum To.
	Step int64 `json:"step"`
	// From and To are the minima left and reached.
	From int `json:"from"`
	To   int `json:"to"`
}

// TrajectoryRecord is what one replica of a Trajectory recorded.
type TrajectoryRecord struct {
	// Replica is the replica index k.
	Replica int `json:"replica"`
	// Steps is the number of steps simulated.
	Steps int64 `json:"steps"`
	// BasinSteps[j] is the number of steps n in [1, Steps] with X_n in Ω_j.
	BasinSteps []int64 `json:"basin_steps"`
	// MarkerSteps[j] is the number of steps n in [1, Steps] with M_n = j.
	MarkerSteps []int64 `json:"marker_steps"`
	// Crossings[i][j] counts steps with X_{n−1} ∈ Ω_i and X_n ∈ Ω_j, i ≠ j.
	Crossings [][]int64 `json:"crossings"`
	// Transitions are the jumps of the marker process in order.
	Transitions []Transition `json:"transitions"`
	// SnapshotBasin and SnapshotMarker are B_n and M_n at each snapshot
	// step.
	SnapshotBasin  []int `json:"snapshot_basin"`
	SnapshotMarker []int `json:"snapshot_marker"`
}

// Validate reports whether the experiment can run.
func (e Trajectory) Validate() error {
	if err := e.System.Validate(); err != nil {
		return err
	}
	s := e.Structure
	if s.OpenLo || s.OpenHi {
		return errors.New("landscape: a trajectory needs a closed domain (no open ends)")
	}
	if e.Steps < 1 {
		return fmt.Errorf("steps: must be ≥ 1, got %d", e.Steps)
	}
	if lo, hi := e.Line.Domain(); !(e.Start >= lo && e.Start <= hi) {
		return fmt.Errorf("start_x: %v is outside the domain [%v, %v]", e.Start, lo, hi)
	}
	if !(e.Radius > 0) {
		return fmt.Errorf("radius: must be positive, got %v", e.Radius)
	}
	for i, m := range s.Minima {
		l, r := s.Interval(i)
		if e.Radius >= m-l || e.Radius >= r-m {
			return fmt.Errorf("radius: %v reaches beyond basin %d (minimum %v, basin (%v, %v))", e.Radius, i, m, l, r)
		}
	}
	if !slices.IsSorted(e.Snapshots) {
		return errors.New("times: snapshot steps must be sorted")
	}
	for _, n := range e.Snapshots {
		if n < 0 || n > e.Steps {
			return fmt.Errorf("times: snapshot step %d outside [0, %d]", n, e.Steps)
		}
	}
	return nil
}

// Run simulates one replica with the randomness of r, watching ctx every
// 2^16 steps.
func (e Trajectory) Run(ctx context.Context, r *rng.Rand) (TrajectoryRecord, error) {
	s := e.Structure
	n := s.N()
	rec := TrajectoryRecord{
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
	lo, hi := e.Line.Domain()
	basin := s.Basin(e.Start)
	st := trajectoryState{x: e.Start, basin: basin, marker: basin}
	for st.snap < len(e.Snapshots) && e.Snapshots[st.snap] == 0 {
		rec.SnapshotBasin[st.snap], rec.SnapshotMarker[st.snap] = basin, basin
		st.snap++
	}
	kernel, _ := trajectoryKernelFor(e.Line, e.Law)
	p := trajectoryParams{saddles: s.Saddles, minima: s.Minima, snapshots: e.Snapshots,
		eta: e.Eta, b: e.B, lo: lo, hi: hi, radius: e.Radius}
	var step int64
	for step < e.Steps {
		chunk := min(e.Steps-step, cancelCheckSteps)
		kernel(r, &st, &rec, &p, step, step+chunk)
		step += chunk
		if err := ctx.Err(); err != nil && step < e.Steps {
			return TrajectoryRecord{}, err
		}
	}
	return rec, nil
}

// trajectoryState is the state a trajectory carries between chunks.
type trajectoryState struct {
	x             float64
	basin, marker int
	snap          int
}

// trajectoryParams are the fixed inputs of a trajectory kernel: the saddles
// and minima of the structure, the snapshot steps, the step size η, the
// truncation b, the projection interval [lo, hi] and the marker radius.
type trajectoryParams struct {
	saddles, minima        []float64
	snapshots              []int64
	eta, b, lo, hi, radius float64
}

// trajectoryKernel advances a trajectory over steps (from, to].
//
// Like exitKernel, it is the one source of the trajectory kernels:
// kernelgen copies it into kernels_gen.go per concrete (curve, law) pair,
// with the statement z := law.Sample(r) replaced by the law's hot-loop
// form, and trajectoryKernelFor picks the copy.
func trajectoryKernel[C landscapes.Curve, L noise.Law](c C, law L, r *rng.Rand, st *trajectoryState, rec *TrajectoryRecord,
	p *trajectoryParams, from, to int64) {
	x, basin, marker, snap := st.x, st.basin, st.marker, st.snap
	saddles, minima, snapshots := p.saddles, p.minima, p.snapshots
	eta, b, lo, hi, radius := p.eta, p.b, p.lo, p.hi, p.radius
	nextSnap := int64(math.MaxInt64)
	if snap < len(snapshots) {
		nextSnap = snapshots[snap]
	}
	for n := from + 1; n <= to; n++ {
		z := law.Sample(r)
		x = Step(x, c.Deriv(x), z, eta, b, lo, hi)
		// Basin by a linear scan: landscapes have a handful of saddles.
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
	st.x, st.basin, st.marker, st.snap = x, basin, marker, snap
}

// RunTrajectories runs replicas [first, last) of e with the streams of key
// on workers goroutines, returning the finished ones in replica order (and
// ctx.Err() when cancelled).
func RunTrajectories(ctx context.Context, e Trajectory, key StreamKey, first, last, workers int, onDone func(TrajectoryRecord)) ([]TrajectoryRecord, error) {
	if err := e.Validate(); err != nil {
		return nil, err
	}
	run := func(ctx context.Context, k int) (TrajectoryRecord, error) {
		rec, err := e.Run(ctx, key.Rand(k))
		rec.Replica = k
		return rec, err
	}
	var cb func(int, TrajectoryRecord)
	if onDone != nil {
		cb = func(_ int, r TrajectoryRecord) { onDone(r) }
	}
	results, done, err := Replicas(ctx, first, last, workers, run, cb)
	var out []TrajectoryRecord
	for i, r := range results {
		if done[i] {
			out = append(out, r)
		}
	}
	return out, err
}
