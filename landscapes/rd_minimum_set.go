package landscapes

import (
	"fmt"
	"math"
)

// MinimumSet is the set of minimizers of one basin in R^d: a single point
// (B == nil) or a closed segment [A, B] of non-isolated minimizers, as in
// the modified Himmelblau function of the ICLR 2022 paper (Appendix A.2),
// whose basin Ω_2 has a segment of minimizers. The theory treats a segment
// as one minimum (THEORY.md section 5): distances, jump numbers and the
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
		return fmt.Errorf("minima: a minimum set has dimension %d, want %d", len(m.A), d)
	}
	for k := range m.A {
		if !finite(m.A[k]) || (m.B != nil && !finite(m.B[k])) {
			return fmt.Errorf("minima: a minimum set has a non-finite coordinate")
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
