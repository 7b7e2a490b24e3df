package mc

import (
	"math"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/noise"
	"github.com/htsgd/htsgd/param"
)

// System is one instance of truncated heavy-tailed SGD in any dimension d
// (docs/theory.md §2.1):
//
//	X_{n+1} = Π_K( X_n − φ_b( η (∇f(X_n) − Z_{n+1}) ) ),   φ_b(w) = w·min(1, b/‖w‖),
//
// with the loss f (Landscape), its basins of attraction (Basins), the law
// of the noise vectors Z (Noise), the step size η, the truncation threshold
// b and the projection set K (Domain).
//
// The experiments (FirstExit, Trajectory, Walk, SuppliedExit) pick their
// kernel from the concrete types found here, once per run:
//
//   - the one-dimensional fast path, when Landscape is a landscapes.Curve of
//     dimension 1, Basins a landscapes.Structure, Noise a noise.Scalar and
//     Domain nil or a landscapes.Interval: exact interval tests and a scalar
//     step (Step), with kernels generated for every concrete curve and law
//     of packages landscapes and noise (kernels_gen.go);
//   - otherwise the vector kernel (StepVector), generated for the concrete
//     R^d landscapes (QuadraticRd, GaussianWells, HimmelblauModified) with
//     a noise.Radial law and a landscapes.Ball (or no) domain;
//   - any other combination, a user's own types included, runs the same
//     kernels written against the interfaces: the slow path, one interface
//     call per gradient and per draw.
type System struct {
	// Landscape is the loss f: R^d → R.
	Landscape landscapes.Landscape
	// Basins locates the basin of a point: a landscapes.Structure in one
	// dimension, a landscapes.BasinMap or the explicit basin of a
	// landscapes.QuadraticRd in R^d.
	Basins landscapes.Basins
	// Noise is the law of the noise vectors Z: noise.Scalar in one
	// dimension, noise.Radial in R^d.
	Noise noise.Vector
	// Eta is the step size η > 0.
	Eta float64
	// B is the truncation threshold b > 0; +Inf means no truncation.
	B float64
	// Domain is the projection set K: a landscapes.Interval in one
	// dimension, a landscapes.Ball in R^d; nil means no projection.
	Domain landscapes.Domain
}

// Dim returns the dimension d of the landscape.
func (s System) Dim() int { return s.Landscape.Dim() }

// Validate reports whether the system can be simulated. Errors are
// *param.Error naming the field ("mc.System.Eta", …), or the domain's own
// (landscapes.Ball.Validate, landscapes.Interval.Validate).
func (s System) Validate() error {
	switch {
	case s.Landscape == nil:
		return param.Errorf("mc.System.Landscape", "missing")
	case s.Basins == nil:
		return param.Errorf("mc.System.Basins", "missing")
	case s.Noise == nil:
		return param.Errorf("mc.System.Noise", "missing")
	case s.Landscape.Dim() < 1:
		return param.Errorf("mc.System.Landscape", "has dimension %d, want ≥ 1", s.Landscape.Dim())
	case s.Noise.Dim() != s.Landscape.Dim():
		return param.Errorf("mc.System.Noise", "has dimension %d, the landscape %d", s.Noise.Dim(), s.Landscape.Dim())
	case !(s.Eta > 0) || math.IsInf(s.Eta, 0):
		return param.Errorf("mc.System.Eta", "must be positive and finite, got %v", s.Eta)
	case !(s.B > 0):
		return param.Errorf("mc.System.B", "must be positive (or +Inf for no truncation), got %v", s.B)
	case len(s.Basins.MinimumSets()) == 0:
		return param.Errorf("mc.System.Basins", "no minimum in the domain")
	}
	if sc, ok := s.Noise.(noise.Scalar); ok && sc.Law == nil {
		return param.Errorf("mc.System.Noise", "a noise.Scalar without a law")
	}
	switch dom := s.Domain.(type) {
	case landscapes.Ball:
		return dom.Validate(s.Landscape.Dim())
	case landscapes.Interval:
		if s.Landscape.Dim() != 1 {
			return param.Errorf("mc.System.Domain", "an interval is a domain of dimension 1, the landscape has %d", s.Landscape.Dim())
		}
		return dom.Validate()
	}
	return nil
}

// checkStart validates a start point of an experiment whose start field is
// name: d finite coordinates inside the domain and, if inBasin, inside a
// basin.
func (s System) checkStart(name string, x []float64, inBasin bool) error {
	if len(x) != s.Dim() {
		return param.Errorf(name, "has %d coordinates, want %d", len(x), s.Dim())
	}
	for k, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return param.ElemErrorf(name, k, "is not finite: %v", v)
		}
	}
	if s.Domain != nil && !s.Domain.Contains(x) {
		switch dom := s.Domain.(type) {
		case landscapes.Interval:
			return param.Errorf(name, "%v is outside the domain %v", x[0], dom)
		case landscapes.Ball:
			return param.Errorf(name, "%v is outside the projection ball of radius %v", x, dom.Radius)
		}
		return param.Errorf(name, "%v is outside the projection set", x)
	}
	if inBasin {
		if i := s.Basins.Locate(x); i < 0 || i >= len(s.Basins.MinimumSets()) {
			return param.Errorf(name, "%v is outside every basin", x)
		}
	}
	return nil
}

// line is the one-dimensional fast path of a System: a curve with its
// basin structure, a scalar law and the projection interval [lo, hi]
// (±Inf for none).
type line struct {
	curve  landscapes.Curve
	st     landscapes.Structure
	law    noise.Law
	lo, hi float64
}

// line returns the system's fast path, or false when the system does not
// have one (see System).
func (s System) line() (line, bool) {
	c, ok := s.Landscape.(landscapes.Curve)
	if !ok || s.Landscape.Dim() != 1 {
		return line{}, false
	}
	st, ok := s.Basins.(landscapes.Structure)
	if !ok {
		return line{}, false
	}
	z, ok := s.Noise.(noise.Scalar)
	if !ok || z.Law == nil {
		return line{}, false
	}
	l := line{curve: c, st: st, law: z.Law, lo: math.Inf(-1), hi: math.Inf(1)}
	switch dom := s.Domain.(type) {
	case nil:
	case landscapes.Interval:
		l.lo, l.hi = dom.Lo, dom.Hi
	default:
		return line{}, false
	}
	return l, true
}

// params returns the kernel parameters of the exit from basin i: the
// exitable sides of Ω_i, and ±Inf for a side that is not exitable (the
// projection clamps there, so it is never crossed).
func (l line) params(eta, b float64, i int) lineParams {
	left, right := l.st.Interval(i)
	exitLeft, exitRight := l.st.Exitable(i)
	if !exitLeft {
		left = math.Inf(-1)
	}
	if !exitRight {
		right = math.Inf(1)
	}
	return lineParams{eta: eta, b: b, lo: l.lo, hi: l.hi, left: left, right: right}
}

// vector returns the parts of the system the vector kernels use: the
// domain with nil read as the ball of radius +Inf (no projection), and the
// exit parameters of basin i (i < 0: none).
func (s System) vector(i int) (landscapes.Domain, *vectorParams) {
	var dom landscapes.Domain = landscapes.Ball{Radius: math.Inf(1)}
	if s.Domain != nil {
		dom = s.Domain
	}
	p := &vectorParams{eta: s.Eta, b: s.B, bs: s.Basins, basin: i}
	if i >= 0 {
		p.set = s.Basins.MinimumSets()[i]
		core := s.Basins.Core(i)
		p.core2 = core * core
	}
	return dom, p
}
