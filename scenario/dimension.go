package scenario

import "math"

// Dimension returns d: 1 for the 1-D kinds (paper-1d, critical-points, the
// quadratic with scale and basin), otherwise the dimension of the landscape
// on R^d: landscape.dimension when given, else the size of hessian
// (quadratic), the length of the first centre (gaussian-wells), or 2
// (himmelblau-modified). On a scenario that fails Validate it is a best
// guess.
func (s *Scenario) Dimension() int { return s.Landscape.dim() }

// dim returns d (see Scenario.Dimension).
func (l *Landscape) dim() int {
	if l.Dimension != nil {
		return *l.Dimension
	}
	switch l.Kind {
	case KindHimmelblau:
		return 2
	case KindGaussianWells:
		if len(l.Centers) > 0 {
			return len(l.Centers[0])
		}
	case KindQuadratic:
		if l.Hessian != nil {
			return len(l.Hessian)
		}
	}
	return 1
}

// isRd reports whether the scenario describes a landscape on R^d with
// d ≥ 2: kind gaussian-wells or himmelblau-modified, or quadratic with a
// hessian or a dimension ≥ 2. On a valid scenario it is Dimension() ≥ 2.
func (s *Scenario) isRd() bool { return s.Landscape.isRd() }

// isRd reports whether the table describes a landscape on R^d (see
// Scenario.isRd).
func (l *Landscape) isRd() bool {
	switch l.Kind {
	case KindGaussianWells, KindHimmelblau:
		return true
	case KindQuadratic:
		return l.Hessian != nil || l.dim() >= 2
	}
	return false
}

// DomainRadiusOf returns the radius of the projection ball of a landscape on
// R^d: *DomainRadius, or DefaultHimmelblauDomainRadius for
// himmelblau-modified when DomainRadius is nil, +Inf for quadratic (not
// projected), and NaN for gaussian-wells without domain_radius (which
// Validate rejects). It does not validate.
func (l *Landscape) DomainRadiusOf() float64 {
	switch {
	case l.Kind == KindQuadratic:
		return math.Inf(1)
	case l.DomainRadius != nil:
		return *l.DomainRadius
	case l.Kind == KindHimmelblau:
		return DefaultHimmelblauDomainRadius
	}
	return math.NaN()
}

// AngularOf returns the angular law's name: Angular, or AngularIsotropic
// when it is empty.
func (n *Noise) AngularOf() string {
	if n.Angular == "" {
		return AngularIsotropic
	}
	return n.Angular
}
