package scenario

import (
	"math"

	"github.com/htsgd/htsgd/landscapes"
	"gonum.org/v1/gonum/floats"
)

// setDistance returns the Euclidean distance between two minimum sets,
//
//	dist(S, T) = min_{s ∈ S, t ∈ T} ‖s − t‖,
//
// exactly. With a point set it is MinimumSet.Dist. For two segments
// P(u) = A + u·U and Q(v) = C + v·V, (u, v) ∈ [0, 1]², the squared distance
// ‖w + u·U − v·V‖² (w = A − C) is a convex quadratic in (u, v): its minimum
// over the square is the unconstrained stationary point, when that lies in
// the square,
//
//	u = (b·e − c·δ)/(a·c − b²),  v = (a·e − b·δ)/(a·c − b²),
//	a = U·U, b = U·V, c = V·V, δ = U·w, e = V·w,
//
// or else lies on the square's boundary, where u or v is 0 or 1 and the
// distance is that from an end of one segment to the other segment. (For
// parallel segments, a·c = b², the minimizers form a line that meets the
// boundary.) Unlike the distance between the ends and the other segment
// alone, this is exact in every dimension, also for skew segments in
// d ≥ 3.
func setDistance(s, t landscapes.MinimumSet) float64 {
	dist := math.Min(t.Dist(s.A), s.Dist(t.A))
	if s.B != nil {
		dist = math.Min(dist, t.Dist(s.B))
	}
	if t.B != nil {
		dist = math.Min(dist, s.Dist(t.B))
	}
	if s.IsPoint() || t.IsPoint() {
		return dist
	}
	d := len(s.A)
	U, V, w := make([]float64, d), make([]float64, d), make([]float64, d)
	floats.SubTo(U, s.B, s.A)
	floats.SubTo(V, t.B, t.A)
	floats.SubTo(w, s.A, t.A)
	a, b, c := floats.Dot(U, U), floats.Dot(U, V), floats.Dot(V, V)
	delta, e := floats.Dot(U, w), floats.Dot(V, w)
	den := a*c - b*b
	if den <= 1e-14*a*c { // parallel: the boundary holds a minimizer
		return dist
	}
	u, v := (b*e-c*delta)/den, (a*e-b*delta)/den
	if u < 0 || u > 1 || v < 0 || v > 1 {
		return dist
	}
	// w + u·U − v·V
	floats.AddScaled(w, u, U)
	floats.AddScaled(w, -v, V)
	return math.Min(dist, floats.Norm(w, 2))
}
