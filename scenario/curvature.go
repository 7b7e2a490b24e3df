package scenario

import (
	"math"

	"github.com/htsgd/htsgd/landscapes"
	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// Constants of the numerical Hessian of maxCurvature.
const (
	// curvatureStep is the central-difference step h relative to
	// max(1, ‖x‖). The truncation error of the difference quotient is
	// O(h²·|∇³g|), about (h/w)² relative for a feature of width w (1e-4
	// for w = 0.01 at ‖x‖ ≤ 1); rounding adds ε·|∇f|/h ≈ 1e-12·|∇f|.
	curvatureStep = 1e-4
	// curvatureRefine is the factor by which the second estimate shrinks h.
	curvatureRefine = 4
	// smoothTol is the relative change of λ_max between the steps h and
	// h/4 above which f is taken as not twice differentiable: for smooth f
	// the change is (15/16)·O((h/w)²), below 1e-4 for w ≥ 0.01; for a
	// kink of the gradient like |y|^{1.1} (curvature ∝ |y|^{−0.9}) the
	// estimate grows by 4^{0.9} ≈ 3.5.
	smoothTol = 0.01
	// curvatureFloor is the absolute change of λ_max below which the two
	// estimates agree whatever their ratio (a flat direction, λ ≈ 0).
	curvatureFloor = 1e-6
)

// curvature is the largest curvature of f at a minimum set.
type curvature struct {
	// Max is λ_max, the largest eigenvalue of the Hessian (valid when
	// Smooth).
	Max float64
	// Smooth reports whether the estimates at steps Step and
	// Step/curvatureRefine agree (always true for an exact Hessian).
	Smooth bool
	// Coarse and Fine are λ_max at the steps Step and Step/curvatureRefine
	// (numerical Hessian only).
	Coarse, Fine, Step float64
}

// maxCurvature returns λ_max of the Hessian of l at the minimum set m,
// evaluated at its representative point x = m.Centre(). For a QuadraticRd
// it is the exact largest eigenvalue of H. Otherwise it is that of the
// symmetrised central-difference Hessian of the gradient,
//
//	H_ij(h) = (∂_i f(x + h e_j) − ∂_i f(x − h e_j)) / (2h),   H ← (H + Hᵀ)/2,
//
// computed by gonum's mat.EigenSym at h = curvatureStep·max(1, ‖x‖) and at
// h/curvatureRefine. If the two differ by more than smoothTol relative (and
// curvatureFloor absolute), f is not twice differentiable at x and Smooth
// is false; otherwise Max is the estimate at h.
func maxCurvature(l landscapes.Landscape, m landscapes.MinimumSet) curvature {
	if q, ok := l.(landscapes.QuadraticRd); ok {
		ev := q.Eigenvalues()
		return curvature{Max: ev[len(ev)-1], Smooth: true}
	}
	x := m.Centre()
	h := curvatureStep * math.Max(1, floats.Norm(x, 2))
	coarse := hessianMaxEig(l, x, h)
	fine := hessianMaxEig(l, x, h/curvatureRefine)
	diff := math.Abs(coarse - fine)
	smooth := diff <= curvatureFloor || diff <= smoothTol*math.Max(math.Abs(coarse), math.Abs(fine))
	return curvature{Max: coarse, Smooth: smooth, Coarse: coarse, Fine: fine, Step: h}
}

// hessianMaxEig returns the largest eigenvalue of the symmetrised
// central-difference Hessian of l at x with step h (see maxCurvature).
func hessianMaxEig(l landscapes.Landscape, x []float64, h float64) float64 {
	d := len(x)
	y := append([]float64(nil), x...)
	gp, gm := make([]float64, d), make([]float64, d)
	raw := make([]float64, d*d) // raw[i*d+j] = H_ij
	for j := range d {
		y[j] = x[j] + h
		l.Gradient(gp, y)
		y[j] = x[j] - h
		l.Gradient(gm, y)
		y[j] = x[j]
		for i := range d {
			raw[i*d+j] = (gp[i] - gm[i]) / (2 * h)
		}
	}
	sym := mat.NewSymDense(d, nil)
	for i := range d {
		for j := i; j < d; j++ {
			sym.SetSym(i, j, 0.5*(raw[i*d+j]+raw[j*d+i]))
		}
	}
	var es mat.EigenSym
	if !es.Factorize(sym, false) {
		return math.NaN()
	}
	ev := es.Values(nil)
	return ev[d-1]
}

// MaxCurvature returns λ_max, the largest eigenvalue of the Hessian of l at
// the minimum set m (f″(m) on the line), as the step-size rule of Build
// computes it (exact for a quadratic well, a central-difference Hessian of
// the gradient otherwise), and whether l is twice differentiable there (the
// estimates at two difference steps agree); λ_max is not meaningful when
// smooth is false.
func MaxCurvature(l landscapes.Landscape, m landscapes.MinimumSet) (lambdaMax float64, smooth bool) {
	c := maxCurvature(l, m)
	return c.Max, c.Smooth
}
