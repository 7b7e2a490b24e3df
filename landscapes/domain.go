package landscapes

import (
	"fmt"
	"math"

	"github.com/htsgd/htsgd/param"
)

// Domain is the projection set K of docs/theory.md §2.2: every iterate of
// the SGD recursion is clamped into it, X_{n+1} = Π_K(…). Π_K is the
// Euclidean projection, a clamp and not a reflection; it keeps the iterates
// bounded where ∇f grows. A nil Domain means K = R^d (no projection).
//
// The two domains of htsgd are concrete types, Interval on the real line
// and Ball in R^d, so that the simulation kernels of package mc, which find
// them by type assertion, clamp without an interface call per step.
type Domain interface {
	// Contains reports whether x ∈ K.
	Contains(x []float64) bool
	// Project replaces x by Π_K(x) and reports whether x moved.
	Project(x []float64) bool
}

// The projection sets of htsgd.
var (
	_ Domain = Interval{}
	_ Domain = Ball{}
)

// Interval is the projection interval [Lo, Hi] of a loss on the real line
// (the domain of a Line). An infinite end leaves that side unbounded.
type Interval struct {
	Lo, Hi float64
}

// Validate checks Lo < Hi (neither NaN). Errors are *param.Error naming
// "landscapes.Interval".
func (iv Interval) Validate() error {
	if !(iv.Lo < iv.Hi) {
		return param.Errorf("landscapes.Interval", "[%v, %v] is not an interval (need lo < hi)", iv.Lo, iv.Hi)
	}
	return nil
}

// Contains reports whether Lo ≤ x[0] ≤ Hi.
func (iv Interval) Contains(x []float64) bool { return x[0] >= iv.Lo && x[0] <= iv.Hi }

// Project clamps x[0] into [Lo, Hi] and reports whether it moved.
func (iv Interval) Project(x []float64) bool {
	switch {
	case x[0] < iv.Lo:
		x[0] = iv.Lo
	case x[0] > iv.Hi:
		x[0] = iv.Hi
	default:
		return false
	}
	return true
}

// IntervalOf returns the projection interval of l.
func IntervalOf(l Line) Interval {
	lo, hi := l.Domain()
	return Interval{Lo: lo, Hi: hi}
}

// Ball is the closed Euclidean ball {x : ‖x − Center‖ ≤ Radius} of R^d; a
// nil Center is the origin. It is the projection set K of docs/theory.md
// §2.2 in R^d and the shape of the ball basin of a QuadraticRd.
// Radius = +Inf is all of R^d.
type Ball struct {
	Center []float64
	Radius float64
}

// Validate checks that the radius is positive (or +Inf) and the centre, if
// given, has dimension d and finite coordinates. Errors are *param.Error
// naming "landscapes.Ball.Radius" or "landscapes.Ball.Center".
func (b Ball) Validate(d int) error {
	if !(b.Radius > 0) {
		return param.Errorf("landscapes.Ball.Radius", "must be > 0 (or +Inf for none), got %v", b.Radius)
	}
	if b.Center != nil {
		if len(b.Center) != d {
			return param.Errorf("landscapes.Ball.Center", "has dimension %d, want %d", len(b.Center), d)
		}
		for k, v := range b.Center {
			if !finite(v) {
				return param.ElemErrorf("landscapes.Ball.Center", k, "is not finite: %v", v)
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

// String renders an interval as "[lo, hi]".
func (iv Interval) String() string { return fmt.Sprintf("[%v, %v]", iv.Lo, iv.Hi) }
