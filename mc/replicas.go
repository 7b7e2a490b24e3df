package mc

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/htsgd/htsgd/param"
	"golang.org/x/sync/errgroup"
)

// ReplicaSet is the replicas an experiment runs: the range [First, Last)
// or, when Indices is not nil, the listed indices (non-negative, strictly
// increasing; a resumed run lists the replicas it does not have yet).
// Replica k always draws from key.Rand(k), whichever set it is run in, so
// any partition of the replicas into sets (shards, resumed runs)
// reproduces the records of one run over all of them.
//
// A range costs no memory: RunExits and RunTrajectories hand out its
// indices one at a time, so a set of 10^12 replicas is as cheap to start
// as one of ten.
type ReplicaSet struct {
	// First and Last delimit the range [First, Last) when Indices is nil
	// (empty when Last ≤ First).
	First, Last int
	// Indices, when not nil, lists the replicas instead.
	Indices []int
}

// ReplicaRange returns the set [first, last).
func ReplicaRange(first, last int) ReplicaSet { return ReplicaSet{First: first, Last: last} }

// ReplicaIndices returns the set of the listed indices (not copied).
func ReplicaIndices(indices []int) ReplicaSet { return ReplicaSet{Indices: indices} }

// Len returns the number of replicas in the set.
func (s ReplicaSet) Len() int {
	if s.Indices != nil {
		return len(s.Indices)
	}
	return max(0, s.Last-s.First)
}

// At returns the index of the i-th replica of the set, 0 ≤ i < Len().
func (s ReplicaSet) At(i int) int {
	if s.Indices != nil {
		return s.Indices[i]
	}
	return s.First + i
}

// Validate reports whether the indices are non-negative and, for a list,
// strictly increasing. Errors are *param.Error naming "mc.ReplicaSet.First"
// or "mc.ReplicaSet.Indices" (with the position at fault).
func (s ReplicaSet) Validate() error {
	if s.Indices == nil {
		if s.First < 0 && s.Last > s.First {
			return param.Errorf("mc.ReplicaSet.First", "must be ≥ 0, got %d", s.First)
		}
		return nil
	}
	for i, k := range s.Indices {
		if k < 0 || (i > 0 && k <= s.Indices[i-1]) {
			return param.ElemErrorf("mc.ReplicaSet.Indices", i, "indices must be non-negative and strictly increasing, got %d after %d", k, s.Indices[max(0, i-1)])
		}
	}
	return nil
}

// queue hands out the positions 0, 1, … of a replica set to the workers of
// a run, in order, until the set is exhausted or the run is cancelled.
type queue struct {
	set  ReplicaSet
	n    int
	next atomic.Int64
}

func newQueue(set ReplicaSet) *queue { return &queue{set: set, n: set.Len()} }

// take returns the next replica index, or false when there is none left or
// ctx is done.
func (q *queue) take(ctx context.Context) (int, bool) {
	i := q.next.Add(1) - 1
	if i >= int64(q.n) || ctx.Err() != nil {
		return 0, false
	}
	return q.set.At(int(i)), true
}

// runWorkers runs work on min(workers, n) goroutines (GOMAXPROCS when
// workers ≤ 0) with a context that is cancelled when one of them fails,
// and returns the first error, or ctx.Err() when the run was cancelled.
func runWorkers(ctx context.Context, workers, n int, work func(ctx context.Context) error) error {
	if n <= 0 {
		return ctx.Err()
	}
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	g, gctx := errgroup.WithContext(ctx)
	for range min(workers, n) {
		g.Go(func() error { return work(gctx) })
	}
	if err := g.Wait(); err != nil {
		return err
	}
	return ctx.Err()
}

// serial returns a function that calls sink (nil: nothing) with one
// record at a time, whichever goroutine calls it.
func serial[T any](sink func(T)) func(T) {
	if sink == nil {
		return func(T) {}
	}
	var mu sync.Mutex
	return func(v T) {
		mu.Lock()
		defer mu.Unlock()
		sink(v)
	}
}

// Replicas runs fn(ctx, k) for every replica index k in [first, last) on
// workers goroutines (GOMAXPROCS when workers ≤ 0) and returns the results
// indexed by k − first, with done[k−first] reporting whether replica k
// finished. It is the runner for experiments of the caller's own (the
// memory it holds grows with last − first; RunExits and RunTrajectories
// stream instead).
//
// Workers take replica indices from a shared counter, so the assignment of
// replicas to goroutines depends on scheduling; the results do not, because
// each replica's randomness depends only on k (see StreamKey) and its result
// is stored at its own index.
//
// When ctx is cancelled, replicas that have not started are skipped, those
// running stop at their next check (fn must watch ctx and return ctx.Err()),
// and Replicas returns the finished ones with ctx.Err(). Any other error of
// fn stops the run and is returned. onDone, if not nil, is called after
// each finished replica, possibly concurrently.
func Replicas[T any](ctx context.Context, first, last, workers int,
	fn func(ctx context.Context, k int) (T, error), onDone func(k int, result T)) (results []T, done []bool, err error) {
	n := last - first
	if n <= 0 {
		return nil, nil, nil
	}
	results = make([]T, n)
	done = make([]bool, n)
	q := newQueue(ReplicaRange(first, last))
	err = runWorkers(ctx, workers, n, func(ctx context.Context) error {
		for {
			k, ok := q.take(ctx)
			if !ok {
				return ctx.Err()
			}
			r, err := fn(ctx, k)
			if err != nil {
				return err
			}
			results[k-first] = r
			done[k-first] = true
			if onDone != nil {
				onDone(k, r)
			}
		}
	})
	return results, done, err
}
