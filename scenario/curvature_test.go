package scenario

import (
	"math"
	"testing"

	"github.com/htsgd/htsgd/landscapes"
)

// hidden wraps a landscape so that maxCurvature cannot recognise a
// QuadraticRd and takes the numerical path.
type hidden struct{ landscapes.Landscape }

// kinked is f(x, y) = x² + |y|^{1.1}, whose gradient (2x, 1.1|y|^{0.1}
// sign y) is continuous but has no derivative in y at y = 0: the curvature
// there is infinite, like that of the himmelblau-modified cut.
type kinked struct{}

func (kinked) Dim() int { return 2 }
func (kinked) Value(x []float64) float64 {
	return x[0]*x[0] + math.Pow(math.Abs(x[1]), 1.1)
}
func (kinked) Gradient(dst, x []float64) []float64 {
	dst[0] = 2 * x[0]
	dst[1] = 1.1 * math.Pow(math.Abs(x[1]), 0.1) * math.Copysign(1, x[1])
	return dst
}

// TestMaxCurvature compares λ_max of the numerical Hessian with values
// derived by hand, and checks that a kink is reported as not smooth.
func TestMaxCurvature(t *testing.T) {
	q, err := landscapes.NewQuadraticRd([][]float64{{1.5, 0.5}, {0.5, 1}}, 1)
	if err != nil {
		t.Fatal(err)
	}
	h, err := landscapes.NewHimmelblauModified(landscapes.PaperHimmelblau())
	if err != nil {
		t.Fatal(err)
	}
	g, err := landscapes.NewGaussianWells([][]float64{{0, 0}}, []float64{2}, []float64{0.5}, 0.2)
	if err != nil {
		t.Fatal(err)
	}
	pt := func(x ...float64) landscapes.MinimumSet { return landscapes.PointSet(x) }
	tests := []struct {
		name   string
		l      landscapes.Landscape
		m      landscapes.MinimumSet
		want   float64 // NaN: not smooth
		relTol float64
	}{
		// Exact: λ_max of [[1.5, 0.5], [0.5, 1]] is (2.5 + √1.25)/2.
		{"quadratic exact", q, pt(0, 0), (2.5 + math.Sqrt(1.25)) / 2, 0},
		// The same through the numerical Hessian (f is quadratic: the
		// central difference is exact up to rounding).
		{"quadratic numerical", hidden{q}, pt(0, 0), (2.5 + math.Sqrt(1.25)) / 2, 1e-9},
		// One well at 0: the Hessian there is (k + D/w²)·I = (0.2 + 8)·I.
		{"gaussian well", g, pt(0, 0), 8.2, 1e-7},
		// himmelblau-modified at m_3 = (3, 1): u = x − a_x = 1.5, s = 2,
		// s' = c_0(s − 1) = 0.4, so φ maps (3, 1) to Himmelblau's minimum
		// (X, Y) = (3, 2), whose Hessian is [[74, 20], [20, 34]]. With the
		// Jacobian J = [[s + u·s', 0], [y·s', s]] = [[2.6, 0], [0.4, 2]] and
		// ∇h = 0 there, ∇²f = 0.1·JᵀHJ = [[54.728, 13.12], [13.12, 13.6]],
		// λ_max = 34.164 + √(20.564² + 13.12²) = 58.55688 (see below).
		{"himmelblau m3", h, pt(3, 1), 34.164 + math.Sqrt(20.564*20.564+13.12*13.12), 1e-6},
		// The segment of Ω_2 lies on the cut's line y = a_y: not smooth.
		{"himmelblau segment", h, landscapes.SegmentSet([]float64{-3, -2.9}, []float64{-0.5, -2.9}), math.NaN(), 0},
		{"kink", kinked{}, pt(0, 0), math.NaN(), 0},
		// Off the kink f is smooth: λ_max = max(2, 0.11·|y|^{−0.9}) = 2 at y = 1.
		{"kink off the line", kinked{}, pt(0, 1), 2, 1e-6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := maxCurvature(tt.l, tt.m)
			if math.IsNaN(tt.want) {
				if c.Smooth {
					t.Errorf("smooth with λ_max = %v (coarse %v, fine %v), want not smooth", c.Max, c.Coarse, c.Fine)
				}
				return
			}
			if !c.Smooth || math.Abs(c.Max-tt.want) > tt.relTol*tt.want {
				t.Errorf("λ_max = %.10g (smooth %v; coarse %v, fine %v), want %.10g ± %g relative", c.Max, c.Smooth, c.Coarse, c.Fine, tt.want, tt.relTol)
			}
		})
	}
}
