package landscapes

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/floats"
)

// MinimumSet is the set of minimizers of one basin in R^d: a single point
// (B == nil) or a closed segment [A, B] of non-isolated minimizers, as in
// the modified Himmelblau function of the ICLR 2022 paper (Appendix A.2),
// whose basin Ω_2 has a segment of minimizers. The theory treats a segment
// as one minimum (docs/theory.md §9.1): distances, jump numbers and the
// start of the jump paths refer to the whole set.
type MinimumSet struct {
	// A is the point, or one end of the segment.
	A []float64 `json:"a"`
	// B is the other end of the segment; nil for a point.
	B []float64 `json:"b,omitempty"`
}

// PointSet returns the MinimumSet of the single point p (copied).
func PointSet(p []float64) MinimumSet { return MinimumSet{A: append([]float64(nil), p...)} }

// SegmentSet returns the MinimumSet of the segment [a, b] (copied); a point
// set when b is nil or equal to a.
func SegmentSet(a, b []float64) MinimumSet {
	if b == nil || dist2(a, b) == 0 {
		return PointSet(a)
	}
	return MinimumSet{A: append([]float64(nil), a...), B: append([]float64(nil), b...)}
}

// IsPoint reports whether the set is a single point.
func (m MinimumSet) IsPoint() bool { return m.B == nil }

// Dim returns the dimension d of the points.
func (m MinimumSet) Dim() int { return len(m.A) }

// Centre returns the point, or the midpoint (A + B)/2 of the segment, in a
// new slice.
func (m MinimumSet) Centre() []float64 {
	c := append([]float64(nil), m.A...)
	if m.B != nil {
		for k := range c {
			c[k] = 0.5 * (c[k] + m.B[k])
		}
	}
	return c
}

// Length returns ‖B − A‖ (0 for a point).
func (m MinimumSet) Length() float64 {
	if m.B == nil {
		return 0
	}
	return math.Sqrt(dist2(m.A, m.B))
}

// At stores in dst the point A + u(B − A), u ∈ [0, 1], of the set (A for a
// point) and returns dst.
func (m MinimumSet) At(dst []float64, u float64) []float64 {
	for k := range m.A {
		dst[k] = m.A[k]
		if m.B != nil {
			dst[k] += u * (m.B[k] - m.A[k])
		}
	}
	return dst
}

// Nearest returns the parameter u ∈ [0, 1] of the point of the set nearest
// to x: the orthogonal projection onto the segment clamped to its ends,
//
//	u = clamp(⟨x − A, B − A⟩ / ‖B − A‖², 0, 1),
//
// and 0 for a point.
func (m MinimumSet) Nearest(x []float64) float64 {
	if m.B == nil {
		return 0
	}
	var num, den float64
	for k := range m.A {
		e := m.B[k] - m.A[k]
		num += (x[k] - m.A[k]) * e
		den += e * e
	}
	return math.Max(0, math.Min(1, num/den))
}

// Dist2 returns the squared Euclidean distance from x to the set,
// min_{p ∈ set} ‖x − p‖². It does not allocate.
func (m MinimumSet) Dist2(x []float64) float64 {
	if m.B == nil {
		return dist2(x, m.A)
	}
	u := m.Nearest(x)
	s := 0.0
	for k := range m.A {
		d := x[k] - (m.A[k] + u*(m.B[k]-m.A[k]))
		s += d * d
	}
	return s
}

// Dist returns the Euclidean distance from x to the set.
func (m MinimumSet) Dist(x []float64) float64 { return math.Sqrt(m.Dist2(x)) }

// validate checks that the set's points have dimension d and finite
// coordinates.
func (m MinimumSet) validate(d int) error {
	if len(m.A) != d || (m.B != nil && len(m.B) != d) {
		return fmt.Errorf("has dimension %d, want %d", len(m.A), d)
	}
	for k := range m.A {
		if !finite(m.A[k]) || (m.B != nil && !finite(m.B[k])) {
			return fmt.Errorf("has a non-finite coordinate")
		}
	}
	return nil
}

// dist2 returns ‖a − b‖².
func dist2(a, b []float64) float64 {
	s := 0.0
	for k := range a {
		d := a[k] - b[k]
		s += d * d
	}
	return s
}

// norm returns ‖a‖.
func norm(a []float64) float64 {
	s := 0.0
	for _, v := range a {
		s += v * v
	}
	return math.Sqrt(s)
}

// finite reports whether v is neither NaN nor ±Inf.
func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// DistanceTo returns the Euclidean distance between the minimum sets s and t,
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
func (s MinimumSet) DistanceTo(t MinimumSet) float64 {
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
