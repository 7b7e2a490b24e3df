package scenario

import (
	"math"

	"gonum.org/v1/gonum/floats"
)

// BOf returns the truncation threshold b: *B, or +Inf (no truncation) when B
// is nil.
func (g *SGD) BOf() float64 {
	if g.B == nil {
		return math.Inf(1)
	}
	return *g.B
}

// validateSGD checks the [sgd] table (see Validate).
func (s *Scenario) validateSGD() error {
	g := &s.SGD
	if g.B != nil {
		if b := *g.B; math.IsNaN(b) || b <= 0 {
			return fieldErr("sgd.b", "must be > 0 (or inf for no truncation), got %g", b)
		}
		if b := *g.B; finite(b) && b > MaxMagnitude {
			return fieldErr("sgd.b", "must be ≤ %g (scenario.MaxMagnitude), or inf for no truncation, got %g", MaxMagnitude, b)
		}
	}
	if len(g.Eta) == 0 {
		return fieldErr("sgd.eta", "must list at least one step size")
	}
	if err := checkCount("sgd.eta", len(g.Eta), MaxEtas, "MaxEtas", "each step size is a cell of every run; a ladder needs tens"); err != nil {
		return err
	}
	for k, eta := range g.Eta {
		if !finite(eta) || eta <= 0 {
			return fieldErr(index("sgd.eta", k), "must be > 0 and finite, got %g", eta)
		}
		if err := checkScale(index("sgd.eta", k), eta); err != nil {
			return err
		}
	}
	if g.Start != nil && g.StartX != nil {
		return fieldErr("sgd.start_x", "cannot be given together with sgd.start")
	}
	if g.Start != nil && *g.Start < 0 {
		return fieldErr("sgd.start", "must be ≥ 0 (a 0-based index of a minimum), got %d", *g.Start)
	}
	if g.StartX != nil && s.isRd() {
		return s.validateStartRd()
	}
	if g.StartX != nil {
		if len(g.StartX) != 1 {
			return fieldErr("sgd.start_x", "must be one number for a 1-D landscape, got %s", numbers(len(g.StartX)))
		}
		x := g.StartX[0]
		l := &s.Landscape
		lo, hi := l.DomainOf()
		switch {
		case !finite(x):
			return fieldErr("sgd.start_x", "must be finite, got %g", x)
		case math.Abs(x) > MaxMagnitude:
			return checkCoordinate("sgd.start_x", x)
		case l.Kind == KindQuadratic && !(l.Basin[0] < x && x < l.Basin[1]):
			return fieldErr("sgd.start_x", "must lie strictly inside the basin (%g, %g), got %g", l.Basin[0], l.Basin[1], x)
		case x < lo || x > hi:
			return fieldErr("sgd.start_x", "must lie in the domain [%g, %g], got %g", lo, hi, x)
		}
	}
	return nil
}

// validateStartRd checks sgd.start_x on R^d: d finite coordinates, in the
// projection ball (‖x‖ ≤ domain radius), and for the quadratic strictly
// inside its basin (‖x‖ < R, or lo < x < hi).
func (s *Scenario) validateStartRd() error {
	const f = "sgd.start_x"
	x, l, d := s.SGD.StartX, &s.Landscape, s.Dimension()
	if len(x) != d {
		return fieldErr(f, "must be an array of %d numbers (landscape dimension %d), got %s", d, d, numbers(len(x)))
	}
	for k, c := range x {
		if !finite(c) {
			return fieldErr(f, "coordinate %d must be finite, got %g", k, c)
		}
		if math.Abs(c) > MaxMagnitude {
			return fieldErr(f, "coordinate %d must lie in [−%g, %g] (scenario.MaxMagnitude), got %g", k, MaxMagnitude, MaxMagnitude, c)
		}
	}
	norm := floats.Norm(x, 2)
	if l.Kind != KindQuadratic {
		if r := l.DomainRadiusOf(); norm > r {
			return fieldErr(f, "must lie in the projection ball ‖x‖ ≤ %g, got %s with ‖x‖ = %.6g", r, fmtVec(x), norm)
		}
		return nil
	}
	if l.BasinRadius != nil {
		if r := *l.BasinRadius; !(norm < r) {
			return fieldErr(f, "must lie strictly inside the basin ‖x‖ < %g, got %s with ‖x‖ = %.6g", r, fmtVec(x), norm)
		}
		return nil
	}
	for k, c := range x {
		if !(l.BasinLo[k] < c && c < l.BasinHi[k]) {
			return fieldErr(f, "must lie strictly inside the box basin: coordinate %d is %g, outside (%g, %g)", k, c, l.BasinLo[k], l.BasinHi[k])
		}
	}
	return nil
}
