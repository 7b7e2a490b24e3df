package gen

import (
	"strconv"
	"strings"

	"github.com/htsgd/htsgd/scenario"
)

// The 2-D quadratic exit experiment (THEORY.md sections 3, 5 and 7; issue
// 7), the setting of scenario/testdata/quadratic2d.toml: the well
// f(x) = ½xᵀHx, H = [[1.5, 0.5], [0.5, 1]] (eigenvalues 1.25 ± √1.25/2,
// about 0.691 and 1.809), is exited by leaving the ball basin ‖x‖ < 1,
// started at the minimum 0, under isotropic noise Z = W·Θ with W Pareto
// (α = 1.5, c = 1) and Θ uniform on the circle. The flow −Hx contracts
// ‖x‖, so J = ⌈r/b⌉ with r = 1 (THEORY.md section 5): J = 1 at b = 1.5 and
// J = 2 at b = 0.6. With c = 1, λ(η) = η^{α−1} = η^{1/2} for η ≤ 1.
const (
	rdqAlpha       = 1.5
	rdqScale       = 1.0
	rdqBasinRadius = 1.0
	// rdqPrefix starts the scenario names and file names of the cells.
	rdqPrefix = "rd-quadratic-"
)

// rdqHessian returns H.
func rdqHessian() [][]float64 { return [][]float64{{1.5, 0.5}, {0.5, 1}} }

// rdqScenario is the scenario of one cell: `verify exit -scenario` on it
// reproduces the cell's row (one η, the start at the minimum, the cell's
// sizes and seed).
func rdqScenario(e RdExitSeries, c ExitCellSize) *scenario.Scenario {
	alpha, radius, b, start := rdqAlpha, rdqBasinRadius, e.B, 0
	return &scenario.Scenario{
		Name:      rdqCellName(e, c.Eta),
		Landscape: scenario.Landscape{Kind: scenario.KindQuadratic, Hessian: rdqHessian(), BasinRadius: &radius},
		Noise:     scenario.Noise{Law: scenario.LawPareto, Alpha: &alpha, Scale: rdqScale, Angular: scenario.AngularIsotropic},
		SGD:       scenario.SGD{B: &b, Eta: []float64{c.Eta}, Start: &start},
		Run:       scenario.Run{Samples: c.Samples, MaxSteps: c.MaxSteps, Seed: e.CellSeed(c.Eta)},
	}
}

// rdqCellName is the scenario name of a cell, e.g.
// "rd-quadratic-J2-eta0.0003".
func rdqCellName(e RdExitSeries, eta float64) string {
	return rdqPrefix + strings.ReplaceAll(e.Label, "=", "") + "-eta" + strconv.FormatFloat(eta, 'g', -1, 64)
}

// rdqCommand is the command line that reruns a cell from the repository
// root (with the results in results/) and prints its row.
func rdqCommand(name string, theorySamples int) string {
	c := "bin/verify exit -scenario results/" + DirScenarios + "/" + name + ".toml"
	if theorySamples > 0 {
		c += " -theory-samples " + strconv.Itoa(theorySamples)
	}
	return c + " -json"
}
