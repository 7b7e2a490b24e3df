package scenario

import "github.com/htsgd/htsgd/noise"

// Landscape kinds accepted in landscape.kind: the 1-D kinds of docs/theory.md
// §4.2 and the kinds on R^d of §9.4. KindQuadratic is 1-D with
// scale and basin, and the R^d quadratic well with hessian.
const (
	KindPaper1D        = "paper-1d"
	KindCriticalPoints = "critical-points"
	KindQuadratic      = "quadratic"
	// KindGaussianWells is landscapes.GaussianWells (d ≥ 2).
	KindGaussianWells = "gaussian-wells"
	// KindHimmelblau is landscapes.HimmelblauModified with the paper's
	// constants landscapes.PaperHimmelblau() (d = 2).
	KindHimmelblau = "himmelblau-modified"
)

// DefaultHimmelblauDomainRadius is landscape.domain_radius for
// himmelblau-modified when the key is omitted: the projection ball
// ‖x‖ ≤ 4.2 of the ICLR 2022 paper's R² experiment (Appendix A.2).
// gaussian-wells has no default (its domain_radius is required).
const DefaultHimmelblauDomainRadius = 4.2

// Angular laws accepted in noise.angular (R^d only; docs/theory.md §3.3).
const (
	// AngularIsotropic is the uniform law on the unit sphere, the default.
	AngularIsotropic = noise.AngularIsotropic
	// AngularFinite is the finite law Σ_k p_k δ_{θ_k} given by
	// noise.directions and noise.weights.
	AngularFinite = noise.AngularFinite
)

// Noise laws accepted in noise.law (docs/theory.md §3.1), the names of
// package noise.
const (
	LawPareto   = noise.NamePareto
	LawLomax    = noise.NameLomax
	LawStudentT = noise.NameStudentT
	LawStable   = noise.NameStable
	LawGaussian = noise.NameGaussian
)

// DefaultPPlus is p_+ for pareto and lomax when noise.p_plus is omitted.
const DefaultPPlus = 0.5

// DefaultLandscapeScale is k for critical-points and quadratic when
// landscape.scale is omitted.
const DefaultLandscapeScale = 1.0

// Scenario mirrors a scenario file (see the package documentation). Optional
// numbers are pointers, nil when the key is absent. Build a Scenario with
// Parse, Load or Default, or by hand and then call Validate.
type Scenario struct {
	// Name identifies the scenario in reports and output paths.
	Name string `toml:"name" json:"name"`
	// Landscape is the [landscape] table.
	Landscape Landscape `toml:"landscape" json:"landscape"`
	// Noise is the [noise] table.
	Noise Noise `toml:"noise" json:"noise"`
	// SGD is the [sgd] table.
	SGD SGD `toml:"sgd" json:"sgd"`
	// Run is the [run] table.
	Run Run `toml:"run" json:"run"`
	// Dynamics is the optional [dynamics] table; nil when absent.
	Dynamics *Dynamics `toml:"dynamics,omitempty" json:"dynamics"`
}

// Landscape is the [landscape] table: the loss f and its projection set
// (an interval in 1-D, a ball centred at the origin in R^d).
type Landscape struct {
	// Kind is KindPaper1D, KindCriticalPoints, KindQuadratic,
	// KindGaussianWells or KindHimmelblau.
	Kind string `toml:"kind" json:"kind"`
	// Points are the critical points c_1 < … < c_n (n odd) of
	// f'(x) = k·Π_i (x − c_i); critical-points only.
	Points []float64 `toml:"points,omitempty" json:"points,omitempty"`
	// Scale is k > 0 (critical-points, quadratic); nil means
	// DefaultLandscapeScale. An error for paper-1d.
	Scale *float64 `toml:"scale,omitempty" json:"scale,omitempty"`
	// Domain is the projection interval [lo, hi]. Nil means [−1.6, 1.6] for
	// paper-1d; required for critical-points; an error for quadratic, which
	// is not projected.
	Domain []float64 `toml:"domain,omitempty" json:"domain,omitempty"`
	// Basin is (a, c) with a < 0 < c, the basin of the quadratic well
	// f = k·x²/2 that is exited by leaving it; quadratic only (required).
	// One end may be ±inf (that side then has no exit).
	Basin []float64 `toml:"basin,omitempty" json:"basin,omitempty"`

	// Dimension is d. Optional: it is implied by hessian (quadratic),
	// centers (gaussian-wells) and the kind (2 for himmelblau-modified,
	// 1 for the 1-D kinds), and must agree when given.
	Dimension *int `toml:"dimension,omitempty" json:"dimension,omitempty"`
	// Hessian is the symmetric positive-definite d×d matrix H of the R^d
	// quadratic well f(x) = ½xᵀHx (quadratic with d ≥ 2 only).
	Hessian [][]float64 `toml:"hessian,omitempty" json:"hessian,omitempty"`
	// BasinRadius is R > 0 of the ball basin ‖x‖ < R of the R^d quadratic
	// well. Exactly one of BasinRadius and the box (BasinLo, BasinHi).
	BasinRadius *float64 `toml:"basin_radius,omitempty" json:"basin_radius,omitempty"`
	// BasinLo is the lower corner of the box basin lo < x < hi
	// (componentwise, lo_k < 0 < hi_k; −inf allowed) of the R^d quadratic
	// well.
	BasinLo []float64 `toml:"basin_lo,omitempty" json:"basin_lo,omitempty"`
	// BasinHi is the upper corner of the box basin (hi_k > 0; inf allowed).
	BasinHi []float64 `toml:"basin_hi,omitempty" json:"basin_hi,omitempty"`
	// Centers are the well centres c_i (d coordinates each) of
	// gaussian-wells (required).
	Centers [][]float64 `toml:"centers,omitempty" json:"centers,omitempty"`
	// Depths are the D_i > 0 of gaussian-wells, one per centre (required).
	Depths []float64 `toml:"depths,omitempty" json:"depths,omitempty"`
	// Widths are the w_i > 0 of gaussian-wells, one per centre (required).
	Widths []float64 `toml:"widths,omitempty" json:"widths,omitempty"`
	// Confinement is k > 0 of gaussian-wells (required).
	Confinement *float64 `toml:"confinement,omitempty" json:"confinement,omitempty"`
	// DomainRadius is the radius of the projection ball ‖x‖ ≤ R of
	// gaussian-wells (required) and himmelblau-modified (nil means
	// DefaultHimmelblauDomainRadius). An error for quadratic, which is not
	// projected.
	DomainRadius *float64 `toml:"domain_radius,omitempty" json:"domain_radius,omitempty"`
}

// Noise is the [noise] table: the law of the noise Z (docs/theory.md §3.1).
type Noise struct {
	// Law is one of LawPareto, LawLomax, LawStudentT, LawStable, LawGaussian.
	Law string `toml:"law" json:"law"`
	// Alpha is the tail index α: > 1 for pareto, lomax and student-t (the
	// degrees of freedom ν = α), in (1, 2) for stable. Required for those
	// laws, an error for gaussian.
	Alpha *float64 `toml:"alpha,omitempty" json:"alpha"`
	// Scale is c > 0; for gaussian the standard deviation σ.
	Scale float64 `toml:"scale" json:"scale"`
	// PPlus is p_+ in (0, 1) for pareto and lomax; nil means DefaultPPlus.
	// An error for the symmetric laws. On R^d it must be absent or ½: the
	// radial law is symmetric and the angular law replaces p_± (docs/theory.md
	// §3.3).
	PPlus *float64 `toml:"p_plus,omitempty" json:"p_plus"`

	// Angular is the law of the direction Z/‖Z‖ in R^d: AngularIsotropic
	// (the default when empty) or AngularFinite. An error in 1-D.
	Angular string `toml:"angular,omitempty" json:"angular,omitempty"`
	// Directions are the θ_k of the finite angular law (d coordinates each,
	// not necessarily unit vectors; they are normalised). Required for
	// AngularFinite, an error otherwise.
	Directions [][]float64 `toml:"directions,omitempty" json:"directions,omitempty"`
	// Weights are the p_k > 0 of the finite angular law, one per direction
	// (normalised to sum 1); nil means equal weights. Together with
	// Directions they must satisfy Σ_k p_k θ_k/‖θ_k‖ = 0 (E Z = 0).
	Weights []float64 `toml:"weights,omitempty" json:"weights,omitempty"`
}

// SGD is the [sgd] table: truncation, step sizes and starting points.
type SGD struct {
	// B is the truncation threshold b > 0; nil (or +Inf) means no truncation.
	B *float64 `toml:"b,omitempty" json:"b"`
	// Eta lists the step sizes η > 0 to run.
	Eta []float64 `toml:"eta" json:"eta"`
	// Start is the 0-based index of the minimum to start from; nil (and
	// StartX nil) means every minimum.
	Start *int `toml:"start,omitempty" json:"start"`
	// StartX is a starting point in the domain, nil when absent: one
	// number in 1-D (a file may write it as a plain number), d numbers in
	// R^d. The run starts there and its basin is the one whose exit is
	// measured. Exclusive with Start.
	StartX Point `toml:"start_x,omitempty" json:"start_x"`
}

// Run is the [run] table: Monte Carlo sizes and the seed.
type Run struct {
	// Samples is the number of first exits per (η, start), ≥ 1.
	Samples int `toml:"samples" json:"samples"`
	// MaxSteps caps the steps of one sample, ≥ 1; a sample reaching it is
	// censored.
	MaxSteps int64 `toml:"max_steps" json:"max_steps"`
	// Seed seeds the random streams, ≥ 0 (use uint64(Seed)).
	Seed int64 `toml:"seed" json:"seed"`
}

// Dynamics is the optional [dynamics] table of the trajectory experiment
// (docs/theory.md §8.3).
type Dynamics struct {
	// Replicas is the number of independent trajectories, ≥ 1.
	Replicas int `toml:"replicas" json:"replicas"`
	// Steps is the number of steps per replica, ≥ 1.
	Steps int64 `toml:"steps" json:"steps"`
	// Radius > 0 is the half-width of the marker neighbourhood of a
	// minimum; Build requires it smaller than the distance from every
	// minimum to its basin's saddles. In R^d it is the visiting distance
	// of a minimum set, and Build requires it smaller than half the
	// distance between any two minimum sets.
	Radius float64 `toml:"radius" json:"radius"`
	// Times are the scaled times, positive and increasing, at which the
	// finite-dimensional distributions are checked. Required in 1-D;
	// optional (nil) on R^d.
	Times []float64 `toml:"times" json:"times"`
}
