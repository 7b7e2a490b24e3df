package mc

import (
	"context"
	"runtime"
	"sync/atomic"

	"golang.org/x/sync/errgroup"
)

// Replicas runs fn(ctx, k) for every replica index k in [first, last) on
// workers goroutines (GOMAXPROCS when workers ≤ 0) and returns the results
// indexed by k − first, with done[k−first] reporting whether replica k
// finished.
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
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, n)
	results = make([]T, n)
	done = make([]bool, n)
	var next atomic.Int64
	g, gctx := errgroup.WithContext(ctx)
	for range workers {
		g.Go(func() error {
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return nil
				}
				if err := gctx.Err(); err != nil {
					return err
				}
				r, err := fn(gctx, first+i)
				if err != nil {
					return err
				}
				results[i] = r
				done[i] = true
				if onDone != nil {
					onDone(first+i, r)
				}
			}
		})
	}
	err = g.Wait()
	if err == nil {
		err = ctx.Err()
	}
	return results, done, err
}
