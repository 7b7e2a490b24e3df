package scenario

import (
	"fmt"
	"math"
	"strings"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/noise"
)

// Built holds the objects a validated scenario describes.
type Built struct {
	// Line is the 1-D landscape with its projection interval.
	Line landscapes.Line
	// Structure is its critical-point structure (minima, saddles, basins).
	Structure landscapes.Structure
	// Law is the noise law.
	Law noise.Law
	// B is the truncation threshold; +Inf means no truncation.
	B float64
	// Etas are the step sizes, in file order.
	Etas []float64
	// Starts are the starting points of the first-exit runs, in order.
	Starts []Start
	// Warnings are human-readable notes that do not stop a run (step-size
	// stability, THEORY.md section 2). The package never prints them.
	Warnings []string
}

// Start is one starting point of a first-exit run: Basin is the index of the
// basin whose exit is measured and X the initial iterate. For a minimum,
// X = m_Basin; for sgd.start_x, X is that point and Basin the basin
// containing it.
type Start struct {
	Basin int
	X     float64
}

// Stability thresholds of THEORY.md section 2: the gradient step
// x ↦ x − η f'(x) is stable at a minimum m only if η·f″(m) < 2 (it
// oscillates about m once η·f″(m) > 1).
const (
	stabilityError   = 2.0
	stabilityWarning = 1.0
)

// Build validates s and builds the objects of a 1-D scenario (for a
// landscape on R^d, IsRd, it returns a *FieldError naming
// landscape.dimension: use BuildRd):
//
//   - Line: landscapes.NewPaper1D(lo, hi), NewCriticalPoints(k, points, lo,
//     hi) or NewQuadratic(k, a, c), and Structure =
//     landscapes.Discover(Line).
//   - Law: noise.New(law, α, c, p_+, p_plus given).
//   - B = sgd.b, or +Inf when absent.
//   - Starts: every minimum (Start{i, m_i}) when neither sgd.start nor
//     sgd.start_x is given; Start{start, m_start} for sgd.start, which must
//     be < the number of minima (error field "sgd.start"); Start{basin of x,
//     x} for sgd.start_x.
//   - Step-size stability (THEORY.md section 2): for every η_k and every
//     minimum m a run starts from (the basin's minimum for start_x; every
//     minimum when [dynamics] is present, as a trajectory visits all), an
//     error with field "sgd.eta[k]" if η_k·f″(m) ≥ 2 and a warning if
//     η_k·f″(m) > 1, with f″ from landscapes.SecondDeriv.
//   - dynamics.radius must be smaller than the distance from every minimum
//     to the exitable ends of its basin (saddles), so that the marker
//     neighbourhoods (m_i − radius, m_i + radius) lie in distinct basins.
//
// Errors from the landscapes and noise constructors are returned as
// *FieldError with the key they name ("landscape.domain", "noise.alpha", …)
// or the table name.
func (s *Scenario) Build() (*Built, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	if s.IsRd() {
		return nil, fieldErr("landscape.dimension", "is %d: a landscape on R^d (kind %q) is built by BuildRd, not Build", s.Dimension(), s.Landscape.Kind)
	}
	line, err := s.buildLine()
	if err != nil {
		return nil, err
	}
	st, err := landscapes.Discover(line)
	if err != nil {
		return nil, sectionErr("landscape", err)
	}
	if st.N() == 0 {
		return nil, fieldErr("landscape", "has no minimum inside the domain")
	}
	n := &s.Noise
	alpha := math.NaN()
	if n.Alpha != nil {
		alpha = *n.Alpha
	}
	law, err := noise.New(n.Law, alpha, n.Scale, n.PPlusOf(), n.PPlus != nil)
	if err != nil {
		return nil, sectionErr("noise", err)
	}
	b := &Built{
		Line:      line,
		Structure: st,
		Law:       law,
		B:         s.SGD.BOf(),
		Etas:      append([]float64(nil), s.SGD.Eta...),
	}
	if b.Starts, err = s.starts(st); err != nil {
		return nil, err
	}
	if err := s.checkStability(b); err != nil {
		return nil, err
	}
	if err := s.checkRadius(st); err != nil {
		return nil, err
	}
	return b, nil
}

// buildLine constructs the landscape of the [landscape] table.
func (s *Scenario) buildLine() (landscapes.Line, error) {
	l := &s.Landscape
	lo, hi := l.DomainOf()
	var (
		line landscapes.Line
		err  error
	)
	switch l.Kind {
	case KindPaper1D:
		line, err = landscapes.NewPaper1D(lo, hi)
	case KindCriticalPoints:
		line, err = landscapes.NewCriticalPoints(l.ScaleOf(), l.Points, lo, hi)
	case KindQuadratic:
		line, err = landscapes.NewQuadratic(l.ScaleOf(), l.Basin[0], l.Basin[1])
	default: // unreachable after Validate
		return nil, fieldErr("landscape.kind", "unknown kind %q", l.Kind)
	}
	if err != nil {
		return nil, sectionErr("landscape", err)
	}
	return line, nil
}

// starts lists the starting points of the [sgd] table.
func (s *Scenario) starts(st landscapes.Structure) ([]Start, error) {
	g := &s.SGD
	switch {
	case g.Start != nil:
		i := *g.Start
		if i >= st.N() {
			return nil, fieldErr("sgd.start", "must be < %d, the number of minima, got %d", st.N(), i)
		}
		return []Start{{Basin: i, X: st.Minima[i]}}, nil
	case g.StartX != nil:
		x := g.StartX[0]
		i := st.Basin(x)
		if i < 0 || i >= st.N() { // unreachable after Validate
			return nil, fieldErr("sgd.start_x", "%g lies in no basin", x)
		}
		return []Start{{Basin: i, X: x}}, nil
	}
	out := make([]Start, st.N())
	for i, m := range st.Minima {
		out[i] = Start{Basin: i, X: m}
	}
	return out, nil
}

// checkStability applies the step-size rule η·f″(m) < 2 of THEORY.md
// section 2 to every η and every minimum a run starts from (every minimum
// when [dynamics] is present, since a trajectory visits them all), and
// records a warning when η·f″(m) > 1.
func (s *Scenario) checkStability(b *Built) error {
	var check []int
	if s.Dynamics != nil {
		for i := range b.Structure.Minima {
			check = append(check, i)
		}
	} else {
		for _, start := range b.Starts {
			check = append(check, start.Basin)
		}
	}
	for _, i := range check {
		m := b.Structure.Minima[i]
		curv := landscapes.SecondDeriv(b.Line, m)
		for k, eta := range b.Etas {
			prod := eta * curv
			switch {
			case prod >= stabilityError:
				return fieldErr(index("sgd.eta", k),
					"η·f''(m_%d) = %g·%.4g = %.4g ≥ 2 at the minimum m_%d = %.6g: the gradient step is unstable there (THEORY.md section 2); use η < %.3g",
					i, eta, curv, prod, i, m, stabilityError/curv)
			case prod > stabilityWarning:
				b.Warnings = append(b.Warnings, fmt.Sprintf(
					"sgd.eta[%d]: η·f''(m_%d) = %g·%.4g = %.4g > 1 at the minimum m_%d = %.6g: the step oscillates about the minimum (stable only below 2; THEORY.md section 2)",
					k, i, eta, curv, prod, i, m))
			}
		}
	}
	return nil
}

// checkRadius requires the marker neighbourhoods of the minima to lie inside
// their basins: radius < |m_i − e| for every exitable end e of Ω_i (the
// saddles, and the open ends of a quadratic basin).
func (s *Scenario) checkRadius(st landscapes.Structure) error {
	d := s.Dynamics
	if d == nil {
		return nil
	}
	for i, m := range st.Minima {
		left, right := st.Interval(i)
		exitL, exitR := st.Exitable(i)
		for _, edge := range []struct {
			x        float64
			exitable bool
		}{{left, exitL}, {right, exitR}} {
			if edge.exitable && d.Radius >= math.Abs(m-edge.x) {
				return fieldErr("dynamics.radius",
					"must be < %.4g, the distance from the minimum m_%d = %.6g to the edge %.6g of its basin, got %g",
					math.Abs(m-edge.x), i, m, edge.x, d.Radius)
			}
		}
	}
	return nil
}

// sectionErr turns an error of a landscapes or noise constructor into a
// *FieldError. Those errors start with the scenario key they concern
// ("domain: …", "alpha: …", "landscape: …"); a known key of the table
// becomes the field "table.key", anything else the field "table".
func sectionErr(table string, err error) *FieldError {
	msg := err.Error()
	if key, rest, ok := strings.Cut(msg, ": "); ok {
		if key == table {
			return &FieldError{Field: table, Msg: rest}
		}
		for _, k := range strings.Split(knownKeys[table], ", ") {
			if key == k {
				return &FieldError{Field: table + "." + key, Msg: rest}
			}
		}
	}
	return &FieldError{Field: table, Msg: msg}
}
