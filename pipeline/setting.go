package pipeline

import (
	"math"

	"github.com/htsgd/htsgd/noise"
	"github.com/htsgd/htsgd/report"
	"github.com/htsgd/htsgd/scenario"
)

// SettingOf returns what the title of a report on p states: the plan's
// name and seed, its landscape's kind and dimension, its noise law with α,
// c and p_+ (p_+ on the line only; σ for Gaussian noise), the angular law
// on R^d, and b.
func SettingOf(p *scenario.Plan) report.Setting {
	s := report.Setting{Scenario: p.Name, Seed: p.Run.Seed, Dimension: p.Dim(), B: p.B,
		Law: lawName(p.Noise), Alpha: math.NaN(), Scale: noiseScale(p.Noise), PPlus: math.NaN()}
	if n, ok := p.Landscape.(interface{ Name() string }); ok {
		s.Landscape = n.Name()
	}
	if l := lawOf(p.Noise); l != nil && l.HeavyTailed() {
		s.Alpha = l.Alpha()
		if _, line := p.Noise.(noise.Scalar); line {
			s.PPlus = l.PPlus()
		}
	}
	if r, ok := p.Noise.(noise.Radial); ok {
		s.Angular = r.Name()
	}
	return s
}
