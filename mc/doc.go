// Package mc simulates truncated heavy-tailed SGD exactly (THEORY.md
// section 1),
//
//	X_{n+1} = Π_K( X_n − φ_b( η (f'(X_n) − Z_{n+1}) ) ),   φ_b(w) = w·min(1, b/|w|),
//
// and runs experiments on it: first exit from a basin (exit.go) and long
// trajectories (trajectory.go), replicated in parallel (runner.go).
//
// Reproducibility: the random stream of replica k of an experiment is derived
// from (seed, experiment labels, k) only (stream.go; a xoshiro256++
// generator of package rng), and results are stored by replica index, so
// the output is bit-identical for any number of workers, any scheduling and
// any sharding of the replicas.
//
// Speed: the step loops are written once, generically (exitKernel,
// exitKernelPair, trajectoryKernel), and copied by go generate into
// kernels_gen.go for every concrete curve of landscapes and law of noise,
// so that f' and the noise draw are inlined instead of called through an
// interface; user-defined curves and laws run the generic versions. The
// copies are bit-identical to the generic kernels (kernels_test.go).
// RunExits advances two replicas per goroutine in lockstep (exit_pairs.go),
// which fills the core that one replica's chain of dependent operations
// leaves idle; each replica's record is still exactly that of
// FirstExit.Run.
//
// mc knows nothing of the theory: it never imports package theory.
package mc
