package theory

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/param"
)

// CrossCheck estimates every q_{i,j} by an independent Monte Carlo integral
// over the path space of docs/theory.md §7.4, simulated in the TIME domain:
//
//	y ← Π(m_i + φ_b(w_1)); for k = 2..J: flow dy/dt = −f'(y) for the gap t_k
//	(Dormand–Prince, see flow), then y ← Π(y + φ_b(w_k));
//	q_{i,j} = (ν_α^J × Leb^{J−1}){ y after jump J ∈ Ω_j },  J = J_i.
//
// It shares no code with the recursion of Analyse: no change of variables
// from time to space, no tables; the landing basin is
// landscapes.Structure.Basin of the final point. Only the support of the
// integrand is used, to sample where it is not zero. The flow never moves a
// point away from m_i and a jump moves it by at most b, so from distance z
// to the edge at distance D on side σ (the nearest exitable edge there), the
// remaining J−k+1 jumps reach it only if z > D − (J−k+1)b: every jump goes
// towards σ and the k-th is at least lower_k = D − z − (J−k)b > 0. Hence, per
// side σ and path, sequentially:
//
//   - the gap before jump k ≥ 2 is drawn from the exponential law
//     Exp(μ = 2/T) truncated to [0, T], T the flow time (measured with the
//     same integrator) until the point falls to D − (J−k+1)b; weight
//     (1 − e^{−μT})·e^{μt}/μ;
//   - the k-th jump size δ = |φ_b(w)| is drawn from ν_α restricted to
//     [lower_k, b] and normalised, a Pareto law plus the atom at b:
//     δ = min(lower_k·U^{−1/α}, b), U ~ Uniform(0, 1]; weight
//     p_σ·lower_k^{−α}, the ν_α-mass of that set.
//
// The product of the weights is credited to the landing basin. Every weight
// is bounded, so the standard errors are honest for moderate sample sizes.
//
// rates and stderr are n × (n+2): column j < n is the basin of minimum j,
// column n is landscapes' Above (beyond an open upper end) and column n+1 is
// Below (beyond an open lower end). stderr is the standard error of each
// estimate; a cell no sample reaches is 0 ± 0, and a cell that every sample
// reaches with the same weight (J = 1 with one basin in reach) is exact,
// ± 0. Each side of each minimum uses `samples` paths from its own PCG
// stream seeded by (seed, 2i + side).
//
// It checks the exact recursion, so m must be on the one-dimensional fast
// path (see Model); any other model is an error wrapping ErrNotApplicable.
// It returns ctx.Err() when ctx is cancelled (checked every 1024 paths).
func CrossCheck(ctx context.Context, m Model, samples int, seed uint64) (rates, stderr [][]float64, err error) {
	if samples < 2 || samples > MaxCrossCheckSamples {
		return nil, nil, param.Errorf("theory.CrossCheck.samples", "must be in [2, %d] (theory.MaxCrossCheckSamples), got %d", MaxCrossCheckSamples, samples)
	}
	c, exact, err := m.method()
	if err != nil {
		return nil, nil, err
	}
	if !exact {
		return nil, nil, fmt.Errorf("%w: the cross-check tests the exact recursion of the real line, which needs a landscapes.Curve, a landscapes.Structure and a noise.Scalar", ErrNotApplicable)
	}
	jm, err := computeJumps(c)
	if err != nil {
		return nil, nil, err
	}
	s := c.s
	n := len(s.Minima)
	rates = make([][]float64, n)
	stderr = make([][]float64, n)
	for i := range n {
		rates[i] = make([]float64, n+2)
		stderr[i] = make([]float64, n+2)
		if jm.J[i] == 0 {
			continue
		}
		left, right := s.Interval(i)
		exitLeft, exitRight := s.Exitable(i)
		for side, sigma := range [2]float64{-1, 1} {
			edge, ok := left, exitLeft
			if sigma > 0 {
				edge, ok = right, exitRight
			}
			if !ok || math.IsInf(edge, 0) {
				continue
			}
			mc := sideSampler{
				m: c, i: i, sigma: sigma, J: jm.J[i],
				near: math.Abs(edge - s.Minima[i]),
				rng:  rand.New(rand.NewPCG(seed, uint64(2*i+side))),
			}
			if err := mc.run(ctx, samples, rates[i], stderr[i]); err != nil {
				return nil, nil, err
			}
		}
	}
	return rates, stderr, nil
}

// sideSampler simulates the exits of one minimum towards one side.
type sideSampler struct {
	m     curveModel
	i     int
	sigma float64
	J     int
	near  float64 // distance from m_i to the nearest exitable edge on this side
	rng   *rand.Rand
}

// column maps a landscapes basin index to a column of CrossCheck's output.
func column(s landscapes.Structure, basin int) int {
	if basin == landscapes.Below {
		return len(s.Minima) + 1
	}
	return basin
}

// project is Π: the clamp onto the closed domain ends (open ends do not
// clamp).
func project(s landscapes.Structure, y float64) float64 {
	if !s.OpenLo && y < s.Lo {
		return s.Lo
	}
	if !s.OpenHi && y > s.Hi {
		return s.Hi
	}
	return y
}

func (c *sideSampler) run(ctx context.Context, samples int, rates, stderr []float64) error {
	m, s := c.m, c.m.s
	b := m.b
	if !(c.near < float64(c.J)*b) {
		return nil // this side needs more than J jumps
	}
	p := m.pPlus
	if c.sigma < 0 {
		p = 1 - p
	}
	mi := s.Minima[c.i]
	acc := make([]welford, len(rates))
	var traj trajectory
	landed := make([]float64, len(rates))
	for n := range samples {
		if n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		y, w := mi, 1.0
		for k := 1; k <= c.J; k++ {
			// Jumps k..J (J−k+1 of them, each ≤ b) must still cover the
			// distance from y to the edge.
			remaining := float64(c.J - k)
			if k > 1 {
				// Useful gaps end when the flow reaches dead: from there
				// J−k+1 jumps cannot reach the edge. Measure that time T,
				// draw the gap from Exp(μ = gapShape/T) truncated to [0, T]
				// (weight (1 − e^{−μT})e^{μt}/μ) and flow for it.
				dead := c.near - (remaining+1)*b
				stop := func(x float64) bool { return c.sigma*(x-mi) <= dead }
				flow(m.deriv, y, math.Inf(1), stop, &traj)
				T := traj.T[len(traj.T)-1]
				if !(T > 0) {
					w = 0
					break
				}
				mu := gapShape / T
				norm := -math.Expm1(-mu * T)
				t := -math.Log1p(-c.rng.Float64()*norm) / mu
				w *= norm * math.Exp(mu*t) / mu
				// Restart from the last recorded state before t.
				r := sort.SearchFloat64s(traj.T, t) - 1
				y, _, _ = flow(m.deriv, traj.Y[r], t-traj.T[r], nil, nil)
			}
			// The k-th jump must be at least lower; sample it from ν_α
			// restricted to [lower, b] (mass p·lower^{−α}).
			lower := c.near - c.sigma*(y-mi)
			if remaining > 0 {
				lower -= remaining * b
			}
			w *= p * math.Pow(lower, -m.alpha)
			d := lower * math.Pow(1-c.rng.Float64(), -1/m.alpha)
			if d > b {
				d = b
			}
			y = project(s, y+c.sigma*d)
		}
		for col := range landed {
			landed[col] = 0
		}
		if j := s.Basin(y); w > 0 && j != c.i {
			landed[column(s, j)] = w
		}
		for col := range acc {
			acc[col].add(landed[col])
		}
	}
	for col := range rates {
		mean, se := acc[col].meanSE()
		rates[col] += mean
		stderr[col] = math.Hypot(stderr[col], se)
	}
	return nil
}
