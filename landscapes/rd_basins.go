package landscapes

import (
	"fmt"
	"math"
)

// NoBasin is the basin index of a point that lies in no basin: outside the
// explicit basin of a QuadraticRd, or a point whose gradient flow ends
// nowhere near a known minimum set (on a saddle's stable manifold, or
// beyond the region a BasinMap was built for).
const NoBasin = -1

// Basins partitions the domain of a loss on R^d into the basins of
// attraction (attraction fields) Ω_i of its minimum sets (THEORY.md
// section 5): x ∈ Ω_i when the gradient flow dy/dt = −∇f(y) from x converges
// to the i-th minimum set. It is what the first-exit and trajectory
// experiments of package mc and the jump numbers and rates of package
// theory need to know about the landscape.
type Basins interface {
	// Minima returns the minimum sets, one per basin, in basin order.
	Minima() []MinimumSet
	// Locate returns the index of the basin containing x, or NoBasin.
	Locate(x []float64) int
	// Core returns a radius ρ_i ≥ 0 such that every x with
	// dist(x, Minima()[i]) < ρ_i lies in Ω_i: a cheap sufficient test that
	// hot loops use before calling Locate (0: no such guarantee).
	Core(i int) float64
}

// Ball is the closed Euclidean ball {x : ‖x − Center‖ ≤ Radius} of R^d; a
// nil Center is the origin. It is the projection set K of THEORY.md
// section 1 in R^d (the scenario key domain_radius) and the shape of the
// ball basin of a QuadraticRd (basin_radius). Radius = +Inf is all of R^d.
type Ball struct {
	Center []float64
	Radius float64
}

// Validate checks that the radius is positive (or +Inf) and the centre, if
// given, has dimension d and finite coordinates. name is the scenario key
// used in the error ("domain_radius", "basin_radius").
func (b Ball) Validate(name string, d int) error {
	if !(b.Radius > 0) {
		return fmt.Errorf("%s: must be > 0 (or +Inf for none), got %v", name, b.Radius)
	}
	if b.Center != nil {
		if len(b.Center) != d {
			return fmt.Errorf("%s: centre has dimension %d, want %d", name, len(b.Center), d)
		}
		for _, v := range b.Center {
			if !finite(v) {
				return fmt.Errorf("%s: centre has a non-finite coordinate %v", name, v)
			}
		}
	}
	return nil
}

// centre returns Center[k], or 0 for the origin.
func (b Ball) centre(k int) float64 {
	if b.Center == nil {
		return 0
	}
	return b.Center[k]
}

// Contains reports whether ‖x − Center‖ ≤ Radius.
func (b Ball) Contains(x []float64) bool {
	s := 0.0
	for k := range x {
		d := x[k] - b.centre(k)
		s += d * d
	}
	return s <= b.Radius*b.Radius
}

// Project replaces x by Π(x), its Euclidean projection onto the ball,
//
//	Π(x) = c + (x − c)·min(1, R/‖x − c‖),
//
// a radial clamp (not a reflection), and reports whether x moved.
func (b Ball) Project(x []float64) bool {
	if math.IsInf(b.Radius, 1) {
		return false
	}
	s := 0.0
	for k := range x {
		d := x[k] - b.centre(k)
		s += d * d
	}
	if s <= b.Radius*b.Radius {
		return false
	}
	f := b.Radius / math.Sqrt(s)
	for k := range x {
		c := b.centre(k)
		x[k] = c + (x[k]-c)*f
	}
	return true
}
