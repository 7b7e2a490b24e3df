package scenario

import "slices"

// Clone returns a deep copy of s: no slice or pointer is shared.
func (s *Scenario) Clone() *Scenario {
	c := *s
	c.Landscape.Points = slices.Clone(s.Landscape.Points)
	c.Landscape.Scale = clonePtr(s.Landscape.Scale)
	c.Landscape.Domain = slices.Clone(s.Landscape.Domain)
	c.Landscape.Basin = slices.Clone(s.Landscape.Basin)
	c.Landscape.Dimension = clonePtr(s.Landscape.Dimension)
	c.Landscape.Hessian = cloneRows(s.Landscape.Hessian)
	c.Landscape.BasinRadius = clonePtr(s.Landscape.BasinRadius)
	c.Landscape.BasinLo = slices.Clone(s.Landscape.BasinLo)
	c.Landscape.BasinHi = slices.Clone(s.Landscape.BasinHi)
	c.Landscape.Centers = cloneRows(s.Landscape.Centers)
	c.Landscape.Depths = slices.Clone(s.Landscape.Depths)
	c.Landscape.Widths = slices.Clone(s.Landscape.Widths)
	c.Landscape.Confinement = clonePtr(s.Landscape.Confinement)
	c.Landscape.DomainRadius = clonePtr(s.Landscape.DomainRadius)
	c.Noise.Alpha = clonePtr(s.Noise.Alpha)
	c.Noise.PPlus = clonePtr(s.Noise.PPlus)
	c.Noise.Directions = cloneRows(s.Noise.Directions)
	c.Noise.Weights = slices.Clone(s.Noise.Weights)
	c.SGD.B = clonePtr(s.SGD.B)
	c.SGD.Eta = slices.Clone(s.SGD.Eta)
	c.SGD.Start = clonePtr(s.SGD.Start)
	c.SGD.StartX = slices.Clone(s.SGD.StartX)
	if s.Dynamics != nil {
		d := *s.Dynamics
		d.Times = slices.Clone(s.Dynamics.Times)
		c.Dynamics = &d
	}
	return &c
}

// clonePtr returns a pointer to a copy of *p, or nil.
func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

// cloneRows returns a deep copy of a matrix given as rows; nil stays nil.
func cloneRows(rows [][]float64) [][]float64 {
	if rows == nil {
		return nil
	}
	out := make([][]float64, len(rows))
	for i, r := range rows {
		out[i] = slices.Clone(r)
	}
	return out
}

// WithoutTruncation returns a copy of s with sgd.b removed (b = ∞, no
// truncation: φ_∞(w) = w, docs/theory.md §2.1). s is not modified.
func (s *Scenario) WithoutTruncation() *Scenario {
	c := s.Clone()
	c.SGD.B = nil
	return c
}

// WithLaw returns a copy of s whose noise law is law; s is not modified.
// noise.scale is kept (for gaussian it becomes the standard deviation σ).
// Keys the new law does not take are dropped: alpha and p_plus for gaussian,
// p_plus for student-t and stable. The [noise] table of the copy is then
// validated: switching to a heavy-tailed law from gaussian (no alpha), to
// stable with α ≥ 2, or to an unknown law is a *FieldError.
func (s *Scenario) WithLaw(law string) (*Scenario, error) {
	c := s.Clone()
	c.Noise.Law = law
	if !Heavy(law) {
		c.Noise.Alpha = nil
	}
	if !Asymmetric(law) {
		c.Noise.PPlus = nil
	}
	if err := c.Noise.validate(); err != nil {
		return nil, err
	}
	return c, nil
}
