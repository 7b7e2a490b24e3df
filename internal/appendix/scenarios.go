package appendix

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/htsgd/htsgd/scenario"
)

// bPtr returns b for a scenario's sgd.b: nil for no truncation.
func bPtr(b float64) *float64 {
	if math.IsInf(b, 1) {
		return nil
	}
	return &b
}

// paperScenario returns the paper's setting (scenario.Default: paper-1d,
// Pareto α = 1.2, c = 0.1, p_+ = ½) with truncation b, no [dynamics] table,
// and the given step sizes, start, sizes and seed.
func paperScenario(name string, b float64, etas []float64, samples int, maxSteps, seed int64) *scenario.Scenario {
	sc := scenario.Default()
	sc.Name = name
	sc.SGD.B = bPtr(b)
	sc.SGD.Eta = append([]float64(nil), etas...)
	start := exitBasin
	sc.SGD.Start = &start
	sc.Run = scenario.Run{Samples: samples, MaxSteps: maxSteps, Seed: seed}
	sc.Dynamics = nil
	return sc
}

// cellScenario is the scenario of one exit cell: `verify exit -scenario`
// on it reproduces the cell's replicas (start index 0, η index 0).
func cellScenario(s ExitSeries, c ExitCellSize) *scenario.Scenario {
	return paperScenario(cellName(s, c.Eta), s.B, []float64{c.Eta}, c.Samples, c.MaxSteps, s.CellSeed(c.Eta))
}

// cellName is the scenario name of a cell, e.g. "fig1-b0.5-eta0.001".
func cellName(s ExitSeries, eta float64) string {
	return "fig1-" + strings.ReplaceAll(s.Label, "=", "") + "-eta" + strconv.FormatFloat(eta, 'g', -1, 64)
}

// dynamicsScenario is the trajectory experiment: b, η and start of d, a
// [dynamics] table of d's sizes, seed d.Seed.
func dynamicsScenario(d DynamicsSize) *scenario.Scenario {
	sc := paperScenario("fig2-dynamics", d.B, []float64{d.Eta}, 1, 1, int64(d.Seed))
	sc.SGD.Start = nil
	sc.SGD.StartX = scenario.Point{d.Start}
	sc.Dynamics = &scenario.Dynamics{Replicas: d.Replicas, Steps: d.Steps, Radius: d.Radius, Times: append([]float64(nil), d.Times...)}
	return sc
}

// checkPaperSetting verifies that scenario.Default still is the paper's
// setting this appendix describes.
func checkPaperSetting() error {
	sc := scenario.Default()
	if sc.Landscape.Kind != scenario.KindPaper1D || sc.Noise.Law != scenario.LawPareto ||
		sc.Noise.Alpha == nil || *sc.Noise.Alpha != paperAlpha || sc.Noise.Scale != paperScale || sc.Noise.PPlusOf() != 0.5 {
		return fmt.Errorf("scenario: the default scenario is no longer the paper's setting (paper-1d, pareto α = %g, c = %g, p_+ = ½)", paperAlpha, paperScale)
	}
	return nil
}
