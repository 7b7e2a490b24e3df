package report

// SetFractionRd holds the time fractions of one minimum set in an R^d
// trajectory run, each the mean over replicas of the per-replica fraction
// of steps with a t interval across replicas (95%), next to the theory.
type SetFractionRd struct {
	// Set is the index of the minimum set (and of its basin).
	Set int `json:"set"`
	// Sharp reports that the set is a narrow minimum of the scenario's
	// truncated dynamics (the set whose time fraction should vanish).
	Sharp bool `json:"sharp"`
	// Near is the fraction of steps within the visiting distance of the
	// set (the paper's "time near the minimizer").
	Near Interval `json:"near_fraction"`
	// Basin is the fraction of steps in the basin Ω_j.
	Basin Interval `json:"basin_fraction"`
	// Marker is the fraction of steps whose marker (the last set visited)
	// is this one.
	Marker Interval `json:"marker_fraction"`
	// Stationary is the limit: the stationary law of the limiting chain on
	// the wide minima of the start's class, 0 for every other set; null
	// where the theory does not apply.
	Stationary *float64 `json:"stationary"`
	// FirstOrder is the first-order finite-η fraction of time in the basin
	// (THEORY.md section 4, a heuristic): λ(η)^{J_G−J_k}/q_k · Σ π_i q_ij
	// N_jk for a narrow set, π_i(1 − Σ narrow) for a wide one.
	FirstOrder *float64 `json:"first_order"`
	// StationaryLow/High and FirstOrderLow/High are the 95% intervals of
	// Stationary and FirstOrder from the Monte Carlo error of the rates
	// (theory's percentile bootstrap over the sample paths; not the error
	// of the first-order heuristic nor of the η → 0 limit); absent where
	// the theory gives no interval.
	StationaryLow  *float64 `json:"stationary_ci_low,omitempty"`
	StationaryHigh *float64 `json:"stationary_ci_high,omitempty"`
	FirstOrderLow  *float64 `json:"first_order_ci_low,omitempty"`
	FirstOrderHigh *float64 `json:"first_order_ci_high,omitempty"`
}

// DynamicsRunRd is one (variant, η) trajectory experiment in R^d (for a
// reducible graph, one per class of the starts).
type DynamicsRunRd struct {
	// Variant is "truncated", "untruncated" or "gaussian"; B the threshold
	// (null: none); Law the radial law and NoiseScale its scale c (σ for
	// gaussian).
	Variant    string   `json:"variant"`
	B          *float64 `json:"b"`
	Law        string   `json:"law"`
	NoiseScale float64  `json:"noise_scale"`
	Eta        float64  `json:"eta"`
	Replicas   int      `json:"replicas"`
	Steps      int64    `json:"steps"`
	// Radius is the visiting distance.
	Radius float64 `json:"radius"`
	// Starts are the starting points of the replicas (replica k starts
	// from Starts[k mod len]).
	Starts [][]float64 `json:"starts"`
	// Lambda is λ(η) and TimeUnit 1/(η λ(η)^{J_G}) steps; null for
	// light-tailed noise.
	Lambda   *float64 `json:"lambda"`
	TimeUnit *float64 `json:"time_unit"`
	// Class lists the minimum sets of the communication class of the
	// starts and whether it is absorbing; Wide its wide minima.
	Class     []int `json:"class"`
	Absorbing bool  `json:"absorbing"`
	Wide      []int `json:"wide"`
	// Sets holds the time fractions of every minimum set.
	Sets []SetFractionRd `json:"sets"`
	// Out is the fraction of steps near no set, NoBasin that in no basin.
	Out     Interval `json:"out_fraction"`
	NoBasin Interval `json:"no_basin_fraction"`
	// Sharp and SharpNear are the fractions of steps in the sharp basins
	// and near the sharp sets, with the limit and the first-order estimate
	// of the basin fraction; SharpByReplica the data behind Sharp.
	Sharp           Interval  `json:"sharp_fraction"`
	SharpNear       Interval  `json:"sharp_near_fraction"`
	SharpByReplica  []float64 `json:"sharp_by_replica"`
	SharpLimit      *float64  `json:"sharp_limit"`
	SharpFirstOrder *float64  `json:"sharp_first_order"`
	// SharpLimitLow/High and SharpFirstOrderLow/High are the 95%
	// intervals of SharpLimit and SharpFirstOrder (of the sum, from the
	// same bootstrap resamples as the sets' intervals); absent where the
	// theory gives no interval.
	SharpLimitLow       *float64 `json:"sharp_limit_ci_low,omitempty"`
	SharpLimitHigh      *float64 `json:"sharp_limit_ci_high,omitempty"`
	SharpFirstOrderLow  *float64 `json:"sharp_first_order_ci_low,omitempty"`
	SharpFirstOrderHigh *float64 `json:"sharp_first_order_ci_high,omitempty"`
	// MarkerTransitions counts the marker process's jumps over all
	// replicas and Transitions[i][j] those from set i to set j.
	MarkerTransitions int     `json:"marker_transitions"`
	Transitions       [][]int `json:"transition_counts"`
	// Generator compares the collapsed marker process's rates on the wide
	// minima with the limiting generator; Embedded the jump law with
	// q_ij/q_i.
	Generator []GeneratorEntry `json:"generator"`
	Embedded  []EmbeddedTest   `json:"embedded"`
	// Notes explain missing comparisons.
	Notes []string `json:"notes"`
}

// DynamicsReportRd is the output of `verify dynamics` on an R^d scenario.
type DynamicsReportRd struct {
	Scenario any `json:"scenario"`
	// Dimension is d; Minima the minimum sets (a point [x…], a segment by
	// its end points [[x…], [x…]]) and MinimumKind "point" or "segment".
	Dimension   int      `json:"dimension"`
	Minima      []any    `json:"minima"`
	MinimumKind []string `json:"minimum_kind"`
	// Runs holds one run per variant, η and class of the starts.
	Runs     []DynamicsRunRd `json:"runs"`
	Warnings []string        `json:"warnings"`
}
