package noise

import (
	"math"

	"github.com/htsgd/htsgd/param"
)

// Names of the parameters of an Angular law in its errors.
const (
	nameDirections = "noise.Angular.Directions"
	nameWeights    = "noise.Angular.Weights"
)

// Angular is a finite angular law S = Σ_k p_k δ_{θ_k} on the unit sphere of
// R^d (docs/theory.md §3.3: "isotropic (or user-given finite) angular
// law"): noise directions Θ = θ_k with probability p_k. Directions need not
// be unit vectors (they are normalised); weights need not sum to 1 (they
// are normalised). The law must have mean zero, Σ_k p_k θ_k = 0, so that
// E Z = 0; for example the 2d coordinate directions ±e_k with equal
// weights.
type Angular struct {
	// Directions are the θ_k (d coordinates each).
	Directions [][]float64
	// Weights are the p_k > 0; nil means equal weights.
	Weights []float64
}

// validate returns the normalised directions (k×d, row-major) and the
// cumulative normalised weights. Errors are *param.Error naming
// noise.Angular.Directions or noise.Angular.Weights, with the index of the
// element at fault when there is one.
func (a Angular) validate(d int) (dirs, cum []float64, err error) {
	n := len(a.Directions)
	if n == 0 {
		return nil, nil, param.Errorf(nameDirections, "a finite angular law needs at least one direction")
	}
	if a.Weights != nil && len(a.Weights) != n {
		return nil, nil, param.Errorf(nameWeights, "has %d weights for %d directions", len(a.Weights), n)
	}
	total := 0.0
	for k := range n {
		w := 1.0
		if a.Weights != nil {
			w = a.Weights[k]
		}
		if !(w > 0) || math.IsInf(w, 1) {
			return nil, nil, param.ElemErrorf(nameWeights, k, "must be > 0 and finite, got %v", w)
		}
		total += w
	}
	mean := make([]float64, d)
	acc := 0.0
	for k, v := range a.Directions {
		if len(v) != d {
			return nil, nil, param.ElemErrorf(nameDirections, k, "has dimension %d, want %d", len(v), d)
		}
		s := 0.0
		for _, c := range v {
			if math.IsNaN(c) || math.IsInf(c, 0) {
				return nil, nil, param.ElemErrorf(nameDirections, k, "has a non-finite coordinate %v", c)
			}
			s += c * c
		}
		if s == 0 {
			return nil, nil, param.ElemErrorf(nameDirections, k, "is the zero vector")
		}
		inv := 1 / math.Sqrt(s)
		w := 1.0
		if a.Weights != nil {
			w = a.Weights[k]
		}
		w /= total
		for c := range v {
			u := v[c] * inv
			dirs = append(dirs, u)
			mean[c] += w * u
		}
		acc += w
		cum = append(cum, acc)
	}
	cum[n-1] = 1
	for c, m := range mean {
		if math.Abs(m) > 1e-9 {
			return nil, nil, param.Errorf(nameDirections, "must have mean zero (E Z = 0), coordinate %d of Σ p_k θ_k is %v", c, m)
		}
	}
	return dirs, cum, nil
}
