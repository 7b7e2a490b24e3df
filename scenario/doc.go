// Package scenario is the TOML contract of the htsgd command line: it parses a
// scenario file, validates it with errors that name the offending key, and
// builds the Plan a run needs, in any dimension (the landscape, its basins,
// the noise law, the truncation threshold, the projection set, the step
// sizes, the starting points and the sizes of the runs). It also maps the
// typed parameter errors of the library (*param.Error, named in Go:
// "noise.Pareto.Alpha") to the keys of the file ("noise.alpha") in one
// table, FieldOf.
//
// # File format
//
// A scenario file has one top-level key and five tables (docs/theory.md
// §2-§5 define the quantities):
//
//	name = "three-wells"         # required; letters, digits, '.', '_', '-'
//	[landscape]
//	kind = "critical-points"     # or "paper-1d", "quadratic" (kinds on R^d: see below)
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
// heavy-tailed laws; and every key of [dynamics] when that table is present
// (but times on R^d). On R^d: landscape.hessian and basin_radius (or
// basin_lo and basin_hi) for quadratic; centers, depths, widths,
// confinement and domain_radius for gaussian-wells.
// The quadratic landscape is not projected and takes no domain.
//
// Decoding is strict: a key the format does not define is an error naming
// the key, and so is a key that belongs to another kind of landscape or law
// (points for paper-1d, p_plus for student-t, …).
//
// # Landscapes on R^d
//
// Three kinds live on R^d, d ≥ 2 (docs/theory.md §9.4); their [landscape]
// keys replace points, scale, domain and basin, which are errors there:
//
//	[landscape]
//	kind = "quadratic"               # f = ½xᵀHx with an explicit basin (no projection)
//	dimension = 2                    # optional: implied by hessian / centers / kind
//	hessian = [[1.5, 0.5], [0.5, 1.0]]   # symmetric positive definite, d×d
//	basin_radius = 1.0               # ball basin ‖x‖ < R; or the box:
//	# basin_lo = [-1.0, -2.0]        #   basin_lo < x < basin_hi (lo_k < 0 < hi_k)
//	# basin_hi = [1.0, 0.5]
//
//	kind = "gaussian-wells"          # f = ½k‖x‖² − Σ D_i exp(−‖x − c_i‖²/(2w_i²))
//	centers = [[-1.0, 0.0], [1.5, 0.0]]  # c_i, d coordinates each
//	depths = [1.0, 2.0]              # D_i > 0, one per centre
//	widths = [0.5, 0.3]              # w_i > 0, one per centre
//	confinement = 0.2                # k > 0
//	domain_radius = 3.0              # projection ball ‖x‖ ≤ R: required
//
//	kind = "himmelblau-modified"     # the ICLR 2022 paper's function, d = 2, its constants
//	domain_radius = 4.2              # default 4.2, the paper's ball
//
// and the noise and sgd tables gain:
//
//	[noise]
//	angular = "isotropic"            # direction Z/‖Z‖ uniform on the sphere (the default), or
//	# angular = "finite"             # Σ p_k δ_{θ_k} on the given directions:
//	# directions = [[1.0, 0.0], [-1.0, 0.0], [0.0, 1.0], [0.0, -1.0]]
//	# weights = [1.0, 1.0, 2.0, 2.0] #   optional (equal); Σ p_k θ_k/‖θ_k‖ must be 0
//	[sgd]
//	start_x = [2.9, 1.0]             # d numbers (a plain number in 1-D)
//
// The law, alpha and scale of the noise table give the radial law: ‖Z‖ = |Z₁| with Z₁
// of that law, symmetric (p_plus must be absent or 0.5: the angular law
// replaces p_±, docs/theory.md §3.3). The basins of gaussian-wells and
// himmelblau-modified are found numerically (landscapes.NewBasinMap, about
// 4 s for himmelblau-modified; BuildOptions.Basins makes it coarser); the
// quadratic's basin is explicit. In [dynamics], radius is the visiting
// distance of a minimum set and must be below half the distance between
// any two of them; times may be omitted. The paper's R² run (ICLR 2022, Appendix A.2), file
// testdata/himmelblau.toml:
//
//	name = "himmelblau-paper"
//	[landscape]
//	kind = "himmelblau-modified"
//	domain_radius = 4.2
//	[noise]
//	law = "pareto"
//	alpha = 1.2
//	scale = 0.75
//	angular = "isotropic"
//	[sgd]
//	b = 2.15
//	eta = [5e-4]
//	start_x = [2.9, 1.0]
//	[run]
//	samples = 400
//	max_steps = 10000000
//	seed = 1
//	[dynamics]
//	replicas = 1
//	steps = 30000000
//	radius = 0.5
//
// and the 2-D quadratic well of the appendix's 2-D exit experiment
// (internal/appendix), file testdata/quadratic2d.toml (J = 1 at b = 1.5, every run
// starting at the minimum 0):
//
//	name = "quadratic-2d"
//	[landscape]
//	kind = "quadratic"
//	dimension = 2
//	hessian = [[1.5, 0.5], [0.5, 1.0]]
//	basin_radius = 1.0
//	[noise]
//	law = "pareto"
//	alpha = 1.5
//	scale = 1.0
//	angular = "isotropic"
//	[sgd]
//	b = 1.5
//	eta = [1e-2, 3e-3, 1e-3]
//	[run]
//	samples = 2500
//	max_steps = 10000000
//	seed = 1
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
// The library packages (noise, landscapes, mc, theory) and Plan.Validate
// report a bad parameter as a *param.Error named in Go ("mc.System.Eta",
// "landscapes.GaussianWells.Depths" with the index of the element). FieldOf
// turns such an error into a *FieldError naming the key the parameter comes
// from ("sgd.eta", "landscape.depths[1]"); FieldOfEta names the element of
// sgd.eta a run was made for. Nothing parses error text but the TOML
// decoder's type errors, which carry no typed key.
//
// # Typical use
//
//	s, err := scenario.Load("scenarios/three-wells.toml")
//	if err != nil { … }
//	p, err := s.Build(scenario.BuildOptions{}) // validates, then builds
//	if err != nil { … }
//	for _, w := range p.Warnings { log.Print(w) }
//	// run p (package pipeline); report a library error by its key:
//	if err := run(p); err != nil { return scenario.FieldOf(err) }
//
// A Plan can also be filled by hand, with one's own landscape, basins and
// noise (see Plan.Validate), and its variants are made from it
// (Plan.WithoutTruncation, Plan.WithLaw, Plan.WithGaussian). The package
// never prints; warnings are returned in Plan.Warnings.
package scenario
