package landscapes

import (
	"math"
	"slices"

	"github.com/htsgd/htsgd/param"
)

// CriticalPoints is the user-built multi-well landscape of docs/theory.md
// §4.2 ("critical-points"): its derivative is the polynomial
//
//	f'(x) = k·Π_{i=0}^{n−1} (x − c_i),   c_0 < c_1 < … < c_{n−1},  n odd,  k > 0,
//
// so f has minima at c_0, c_2, …, c_{n−1} and local maxima at c_1, c_3, …,
// c_{n−2} (0-based), projected onto the domain [lo, hi] ⊃ {c_i}. The loss is
// the antiderivative normalised by f(0) = 0:
//
//	f(x) = ∫_0^x f'(t) dt = k·Σ_{j=0}^{n} a_j x^{j+1}/(j+1),
//
// where Π(x − c_i) = Σ_j a_j x^j; the coefficients are expanded once by
// NewCriticalPoints. Only f' drives the dynamics: the additive constant of f
// is irrelevant, and F is accurate to rounding in the expanded polynomial
// (relative to Σ|a_j x^{j+1}|/(j+1)), which is adequate for plotting and
// reporting but not for cancellation-sensitive uses.
//
// CriticalPoints is a value type: a handle to immutable data, one pointer
// wide, so that copying it (a simulation kernel that inlines Deriv copies
// its receiver every step) costs nothing, and copies share the data safely.
// The zero value is not useful and its methods panic; build it with
// NewCriticalPoints.
type CriticalPoints struct {
	d *criticalPointsData
}

// criticalPointsData is the immutable data of a CriticalPoints.
type criticalPointsData struct {
	k      float64
	c      []float64 // the critical points c_i, increasing
	anti   []float64 // coefficients of ∫_0^x Π(t − c_i) dt: anti[j] multiplies x^j
	lo, hi float64
}

// NewCriticalPoints returns the landscape with f'(x) = scale·Π(x − points[i])
// on the domain [lo, hi]. It returns a *param.Error naming
// landscapes.CriticalPoints.Scale, .Points (with the index of the point at
// fault when there is one) or .Domain unless scale > 0 is finite, points
// has an odd number of finite, strictly increasing entries, lo < hi (either
// may be infinite, neither NaN), and every point lies strictly inside
// (lo, hi). The points are copied.
func NewCriticalPoints(scale float64, points []float64, lo, hi float64) (CriticalPoints, error) {
	const (
		nameScale  = "landscapes.CriticalPoints.Scale"
		namePoints = "landscapes.CriticalPoints.Points"
		nameDomain = "landscapes.CriticalPoints.Domain"
	)
	switch {
	case !(scale > 0) || math.IsInf(scale, 1):
		return CriticalPoints{}, param.Errorf(nameScale, "must be > 0 and finite, got %v", scale)
	case len(points)%2 == 0:
		return CriticalPoints{}, param.Errorf(namePoints, "must have an odd number of entries (minimum, maximum, …, minimum), got %d", len(points))
	case math.IsNaN(lo) || math.IsNaN(hi):
		return CriticalPoints{}, param.Errorf(nameDomain, "must not be NaN, got [%v, %v]", lo, hi)
	case !(lo < hi):
		return CriticalPoints{}, param.Errorf(nameDomain, "lower end must be < upper end, got [%v, %v]", lo, hi)
	}
	for i, c := range points {
		switch {
		case math.IsNaN(c) || math.IsInf(c, 0):
			return CriticalPoints{}, param.ElemErrorf(namePoints, i, "must be finite, got %v", c)
		case i > 0 && !(c > points[i-1]):
			return CriticalPoints{}, param.ElemErrorf(namePoints, i, "must be strictly increasing, got %v then %v", points[i-1], c)
		case !(c > lo && c < hi):
			return CriticalPoints{}, param.ElemErrorf(namePoints, i, "must lie strictly inside the domain (%v, %v), got %v", lo, hi, c)
		}
	}
	c := slices.Clone(points)
	return CriticalPoints{&criticalPointsData{k: scale, c: c, anti: antiderivative(expand(c)), lo: lo, hi: hi}}, nil
}

// expand returns the coefficients a_0..a_n of Π_{i<n} (x − c_i) = Σ_j a_j x^j.
func expand(c []float64) []float64 {
	a := make([]float64, 1, len(c)+1)
	a[0] = 1
	for _, ci := range c {
		// Multiply Σ a_j x^j by (x − ci).
		a = append(a, 0)
		for j := len(a) - 1; j >= 0; j-- {
			prev := 0.0
			if j > 0 {
				prev = a[j-1]
			}
			a[j] = prev - ci*a[j]
		}
	}
	return a
}

// antiderivative returns b with Σ_j b_j x^j = ∫_0^x Σ_j a_j t^j dt, b_0 = 0.
func antiderivative(a []float64) []float64 {
	b := make([]float64, len(a)+1)
	for j, aj := range a {
		b[j+1] = aj / float64(j+1)
	}
	return b
}

// Scale returns k.
func (cp CriticalPoints) Scale() float64 { return cp.d.k }

// Points returns a copy of the critical points c_0 < … < c_{n−1}.
func (cp CriticalPoints) Points() []float64 { return slices.Clone(cp.d.c) }

// F returns f(x) = k·∫_0^x Π(t − c_i) dt (so F(0) = 0), by Horner's rule on
// the expanded coefficients.
func (cp CriticalPoints) F(x float64) float64 {
	s := 0.0
	for j := len(cp.d.anti) - 1; j >= 0; j-- {
		s = s*x + cp.d.anti[j]
	}
	return cp.d.k * s
}

// Deriv returns f'(x) = k·Π(x − c_i), evaluated in product form (accurate
// near the roots, no allocation), pairing the factors after the first:
//
//	f'(x) = (k·(x − c_0)) · [(x − c_1)(x − c_2)] · [(x − c_3)(x − c_4)] ⋯
//
// (n is odd). The pairs are computed independently of each other, so the
// latency of one evaluation, which bounds a simulation step, is a
// subtraction and (n+1)/2 dependent multiplications: 3 (not 4) for the
// double well n = 3, which also skips the loop. Deriv stays inlinable
// (cost 73 of the inliner's 80), so a simulation kernel specialised to
// CriticalPoints evaluates it in line.
func (cp CriticalPoints) Deriv(x float64) float64 {
	d := cp.d
	c := d.c
	p := d.k * (x - c[0])
	if len(c) == 3 { // the double well: no loop
		return p * ((x - c[1]) * (x - c[2]))
	}
	for i := 2; i < len(c); i += 2 {
		p *= (x - c[i-1]) * (x - c[i])
	}
	return p
}

// SecondDeriv returns f”(x) = k·Σ_i Π_{j≠i} (x − c_j), by forward
// accumulation of the product rule (no division).
func (cp CriticalPoints) SecondDeriv(x float64) float64 {
	p, dp := 1.0, 0.0
	for _, c := range cp.d.c {
		p, dp = p*(x-c), dp*(x-c)+p
	}
	return cp.d.k * dp
}

// Structure returns the exact structure: minima c_0, c_2, …, saddles c_1,
// c_3, …, and the domain ends as closed ends.
func (cp CriticalPoints) Structure() Structure {
	st := Structure{Lo: cp.d.lo, Hi: cp.d.hi}
	for i, c := range cp.d.c {
		if i%2 == 0 {
			st.Minima = append(st.Minima, c)
		} else {
			st.Saddles = append(st.Saddles, c)
		}
	}
	return st
}

// Domain returns the projection interval [lo, hi].
func (cp CriticalPoints) Domain() (lo, hi float64) { return cp.d.lo, cp.d.hi }

// Name returns "critical-points".
func (CriticalPoints) Name() string { return "critical-points" }

// Dim returns 1.
func (CriticalPoints) Dim() int { return 1 }

// Value returns f(x[0]); len(x) must be 1.
func (cp CriticalPoints) Value(x []float64) float64 { return cp.F(x[0]) }

// Gradient stores f'(x[0]) in dst[0] and returns dst; len(dst) = len(x) = 1.
func (cp CriticalPoints) Gradient(dst, x []float64) []float64 {
	dst[0] = cp.Deriv(x[0])
	return dst
}

var (
	_ Line       = CriticalPoints{}
	_ Structured = CriticalPoints{}
)
