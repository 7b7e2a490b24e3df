package mc

import (
	"errors"
	"fmt"
	"math"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/noise"
)

// SystemRd is one instance of truncated heavy-tailed SGD in R^d (THEORY.md
// sections 1 and 5): the loss, its basins, the noise law Z = R·Θ, the
// parameters (η, b) and the projection ball K.
type SystemRd struct {
	// Landscape is the loss f: R^d → R.
	Landscape landscapes.Landscape
	// Basins locates the basin of a point (a landscapes.BasinMap, or the
	// explicit basin of a landscapes.QuadraticRd).
	Basins landscapes.Basins
	// Noise is the law of the noise vectors.
	Noise noise.Radial
	// Eta is the step size η > 0.
	Eta float64
	// B is the truncation threshold b > 0; +Inf means no truncation.
	B float64
	// Domain is the projection ball K (scenario key domain_radius); a zero
	// or +Inf radius means no projection.
	Domain landscapes.Ball
}

// domain returns the projection ball with a zero radius read as +Inf.
func (s SystemRd) domain() landscapes.Ball {
	d := s.Domain
	if d.Radius == 0 {
		d.Radius = math.Inf(1)
	}
	return d
}

// Validate reports whether the system can be simulated. Errors start with
// the scenario key: "landscape", "noise", "dimension", "eta", "b" or
// "domain_radius".
func (s SystemRd) Validate() error {
	switch {
	case s.Landscape == nil:
		return errors.New("landscape: missing")
	case s.Basins == nil:
		return errors.New("landscape: basins missing")
	case s.Noise.Dim() == 0:
		return errors.New("noise: missing")
	case s.Noise.Dim() != s.Landscape.Dim():
		return fmt.Errorf("dimension: the noise has dimension %d, the landscape %d", s.Noise.Dim(), s.Landscape.Dim())
	case !(s.Eta > 0) || math.IsInf(s.Eta, 0):
		return fmt.Errorf("eta: must be positive and finite, got %v", s.Eta)
	case !(s.B > 0):
		return fmt.Errorf("b: must be positive (or +Inf for no truncation), got %v", s.B)
	case len(s.Basins.MinimumSets()) == 0:
		return errors.New("landscape: no minimum in the domain")
	}
	return s.domain().Validate(s.Landscape.Dim())
}

// checkStart validates a start point: dimension d, finite, inside K.
func (s SystemRd) checkStart(x []float64) error {
	if len(x) != s.Landscape.Dim() {
		return fmt.Errorf("start_x: has %d coordinates, want %d", len(x), s.Landscape.Dim())
	}
	for _, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("start_x: coordinate %v is not finite", v)
		}
	}
	if !s.domain().Contains(x) {
		return fmt.Errorf("start_x: %v is outside the projection ball of radius %v", x, s.domain().Radius)
	}
	return nil
}

// rdState is the per-replica scratch of the R^d kernels.
type rdState struct {
	x, g, z []float64
}

func newRdState(start []float64) *rdState {
	d := len(start)
	return &rdState{x: append([]float64(nil), start...), g: make([]float64, d), z: make([]float64, d)}
}
