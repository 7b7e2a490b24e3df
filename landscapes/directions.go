package landscapes

import (
	"math"
	"math/rand/v2"
)

// UnitDirections returns n unit vectors of R^d spread over the sphere: in
// 2-D the angles 2πk/n; in 1-D ±1; otherwise the 2d coordinate directions
// ±e_k followed by n − 2d directions drawn uniformly (normalised Gaussian
// vectors) from a fixed-seed generator, so that the result is
// reproducible.
func UnitDirections(d, n int) [][]float64 {
	switch d {
	case 1:
		return [][]float64{{1}, {-1}}
	case 2:
		out := make([][]float64, n)
		for k := range out {
			s, c := math.Sincos(2 * math.Pi * float64(k) / float64(n))
			out[k] = []float64{c, s}
		}
		return out
	}
	var out [][]float64
	for k := range d {
		for _, sg := range []float64{1, -1} {
			v := make([]float64, d)
			v[k] = sg
			out = append(out, v)
		}
	}
	r := rand.New(rand.NewPCG(0x5eed, uint64(d)))
	for len(out) < n {
		v := make([]float64, d)
		nv := 0.0
		for nv == 0 {
			nv = 0
			for k := range v {
				v[k] = r.NormFloat64()
				nv += v[k] * v[k]
			}
		}
		nv = math.Sqrt(nv)
		for k := range v {
			v[k] /= nv
		}
		out = append(out, v)
	}
	return out
}
