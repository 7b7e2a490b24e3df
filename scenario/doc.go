// Package scenario is the TOML contract of the htsgd command line: it parses a
// scenario file, validates it with errors that name the offending key, and
// builds the objects a run needs (the landscape, its critical-point structure,
// the noise law, the truncation threshold, the step sizes and the starting
// points).
//
// # File format
//
// A scenario file has one top-level key and five tables (THEORY.md sections
// 1-2 define the quantities):
//
//	name = "three-wells"         # required; letters, digits, '.', '_', '-'
//	[landscape]
//	kind = "critical-points"     # or "paper-1d", "quadratic"
//	points = [-1.0, 0.0, 1.5]    # critical-points only: f'(x) = k·Π(x − c_i), odd count, sorted
//	scale = 1.0                  # k > 0 (critical-points, quadratic); default 1
//	domain = [-2.0, 2.5]         # projection interval [lo, hi]; paper-1d defaults to [-1.6, 1.6]
//	# basin = [a, c]             # quadratic only: f = k x²/2, exited by leaving (a, c);
//	                             # quadratic takes no domain (it is not projected)
//	[noise]
//	law = "pareto"               # lomax | student-t | stable | gaussian
//	alpha = 1.5                  # tail index α > 1 (stable: 1 < α < 2); not for gaussian
//	scale = 0.1                  # c > 0 (gaussian: the standard deviation σ)
//	p_plus = 0.5                 # pareto and lomax only (default 0.5); an error for symmetric laws
//	[sgd]
//	b = 0.5                      # truncation threshold; omit (or b = inf) for no truncation
//	eta = [0.01, 0.003]          # step sizes η, each run separately
//	start = 1                    # 0-based index of the minimum to start from; omit: every minimum
//	# start_x = 0.3              # or a starting point (then the basin containing it); not both
//	[run]
//	samples = 2000               # first exits per (η, start)
//	max_steps = 100000000        # cap per sample (a run reaching it is censored)
//	seed = 1                     # ≥ 0
//	[dynamics]                   # optional (trajectory experiment)
//	replicas = 10
//	steps = 10000000             # per replica
//	radius = 0.05                # marker neighbourhood of a minimum
//	times = [0.5, 1.0, 2.0]      # scaled times for the fdd check, increasing
//
// Required keys: name, landscape.kind, noise.law, noise.scale, sgd.eta,
// run.samples, run.max_steps, run.seed; landscape.points and landscape.domain
// for critical-points; landscape.basin for quadratic; noise.alpha for the
// heavy-tailed laws; and every key of [dynamics] when that table is present.
// The quadratic landscape is not projected and takes no domain.
//
// Decoding is strict: a key the format does not define is an error naming
// the key, and so is a key that belongs to another kind of landscape or law
// (points for paper-1d, p_plus for student-t, …).
//
// # Errors
//
// Every error of Parse, Validate, Build and WithLaw, and of Load except a
// failure to read the file, is a *FieldError whose Field is the dotted key
// ("noise.alpha", "sgd.eta[1]", "landscape.points"), so callers can use
// errors.As. Validate and Build report the first problem in file order. A
// malformed value or a value of the wrong TOML type names its key and gives
// the line; other syntax errors have Field "toml" and give the line.
//
// # Typical use
//
//	s, err := scenario.Load("scenarios/three-wells.toml")
//	if err != nil { … }
//	b, err := s.Build()          // validates, then builds
//	if err != nil { … }
//	for _, w := range b.Warnings { log.Print(w) }
//
// The package never prints; warnings are returned in Built.Warnings.
package scenario
