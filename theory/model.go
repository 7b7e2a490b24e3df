package theory

import (
	"fmt"
	"math"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/noise"
	"github.com/htsgd/htsgd/param"
)

// Model is the input of every prediction of this package, in any dimension:
// the truncated heavy-tailed SGD
//
//	X_{n+1} = Π_K( X_n − φ_b( η (∇f(X_n) − Z_{n+1}) ) ),   φ_b(w) = w · min(1, b/‖w‖)
//
// of docs/theory.md §2.1 without its step size η, which enters only the
// time scales (MeanExitSteps and the like take it as an argument).
//
// The noise enters through its Lévy measure: in one dimension
//
//	ν_α(dw) = α|w|^{−α−1}(p_+ 1{w>0} + p_− 1{w<0}) dw,   p_− = 1 − p_+,
//
// and in R^d the radial measure ν_α[x, ∞) = x^{−α} times the angular law of
// Z/‖Z‖ (docs/theory.md §3.3). Light-tailed noise (the Gaussian contrast) has no α: for
// it Analyse returns an error wrapping ErrNotApplicable.
//
// Analyse chooses its method from the concrete types of the fields. When the
// Landscape is a landscapes.Curve, the Basins a landscapes.Structure and the
// Noise a noise.Scalar, the rates q_{i,j} come from the exact backward
// recursion of docs/theory.md §7.3 (the one-dimensional fast path, exact up
// to quadrature); otherwise from the Monte Carlo integral C* of §9.3,
// which needs a noise.Radial law and a landscapes.Ball (or no) projection.
type Model struct {
	// Landscape is the loss f.
	Landscape landscapes.Landscape
	// Basins are its basins of attraction Ω_i: a landscapes.Structure on
	// the real line; in R^d a landscapes.BasinMap, the explicit basin of a
	// landscapes.QuadraticRd, or a user's own.
	Basins landscapes.Basins
	// Noise is the law of Z; it must be heavy-tailed.
	Noise noise.Vector
	// B is the truncation threshold b > 0; +Inf for no truncation (then
	// every J_i is 1).
	B float64
	// Domain is the projection set K, nil for none. On the real line it
	// must agree with the Basins: a landscapes.Interval whose ends are the
	// closed ends of the Structure (a projection edge belongs to its basin)
	// and lie beyond its open ends. In R^d it is a landscapes.Ball.
	Domain landscapes.Domain
}

// Names of the Model's fields in the errors of this package (param.Error).
const (
	nameLandscape = "theory.Model.Landscape"
	nameBasins    = "theory.Model.Basins"
	nameNoise     = "theory.Model.Noise"
	nameB         = "theory.Model.B"
	nameDomain    = "theory.Model.Domain"
)

// Validate checks the model. A light-tailed noise law is an error wrapping
// ErrNotApplicable; every other error is a *param.Error naming the field
// ("theory.Model.B", …).
func (m Model) Validate() error {
	_, _, err := m.method()
	return err
}

// method validates m and returns its one-dimensional fast path (exact), or
// exact = false for the Monte Carlo path.
func (m Model) method() (c curveModel, exact bool, err error) {
	switch {
	case m.Landscape == nil:
		return c, false, param.Errorf(nameLandscape, "is missing")
	case m.Basins == nil:
		return c, false, param.Errorf(nameBasins, "are missing")
	case m.Noise == nil || lawMissing(m.Noise):
		return c, false, param.Errorf(nameNoise, "is missing")
	case !m.Noise.HeavyTailed():
		return c, false, notHeavyTailed(m.Noise)
	case m.Noise.Dim() != m.Landscape.Dim():
		return c, false, param.Errorf(nameNoise, "has dimension %d, the landscape %d", m.Noise.Dim(), m.Landscape.Dim())
	case !(m.B > 0):
		return c, false, param.Errorf(nameB, "must be > 0 (or +Inf for no truncation), got %v", m.B)
	case len(m.Basins.MinimumSets()) == 0:
		return c, false, param.Errorf(nameBasins, "have no minimum set")
	}
	if c, ok := m.curve(); ok {
		return c, true, c.validate(m.Domain)
	}
	if _, ok := m.Noise.(noise.Radial); !ok {
		return c, false, param.Errorf(nameNoise, "is a %T: the Monte Carlo constants C* need a noise.Radial law (on the real line, the exact recursion needs a landscapes.Curve, a landscapes.Structure and a noise.Scalar)", m.Noise)
	}
	_, err = m.ball()
	return c, false, err
}

// lawMissing reports the zero values of the two noise.Vector laws, whose
// methods would dereference a nil law.
func lawMissing(z noise.Vector) bool {
	switch v := z.(type) {
	case noise.Scalar:
		return v.Law == nil
	case noise.Radial:
		return v.Radius() == nil
	}
	return false
}

// notHeavyTailed is the error for a light-tailed law.
func notHeavyTailed(z noise.Vector) error {
	return fmt.Errorf("%w: %s noise is light-tailed (no regularly varying tail with α > 1)", ErrNotApplicable, z.Name())
}

// curveModel is a Model on the fast path of the real line: the Structure
// of f, its derivative f', and α, p_+ and b.
type curveModel struct {
	s     landscapes.Structure
	deriv func(float64) float64
	alpha float64
	pPlus float64
	b     float64
}

// curve returns the fast path of m, or ok = false.
func (m Model) curve() (curveModel, bool) {
	c, ok1 := m.Landscape.(landscapes.Curve)
	s, ok2 := m.Basins.(landscapes.Structure)
	z, ok3 := m.Noise.(noise.Scalar)
	if !ok1 || !ok2 || !ok3 {
		return curveModel{}, false
	}
	return curveModel{s: s, deriv: c.Deriv, alpha: z.Law.Alpha(), pPlus: z.Law.PPlus(), b: m.B}, true
}

// validate checks α and p_+, the structure m_0 < s_0 < m_1 < … < m_{n−1}
// strictly inside (Lo, Hi) (docs/theory.md §4.1), and the projection d.
func (c curveModel) validate(d landscapes.Domain) error {
	if !(c.alpha > 1) || math.IsInf(c.alpha, 1) {
		return param.Errorf(nameNoise, "has tail index α = %v: the theory needs 1 < α < ∞", c.alpha)
	}
	if !(c.pPlus > 0 && c.pPlus < 1) {
		return param.Errorf(nameNoise, "has p_+ = %v: the theory needs 0 < p_+ < 1", c.pPlus)
	}
	s := c.s
	n := len(s.Minima)
	if len(s.Saddles) != n-1 {
		return param.Errorf(nameBasins, "%d minima need %d saddles, got %d", n, n-1, len(s.Saddles))
	}
	if math.IsNaN(s.Lo) || math.IsNaN(s.Hi) || !(s.Lo < s.Hi) {
		return param.Errorf(nameBasins, "domain [%v, %v] is not an interval", s.Lo, s.Hi)
	}
	prev := s.Lo
	for i, m := range s.Minima {
		if math.IsNaN(m) || math.IsInf(m, 0) || !(m > prev) {
			return param.Errorf(nameBasins, "minimum %d at %v is not strictly between %v and the next critical point", i, m, prev)
		}
		prev = m
		if i < n-1 {
			sd := s.Saddles[i]
			if math.IsNaN(sd) || !(sd > prev) {
				return param.Errorf(nameBasins, "saddle %d at %v is not strictly above minimum %d at %v", i, sd, i, m)
			}
			prev = sd
		}
	}
	if !(prev < s.Hi) {
		return param.Errorf(nameBasins, "minimum %d at %v is not strictly inside the domain [%v, %v]", n-1, prev, s.Lo, s.Hi)
	}
	return checkInterval(s, d)
}

// checkInterval checks that the projection d agrees with the structure s:
// a closed end of s is a projection edge, so d must clamp exactly there; an
// open end is an exit, so d must not clamp before it. A nil d is the whole
// line.
func checkInterval(s landscapes.Structure, d landscapes.Domain) error {
	iv := landscapes.Interval{Lo: math.Inf(-1), Hi: math.Inf(1)}
	switch v := d.(type) {
	case nil:
	case landscapes.Interval:
		iv = v
	default:
		return param.Errorf(nameDomain, "is a %T: on the real line the projection is a landscapes.Interval", d)
	}
	switch {
	case !s.OpenLo && iv.Lo != s.Lo:
		return param.Errorf(nameDomain, "%v does not clamp at the closed lower end %v of the basins", iv, s.Lo)
	case !s.OpenHi && iv.Hi != s.Hi:
		return param.Errorf(nameDomain, "%v does not clamp at the closed upper end %v of the basins", iv, s.Hi)
	case s.OpenLo && iv.Lo > s.Lo:
		return param.Errorf(nameDomain, "%v clamps above the open lower end %v of the basins", iv, s.Lo)
	case s.OpenHi && iv.Hi < s.Hi:
		return param.Errorf(nameDomain, "%v clamps below the open upper end %v of the basins", iv, s.Hi)
	}
	return nil
}

// ball returns the projection ball of the Monte Carlo path (radius +Inf for
// none), after checking it.
func (m Model) ball() (landscapes.Ball, error) {
	switch d := m.Domain.(type) {
	case nil:
		return landscapes.Ball{Radius: math.Inf(1)}, nil
	case landscapes.Ball:
		if err := d.Validate(m.Landscape.Dim()); err != nil {
			return d, err
		}
		return d, nil
	}
	return landscapes.Ball{}, param.Errorf(nameDomain, "is a %T: the Monte Carlo constants C* project onto a landscapes.Ball (or nothing)", m.Domain)
}
