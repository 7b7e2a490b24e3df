// Package appendix generates htsgd's reproducible appendix: the seed
// paper's experiments on its 1-D landscape (Wang, Oh & Rhee, ICLR 2022,
// arXiv 2102.04297, Figure 1 left, middle and right) and its 2-D experiment
// (Appendix A.2: time per basin on a modified Himmelblau function) rerun
// with confidence intervals, and first exits from a 2-D quadratic well for
// J = 1 and 2, all compared with theory computed by package theory, never
// fitted. Command cmd/appendix runs it (`make paper`, `make paper-quick`).
//
// The generator has three steps, each a pure function of its inputs:
//
//  1. Run (run.go) simulates every experiment of a Sizes (sizes.go; Quick
//     and Full) through the library's own entry points, as `verify` runs a
//     scenario file, and writes the results directory, one file per format
//     (results.go lists them): theory.json and theory_rates.csv
//     (theory_run.go), exits.json|csv, exit_samples.csv and
//     scenarios/fig1-*.toml (exits_run.go), dynamics.json|csv
//     (dynamics_run.go), paths.json (paths_run.go: mc.Walk with an
//     observer), the paper's 2-D experiment rd_dynamics.json|csv,
//     rd_theory.json and rd_map.json (himmelblau_run.go, himmelblau_map.go),
//     the 2-D quadratic exits rd_exits.json|csv (quadratic_run.go), and
//     meta.json (the machine and the checkout). Everything but meta.json is
//     a function of the sizes and seeds only, so a rerun reproduces it byte
//     for byte, for any number of workers.
//  2. Fit (fit.go) reads exits.json, theory.json and the rare-event
//     estimates rare/appendix*.json (rare.go), and writes fits.json|csv:
//     slopes of log τ̄ on log η and the extrapolation R(η) = R0 + a·λ(η)^κ.
//  3. Render (render.go) reads the results directory only and writes
//     appendix.md, appendix.tex and figures/*.pdf|png. Every number it
//     prints is a field of a results file (the source is named under each
//     table and figure).
//
// Each results file has one Go type, used by the step that writes it and by
// the steps that read it; what `verify` prints is read through package
// report's types (report.ExitRow, report.ExitReport, report.DynamicsReport).
// Readers are strict: a field the type does not have is an error naming the
// file, never a silently dropped number.
//
// The wording is not in the Go code. Go reads the results into typed data
// and verdicts (a slope consistent with its prediction, an interval above
// 1, …; verdict.go), and the embedded templates of templates/*.tmpl word
// them (wording.go); both output formats execute the same templates on the
// same data, each writing prose, formulas and references its own way
// (latex.go, markdown.go, unicode_math.go).
//
// Walls: simulation and prediction meet here only as report rows and
// results files; Render and Fit compute nothing from package mc or theory.
package appendix
