package theory

import (
	"errors"
	"fmt"
	"math"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/noise"
)

// ModelRd is the input of the R^d predictions (THEORY.md section 5;
// Theorem 2.8 of Wang & Rhee, arXiv 2307.03479): the loss, its basins, the
// noise vector law (its tail index α and angular law S enter the Lévy
// measure ν_α × S, ν_α[x, ∞) = x^{−α}), the truncation threshold b and the
// projection ball K.
type ModelRd struct {
	// Landscape is the loss f.
	Landscape landscapes.Landscape
	// Basins are its basins of attraction (a landscapes.BasinMap, or a
	// landscapes.QuadraticRd with its explicit basin).
	Basins landscapes.Basins
	// Noise is the noise vector law; it must be heavy-tailed.
	Noise noise.Radial
	// B is the truncation threshold b > 0; +Inf for no truncation.
	B float64
	// Domain is the projection ball K; a zero or +Inf radius means none.
	Domain landscapes.Ball
}

// domain returns the projection ball with a zero radius read as +Inf.
func (m ModelRd) domain() landscapes.Ball {
	d := m.Domain
	if d.Radius == 0 {
		d.Radius = math.Inf(1)
	}
	return d
}

// Validate checks the model. Errors start with the scenario key:
// "landscape", "noise", "dimension", "b" or "domain_radius".
func (m ModelRd) Validate() error {
	switch {
	case m.Landscape == nil:
		return errors.New("landscape: missing")
	case m.Basins == nil:
		return errors.New("landscape: basins missing")
	case m.Noise.Dim() == 0:
		return errors.New("noise: missing")
	case !m.Noise.HeavyTailed():
		return errors.New("noise: the heavy-tail theory needs a heavy-tailed law (regularly varying tail, α > 1)")
	case m.Noise.Dim() != m.Landscape.Dim():
		return fmt.Errorf("dimension: the noise has dimension %d, the landscape %d", m.Noise.Dim(), m.Landscape.Dim())
	case !(m.B > 0):
		return fmt.Errorf("b: must be > 0 (or +Inf), got %v", m.B)
	case len(m.Basins.MinimumSets()) == 0:
		return errors.New("landscape: no minimum")
	}
	return m.domain().Validate(m.Landscape.Dim())
}

// locate returns the basin of Π(x) (x is overwritten with Π(x)).
func (m ModelRd) locate(x []float64) int {
	m.domain().Project(x)
	return m.Basins.Locate(x)
}

// RdOptions tune the numerical work of the R^d predictions. Zero fields take
// the defaults.
type RdOptions struct {
	// Samples is the number of Monte Carlo paths per minimum for C* and
	// the landing law (default 20000).
	Samples int
	// Seed seeds the Monte Carlo streams (minimum i uses rng.New(Seed, i)).
	Seed uint64
	// Directions is the number of ray directions for the pair distances,
	// the radius r_i (when Basins has no Radius method) and the
	// contraction check (default 720 in 2-D, 2000 otherwise).
	Directions int
	// ScanPoints is the number of points of the geometric grid of jump
	// sizes scanned along each last-jump ray (default 48).
	ScanPoints int
	// SmallJump is ε/r_i for basins whose flow is not contracting: jumps
	// smaller than ε·r_i and gaps longer than the flow's return to within
	// ε·r_i of the minimum set are neglected (default 0.05; see RatesRd).
	SmallJump float64
	// SearchPaths is the number of random paths tried per jump count in
	// the J search of non-contracting basins (default 20000).
	SearchPaths int
	// Level is the confidence level of the reported intervals (default
	// 0.95).
	Level float64
	// Resamples is the number of bootstrap resamples of the rates behind
	// the intervals of the stationary law and the time fractions
	// (AnalysisRd.StationaryCI; default 999; negative: none, and those
	// intervals are unavailable).
	Resamples int
}

// DefaultRdSamples is the number of Monte Carlo paths per minimum set of
// RdOptions.Samples when it is not set.
const DefaultRdSamples = 20000

func (o RdOptions) withDefaults(d int) RdOptions {
	if o.Samples <= 0 {
		o.Samples = DefaultRdSamples
	}
	if o.Directions <= 0 {
		o.Directions = 2000
		if d == 2 {
			o.Directions = 720
		}
	}
	if o.ScanPoints <= 0 {
		o.ScanPoints = 48
	}
	if o.SmallJump <= 0 {
		o.SmallJump = 0.05
	}
	if o.SearchPaths <= 0 {
		o.SearchPaths = 20000
	}
	if o.Level <= 0 {
		o.Level = 0.95
	}
	if o.Resamples == 0 {
		o.Resamples = defaultResamples
	}
	return o
}
