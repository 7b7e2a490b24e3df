package mc

import (
	"context"

	"github.com/htsgd/htsgd/param"
	"github.com/htsgd/htsgd/rng"
)

// ExitRecord is the outcome of one first-exit replica.
type ExitRecord struct {
	// Replica is the replica index k; its randomness depends on k only.
	Replica int `json:"replica"`
	// Steps is the first n with X_n outside the start basin, or the step cap
	// for a censored replica.
	Steps int64 `json:"steps"`
	// Censored reports that the replica reached the step cap still inside
	// its basin: its exit time is only known to exceed Steps.
	Censored bool `json:"censored"`
	// Landing is the basin X_τ lies in (Basins.Locate: landscapes.NoBasin
	// outside every basin; in one dimension landscapes.Below or Above
	// beyond an open end); NoLanding for a censored replica.
	Landing int `json:"landing"`
}

// NoLanding is the Landing of a censored replica.
const NoLanding = -2

// FirstExit is the first-exit experiment of docs/theory.md §6.1 and §9:
// from Start, run until X leaves the basin Ω_i containing Start,
// τ = min{n : X_n ∉ Ω_i}, or until MaxSteps.
type FirstExit struct {
	System
	// Start is X_0 (d coordinates); the experiment measures the exit from
	// its basin.
	Start []float64
	// MaxSteps is the step cap; a replica reaching it is censored.
	MaxSteps int64
}

// Basin returns the index of the basin the experiment exits.
func (e FirstExit) Basin() int { return e.Basins.Locate(e.Start) }

// Validate reports whether the experiment can run. Errors are *param.Error
// (System.Validate, "mc.FirstExit.MaxSteps", "mc.FirstExit.Start").
func (e FirstExit) Validate() error {
	if err := e.System.Validate(); err != nil {
		return err
	}
	if e.MaxSteps < 1 {
		return param.Errorf("mc.FirstExit.MaxSteps", "must be ≥ 1, got %d", e.MaxSteps)
	}
	return e.checkStart("mc.FirstExit.Start", e.Start, true)
}

// Run simulates one replica with the randomness of r: per step one
// gradient (f'), one noise draw, the clipped projected step (Step in one
// dimension, StepVector otherwise) and the basin test. It watches ctx
// every 2^16 steps and returns ctx.Err() when it is cancelled. RunExits
// gives each replica the same record as Run. Run does not validate e (see
// Validate).
func (e FirstExit) Run(ctx context.Context, r *rng.Rand) (ExitRecord, error) {
	if l, ok := e.line(); ok {
		kernel, _ := lineExitKernelFor(l.curve, l.law)
		x, n, out := kernel(ctx, r, l.params(e.Eta, e.B, e.Basin()), e.Start[0], e.MaxSteps)
		if err := ctx.Err(); err != nil && !out && n < e.MaxSteps {
			return ExitRecord{}, err
		}
		return lineRecord(l, x, n, out), nil
	}
	v := e.newVectorExit()
	return v.run(ctx, r)
}

// lineRecord returns the record of a one-dimensional replica that ended at
// x after n steps, having left its basin (out) or not (censored at the
// cap). Replica is left to the caller.
func lineRecord(l line, x float64, n int64, out bool) ExitRecord {
	if !out {
		return ExitRecord{Steps: n, Censored: true, Landing: NoLanding}
	}
	return ExitRecord{Steps: n, Landing: l.st.Basin(x)}
}

// vectorExit is a first exit on the vector kernel with its scratch: one
// per goroutine, reused from replica to replica.
type vectorExit struct {
	e       FirstExit
	kernel  vectorExitFunc
	p       *vectorParams
	x, g, w []float64
}

func (e FirstExit) newVectorExit() *vectorExit {
	dom, p := e.vector(e.Basin())
	kernel, _ := vectorExitKernelFor(e.Landscape, e.Noise, dom)
	d := e.Dim()
	return &vectorExit{e: e, kernel: kernel, p: p, x: make([]float64, d), g: make([]float64, d), w: make([]float64, d)}
}

// run simulates one replica from Start with the randomness of r.
func (v *vectorExit) run(ctx context.Context, r *rng.Rand) (ExitRecord, error) {
	copy(v.x, v.e.Start)
	n, out, landing := v.kernel(ctx, r, v.p, v.x, v.g, v.w, v.e.MaxSteps)
	if err := ctx.Err(); err != nil && !out && n < v.e.MaxSteps {
		return ExitRecord{}, err
	}
	if !out {
		return ExitRecord{Steps: n, Censored: true, Landing: NoLanding}, nil
	}
	return ExitRecord{Steps: n, Landing: landing}, nil
}

// RunExits runs the replicas of e in set with the streams of key on workers
// goroutines (GOMAXPROCS when workers ≤ 0) and hands each finished record to
// sink (nil: none), one call at a time, in the order the replicas finish.
// Replica k's record is the one e.Run(ctx, key.Rand(k)) returns, whatever
// the workers, the scheduling and the set it is run in (sort the records
// by Replica for a canonical order).
//
// RunExits streams: it holds the state of at most two replicas per worker
// and nothing per finished one, so the number of replicas is bounded by
// the caller's patience, not by memory. On cancellation the replicas that
// finished have been handed to sink, the others are dropped, and RunExits
// returns ctx.Err().
//
// On the one-dimensional fast path each worker advances two replicas in
// lockstep (lineExitPairKernel), which fills the core that one replica's
// chain of dependent operations leaves idle; as soon as one of them ends,
// the next replica takes its slot. Each record is still exactly that of
// Run.
func RunExits(ctx context.Context, e FirstExit, key StreamKey, set ReplicaSet, workers int, sink func(ExitRecord)) error {
	if err := set.Validate(); err != nil {
		return err
	}
	if err := e.Validate(); err != nil {
		return err
	}
	emit := serial(sink)
	q := newQueue(set)
	if l, ok := e.line(); ok {
		return runWorkers(ctx, workers, q.n, func(ctx context.Context) error {
			return runLinePairs(ctx, e, l, key, q, emit)
		})
	}
	return runWorkers(ctx, workers, q.n, func(ctx context.Context) error {
		v := e.newVectorExit()
		for {
			k, ok := q.take(ctx)
			if !ok {
				return ctx.Err()
			}
			rec, err := v.run(ctx, key.Rand(k))
			if err != nil {
				return err
			}
			rec.Replica = k
			emit(rec)
		}
	})
}

// lineSlot is a replica in progress on a worker of runLinePairs.
type lineSlot struct {
	k int       // replica index
	r *rng.Rand // its generator, key.Rand(k)
	x float64   // current point
	n int64     // steps taken
}

// runLinePairs is one worker of RunExits on the fast path: it advances two
// replicas of q in lockstep with the pair kernel, in rounds of at most
// cancelCheckSteps steps, and as soon as one ends, emits its record and
// takes the next replica into its slot. The last replica of a worker runs
// alone with the single kernel.
//
// Replica k's record is bit-identical to e.Run(ctx, key.Rand(k)): its path
// depends only on its own generator, and the pair kernel does per chain
// exactly the arithmetic of the single kernel (TestExitPairsMatchRun).
func runLinePairs(ctx context.Context, e FirstExit, l line, key StreamKey, q *queue, emit func(ExitRecord)) error {
	p := l.params(e.Eta, e.B, e.Basin())
	single, _ := lineExitKernelFor(l.curve, l.law)
	pair, _ := linePairKernelFor(l.curve, l.law)
	take := func() (lineSlot, bool) {
		k, ok := q.take(ctx)
		if !ok {
			return lineSlot{}, false
		}
		return lineSlot{k: k, r: key.Rand(k), x: e.Start[0]}, true
	}
	finish := func(s lineSlot, out bool) {
		rec := lineRecord(l, s.x, s.n, out)
		rec.Replica = s.k
		emit(rec)
	}
	a, okA := take()
	b, okB := take()
	for okA && okB {
		steps := min(e.MaxSteps-a.n, e.MaxSteps-b.n, cancelCheckSteps)
		xa, xb, n, outA, outB := pair(a.r, b.r, p, a.x, b.x, steps)
		a.x, b.x, a.n, b.n = xa, xb, a.n+n, b.n+n
		if outA || a.n == e.MaxSteps {
			finish(a, outA)
			a, okA = take()
		}
		if outB || b.n == e.MaxSteps {
			finish(b, outB)
			b, okB = take()
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	if !okA {
		a, okA = b, okB
	}
	if !okA || ctx.Err() != nil {
		return ctx.Err()
	}
	x, n, out := single(ctx, a.r, p, a.x, e.MaxSteps-a.n)
	a.x, a.n = x, a.n+n
	if err := ctx.Err(); err != nil && !out && a.n < e.MaxSteps {
		return err
	}
	finish(a, out)
	return nil
}
