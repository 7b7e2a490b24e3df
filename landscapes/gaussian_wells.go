package landscapes

import (
	"math"

	"github.com/htsgd/htsgd/param"
)

// GaussianWells is a confining quadratic with Gaussian wells (scenario kind
// "gaussian-wells"), for building wide and sharp minima in any dimension:
//
//	f(x) = ½ k‖x‖² − Σ_i D_i exp(−‖x − c_i‖² / (2 w_i²)),
//	∇f(x) = k x + Σ_i (D_i / w_i²)(x − c_i) exp(−‖x − c_i‖² / (2 w_i²)),
//
// with confinement k > 0, centres c_i, depths D_i > 0 and widths w_i > 0. A
// deep narrow well (large D_i/w_i²) is a sharp minimum, a broad one (large
// w_i) a wide one. The minima lie near the centres when the wells are deep
// compared with the confinement (D_i/w_i² ≫ k) and far apart compared with
// their widths; they and their basins are found numerically (BasinMap).
//
// Build it with NewGaussianWells.
type GaussianWells struct {
	k       float64
	centers []float64 // n×d row-major
	depths  []float64 // D_i
	inv2w2  []float64 // 1/(2w_i²)
	dw2     []float64 // D_i/w_i²
	d, n    int
}

// NewGaussianWells returns the landscape with the given wells. Errors are
// *param.Error naming landscapes.GaussianWells.Centers (no well, or points of
// unequal or zero dimension, or a non-finite coordinate), .Depths and
// .Widths (one positive finite value per centre), .Confinement (k > 0
// finite), with the index of the centre at fault when there is one.
func NewGaussianWells(centers [][]float64, depths, widths []float64, confinement float64) (GaussianWells, error) {
	const (
		nameCenters     = "landscapes.GaussianWells.Centers"
		nameDepths      = "landscapes.GaussianWells.Depths"
		nameWidths      = "landscapes.GaussianWells.Widths"
		nameConfinement = "landscapes.GaussianWells.Confinement"
	)
	n := len(centers)
	if n == 0 {
		return GaussianWells{}, param.Errorf(nameCenters, "at least one well is needed")
	}
	d := len(centers[0])
	if d == 0 {
		return GaussianWells{}, param.ElemErrorf(nameCenters, 0, "must have dimension ≥ 1")
	}
	g := GaussianWells{k: confinement, d: d, n: n}
	for i, c := range centers {
		if len(c) != d {
			return GaussianWells{}, param.ElemErrorf(nameCenters, i, "has dimension %d, want %d", len(c), d)
		}
		for _, v := range c {
			if !finite(v) {
				return GaussianWells{}, param.ElemErrorf(nameCenters, i, "has a non-finite coordinate %v", v)
			}
		}
		g.centers = append(g.centers, c...)
	}
	if len(depths) != n {
		return GaussianWells{}, param.Errorf(nameDepths, "need one depth per centre (%d), got %d", n, len(depths))
	}
	if len(widths) != n {
		return GaussianWells{}, param.Errorf(nameWidths, "need one width per centre (%d), got %d", n, len(widths))
	}
	for i := range n {
		if !(depths[i] > 0) || math.IsInf(depths[i], 1) {
			return GaussianWells{}, param.ElemErrorf(nameDepths, i, "must be > 0 and finite, got %v", depths[i])
		}
		if !(widths[i] > 0) || math.IsInf(widths[i], 1) {
			return GaussianWells{}, param.ElemErrorf(nameWidths, i, "must be > 0 and finite, got %v", widths[i])
		}
		g.depths = append(g.depths, depths[i])
		g.inv2w2 = append(g.inv2w2, 1/(2*widths[i]*widths[i]))
		g.dw2 = append(g.dw2, depths[i]/(widths[i]*widths[i]))
	}
	if !(confinement > 0) || math.IsInf(confinement, 1) {
		return GaussianWells{}, param.Errorf(nameConfinement, "must be > 0 and finite, got %v", confinement)
	}
	return g, nil
}

// Name returns "gaussian-wells".
func (GaussianWells) Name() string { return "gaussian-wells" }

// Dim returns d.
func (g GaussianWells) Dim() int { return g.d }

// Wells returns the number of wells.
func (g GaussianWells) Wells() int { return g.n }

// Center returns a copy of the centre c_i.
func (g GaussianWells) Center(i int) []float64 {
	return append([]float64(nil), g.centers[i*g.d:(i+1)*g.d]...)
}

// Value returns f(x).
func (g GaussianWells) Value(x []float64) float64 {
	s := 0.0
	for _, v := range x {
		s += v * v
	}
	f := 0.5 * g.k * s
	for i := range g.n {
		c := g.centers[i*g.d : (i+1)*g.d]
		f -= g.depths[i] * math.Exp(-dist2(x, c)*g.inv2w2[i])
	}
	return f
}

// Gradient stores ∇f(x) in dst and returns dst.
func (g GaussianWells) Gradient(dst, x []float64) []float64 {
	for k, v := range x {
		dst[k] = g.k * v
	}
	for i := range g.n {
		c := g.centers[i*g.d : (i+1)*g.d]
		e := g.dw2[i] * math.Exp(-dist2(x, c)*g.inv2w2[i])
		for k := range dst {
			dst[k] += e * (x[k] - c[k])
		}
	}
	return dst
}

var _ Landscape = GaussianWells{}
