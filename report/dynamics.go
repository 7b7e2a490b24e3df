package report

// Interval is an estimate with its confidence interval.
type Interval struct {
	Estimate *float64 `json:"estimate"`
	Low      *float64 `json:"low"`
	High     *float64 `json:"high"`
}

// NewInterval returns the interval (x, lo, hi) with non-finite values as null.
func NewInterval(x, lo, hi float64) Interval { return Interval{Num(x), Num(lo), Num(hi)} }

// BasinFraction is the fraction of steps spent in one basin.
type BasinFraction struct {
	// Basin is the basin index.
	Basin int `json:"basin"`
	// Sharp reports that m_Basin is a narrow minimum of the scenario's
	// truncated dynamics (the set whose time fraction should vanish).
	Sharp bool `json:"sharp"`
	// Fraction is the mean over replicas of the fraction of steps in the
	// basin, with a t interval across replicas.
	Fraction Interval `json:"fraction"`
	// Stationary is the limit law's weight of the basin (0 for a narrow
	// minimum); null where the theory does not apply.
	Stationary *float64 `json:"stationary"`
}

// GeneratorEntry is one off-diagonal entry of the limiting generator:
// transitions counted in the collapsed marker process over the scaled time
// spent in the origin state.
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

// DynamicsRun is one (variant, η) trajectory experiment.
type DynamicsRun struct {
	// Variant is "truncated", "untruncated" or "gaussian".
	Variant string `json:"variant"`
	// B is the truncation threshold (null: none); Law the noise law and
	// NoiseScale its scale c (σ for gaussian).
	B          *float64 `json:"b"`
	Law        string   `json:"law"`
	NoiseScale float64  `json:"noise_scale"`
	Eta        float64  `json:"eta"`
	Replicas   int      `json:"replicas"`
	Steps      int64    `json:"steps"`
	// TimeUnit is 1/(η λ(η)^{J_G}) steps for the class analysed; null for
	// light-tailed noise.
	TimeUnit *float64 `json:"time_unit"`
	// Class lists the minima of the communication class analysed (that of
	// the start) and whether it is absorbing; Wide its wide minima.
	Class     []int `json:"class"`
	Absorbing bool  `json:"absorbing"`
	Wide      []int `json:"wide"`
	// Basins holds the time fraction of every basin.
	Basins []BasinFraction `json:"basins"`
	// Sharp is the time fraction in the sharp basins (narrow minima of the
	// scenario's truncated dynamics), with its interval across replicas,
	// the limit (0 for the truncated run, the stationary weight otherwise)
	// and the first-order finite-η estimate (THEORY.md section 4).
	Sharp Interval `json:"sharp_fraction"`
	// SharpByReplica is the sharp-basin fraction of each replica (the
	// data behind Sharp, for other confidence levels or tests).
	SharpByReplica  []float64 `json:"sharp_by_replica"`
	SharpLimit      *float64  `json:"sharp_limit"`
	SharpFirstOrder *float64  `json:"sharp_first_order"`
	// MarkerTransitions and Crossings count the marker process's jumps
	// and the raw basin crossings over all replicas.
	MarkerTransitions int `json:"marker_transitions"`
	Crossings         int `json:"crossings"`
	// Generator compares estimated and predicted generator entries.
	Generator []GeneratorEntry `json:"generator"`
	// Embedded compares the embedded jump chain with q_ij/q_i.
	Embedded []EmbeddedTest `json:"embedded"`
	// FDD compares the state law at fixed scaled times with exp(tQ).
	FDD []FDDPoint `json:"fdd"`
	// Kill is present for a start in a transient class.
	Kill *KillTime `json:"kill,omitempty"`
	// Notes explain missing comparisons.
	Notes []string `json:"notes"`
}

// DynamicsReport is the output of `verify dynamics`.
type DynamicsReport struct {
	Scenario any           `json:"scenario"`
	Runs     []DynamicsRun `json:"runs"`
	Warnings []string      `json:"warnings"`
}
