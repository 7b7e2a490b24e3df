package mc

import (
	"context"
	"fmt"
)

// RunExitsOf runs the replicas of e whose indices are listed (strictly
// increasing, non-negative), with the streams of key; replica k draws the
// same numbers as in RunExits. A resumed run lists the replicas it does not
// have yet. It returns the finished ones in replica order, and ctx.Err()
// when cancelled.
func RunExitsOf(ctx context.Context, e FirstExit, key StreamKey, indices []int, workers int, onDone func(ExitRecord)) (ExitResult, error) {
	if err := checkIndices(indices); err != nil {
		return ExitResult{}, err
	}
	if err := e.check(); err != nil {
		return ExitResult{}, err
	}
	return runIndexed(ctx, e, key, len(indices), func(i int) int { return indices[i] }, workers, onDone)
}

// checkIndices reports whether replica indices are non-negative and
// strictly increasing.
func checkIndices(indices []int) error {
	for i, k := range indices {
		if k < 0 || (i > 0 && k <= indices[i-1]) {
			return fmt.Errorf("replicas: indices must be non-negative and strictly increasing, got %d after %v", k, indices[:i])
		}
	}
	return nil
}
