package theory

import (
	"math"
	"sort"
)

// A cumulative tabulates Q(z) = ∫_{lo}^{z} g(u) du for z in [lo, hi] as a
// piecewise Chebyshev series, the memoised inner function of the recursion of
// docs/theory.md §7.3 (Q_k is the integral of P_{k+1}/|f'|).
//
// On each panel [a, c] the integrand g is interpolated at the N+1 Chebyshev
// points of the first kind t_l = cos(π(l+½)/(N+1)) (N = chebDegree, mapped
// to [a, c]; they avoid the panel ends, where g may jump),
//
//	g(t) ≈ Σ_{j=0}^{N} c_j T_j(t),   c_j = (2/(N+1)) Σ_l g(t_l) T_j(t_l)
//
// (c_0 halved), and the series is integrated term by term:
//
//	∫T_0 = T_1,  ∫T_1 = T_2/4,  ∫T_j = T_{j+1}/(2(j+1)) − T_{j−1}/(2(j−1)),
//
// so that Q is continuous and exact for the interpolant. The panels are
// first graded towards the singularities of g (see gradedPanels) and then
// bisected adaptively until the last three coefficients of each panel are
// below chebTol (at least chebFloor) times the largest |g| on [lo, hi]. For integrands analytic on
// a neighbourhood of each panel the interpolation error is of the order of
// the neglected coefficients, so Q carries a relative error of about chebTol
// (checked in the tests by comparing two tolerances).
type cumulative struct {
	lo, hi float64
	edges  []float64   // panel edges, ascending; edges[0] = lo
	coef   [][]float64 // antiderivative coefficients per panel, in t ∈ [−1, 1], scaled by the half-width
	base   []float64   // Q at the left edge of each panel
	total  float64     // Q(hi)
}

const (
	// chebDegree is the degree N of the interpolant on each panel.
	chebDegree = 20
	// chebMaxDepth bounds the adaptive bisection of a panel.
	chebMaxDepth = 16
	// chebFloor is the smallest relative tolerance honoured: below it the
	// neglected coefficients are rounding noise and bisection cannot reduce
	// them.
	chebFloor = 64 * 0x1p-52
)

// chebTol is the relative size of the neglected Chebyshev coefficients (a
// variable so that the tests can tighten it and measure the error).
var chebTol = 1e-13

// chebCos[j][l] = T_j(t_l) = cos(jπ(l+½)/(N+1)).
var chebCos = func() [][]float64 {
	t := make([][]float64, chebDegree+1)
	for j := range t {
		t[j] = make([]float64, chebDegree+1)
		for l := range t[j] {
			t[j][l] = math.Cos(math.Pi * float64(j) * (float64(l) + 0.5) / (chebDegree + 1))
		}
	}
	return t
}()

// chebPanel is one panel of the adaptive fit with the Chebyshev coefficients
// of the integrand and the largest |g| at its nodes.
type chebPanel struct {
	a, c  float64
	coef  []float64
	scale float64
}

// fitPanel interpolates g on [a, c].
func fitPanel(g func(float64) float64, a, c float64) chebPanel {
	var vals [chebDegree + 1]float64
	mid, half := (a+c)/2, (c-a)/2
	p := chebPanel{a: a, c: c, coef: make([]float64, chebDegree+1)}
	for l := range vals {
		vals[l] = g(mid + half*chebCos[1][l])
		p.scale = math.Max(p.scale, math.Abs(vals[l]))
	}
	for j := range p.coef {
		s := 0.0
		for l := range vals {
			s += vals[l] * chebCos[j][l]
		}
		p.coef[j] = 2 * s / (chebDegree + 1)
	}
	p.coef[0] /= 2
	return p
}

// tail is the size of the last three coefficients.
func (p chebPanel) tail() float64 {
	n := len(p.coef)
	return math.Abs(p.coef[n-1]) + math.Abs(p.coef[n-2]) + math.Abs(p.coef[n-3])
}

// newCumulative tabulates Q(z) = ∫_lo^z g on [lo, hi], splitting at breaks
// (discontinuities and kinks of g) and grading towards the singularities
// poleLeft ≤ lo and poleRight ≥ hi of g.
func newCumulative(g func(float64) float64, lo, hi float64, breaks []float64, poleLeft, poleRight float64) *cumulative {
	edges := gradedPanels(nil, lo, hi, breaks, poleLeft, poleRight)
	initial := make([]chebPanel, 0, len(edges)-1)
	scale := 0.0
	for k := 1; k < len(edges); k++ {
		p := fitPanel(g, edges[k-1], edges[k])
		scale = math.Max(scale, p.scale)
		initial = append(initial, p)
	}
	tol := math.Max(chebTol, chebFloor) * scale
	var panels []chebPanel
	var refine func(p chebPanel, depth int)
	refine = func(p chebPanel, depth int) {
		if p.tail() <= tol || depth >= chebMaxDepth {
			panels = append(panels, p)
			return
		}
		m := p.a + (p.c-p.a)/2
		refine(fitPanel(g, p.a, m), depth+1)
		refine(fitPanel(g, m, p.c), depth+1)
	}
	for _, p := range initial {
		refine(p, 0)
	}
	q := &cumulative{lo: lo, hi: hi}
	acc := 0.0
	for _, p := range panels {
		q.edges = append(q.edges, p.a)
		q.base = append(q.base, acc)
		anti := antiderivative(p.coef, (p.c-p.a)/2)
		q.coef = append(q.coef, anti)
		acc += chebSum(anti, 1)
	}
	q.edges = append(q.edges, hi)
	q.total = acc
	return q
}

// antiderivative returns the coefficients of F(t) = h∫_{−1}^{t} Σ c_j T_j,
// with F(−1) = 0.
func antiderivative(c []float64, h float64) []float64 {
	n := len(c)
	at := func(j int) float64 {
		if j < n {
			return c[j]
		}
		return 0
	}
	C := make([]float64, n+1)
	C[1] = at(0) - at(2)/2
	for k := 2; k <= n; k++ {
		C[k] = (at(k-1) - at(k+1)) / (2 * float64(k))
	}
	// F(−1) = Σ C_k (−1)^k = 0 fixes C_0.
	s := 0.0
	for k := 1; k <= n; k++ {
		if k%2 == 1 {
			s -= C[k]
		} else {
			s += C[k]
		}
	}
	C[0] = -s
	for k := range C {
		C[k] *= h
	}
	return C
}

// chebSum evaluates Σ C_k T_k(t) by Clenshaw's recurrence.
func chebSum(C []float64, t float64) float64 {
	var b1, b2 float64
	for k := len(C) - 1; k >= 1; k-- {
		b1, b2 = 2*t*b1-b2+C[k], b1
	}
	return t*b1 - b2 + C[0]
}

// at returns Q(z): 0 below lo, Q(hi) above hi.
func (q *cumulative) at(z float64) float64 {
	switch {
	case z <= q.lo:
		return 0
	case z >= q.hi:
		return q.total
	}
	k := sort.SearchFloat64s(q.edges, z) - 1 // edges[k] < z ≤ edges[k+1]
	if k < 0 {
		k = 0
	}
	if k >= len(q.coef) {
		k = len(q.coef) - 1
	}
	a, c := q.edges[k], q.edges[k+1]
	t := (2*z - a - c) / (c - a)
	return q.base[k] + chebSum(q.coef[k], t)
}
