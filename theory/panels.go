package theory

import (
	"math"
	"sort"

	"gonum.org/v1/gonum/integrate/quad"
)

// Panel quadrature used by the recursion of docs/theory.md §7.3.
//
// Every integral is split at the discontinuities and kinks of its integrand
// (passed as breaks) and then graded towards the nearest singularities off
// the interval (a pole of 1/|f'| at a critical point, the kernel w^{−α−1} at
// w = 0): a panel [x, y] is bisected while
//
//	y − x > grade · min(x − poleLeft, poleRight − y),
//
// so that the integrand is analytic in a neighbourhood of every panel whose
// size is comparable with the panel. Gauss–Legendre with n nodes then
// converges like ρ^{−2n}, ρ = 3 + √8 ≈ 5.8 for grade 1: far below rounding
// for n = legendreOrder.

const (
	// legendreOrder is the number of Gauss–Legendre nodes per panel.
	legendreOrder = 16
	// grade is the ratio of panel length to distance from the nearest
	// singularity (see above).
	grade = 1.0
	// maxGradeDepth bounds the bisection when a singularity touches the
	// interval.
	maxGradeDepth = 50
)

// legendreX and legendreW are the nodes and weights of the legendreOrder-point
// Gauss–Legendre rule on [−1, 1], from gonum's quad.Legendre.
var legendreX, legendreW = func() ([]float64, []float64) {
	x := make([]float64, legendreOrder)
	w := make([]float64, legendreOrder)
	quad.Legendre{}.FixedLocations(x, w, -1, 1)
	return x, w
}()

// gradedPanels appends to dst the edges of the panels covering [a, c]: the
// breaks strictly inside (a, c), plus the bisections that grade every piece
// towards the singularities poleLeft ≤ a and poleRight ≥ c (±Inf for none).
// The result is sorted, starts with a and ends with c.
func gradedPanels(dst []float64, a, c float64, breaks []float64, poleLeft, poleRight float64) []float64 {
	pts := []float64{a}
	for _, x := range breaks {
		if x > a && x < c {
			pts = append(pts, x)
		}
	}
	pts = append(pts, c)
	sort.Float64s(pts)
	dst = append(dst, a)
	for k := 1; k < len(pts); k++ {
		if pts[k] > pts[k-1] {
			dst = bisectGraded(dst, pts[k-1], pts[k], poleLeft, poleRight, 0)
		}
	}
	return dst
}

// bisectGraded appends the graded subdivision of (x, y], excluding x.
func bisectGraded(dst []float64, x, y, poleLeft, poleRight float64, depth int) []float64 {
	d := math.Min(x-poleLeft, poleRight-y)
	if depth >= maxGradeDepth || y-x <= grade*d {
		return append(dst, y)
	}
	mid := x + (y-x)/2
	dst = bisectGraded(dst, x, mid, poleLeft, poleRight, depth+1)
	return bisectGraded(dst, mid, y, poleLeft, poleRight, depth+1)
}

// integrate returns ∫_a^c g(x) dx by Gauss–Legendre on graded panels (see
// gradedPanels); 0 if c ≤ a.
func integrate(g func(float64) float64, a, c float64, breaks []float64, poleLeft, poleRight float64) float64 {
	if !(c > a) {
		return 0
	}
	var buf [64]float64
	edges := gradedPanels(buf[:0], a, c, breaks, poleLeft, poleRight)
	sum := 0.0
	for k := 1; k < len(edges); k++ {
		sum += quad.Fixed(g, edges[k-1], edges[k], legendreOrder, legendreRule{}, 0)
	}
	return sum
}

// legendreRule is gonum's quad.Legendre with the nodes on [−1, 1] computed
// once (quad.Fixed asks for them on every call).
type legendreRule struct{}

// FixedLocations implements quad.FixedLocationer by mapping the cached
// nodes and weights onto [min, max].
func (legendreRule) FixedLocations(x, weight []float64, min, max float64) {
	if len(x) != legendreOrder {
		quad.Legendre{}.FixedLocations(x, weight, min, max)
		return
	}
	h := (max - min) / 2
	for i := range x {
		x[i] = min + (legendreX[i]+1)*h
		weight[i] = legendreW[i] * h
	}
}
