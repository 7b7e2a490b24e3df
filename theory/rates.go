package theory

import (
	"context"
	"math"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/param"
)

// rateTable holds the first-exit constants of docs/theory.md §7.1 for every
// minimum: q_{i,j}, the exits through open ends (1-D) or to no basin (R^d),
// and q_i. It is what the limiting chains (newChain) are built from.
type rateTable struct {
	// Q[i][j] is q_{i,j} for minima i ≠ j; Q[i][i] = 0. On the real line
	// it is positive exactly when J_{i,j} = J_i.
	Q [][]float64
	// Below[i] and Above[i] are the rates of exits from Ω_i through an open
	// lower or upper end (to the pseudo-basins landscapes.Below and Above);
	// 0 for closed ends. In R^d Above holds the exits to no basin and Below
	// is 0.
	Below, Above []float64
	// Exit[i] is q_i = Σ_{j≠i} q_{i,j} + Below[i] + Above[i] (C* in
	// 2307.03479).
	Exit []float64
}

// computeRates returns q_{i,j} for every pair with J_{i,j} = J_i (the others
// are 0) by the backward recursion of docs/theory.md §7.3 (see pathMeasure).
// jm must come from computeJumps(m). A q that is not a positive finite
// number is a *param.Error naming theory.Model.Noise (α and the distances
// put ν_α's masses out of float64's range); ctx is checked before each
// q_{i,j} and at each level of its recursion (ctx.Err() is returned).
func computeRates(ctx context.Context, m curveModel, jm *jumps) (*rateTable, error) {
	s := m.s
	n := len(s.Minima)
	r := &rateTable{Q: make([][]float64, n), Below: make([]float64, n), Above: make([]float64, n), Exit: make([]float64, n)}
	for i := range n {
		r.Q[i] = make([]float64, n)
		J := jm.J[i]
		if J == 0 {
			continue
		}
		for _, t := range targets(s, i) {
			if JumpNumber(t.near, m.b) != J {
				continue
			}
			q, err := newPathIntegral(m, i, t, J).value(ctx)
			if err != nil {
				return nil, err
			}
			if !(q > 0) || math.IsInf(q, 0) {
				return nil, param.Errorf(nameNoise, "gives q from minimum %d to basin %d = %v with J = %d (α = %g, b = %g, distance %.6g): "+
					"the masses x^{−α} of the Lévy measure under- or overflow float64 at the distances of this landscape, so the theory's constants cannot be computed",
					i, t.basin, q, J, m.alpha, m.b, t.near)
			}
			switch t.basin {
			case landscapes.Below:
				r.Below[i] = q
			case s.Above():
				r.Above[i] = q
			default:
				r.Q[i][t.basin] = q
			}
			r.Exit[i] += q
		}
	}
	return r, nil
}

// pathMeasure returns the (ν_α^J × Leb^{J−1})-measure of the gradient-flow
// paths with J truncated jumps started at m_i that land in basin j after the
// J-th jump (docs/theory.md §7.1); j is a landscapes basin index (a minimum,
// landscapes.Below or Above). For J = J_i it is q_{i,j}. It is 0 when
// J < J_{i,j}; J > J_i is rejected, because then a path may leave Ω_i before
// its last jump and the measure is not a first-exit constant (for J ≤ J_i,
// (J−1)b < r_i keeps every intermediate point inside Ω_i).
func pathMeasure(m curveModel, i, j, J int) (float64, error) {
	jm, err := computeJumps(m)
	if err != nil {
		return 0, err
	}
	if i < 0 || i >= len(jm.J) {
		return 0, param.Errorf("theory.pathMeasure.i", "minimum %d out of range [0, %d)", i, len(jm.J))
	}
	if J < 1 || J > jm.J[i] {
		return 0, param.Errorf("theory.pathMeasure.J", "J = %d must be in [1, J_i = %d]", J, jm.J[i])
	}
	for _, t := range targets(m.s, i) {
		if t.basin != j {
			continue
		}
		if JumpNumber(t.near, m.b) > J {
			return 0, nil
		}
		return newPathIntegral(m, i, t, J).value(context.Background())
	}
	return 0, param.Errorf("theory.pathMeasure.j", "%d is not a basin reachable from minimum %d", j, i)
}

// pathIntegral evaluates the backward recursion of docs/theory.md §7.3 for
// one minimum m_i, one target basin Ω_j and J jumps, in the coordinate
// z = σ(x − m_i) ≥ 0 that measures progress towards Ω_j (σ = ±1 the side of
// Ω_j). In these coordinates Ω_j is (D, D'), D = near, D' = far, and the jump
// σφ_b(w), w ~ ν_α, has the law
//
//	ν{σφ_b(w) > x} = G(x) = p x^{−α} for 0 < x < b,  0 for x ≥ b,
//
// with p = p_+ (σ = +1) or p_− (σ = −1): the density αp x^{−α−1} on (0, b)
// plus the atom p b^{−α} at x = b (ν_α{|w| ≥ b} is mapped onto ±b by φ_b).
//
// The useful set is small. Between jumps the flow moves monotonically towards
// m_i, so after k jumps z ≤ kb; a path can land in Ω_j only if every jump is
// towards Ω_j and at least the slack D − (J−1)b > 0. Hence
//
//	P_J(z) = G(D − z) − G(D' − z)                              (last jump)
//	Q_k(z) = ∫_{L_{k+1}}^{z} P_{k+1}(u)/|f'(m_i + σu)| du     (flow, k < J)
//	P_k(u) = p ∫_{L_{k+1}−u}^{b} αδ^{−α−1} Q_k(u+δ) dδ + p b^{−α} Q_k(u+b)
//	q_{i,j} = P_1(0)
//
// with L_k = D − (J−k+1)b the point below which P_k vanishes (from there the
// remaining J−k+1 jumps cannot reach Ω_j). Q_k is needed on [L_{k+1}, kb]
// only, an interval at distance ≥ D − (J−1)b from both zeros of f' (m_i at
// z = 0 and the near edge at z = D), so 1/|f'| is bounded there. The
// projection Π plays no role before the last jump (intermediate points stay
// within (J−1)b < r_i of m_i, inside Ω_i); in the last jump it is the
// D' = +Inf of an outer basin at a closed domain end (a jump beyond the end
// lands on the end, in that basin).
//
// Discontinuities: P_J jumps at D − b (its support start) and at D' − b (the
// far edge term switches on); they propagate to P_k at D − (J−k+1)b and
// D' − (J−k+1)b, where the panels are split.
type pathIntegral struct {
	deriv       func(float64) float64
	mi, sigma   float64
	p, alpha, b float64
	near, far   float64
	J           int
	tabs        []*cumulative // tabs[k] = Q_k, k = 1..J−1
	pbAlpha     float64       // p b^{−α}
}

func newPathIntegral(m curveModel, i int, t target, J int) *pathIntegral {
	p := m.pPlus
	if t.side < 0 {
		p = 1 - m.pPlus
	}
	r := &pathIntegral{
		deriv: m.deriv, mi: m.s.Minima[i], sigma: t.side,
		p: p, alpha: m.alpha, b: m.b, near: t.near, far: t.far, J: J,
	}
	if !math.IsInf(m.b, 1) {
		r.pbAlpha = p * math.Pow(m.b, -m.alpha)
	}
	return r
}

// tailG is G(x) = ν{σφ_b(w) > x} for x > 0.
func (r *pathIntegral) tailG(x float64) float64 {
	if x >= r.b {
		return 0
	}
	return r.p * math.Pow(x, -r.alpha)
}

// last is P_J(z) = G(D − z) − G(D' − z), the measure of last jumps from z
// that land in Ω_j (z < D).
func (r *pathIntegral) last(z float64) float64 {
	return r.tailG(r.near-z) - r.tailG(r.far-z)
}

// start returns L_k = D − (J−k+1)b, the left end of the support of P_k.
func (r *pathIntegral) start(k int) float64 {
	return r.near - float64(r.J-k+1)*r.b
}

// flowDensity returns 1/|f'(m_i + σz)|, the time the flow spends per unit
// length at z.
func (r *pathIntegral) flowDensity(z float64) float64 {
	return 1 / math.Abs(r.deriv(r.mi+r.sigma*z))
}

// jump returns P_k(u) for k < J from the table of Q_k.
func (r *pathIntegral) jump(k int, u float64) float64 {
	Q := r.tabs[k]
	lo := r.start(k+1) - u
	if lo >= r.b {
		return 0
	}
	// Q_k has a kink at D' − (J−k)b; its nearest singularity to the right
	// is L_{k+2} = D − (J−k−1)b (for k = J−1: the near edge D).
	breaks := [1]float64{r.far - float64(r.J-k)*r.b - u}
	poleRight := r.near - float64(r.J-k-1)*r.b - u
	a := r.alpha
	integrand := func(d float64) float64 {
		return a * math.Pow(d, -a-1) * Q.at(u+d)
	}
	return r.p*integrate(integrand, lo, r.b, breaks[:], 0, poleRight) + r.pbAlpha*Q.at(u+r.b)
}

// value runs the recursion and returns P_1(0), or ctx.Err() when ctx is
// cancelled (checked at each of its J − 1 levels).
func (r *pathIntegral) value(ctx context.Context) (float64, error) {
	if r.J == 1 {
		return r.last(0), nil
	}
	r.tabs = make([]*cumulative, r.J)
	for k := r.J - 1; k >= 1; k-- {
		if err := ctx.Err(); err != nil {
			return 0, err
		}
		var P func(float64) float64
		if k+1 == r.J {
			P = r.last
		} else {
			next := k + 1
			P = func(u float64) float64 { return r.jump(next, u) }
		}
		g := func(u float64) float64 { return P(u) * r.flowDensity(u) }
		lo, hi := r.start(k+1), float64(k)*r.b
		breaks := []float64{r.far - float64(r.J-k)*r.b}
		poleRight := r.near - float64(r.J-k-1)*r.b
		r.tabs[k] = newCumulative(g, lo, hi, breaks, 0, poleRight)
	}
	return r.jump(1, 0), nil
}
