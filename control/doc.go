// Package control runs the control experiment of htsgd (docs/control.md):
// small networks (package nn) trained on a corrupted subset of MNIST by
// the truncated heavy-tailed method of Wang, Oh & Rhee (ICLR 2022, arXiv
// 2102.04297, Section 4) and its baselines (package optim), with the test
// accuracy, the expected sharpness, the top Hessian eigenvalue, the
// training loss and the frequency of exits from the region the iterate
// settled in measured for each, replicated with per-replication random
// streams, summarised with 95% intervals and paired differences, and a
// b × α sensitivity sweep of the method.
//
// A Spec is the scenario (a TOML file, ParseSpec); Run executes its jobs in
// parallel, each job deterministic for the seed whatever the number of
// workers; Summarize turns the results into the tables of the report.
package control
