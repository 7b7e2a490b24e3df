package appendix

import "github.com/htsgd/htsgd/report"

// PathsFile is paths.json: the location histograms and sample paths of the
// paper's Figure 1 (left and middle), one variant per panel.
type PathsFile struct {
	Eta        float64       `json:"eta"`
	Start      float64       `json:"start"`
	Replicas   int           `json:"replicas"`
	Steps      int64         `json:"steps"`
	Seed       uint64        `json:"seed"`
	BinLo      float64       `json:"bin_lo"`
	BinHi      float64       `json:"bin_hi"`
	BlockSteps int64         `json:"block_steps"`
	Variants   []PathVariant `json:"variants"`
}

// PathVariant is one panel of the histogram and sample-path figures: the
// paths of one noise variant.
type PathVariant struct {
	// Name is "heavy-tailed, b = 0.5", …; Law, NoiseScale and B (null:
	// none) describe the variant.
	Name       string   `json:"name"`
	Law        string   `json:"law"`
	NoiseScale float64  `json:"noise_scale"`
	B          *float64 `json:"b"`
	// Counts is the histogram of X_n, n = 1..Steps, over all replicas.
	Counts []int64 `json:"counts"`
	// BasinFraction[k][j] is the fraction of steps replica k spent in Ω_j;
	// Basin[j] their mean with a t interval over replicas.
	BasinFraction [][]float64       `json:"basin_fraction"`
	Basin         []report.Interval `json:"basin"`
	// Stationary is the limiting chain's stationary weight of each basin
	// (0 for narrow minima; null for light-tailed noise); Horizon is the
	// limiting chain's expected occupation of each basin averaged over the
	// simulated run, started as the paths are (the finite-horizon
	// prediction, paths_horizon.go); FirstOrder the first-order finite-η
	// fraction of the narrow basins.
	Stationary []*float64 `json:"stationary"`
	Horizon    []*float64 `json:"horizon"`
	FirstOrder []*float64 `json:"first_order"`
	// TimeUnit is 1/(η λ(η)^{J_G}) steps; HorizonScaled = Steps/TimeUnit,
	// the length of a path in time units of the limiting chain.
	TimeUnit      *float64 `json:"time_unit"`
	HorizonScaled *float64 `json:"horizon_scaled"`
	// DynamicsVariant is the dynamics run whose random streams the paths
	// use ("" for none); SameAsDynamics reports whether the paths' basin
	// time fractions equal that run's to 1e-12, i.e. whether they are the
	// very paths of the dynamics table (null: no such run).
	DynamicsVariant string `json:"dynamics_variant"`
	SameAsDynamics  *bool  `json:"same_as_dynamics"`
	// TraceMin and TraceMax are min and max of X_n of replica 0 over
	// consecutive blocks of BlockSteps steps (the drawn sample path).
	TraceMin []float64 `json:"trace_min"`
	TraceMax []float64 `json:"trace_max"`
}
