package scenario

import "github.com/htsgd/htsgd/noise"

// Landscape kinds accepted in landscape.kind (THEORY.md section 2).
const (
	KindPaper1D        = "paper-1d"
	KindCriticalPoints = "critical-points"
	KindQuadratic      = "quadratic"
)

// Noise laws accepted in noise.law (THEORY.md section 1), the names of
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

// Landscape is the [landscape] table: the loss f and its projection interval.
type Landscape struct {
	// Kind is KindPaper1D, KindCriticalPoints or KindQuadratic.
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
}

// Noise is the [noise] table: the law of the noise Z (THEORY.md section 1).
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
	// An error for the symmetric laws.
	PPlus *float64 `toml:"p_plus,omitempty" json:"p_plus"`
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
	// StartX is a starting point in the domain; the run starts there and
	// its basin is the one whose exit is measured. Exclusive with Start.
	StartX *float64 `toml:"start_x,omitempty" json:"start_x"`
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
// (THEORY.md section 4).
type Dynamics struct {
	// Replicas is the number of independent trajectories, ≥ 1.
	Replicas int `toml:"replicas" json:"replicas"`
	// Steps is the number of steps per replica, ≥ 1.
	Steps int64 `toml:"steps" json:"steps"`
	// Radius > 0 is the half-width of the marker neighbourhood of a
	// minimum; Build requires it smaller than the distance from every
	// minimum to its basin's saddles.
	Radius float64 `toml:"radius" json:"radius"`
	// Times are the scaled times, positive and increasing, at which the
	// finite-dimensional distributions are checked.
	Times []float64 `toml:"times" json:"times"`
}
