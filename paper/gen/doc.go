// Package gen generates htsgd's reproducible appendix: the seed paper's
// experiments on its 1-D landscape (Wang, Oh & Rhee, ICLR 2022, arXiv
// 2102.04297, Figure 1 left, middle and right) and its 2-D experiment
// (Appendix A.2: time per basin on a modified Himmelblau function) rerun
// with confidence intervals, and first exits from a 2-D quadratic well
// for J = 1 and 2 (THEORY.md section 5), all compared with theory COMPUTED
// by package theory, never fitted.
//
// The generator has three steps, each a pure function of its inputs:
//
//  1. Run (run.go) simulates every experiment of a Sizes (sizes.go, the one
//     place where run sizes live: Quick and Full) and writes the results
//     directory: theory.json and theory_rates.csv (computed constants),
//     exits.json|csv, exit_samples.csv and scenarios/*.toml (first exits,
//     through pipeline.RunExits and ExitReport), dynamics.json|csv
//     (pipeline.RunDynamics) and paths.json (histograms and sample paths),
//     the paper's R² experiment (Appendix A.2; rd_*.go): rd_dynamics.json
//     and rd_dynamics.csv (pipeline.RunDynamicsRd on the clipped and
//     unclipped runs of scenarios/rd-himmelblau.toml, exactly what `verify
//     dynamics -json` prints), rd_theory.json (the clipped run's theory)
//     and rd_map.json (basin map, loss and sample paths for the figure),
//     the 2-D quadratic exits (rdexit_*.go): rd_exits.json and
//     rd_exits.csv (per cell the row `verify exit -json` prints for
//     scenarios/rd-quadratic-J<J>-eta<η>.toml, through pipeline.AnalyseRd,
//     RunExitsRd and ExitReportRd, and per series the trend of the ratio
//     R(η)), plus meta.json (git commit, wall and CPU time, machine).
//     Everything but meta.json is a function of the sizes and seeds only,
//     so a rerun reproduces it byte for byte, for any number of workers.
//  2. Fit (fit.go) reads exits.json, theory.json and, when present, the
//     rare-event estimates rare/appendix*.json, and writes fits.json|csv:
//     slopes of log τ̄ on log η and the extrapolation R(η) = R0 + a·λ(η)^κ
//     (THEORY.md section 7).
//  3. Render (render.go) reads the results directory only and writes
//     appendix.md, appendix.tex and figures/*.pdf|png. Every number it
//     prints is a field of a results file (the source is named under each
//     table and figure), so numbers trace to files. The figures and texts
//     are reproducible too.
//
// Walls: simulation and prediction meet here only as report rows and
// results files; Render and Fit compute nothing from package mc or theory.
package gen
