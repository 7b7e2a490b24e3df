package mc

import (
	"context"
	"fmt"
	"slices"
)

// ReplicasOf is Replicas over an explicit, strictly increasing list of
// replica indices (a resumed run skips the replicas it already has). The
// results are indexed like indices.
func ReplicasOf[T any](ctx context.Context, indices []int, workers int,
	fn func(ctx context.Context, k int) (T, error), onDone func(k int, result T)) (results []T, done []bool, err error) {
	pos := func(ctx context.Context, i int) (T, error) { return fn(ctx, indices[i]) }
	var cb func(int, T)
	if onDone != nil {
		cb = func(i int, r T) { onDone(indices[i], r) }
	}
	return Replicas(ctx, 0, len(indices), workers, pos, cb)
}

// RunExitsOf runs the replicas of e whose indices are listed (strictly
// increasing, non-negative), with the streams of key; replica k draws the
// same numbers as in RunExits. It returns the finished ones in replica
// order, and ctx.Err() when cancelled.
func RunExitsOf(ctx context.Context, e FirstExit, key StreamKey, indices []int, workers int, onDone func(ExitRecord)) (ExitResult, error) {
	if !slices.IsSorted(indices) || (len(indices) > 0 && indices[0] < 0) {
		return ExitResult{}, fmt.Errorf("replicas: indices must be non-negative and increasing")
	}
	for i := 1; i < len(indices); i++ {
		if indices[i] == indices[i-1] {
			return ExitResult{}, fmt.Errorf("replicas: index %d listed twice", indices[i])
		}
	}
	if len(indices) == 0 {
		return ExitResult{}, nil
	}
	// Validate through RunExits on an empty range: same checks, no work.
	if _, err := RunExits(ctx, e, key, 0, 0, 1, nil); err != nil {
		return ExitResult{}, err
	}
	results, done, err := runExitPairs(ctx, e, key, len(indices), func(i int) int { return indices[i] }, workers, onDone)
	out := ExitResult{Requested: len(indices)}
	for i, r := range results {
		if done[i] {
			out.Records = append(out.Records, r)
		}
	}
	return out, err
}
