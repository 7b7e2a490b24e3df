// Package mc simulates truncated heavy-tailed SGD exactly (THEORY.md
// section 1),
//
//	X_{n+1} = Π_K( X_n − φ_b( η (f'(X_n) − Z_{n+1}) ) ),   φ_b(w) = w·min(1, b/|w|),
//
// and runs experiments on it: first exit from a basin (exit.go) and long
// trajectories (trajectory.go), replicated in parallel (runner.go).
//
// Reproducibility: the random stream of replica k of an experiment is derived
// from (seed, experiment labels, k) only (stream.go), and results are stored
// by replica index, so the output is bit-identical for any number of workers,
// any scheduling and any sharding of the replicas.
//
// mc knows nothing of the theory: it never imports package theory.
package mc
