package appendix

import (
	"fmt"
	"io"
	"strconv"

	"github.com/htsgd/htsgd/report"
)

// HimmelblauTheoryFile is rd_theory.json: the setting of the paper's
// two-dimensional experiment (ICLR 2022, Appendix A.2), its minimum sets
// and the theory of its clipped run.
type HimmelblauTheoryFile struct {
	// Sizes names the run.
	Sizes string `json:"sizes"`
	// Scenario is the scenario file (relative to the results directory),
	// Command the `verify` command line that reruns the experiment, and
	// Reproducible whether that command reproduces rd_dynamics.json byte
	// for byte (the basin map and the theory at verify's defaults).
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
	Sets []SetResult `json:"sets"`
	// Clipped is the theory of the clipped run (`verify theory` on the
	// scenario file). The unclipped run's limit (every J_i = 1, every
	// minimum wide, the stationary law of q_ij) is in rd_dynamics.json.
	Clipped ClippedTheory `json:"clipped"`
	// Warnings are the scenario's warnings.
	Warnings []string `json:"warnings"`
}

// SetResult is one minimum set of a landscape on R^d with its basin.
type SetResult struct {
	// Index is the set's index in the results files (0-based basin order
	// of the basin map); Paper is the basin's number in the paper (Ω_2 holds
	// the segment, Ω_1 the other minimum with x < 0, Ω_3 and Ω_4 the upper
	// and lower ones with x > 0), or 1, 2, … in results order when the sets
	// do not have that shape (paperBasins).
	Index int `json:"index"`
	Paper int `json:"paper_basin"`
	// Kind is SetPoint or SetSegment; A the point or one end, B the other
	// end of a segment (null for a point).
	Kind string    `json:"kind"`
	A    []float64 `json:"a"`
	B    []float64 `json:"b"`
	// Radius is r_i, the distance from the set to the boundary of its
	// basin, from the basin map.
	Radius float64 `json:"radius"`
}

// The kinds of a minimum set.
const (
	SetPoint   = "point"
	SetSegment = "segment"
)

// ClippedTheory is what the theory computes for the clipped run, the
// predictions its dynamics run is compared with.
type ClippedTheory struct {
	// Variant is the dynamics variant ("truncated"); B the threshold.
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
	// fraction of every basin (a heuristic, docs/theory.md §8.4).
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

// JG returns J_G, the largest jump number of the wide minima.
func (c ClippedTheory) JG() int {
	J := 0
	for _, i := range c.Wide {
		J = max(J, c.Jump[i])
	}
	return J
}

// HimmelblauMapFile is rd_map.json: the basin labels and the loss on a grid
// of the square [Lo, Hi]² (for the figure), and the sample paths.
type HimmelblauMapFile struct {
	// Grid holds the coordinates of the grid, the same on both axes.
	Grid []float64 `json:"grid"`
	// Basin[r][c] is the basin index (results order) of the point
	// (Grid[c], Grid[r]), −1 outside the projection ball or in no basin.
	Basin [][]int `json:"basin"`
	// Loss[r][c] is f there, to 4 significant digits.
	Loss         [][]float64      `json:"loss"`
	DomainRadius float64          `json:"domain_radius"`
	Paths        []HimmelblauPath `json:"paths"`
}

// HimmelblauPath is the thinned sample path of replica 0 of one variant:
// the very path of rd_dynamics.json's run (same stream), X_n at n = Stride,
// 2·Stride, …, rounded to 10^−4.
type HimmelblauPath struct {
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

// check reports whether the map is a square grid of labels and losses.
func (m *HimmelblauMapFile) check() error {
	n := len(m.Grid)
	if n < 2 || len(m.Basin) != n || len(m.Loss) != n {
		return fmt.Errorf("%s: want an n×n grid, got %d coordinates, %d rows of labels, %d of losses", FileHimmelblauMap, n, len(m.Basin), len(m.Loss))
	}
	for r := range n {
		if len(m.Basin[r]) != n || len(m.Loss[r]) != n {
			return fmt.Errorf("%s: row %d is not %d long", FileHimmelblauMap, r, n)
		}
	}
	return nil
}

// writeHimmelblauCSV writes rd_dynamics.csv: one line per (variant,
// minimum set), the time fractions near the set, in its basin and as the
// marker's state with their 95% intervals, and the theory's stationary and
// first-order fractions.
func writeHimmelblauCSV(w io.Writer, rep report.DynamicsReport, th HimmelblauTheoryFile) error {
	header := []string{"variant", "b", "eta", "replicas", "steps", "set", "paper_basin", "kind", "jump_number", "sharp",
		"near", "near_low", "near_high", "basin", "basin_low", "basin_high", "marker", "marker_low", "marker_high",
		"stationary", "first_order"}
	return csvTable(w, header, func(emit func([]string) error) error {
		for _, r := range rep.Runs {
			for _, sf := range r.Sets {
				if sf.Set >= len(th.Sets) {
					return fmt.Errorf("set %d: no such minimum set", sf.Set)
				}
				set := th.Sets[sf.Set]
				J := "1" // without clipping every J_i = 1 (docs/theory.md §8.6)
				if r.Variant == th.Clipped.Variant {
					J = strconv.Itoa(th.Clipped.Jump[sf.Set])
				}
				if err := emit([]string{r.Variant, csvNum(r.B), fmtExact(r.Eta), strconv.Itoa(r.Replicas), strconv.FormatInt(r.Steps, 10),
					strconv.Itoa(sf.Set), strconv.Itoa(set.Paper), set.Kind, J, strconv.FormatBool(sf.Sharp),
					csvNum(sf.Near.Estimate), csvNum(sf.Near.Low), csvNum(sf.Near.High),
					csvNum(sf.Basin.Estimate), csvNum(sf.Basin.Low), csvNum(sf.Basin.High),
					csvNum(sf.Marker.Estimate), csvNum(sf.Marker.Low), csvNum(sf.Marker.High),
					csvNum(sf.Stationary), csvNum(sf.FirstOrder)}); err != nil {
					return err
				}
			}
		}
		return nil
	})
}
