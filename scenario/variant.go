package scenario

import (
	"fmt"
	"math"
	"slices"

	"github.com/htsgd/htsgd/noise"
	"github.com/htsgd/htsgd/param"
)

// Clone returns a copy of p that shares no slice with it. The landscape,
// basins, noise, domain and source are shared: they are immutable.
func (p *Plan) Clone() *Plan {
	c := *p
	c.Etas = slices.Clone(p.Etas)
	c.Starts = make([]Start, len(p.Starts))
	for i, st := range p.Starts {
		c.Starts[i] = Start{Basin: st.Basin, X: slices.Clone(st.X)}
	}
	if p.Starts == nil {
		c.Starts = nil
	}
	c.Warnings = slices.Clone(p.Warnings)
	if p.Dynamics != nil {
		d := *p.Dynamics
		d.Times = slices.Clone(p.Dynamics.Times)
		c.Dynamics = &d
	}
	return &c
}

// WithoutTruncation returns a copy of p with B = +Inf: the same experiment
// without truncation, φ_∞(w) = w (docs/theory.md §2.1). The landscape and
// its basins are shared, so nothing is rebuilt.
func (p *Plan) WithoutTruncation() *Plan {
	c := p.Clone()
	c.B = math.Inf(1)
	return c
}

// WithLaw returns a copy of p whose noise has the one-dimensional law law in
// place of p's: noise.Scalar{law} on the line, and on R^d the radial law
// ‖Z‖ = |Z₁|, Z₁ ~ law, with p's angular law (noise.NewRadial, which
// requires law to be symmetric). The light-tailed contrast of docs/theory.md
// §3.2 is WithLaw(noise.NewGaussian(σ)). Warnings are kept: none
// depends on the noise. The error is a *param.Error: noise.NewRadial's, or
// scenario.Plan.Noise when p's noise is neither a noise.Scalar nor a
// noise.Radial.
func (p *Plan) WithLaw(law noise.Law) (*Plan, error) {
	if law == nil {
		return nil, param.Errorf("scenario.Plan.Noise", "the law is missing (nil)")
	}
	var v noise.Vector
	switch z := p.Noise.(type) {
	case noise.Scalar:
		v = noise.Scalar{Law: law}
	case noise.Radial:
		var ang *noise.Angular
		if !z.Isotropic() {
			dirs, w := z.Directions()
			ang = &noise.Angular{Directions: dirs, Weights: w}
		}
		r, err := noise.NewRadial(z.Dim(), law, ang)
		if err != nil {
			return nil, err
		}
		v = r
	default:
		return nil, param.Errorf("scenario.Plan.Noise", "is a %s: WithLaw replaces the law of a noise.Scalar or noise.Radial only", typeOf(p.Noise))
	}
	c := p.Clone()
	c.Noise = v
	return c, nil
}

// WithGaussian returns the light-tailed contrast of docs/theory.md §3.2:
// WithLaw(N(0, σ²)) (noise.NewGaussian), with σ = sigma, or for sigma ≤ 0
// the scale c of p's law (the scenario's noise.scale), as a scenario with
// noise.law = "gaussian" and the same noise.scale describes. On R^d the
// radius ‖Z‖ = |N(0, σ²)| keeps p's angular law. Errors are
// *param.Error: noise.Gaussian.Scale for a σ that is not positive and
// finite, and WithLaw's.
func (p *Plan) WithGaussian(sigma float64) (*Plan, error) {
	if !(sigma > 0) {
		var law noise.Law
		switch z := p.Noise.(type) {
		case noise.Scalar:
			law = z.Law
		case noise.Radial:
			law = z.Radius()
		}
		c, ok := law.(interface{ Scale() float64 })
		if !ok {
			return nil, param.Errorf("scenario.Plan.Noise", "is a %s, whose scale is unknown: give σ > 0", typeOf(p.Noise))
		}
		sigma = c.Scale()
	}
	g, err := noise.NewGaussian(sigma)
	if err != nil {
		return nil, err
	}
	return p.WithLaw(g)
}

// typeOf names the dynamic type of v for a message.
func typeOf(v any) string { return fmt.Sprintf("%T", v) }
