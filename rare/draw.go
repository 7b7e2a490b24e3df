package rare

import (
	"math"

	"github.com/htsgd/htsgd/noise"
	"github.com/htsgd/htsgd/param"
	"github.com/htsgd/htsgd/rng"
)

// draw is the law a window draws a noise from (WSC 2023, section 3.1): the
// noise law P itself, or the law conditioned on a small or on a big
// magnitude.
type draw int

const (
	drawP    draw = iota // the law of Z
	drawBulk             // Z given ‖Z‖ ≤ γ/η
	drawTail             // Z given ‖Z‖ > γ/η
)

// source draws the noise vectors of a window, in any dimension d. On the
// real line Z is the scalar law (noise.Scalar) and its magnitude |Z|; in
// R^d, Z = R·Θ (noise.Radial) with R = |Z₁| the magnitude and Θ an
// independent direction, so that conditioning ‖Z‖ = R on either side of
// γ/η conditions |Z₁| and leaves Θ alone: the likelihood ratio of a window
// depends on its number of big noises only (window.likelihood).
type source struct {
	d      int
	law    noise.Law    // the law of Z (d = 1) or of Z₁ (R^d)
	radial noise.Radial // the vector law (R^d only)
	cond   Conditional  // law split at γ/η
}

// newSource returns the source of the noise z of a system, split at the
// threshold x = γ/η. The noise must be a noise.Scalar or a noise.Radial:
// the sampler conditions the magnitude of Z, which these laws expose.
// Errors are *param.Error naming rare.Config.System, or NewConditional's.
func newSource(z noise.Vector, x float64) (*source, error) {
	var s source
	switch z := z.(type) {
	case noise.Scalar:
		s = source{d: 1, law: z.Law}
	case noise.Radial:
		s = source{d: z.Dim(), law: z.Radius(), radial: z}
	default:
		return nil, param.Errorf("rare.Config.System", "the noise is a %T: the sampler needs a noise.Scalar or a noise.Radial, whose magnitude it conditions", z)
	}
	cond, err := NewConditional(s.law, x)
	if err != nil {
		return nil, err
	}
	s.cond = cond
	return &s, nil
}

// fill stores len(mag) noise vectors drawn from the law k in z (d
// coordinates each, one vector per step) and their magnitudes ‖Z‖ in mag.
// In R^d each vector is drawn as noise.Radial.Sample draws it, magnitude
// first and then the direction, so that the draws under P are those of the
// mc kernels.
func (s *source) fill(r *rng.Rand, k draw, z, mag []float64) {
	if s.d == 1 {
		for i := range mag {
			var v float64
			switch k {
			case drawP:
				v = s.law.Sample(r)
			case drawBulk:
				v = s.cond.Bulk(r)
			default:
				v = s.cond.Tail(r)
			}
			z[i], mag[i] = v, math.Abs(v)
		}
		return
	}
	d := s.d
	for i := range mag {
		var rad float64
		switch k {
		case drawP:
			rad = s.radial.SampleRadius(r)
		case drawBulk:
			rad = math.Abs(s.cond.Bulk(r))
		default:
			rad = math.Abs(s.cond.Tail(r))
		}
		dst := z[i*d : (i+1)*d]
		s.radial.SampleDirection(r, dst)
		for c := range dst {
			dst[c] *= rad
		}
		mag[i] = rad
	}
}
