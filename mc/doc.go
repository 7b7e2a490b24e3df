// Package mc simulates truncated heavy-tailed SGD exactly, in any
// dimension (docs/theory.md §2.1),
//
//	X_{n+1} = Π_K( X_n − φ_b( η (∇f(X_n) − Z_{n+1}) ) ),   φ_b(w) = w·min(1, b/‖w‖),
//
// and runs experiments on it:
//   - FirstExit, the first exit from a basin (docs/theory.md §6.1 and §9),
//     replicated by RunExits;
//   - Trajectory, a long run recording occupation times and transitions
//     between minima (§8), replicated by RunTrajectories;
//   - Walk, a path seen by an Observer chunk by chunk, for bookkeeping of
//     the caller's own (histograms, path replays);
//   - SuppliedExit, the first-exit recursion driven by noise the caller
//     draws (the importance sampler of package rare).
//
// A System holds the loss, its basins, the noise law, η, b and the
// projection set, for any dimension; the experiments take start points
// as []float64.
//
// Reproducibility: the random stream of replica k of an experiment is derived
// from (seed, experiment labels, k) only (StreamKey; a xoshiro256++
// generator of package rng; the labels of htsgd's experiments are the
// constants of labels.go), so the records are bit-identical for any number
// of workers, any scheduling and any sharding of the replicas.
//
// Speed: the step loops are written once, against interfaces
// (line_kernels.go for the one-dimensional fast path, vector_kernels.go
// for the rest), and copied by go generate into kernels_gen.go for every
// concrete curve and law, and every concrete R^d landscape with radial
// noise, so that f', ∇f and the noise draw are direct calls, inlined where
// small, instead of calls through an interface; user-defined types run the
// interface versions (the slow path). The copies are bit-identical to the
// interface versions (kernels_test.go). RunExits advances two replicas per
// goroutine in lockstep on the fast path, which fills the core that one
// replica's chain of dependent operations leaves idle; each replica's
// record is still exactly that of FirstExit.Run.
//
// Errors: bad parameters are reported as *param.Error naming the field
// ("mc.System.Eta", "mc.FirstExit.MaxSteps", …).
//
// mc knows nothing of the theory: it never imports package theory.
package mc
