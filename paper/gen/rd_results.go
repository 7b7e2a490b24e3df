package gen

// Files of the R² experiment in a results directory (Run writes them when
// Sizes.Rd is enabled; Render draws section "The two-dimensional
// experiment" from them, and omits it when rd_dynamics.json is absent).
const (
	// FileRdDynamics is report.DynamicsReportRd exactly as `verify dynamics
	// -json -variants truncated,untruncated` prints it for the scenario
	// file scenarios/rd-himmelblau.toml (RdTheoryFile.Command).
	FileRdDynamics = "rd_dynamics.json"
	// FileRdDynamicsCSV has one line per (variant, minimum set).
	FileRdDynamicsCSV = "rd_dynamics.csv"
	// FileRdTheory is RdTheoryFile.
	FileRdTheory = "rd_theory.json"
	// FileRdMap is RdMapFile, written as compact JSON (one line) because
	// of its grids.
	FileRdMap = "rd_map.json"
)

// RdSet is one minimum set of the R² landscape with its basin.
type RdSet struct {
	// Index is the set's index in the results files (0-based basin order
	// of the basin map); Paper is the basin's number in the paper (Ω_2 holds
	// the segment, Ω_1 the other minimum with x < 0, Ω_3 and Ω_4 the upper
	// and lower ones with x > 0), or 1, 2, … in results order when the sets
	// do not have that shape (paperBasins).
	Index int `json:"index"`
	Paper int `json:"paper_basin"`
	// Kind is "point" or "segment"; A the point or one end, B the other
	// end of a segment (null for a point).
	Kind string    `json:"kind"`
	A    []float64 `json:"a"`
	B    []float64 `json:"b"`
	// Radius is r_i, the distance from the set to the boundary of its
	// basin (THEORY.md section 5), from the basin map.
	Radius float64 `json:"radius"`
}

// RdTheoryVariant is what the theory computes for one variant, the
// predictions RunDynamicsRd compares with (THEORY.md sections 4-5).
type RdTheoryVariant struct {
	// Variant is "truncated" or "untruncated"; B the threshold (null:
	// none).
	Variant string   `json:"variant"`
	B       *float64 `json:"b"`
	// Jump is J_i; ExitRate C*_i = q_i with its 95% Monte Carlo interval;
	// MeanExitSteps 1/(C*_i η λ(η)^{J_i}).
	Jump          []int      `json:"jump_number"`
	ExitRate      []float64  `json:"exit_rate"`
	ExitRateLow   []float64  `json:"exit_rate_low"`
	ExitRateHigh  []float64  `json:"exit_rate_high"`
	MeanExitSteps []*float64 `json:"mean_exit_steps"`
	// Landing[i][j] is q_ij/q_i (column n: no basin).
	Landing [][]float64 `json:"landing"`
	// Wide and Narrow are the wide and narrow minima of the (single,
	// absorbing) class; Stationary the limiting chain's law on every set
	// (0 off the wide minima) and FirstOrder the first-order finite-η time
	// fraction of every basin (THEORY.md section 4; a heuristic).
	Wide       []int      `json:"wide"`
	Narrow     []int      `json:"narrow"`
	Stationary []*float64 `json:"stationary"`
	FirstOrder []*float64 `json:"first_order"`
	// Lambda is λ(η) and TimeUnit 1/(η λ(η)^{J_G}) steps; Horizon the
	// length of one trajectory in time units.
	Lambda   float64 `json:"lambda"`
	TimeUnit float64 `json:"time_unit"`
	Horizon  float64 `json:"horizon"`
	// Samples is the number of Monte Carlo paths per set behind C*.
	Samples  int      `json:"samples"`
	Warnings []string `json:"warnings"`
}

// RdTheoryFile is rd_theory.json: the setting of the R² experiment, its
// minimum sets and the theory of each variant.
type RdTheoryFile struct {
	// Sizes names the run.
	Sizes string `json:"sizes"`
	// Scenario is the scenario file (relative to the results directory),
	// Command the `verify` command line that reruns the experiment, and
	// Reproducible whether that command reproduces rd_dynamics.json byte
	// for byte (default numerics: RdSize.Basins and TheoryDirections zero).
	Scenario     string `json:"scenario_file"`
	Command      string `json:"command"`
	Reproducible bool   `json:"reproducible"`
	// The setting, as read from the scenario file: landscape, projection
	// radius, noise (radial law, angular law of Z/‖Z‖: "isotropic" or
	// "finite", empty in files written before it was recorded), η, b,
	// start, visiting radius, sizes and seed.
	Landscape     string    `json:"landscape"`
	DomainRadius  float64   `json:"domain_radius"`
	Law           string    `json:"law"`
	Angular       string    `json:"angular,omitempty"`
	Alpha         float64   `json:"alpha"`
	Scale         float64   `json:"scale"`
	Eta           float64   `json:"eta"`
	B             float64   `json:"b"`
	Start         []float64 `json:"start"`
	VisitRadius   float64   `json:"visit_radius"`
	Replicas      int       `json:"replicas"`
	Steps         int64     `json:"steps"`
	Seed          uint64    `json:"seed"`
	TheorySamples int       `json:"theory_samples"`
	// Sets are the minimum sets in results order.
	Sets []RdSet `json:"sets"`
	// Clipped is the theory of the clipped run (`verify theory` on the
	// scenario file). The unclipped run's limit (every J_i = 1, every
	// minimum wide, the stationary law of q_ij) is in rd_dynamics.json.
	Clipped RdTheoryVariant `json:"clipped"`
	// Warnings are the scenario's warnings (BuiltRd.Warnings).
	Warnings []string `json:"warnings"`
}

// RdPath is the thinned sample path of replica 0 of one variant: the very
// path of rd_dynamics.json's run (same stream), X_n at n = Stride,
// 2·Stride, …, rounded to 10^−4.
type RdPath struct {
	Variant string    `json:"variant"`
	B       *float64  `json:"b"`
	Stride  int64     `json:"stride"`
	X       []float64 `json:"x"`
	Y       []float64 `json:"y"`
	// SameAsDynamics reports whether the replay's fraction of steps in the
	// J = 1 basins equals replica 0's in rd_dynamics.json exactly (null:
	// the run has no such number).
	SameAsDynamics *bool `json:"same_as_dynamics"`
}

// RdMapFile is rd_map.json: the basin labels and the loss on a grid of the
// square [Lo, Hi]² (for the figure), and the sample paths.
type RdMapFile struct {
	// Grid holds the coordinates of the grid, the same on both axes.
	Grid []float64 `json:"grid"`
	// Basin[r][c] is the basin index (results order) of the point
	// (Grid[c], Grid[r]), −1 outside the projection ball or in no basin.
	Basin [][]int `json:"basin"`
	// Loss[r][c] is f there, to 4 significant digits.
	Loss         [][]float64 `json:"loss"`
	DomainRadius float64     `json:"domain_radius"`
	Paths        []RdPath    `json:"paths"`
}
