package landscapes

import (
	"math"

	"github.com/htsgd/htsgd/param"

	"gonum.org/v1/gonum/mat"
)

// QuadraticRd is the R^d quadratic well (scenario kind "quadratic" with
// dimension > 1), the multi-dimensional fixture of docs/theory.md §9.4 and §10.2:
//
//	f(x) = ½ xᵀHx,   ∇f(x) = Hx,
//
// with a symmetric positive-definite Hessian H, the single minimum 0, no
// projection, and an explicit basin around 0 that is exited by leaving it:
// the open ball ‖x‖ < R (basin_radius) or the open box lo < x < hi
// (componentwise). Its gradient flow y(t) = e^{−Ht}y(0) contracts ‖y‖, so
// J = ⌈r/b⌉ with r the distance from 0 to the basin boundary (R, or
// min_k min(−lo_k, hi_k) for the box).
//
// Build it with NewQuadraticRd or NewQuadraticRdBox.
type QuadraticRd struct {
	h      []float64 // H, row-major d×d
	d      int
	radius float64   // ball basin radius; 0 for a box
	lo, hi []float64 // box basin; nil for a ball
	eig    []float64 // eigenvalues of H, ascending
}

// NewQuadraticRd returns f(x) = ½xᵀHx on R^d (d = len(hessian)) with the
// ball basin ‖x‖ < basinRadius. Errors are *param.Error naming
// landscapes.QuadraticRd.Hessian (with the row at fault when there is one)
// unless H is a square, symmetric (to 1e-12 relative), positive-definite
// matrix with finite entries and d ≥ 1, and landscapes.QuadraticRd.BasinRadius
// unless basinRadius > 0 (+Inf is allowed: a basin that is never left).
func NewQuadraticRd(hessian [][]float64, basinRadius float64) (QuadraticRd, error) {
	q, err := newQuadraticRd(hessian)
	if err != nil {
		return QuadraticRd{}, err
	}
	if !(basinRadius > 0) {
		return QuadraticRd{}, param.Errorf("landscapes.QuadraticRd.BasinRadius", "must be > 0, got %v", basinRadius)
	}
	q.radius = basinRadius
	return q, nil
}

// NewQuadraticRdBox returns f(x) = ½xᵀHx with the box basin lo < x < hi.
// Errors name landscapes.QuadraticRd.Hessian as NewQuadraticRd does, and
// landscapes.QuadraticRd.BasinLo or .BasinHi (with the coordinate at fault)
// unless lo and hi have dimension d and lo_k < 0 < hi_k for every k.
func NewQuadraticRdBox(hessian [][]float64, lo, hi []float64) (QuadraticRd, error) {
	q, err := newQuadraticRd(hessian)
	if err != nil {
		return QuadraticRd{}, err
	}
	const nameLo, nameHi = "landscapes.QuadraticRd.BasinLo", "landscapes.QuadraticRd.BasinHi"
	switch {
	case len(lo) != q.d:
		return QuadraticRd{}, param.Errorf(nameLo, "the box corner must have dimension %d, got %d", q.d, len(lo))
	case len(hi) != q.d:
		return QuadraticRd{}, param.Errorf(nameHi, "the box corner must have dimension %d, got %d", q.d, len(hi))
	}
	for k := range lo {
		switch {
		case !(lo[k] < 0):
			return QuadraticRd{}, param.ElemErrorf(nameLo, k, "must be < 0 (the box surrounds the minimum 0), got %v", lo[k])
		case !(hi[k] > 0):
			return QuadraticRd{}, param.ElemErrorf(nameHi, k, "must be > 0 (the box surrounds the minimum 0), got %v", hi[k])
		}
	}
	q.lo, q.hi = append([]float64(nil), lo...), append([]float64(nil), hi...)
	return q, nil
}

// newQuadraticRd checks and stores the Hessian. Errors are *param.Error
// naming landscapes.QuadraticRd.Hessian, with the row at fault when there
// is one.
func newQuadraticRd(hessian [][]float64) (QuadraticRd, error) {
	const name = "landscapes.QuadraticRd.Hessian"
	d := len(hessian)
	if d < 1 {
		return QuadraticRd{}, param.Errorf(name, "must be a non-empty square matrix")
	}
	h := make([]float64, d*d)
	for i, row := range hessian {
		if len(row) != d {
			return QuadraticRd{}, param.ElemErrorf(name, i, "has %d entries, want %d (a %d×%d matrix)", len(row), d, d, d)
		}
		for j, v := range row {
			if !finite(v) {
				return QuadraticRd{}, param.ElemErrorf(name, i, "entry %d must be finite, got %v", j, v)
			}
			h[i*d+j] = v
		}
	}
	scale := 0.0
	for _, v := range h {
		scale = math.Max(scale, math.Abs(v))
	}
	for i := range d {
		for j := range i {
			if math.Abs(h[i*d+j]-h[j*d+i]) > 1e-12*scale {
				return QuadraticRd{}, param.ElemErrorf(name, i, "must be symmetric: entry %d is %v but entry (%d, %d) is %v", j, h[i*d+j], j, i, h[j*d+i])
			}
			h[i*d+j] = 0.5 * (h[i*d+j] + h[j*d+i])
			h[j*d+i] = h[i*d+j]
		}
	}
	var es mat.EigenSym
	if !es.Factorize(mat.NewSymDense(d, append([]float64(nil), h...)), false) {
		return QuadraticRd{}, param.Errorf(name, "eigendecomposition failed")
	}
	eig := es.Values(nil)
	if !(eig[0] > 0) {
		return QuadraticRd{}, param.Errorf(name, "must be positive definite, got the smallest eigenvalue %v", eig[0])
	}
	return QuadraticRd{h: h, d: d, eig: eig}, nil
}

// Name returns "quadratic".
func (QuadraticRd) Name() string { return "quadratic" }

// Dim returns d.
func (q QuadraticRd) Dim() int { return q.d }

// Value returns ½xᵀHx.
func (q QuadraticRd) Value(x []float64) float64 {
	s := 0.0
	for i := range q.d {
		row := q.h[i*q.d : (i+1)*q.d]
		for j, v := range row {
			s += x[i] * v * x[j]
		}
	}
	return 0.5 * s
}

// Gradient stores Hx in dst and returns dst.
func (q QuadraticRd) Gradient(dst, x []float64) []float64 {
	for i := range q.d {
		row := q.h[i*q.d : (i+1)*q.d]
		s := 0.0
		for j, v := range row {
			s += v * x[j]
		}
		dst[i] = s
	}
	return dst
}

// Hessian returns a copy of H as rows.
func (q QuadraticRd) Hessian() [][]float64 {
	out := make([][]float64, q.d)
	for i := range out {
		out[i] = append([]float64(nil), q.h[i*q.d:(i+1)*q.d]...)
	}
	return out
}

// Eigenvalues returns the eigenvalues of H in ascending order; the largest
// is the curvature that bounds the stable step size (η·λ_max < 2).
func (q QuadraticRd) Eigenvalues() []float64 { return append([]float64(nil), q.eig...) }

// BasinRadius returns the ball basin's radius R (0 for a box basin).
func (q QuadraticRd) BasinRadius() float64 { return q.radius }

// BasinBox returns the box basin's corners (nil, nil for a ball basin).
func (q QuadraticRd) BasinBox() (lo, hi []float64) {
	if q.lo == nil {
		return nil, nil
	}
	return append([]float64(nil), q.lo...), append([]float64(nil), q.hi...)
}

// Inside reports whether x lies in the basin: ‖x‖ < R, or lo < x < hi.
func (q QuadraticRd) Inside(x []float64) bool {
	if q.lo == nil {
		s := 0.0
		for _, v := range x {
			s += v * v
		}
		return s < q.radius*q.radius
	}
	for k, v := range x {
		if !(v > q.lo[k] && v < q.hi[k]) {
			return false
		}
	}
	return true
}

// Minima returns the single minimum set {0}.
func (q QuadraticRd) MinimumSets() []MinimumSet { return []MinimumSet{PointSet(make([]float64, q.d))} }

// Locate returns 0 inside the basin and NoBasin outside.
func (q QuadraticRd) Locate(x []float64) int {
	if q.Inside(x) {
		return 0
	}
	return NoBasin
}

// Core returns the distance r from 0 to the basin boundary: R for the ball,
// min_k min(−lo_k, hi_k) for the box. The basin is exactly the set
// Inside, so r is also the radius of its largest ball around 0.
func (q QuadraticRd) Core(int) float64 {
	if q.lo == nil {
		return q.radius
	}
	r := math.Inf(1)
	for k := range q.lo {
		r = math.Min(r, math.Min(-q.lo[k], q.hi[k]))
	}
	return r
}

var (
	_ Landscape = QuadraticRd{}
	_ Basins    = QuadraticRd{}
)
