package report

import "github.com/htsgd/htsgd/landscapes"

// SetFraction holds the time fractions of one minimum set and its basin in
// a trajectory run, each the mean over replicas of the per-replica fraction
// of steps with a t interval across replicas (95%, clipped to [0, 1]), next
// to the theory's limit and first-order estimate (docs/theory.md §8.4).
type SetFraction struct {
	// Set is the index of the minimum set (and of its basin Ω_Set).
	Set int
	// Sharp reports that the set is a narrow minimum of the scenario's
	// truncated dynamics (the set whose time fraction should vanish).
	Sharp bool
	// Basin is the fraction of steps in the basin Ω_Set.
	Basin Interval
	// Near is the fraction of steps within the visiting distance of the
	// set (the paper's "time near the minimizer") and Marker that whose
	// marker (the last set visited) is this one. Near is measured by the
	// vector kernel only (all null otherwise).
	Near, Marker Interval
	// Stationary is the limit: the stationary law of the limiting chain
	// on the wide minima of the start's class, 0 for every other set; nil
	// where the theory does not apply or the class is transient.
	Stationary *float64
	// FirstOrder is the first-order finite-η fraction of time in the
	// basin (a heuristic): λ(η)^{J_G−J_k}/q_k · Σ π_i q_ij N_jk for a
	// narrow set, π_i(1 − Σ narrow) for a wide one, 0 outside the class.
	FirstOrder *float64
	// StationaryLow/High and FirstOrderLow/High are the 95% intervals of
	// Stationary and FirstOrder from the Monte Carlo error of the rates
	// (theory's percentile bootstrap over the sample paths; not the error
	// of the first-order heuristic nor of the η → 0 limit); nil where the
	// theory gives no interval (exact rates, or no resamples).
	StationaryLow, StationaryHigh *float64
	FirstOrderLow, FirstOrderHigh *float64
}

// GeneratorEntry is one off-diagonal entry of the limiting generator:
// transitions counted in the collapsed marker process over the scaled time
// spent in the origin state (docs/theory.md §12.5).
type GeneratorEntry struct {
	From int `json:"from"`
	To   int `json:"to"`
	// Transitions is N_ij.
	Transitions int `json:"transitions"`
	// Exposure is T_i in scaled time (steps / time unit).
	Exposure float64 `json:"exposure"`
	// Rate is q̂_ij = N_ij/T_i with its exact Poisson interval.
	Rate Interval `json:"rate"`
	// Predicted is Q_ij of the limiting chain.
	Predicted *float64 `json:"predicted"`
	// Ratio is q̂_ij/Q_ij.
	Ratio *float64 `json:"ratio"`
}

// EmbeddedTest compares the landing law of the marker process's jumps out of
// one minimum with q_ij/q_i (G-test, cells predicted 0 left out).
type EmbeddedTest struct {
	From        int                `json:"from"`
	Transitions int                `json:"transitions"`
	Observed    map[string]float64 `json:"observed"`
	Predicted   map[string]float64 `json:"predicted"`
	PValue      *float64           `json:"p_value"`
}

// FDDPoint compares the law of the collapsed state at scaled time t across
// replicas with the limiting chain's (start law)·exp(tQ).
type FDDPoint struct {
	// T is the scaled time and Step = round(T·time unit).
	T    float64 `json:"t"`
	Step int64   `json:"step"`
	// Observed maps a state (a wide minimum, or "none" before the first
	// one is reached) to its fraction of replicas, with Clopper–Pearson
	// intervals in ObservedCI.
	Observed   map[string]float64  `json:"observed"`
	ObservedCI map[string]Interval `json:"observed_ci"`
	Predicted  map[string]float64  `json:"predicted"`
	PValue     *float64            `json:"p_value"`
}

// KillTime compares the time a trajectory started in a transient class takes
// to leave it with the killed chain's prediction.
type KillTime struct {
	// Replicas that left the class, and those still in it at the end
	// (censored).
	Left     int `json:"left"`
	Censored int `json:"censored"`
	// Mean is the censored-exponential estimate of the mean scaled time
	// to leave, with its exact interval (valid when the class has a single
	// wide minimum, where the limit is exponential).
	Mean Interval `json:"mean"`
	// Predicted is the mean killing time of the limiting killed chain from
	// the start.
	Predicted *float64 `json:"predicted"`
}

// DynamicsRun is one (variant, η) trajectory experiment, or, when the
// typical transition graph is reducible, the part of it whose replicas
// started in one communication class (docs/theory.md §8 and §12.5).
type DynamicsRun struct {
	// Variant is "truncated", "untruncated" or "gaussian"; B the
	// truncation threshold (nil: none); Law the noise law (the radial law
	// ‖Z‖ on R^d) and NoiseScale its scale c (σ for gaussian).
	Variant    string
	B          *float64
	Law        string
	NoiseScale float64
	Eta        float64
	// Replicas is the number of trajectories that finished, each of Steps
	// steps.
	Replicas int
	Steps    int64
	// Radius is the visiting distance of a minimum set (the marker
	// neighbourhood), and Starts the starting points of the replicas
	// (replica k starts from the scenario's start k mod their number).
	Radius float64
	Starts [][]float64
	// Lambda is λ(η) and TimeUnit 1/(η λ(η)^{J_G}) steps for the class
	// analysed; nil for light-tailed noise.
	Lambda   *float64
	TimeUnit *float64
	// Class lists the minima of the communication class analysed (that of
	// the starts) and whether it is absorbing; Wide its wide minima.
	Class     []int
	Absorbing bool
	Wide      []int
	// Sets holds the time fractions of every minimum set (nil when no
	// trajectory finished).
	Sets []SetFraction
	// Out is the fraction of steps near no set (vector kernel), NoBasin
	// that in no basin.
	Out, NoBasin Interval
	// Sharp and SharpNear are the fractions of steps in the sharp basins
	// (narrow minima of the scenario's truncated dynamics) and near the
	// sharp sets, SharpByReplica the data behind Sharp (one fraction per
	// replica), SharpLimit the limit (0 for the truncated run, the
	// stationary weight otherwise) and SharpFirstOrder the first-order
	// finite-η estimate of Sharp.
	Sharp, SharpNear Interval
	SharpByReplica   []float64
	SharpLimit       *float64
	SharpFirstOrder  *float64
	// SharpLimitLow/High and SharpFirstOrderLow/High are the 95%
	// intervals of SharpLimit and SharpFirstOrder (of the sum, from the
	// same bootstrap resamples as the sets' intervals); nil where the
	// theory gives no interval.
	SharpLimitLow, SharpLimitHigh           *float64
	SharpFirstOrderLow, SharpFirstOrderHigh *float64
	// MarkerTransitions counts the marker process's jumps over all
	// replicas and Transitions[i][j] those from set i to set j; Crossings
	// counts the raw basin crossings (one-dimensional fast path only).
	MarkerTransitions int
	Transitions       [][]int
	Crossings         int
	// Generator compares the collapsed marker process's rates on the wide
	// minima with the limiting generator; Embedded the jump law with
	// q_ij/q_i; FDD the state law at the scaled times of the experiment
	// with (start law)·exp(tQ) (nil without times).
	Generator []GeneratorEntry
	Embedded  []EmbeddedTest
	FDD       []FDDPoint
	// Kill is present for a start in a transient class.
	Kill *KillTime
	// Notes explain missing comparisons.
	Notes []string
}

// DynamicsReport is the output of `verify dynamics`, in any dimension.
//
// Its JSON encoding (MarshalJSON) is the command line's contract and has
// two layouts: on the real line (Dimension 1) that of the one-dimensional
// experiment, with a basin's time fraction, the crossings, the state law
// at fixed times and the killing time; on R^d that of the experiment of the
// ICLR 2022 paper's Appendix A.2, with the minimum sets, and per run the
// time near, in the basin of and as the marker's state of every set, with
// the theory's intervals.
type DynamicsReport struct {
	// Scenario is the scenario run, in canonical form.
	Scenario any
	// Dimension is d.
	Dimension int
	// Minima are the minimum sets of the landscape, in basin order.
	Minima []landscapes.MinimumSet
	// Runs holds one run per variant, η and class of the starts.
	Runs []DynamicsRun
	// Warnings are the scenario's and the run's.
	Warnings []string
	// Interrupted reports a run stopped before its end (Ctrl-C): Runs
	// then holds the runs that finished or were under way, and NotStarted
	// names the others ("truncated at η = 0.01").
	Interrupted bool
	NotStarted  []string
}
