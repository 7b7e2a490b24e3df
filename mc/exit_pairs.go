package mc

import (
	"context"
	"runtime"
	"sync/atomic"

	"github.com/htsgd/htsgd/rng"
	"golang.org/x/sync/errgroup"
)

// exitSlot is a replica in progress on a worker of runExitPairs.
type exitSlot struct {
	pos int       // position in the results
	k   int       // replica index
	r   *rng.Rand // its generator, key.Rand(k)
	x   float64   // current point
	n   int64     // steps taken
}

// runExitPairs runs the replicas index(0), …, index(count−1) of e with the
// streams of key on workers goroutines (GOMAXPROCS when workers ≤ 0) and
// returns their records by position, with done[i] reporting whether
// position i finished. It is the first-exit counterpart of Replicas, with
// the same contract (results independent of workers and scheduling; on
// cancellation the finished replicas and ctx.Err(); onDone after each
// replica, possibly concurrently), but each goroutine advances two replicas
// in lockstep with exitKernelPair and, as soon as one of them ends, takes
// the next index into its slot. The last replica of a goroutine runs alone
// with exitKernel.
//
// Replica k's record is bit-identical to e.Run(ctx, key.Rand(k)): its path
// depends only on its own generator, and the pair kernel does per chain
// exactly the arithmetic of the single kernel (TestExitPairsMatchRun).
func runExitPairs(ctx context.Context, e FirstExit, key StreamKey, count int, index func(i int) int,
	workers int, onDone func(ExitRecord)) (results []ExitRecord, done []bool, err error) {
	if count <= 0 {
		return nil, nil, nil
	}
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, count)
	results = make([]ExitRecord, count)
	done = make([]bool, count)
	p := e.params()
	single, _ := exitKernelFor(e.Line, e.Law)
	pair, _ := exitPairKernelFor(e.Line, e.Law)
	var next atomic.Int64
	g, gctx := errgroup.WithContext(ctx)
	for range workers {
		g.Go(func() error {
			// take returns the next replica, or false when there is none
			// left or the run is cancelled.
			take := func() (exitSlot, bool) {
				i := int(next.Add(1) - 1)
				if i >= count || gctx.Err() != nil {
					return exitSlot{}, false
				}
				k := index(i)
				return exitSlot{pos: i, k: k, r: key.Rand(k), x: e.Start}, true
			}
			finish := func(s exitSlot, out bool) {
				rec := e.record(s.x, s.n, out)
				rec.Replica = s.k
				results[s.pos] = rec
				done[s.pos] = true
				if onDone != nil {
					onDone(rec)
				}
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
				if err := gctx.Err(); err != nil {
					return err
				}
			}
			if !okA {
				a, okA = b, okB
			}
			if !okA || gctx.Err() != nil {
				return gctx.Err()
			}
			x, n, out := single(gctx, a.r, p, a.x, e.MaxSteps-a.n)
			a.x, a.n = x, a.n+n
			if err := gctx.Err(); err != nil && !out && a.n < e.MaxSteps {
				return err
			}
			finish(a, out)
			return nil
		})
	}
	err = g.Wait()
	if err == nil {
		err = ctx.Err()
	}
	return results, done, err
}
