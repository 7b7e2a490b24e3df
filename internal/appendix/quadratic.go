package appendix

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/htsgd/htsgd/scenario"
)

// The 2-D quadratic exit experiment (docs/theory.md §6 and §9), the setting
// of scenario/testdata/quadratic2d.toml: the well
// f(x) = ½xᵀHx, H = [[1.5, 0.5], [0.5, 1]] (eigenvalues 1.25 ± √1.25/2,
// about 0.691 and 1.809), is exited by leaving the ball basin ‖x‖ < 1,
// started at the minimum 0, under isotropic noise Z = W·Θ with W Pareto
// (α = 1.5, c = 1) and Θ uniform on the circle. The flow −Hx contracts
// ‖x‖, so J = ⌈r/b⌉ with r = 1 (docs/theory.md §9.2): J = 1 at b = 1.5 and
// J = 2 at b = 0.6. With c = 1, λ(η) = η^{α−1} = η^{1/2} for η ≤ 1.
const (
	quadraticAlpha       = 1.5
	quadraticScale       = 1.0
	quadraticBasinRadius = 1.0
	// quadraticPrefix starts the scenario names and file names of the cells.
	quadraticPrefix = "rd-quadratic-"
)

// quadraticHessian returns H.
func quadraticHessian() [][]float64 { return [][]float64{{1.5, 0.5}, {0.5, 1}} }

// quadraticScenario is the scenario of one cell: `verify exit -scenario` on it
// reproduces the cell's row (one η, the start at the minimum, the cell's
// sizes and seed).
func quadraticScenario(e QuadraticSeries, c ExitCellSize) *scenario.Scenario {
	alpha, radius, b, start := quadraticAlpha, quadraticBasinRadius, e.B, 0
	return &scenario.Scenario{
		Name:      quadraticCellName(e, c.Eta),
		Landscape: scenario.Landscape{Kind: scenario.KindQuadratic, Hessian: quadraticHessian(), BasinRadius: &radius},
		Noise:     scenario.Noise{Law: scenario.LawPareto, Alpha: &alpha, Scale: quadraticScale, Angular: scenario.AngularIsotropic},
		SGD:       scenario.SGD{B: &b, Eta: []float64{c.Eta}, Start: &start},
		Run:       scenario.Run{Samples: c.Samples, MaxSteps: c.MaxSteps, Seed: e.CellSeed(c.Eta)},
	}
}

// quadraticCellName is the scenario name of a cell, e.g.
// "rd-quadratic-J2-eta0.0003".
func quadraticCellName(e QuadraticSeries, eta float64) string {
	return quadraticPrefix + strings.ReplaceAll(e.Label, "=", "") + "-eta" + strconv.FormatFloat(eta, 'g', -1, 64)
}

// quadraticCommand is the command line that reruns a cell from the repository
// root (with the results in results/) and prints its row.
func quadraticCommand(name string, theorySamples int) string {
	c := "bin/verify exit -scenario results/" + DirScenarios + "/" + name + ".toml"
	if theorySamples > 0 {
		c += " -theory-samples " + strconv.Itoa(theorySamples)
	}
	return c + " -json"
}

// QuadraticSeries is one series of the 2-D quadratic exit experiment
// (quadratic.go): first exits from the ball basin of the quadratic
// well with truncation threshold B, whose jump number the theory must find
// to be J (docs/theory.md §9.2: J = ⌈r/b⌉ for this contracting flow, r = 1),
// over a grid of step sizes. Every cell is its own scenario file, so that
// cells can have different sizes and independent streams.
type QuadraticSeries struct {
	// Label names the series in files and figures ("J=1").
	Label string
	// J is the expected jump number; B the truncation threshold.
	J int
	B float64
	// Seed is the base of the cells' scenario seeds (CellSeed).
	Seed uint64
	// Cells are the step sizes, decreasing.
	Cells []ExitCellSize
	// CStarHint approximates C* (docs/theory.md §9.3) for the progress
	// estimate and the budget test only; every reported prediction uses
	// the C* that the cell's theory computes.
	CStarHint float64
}

// CellSeed returns the scenario seed of the cell at step size eta by the
// rule of ExitSeries.CellSeed, 10^4·Seed + round(1000·log10(1/η)): a quick
// cell draws the same streams as the full cell at the same η, and the
// cells of a series never share streams.
func (e QuadraticSeries) CellSeed(eta float64) int64 {
	return ExitSeries{Seed: e.Seed}.CellSeed(eta)
}

// predictedMean returns the predicted mean exit time 1/(C η λ(η)^J) with
// C = CStarHint and λ(η) = η^{α−1} (Pareto with c = 1, η ≤ 1; docs/theory.md
// §3.4), for the progress estimate.
func (e QuadraticSeries) predictedMean(eta float64) float64 {
	return 1 / (e.CStarHint * eta * math.Pow(eta, float64(e.J)*(quadraticAlpha-1)))
}

// QuadraticSize sizes the 2-D quadratic exit experiment. The zero value (no
// series) means none: Run skips it and Render omits its section.
type QuadraticSize struct {
	Series []QuadraticSeries
	// TheorySamples is the number of Monte Carlo paths behind each cell's
	// C* (verify's -theory-samples; 0: the theory's default, 20000).
	TheorySamples int
}

// enabled reports whether the experiment is run.
func (d QuadraticSize) enabled() bool { return len(d.Series) > 0 }

// validate reports whether an enabled size can be run.
func (d QuadraticSize) validate() error {
	if d.TheorySamples < 0 {
		return fmt.Errorf("quadratic exits: theory_samples must be ≥ 0, got %d", d.TheorySamples)
	}
	seen := map[string]bool{}
	for _, e := range d.Series {
		switch {
		case seen[e.Label] || e.Label == "":
			return fmt.Errorf("quadratic exits: label %q is empty or repeated", e.Label)
		case e.J < 1 || !(e.B > 0) || math.IsInf(e.B, 1):
			return fmt.Errorf("quadratic exits %s: need J ≥ 1 and a finite b > 0, got J = %d, b = %v", e.Label, e.J, e.B)
		case len(e.Cells) < 1:
			return fmt.Errorf("quadratic exits %s: no step size", e.Label)
		case !(e.CStarHint > 0):
			return fmt.Errorf("quadratic exits %s: c_star_hint must be > 0, got %v", e.Label, e.CStarHint)
		}
		seen[e.Label] = true
		for i, c := range e.Cells {
			if !(c.Eta > 0 && c.Eta <= 1) || c.Samples < 2 || c.MaxSteps < 1 {
				return fmt.Errorf("quadratic exits %s: bad cell %+v", e.Label, c)
			}
			if i > 0 && !(c.Eta < e.Cells[i-1].Eta) {
				return fmt.Errorf("quadratic exits %s: step sizes must decrease, got %g after %g", e.Label, c.Eta, e.Cells[i-1].Eta)
			}
		}
	}
	return nil
}

// expectedSteps returns an estimate of the steps the experiment simulates,
// Σ samples·min(predicted mean, cap) (measured means sit below the
// prediction, docs/theory.md §11.2).
func (d QuadraticSize) expectedSteps() float64 {
	var s float64
	for _, e := range d.Series {
		for _, c := range e.Cells {
			s += float64(c.Samples) * math.Min(e.predictedMean(c.Eta), float64(c.MaxSteps))
		}
	}
	return s
}

// quadraticCap is the step cap of every full and quick cell: more than 60
// predicted means at every η run (the largest, J = 2 at η = 3·10^−4, is
// about 1.6·10^7 steps), so a replica is censored with probability below
// e^−60 and the means are those of complete samples.
const quadraticCap = 1_000_000_000

// fullQuadratic is cmd/rd-demo's experiment, which it replaces: J = 1
// (b = 1.5) at η = 10^−2 … 10^−4 with 2500 exits each, and J = 2 (b = 0.6)
// at η = 10^−2 … 3·10^−4 with 2000, 1500, 1000 and 300, C* from 400 000
// Monte Carlo paths per cell. Predicted means (C* = 1 and about 0.68,
// λ(η) = η^{1/2}) are η^{−3/2} and 1.47·η^{−2} steps, at most 3.1·10^9 and
// 6.6·10^9 steps for the two series; measured means sit 2-50% below
// (rd-demo: R = 0.76-0.98 and 0.23-0.51), so the run is about 6·10^9
// steps, about 10 minutes on 2 cores at 190 ns/step, plus about 15 CPU
// seconds for the C*.
func fullQuadratic() QuadraticSize {
	return QuadraticSize{
		TheorySamples: 400_000,
		Series: []QuadraticSeries{
			{Label: "J=1", J: 1, B: 1.5, Seed: 106, CStarHint: 1,
				Cells: cells(2500, quadraticCap, 1e-2, 3e-3, 1e-3, 3e-4, 1e-4)},
			{Label: "J=2", J: 2, B: 0.6, Seed: 107, CStarHint: 0.68, Cells: []ExitCellSize{
				{Eta: 1e-2, Samples: 2000, MaxSteps: quadraticCap},
				{Eta: 3e-3, Samples: 1500, MaxSteps: quadraticCap},
				{Eta: 1e-3, Samples: 1000, MaxSteps: quadraticCap},
				{Eta: 3e-4, Samples: 300, MaxSteps: quadraticCap}}},
		},
	}
}

// quickQuadratic is the quick preview: the two largest step sizes of each
// series with the first 300 (J = 1) and 150 (J = 2) replicas of the full
// cells, about 8·10^6 steps (at most 2.9·10^7 by the predicted means), and
// C* from 20 000 paths per cell: about a second in all on 2 cores.
func quickQuadratic() QuadraticSize {
	f := fullQuadratic()
	q := QuadraticSize{TheorySamples: 20_000}
	samples := map[string]int{"J=1": 300, "J=2": 150}
	for _, s := range f.Series {
		qs := s
		qs.Cells = nil
		for _, c := range s.Cells[:2] {
			qs.Cells = append(qs.Cells, ExitCellSize{Eta: c.Eta, Samples: samples[s.Label], MaxSteps: c.MaxSteps})
		}
		q.Series = append(q.Series, qs)
	}
	return q
}
