package theory

import (
	"context"
	"math"
	"runtime"
	"sort"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/param"
	"github.com/htsgd/htsgd/rng"
	"golang.org/x/sync/errgroup"
)

// monteCarloRates holds the first-exit constants of docs/theory.md §9.3 with
// their Monte Carlo standard errors: for minimum set i with J = J_i,
//
//	q_{i,j} = (ν_α × S)^J × Leb^{J−1} { (w_1..w_J, gaps t_2..t_J > 0) :
//	          y right after jump J ∈ Ω_j },
//	path: y(0) = Π(m_i + φ_b(w_1)); between jumps dy/dt = −∇f(y);
//	      at t_k: y ← Π(y + φ_b(w_k)),
//
// C* = q_i = Σ_{j≠i} q_{i,j} (+ the exits to no basin), and the landing
// law q_{i,j}/q_i (Theorem 2.8 of Wang & Rhee, arXiv 2307.03479, whose
// measure (2.28) is this one with the polar form ν_α × S of (2.15)-(2.16);
// the projection Π is htsgd's addition, docs/theory.md §2.2).
type monteCarloRates struct {
	// Q[i][j] is q_{i,j} between basins (Q[i][i] = 0).
	Q [][]float64
	// QErr[i][j] is the standard error of Q[i][j].
	QErr [][]float64
	// Outside[i] is the rate of exits to points in no basin (the outside of
	// a QuadraticRd's explicit basin), OutsideErr its standard error.
	Outside, OutsideErr []float64
	// Exit[i] is C* = q_i = Σ_j Q[i][j] + Outside[i]; ExitErr its standard
	// error (from the per-path sums, so correlations are accounted for).
	Exit, ExitErr []float64
	// Samples is the number of paths per minimum, and Contributing[i] the
	// number of those from minimum set i whose weight is not 0 (the paths
	// that reach an exit): C* and everything derived from it rest on them.
	Samples      int
	Contributing []int

	// paths[i] holds, one after the other, the (n+1)-vectors of the
	// per-path contributions of minimum i (columns 0..n−1: the landing
	// basins, column i zero; column n: no basin) of the paths that
	// contributed anything: Q[i][j] is their column sum over Samples. The
	// bootstrap of the derived quantities (bootstrap) resamples them;
	// paths that contribute nothing need no storage. 8(n+1) bytes per
	// contributing path.
	paths [][]float64
}

// computeMonteCarloRates estimates q_{i,j} for every minimum set by Monte Carlo
// integration over jump sizes, directions and gaps, importance-sampled so
// that every weight is bounded:
//
//   - the start is the minimum point, or a uniform point of a segment (a
//     heuristic: the process spreads along a flat segment on the time scale
//     of the exits, and the uniform law is the stationary law of a
//     symmetric walk on it);
//   - jump k < J has size s drawn from ν_α restricted to [ℓ_k, ∞) (weight
//     ℓ_k^{−α}, the ν_α-mass of that set: s = ℓ_k U^{−1/α}) and direction
//     Θ ~ S; when the flow contracts (rayJumps.Contracting), a path can still
//     leave with its remaining jumps only if ℓ_k = r − dist(y) − (J−k)b ≤ s
//     (each later jump adds at most b to the distance, the flow never
//     increases it), exactly as in the 1-D CrossCheck; otherwise
//     ℓ_k = ε·r (Options.SmallJump): a path with a jump smaller than ε·r
//     is a (J−1)-jump path with a small perturbation, which cannot leave for
//     ε small enough by the theorem's assumption that Ω^c is bounded away
//     from the (J−1)-jump reachable set with ε-perturbations;
//   - the gap before jump k ≥ 2 is drawn from Exp(μ = 2/T) truncated to
//     [0, T] (weight (1 − e^{−μT})e^{μt}/μ), T the flow time until
//     dist(y) ≤ r − (J−k+1)b (contracting: from there J−k+1 jumps cannot
//     leave) or ≤ ε·r (otherwise);
//   - the last jump's size is integrated exactly along a direction Θ ~ S
//     (rayScanner), from s₀ = max(r − dist(y), 10⁻⁶r): the tube
//     {dist < r} lies in Ω_i, so smaller jumps cannot leave.
//
// jm must come from computeRayJumps(m, opt), and opt have its defaults.
// Minimum set i uses the stream rng.New(opt.Seed, i). It returns ctx.Err()
// when ctx is cancelled (checked every 1024 paths).
func computeMonteCarloRates(ctx context.Context, m mcModel, jm *rayJumps, opt Options) (*monteCarloRates, error) {
	sets := m.Basins.MinimumSets()
	n := len(sets)
	res := &monteCarloRates{
		Q: make([][]float64, n), QErr: make([][]float64, n),
		Outside: make([]float64, n), OutsideErr: make([]float64, n),
		Exit: make([]float64, n), ExitErr: make([]float64, n), Samples: opt.Samples,
		Contributing: make([]int, n), paths: make([][]float64, n),
	}
	for i := range n {
		res.Q[i] = make([]float64, n)
		res.QErr[i] = make([]float64, n)
	}
	// The minima are independent (each has its own stream): estimate them
	// in parallel; the result does not depend on the scheduling.
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i := range n {
		if jm.J[i] == 0 {
			continue
		}
		g.Go(func() error {
			ps := newPathSampler(m, jm, i, opt)
			acc := make([]welford, n+2) // columns 0..n−1, n: NoBasin, n+1: total
			contrib := make([]float64, n+1)
			for s := range opt.Samples {
				if s%1024 == 0 {
					if err := ctx.Err(); err != nil {
						return err
					}
				}
				for c := range contrib {
					contrib[c] = 0
				}
				ps.sample(contrib)
				contrib[i] = 0 // a landing back in Ω_i is no exit
				tot := 0.0
				for c, v := range contrib {
					acc[c].add(v)
					tot += v
				}
				acc[n+1].add(tot)
				if tot != 0 {
					res.paths[i] = append(res.paths[i], contrib...)
				}
			}
			for j := range n {
				res.Q[i][j], res.QErr[i][j] = acc[j].meanSE()
			}
			res.Q[i][i], res.QErr[i][i] = 0, 0
			res.Outside[i], res.OutsideErr[i] = acc[n].meanSE()
			res.Exit[i], res.ExitErr[i] = acc[n+1].meanSE()
			res.Contributing[i] = len(res.paths[i]) / (n + 1)
			if !(res.Exit[i] > 0) {
				return param.Errorf("theory.Options.Samples", "no sampled path of %d jumps leaves basin %d (J_%d = %d): increase samples", jm.J[i], i, i, jm.J[i])
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return res, nil
}

// pathSampler draws the weighted J-jump paths of one minimum set.
type pathSampler struct {
	m        mcModel
	set      landscapes.MinimumSet
	basin    int
	J        int
	r, eps   float64
	contract bool
	alpha    float64
	src      *rng.Rand
	flow     *landscapes.Flow
	path     landscapes.FlowPath
	scan     *rayScanner
	sFar     float64
	y, dir   []float64
	tmp, acc []float64
}

func newPathSampler(m mcModel, jm *rayJumps, i int, opt Options) *pathSampler {
	d := m.Landscape.Dim()
	r := jm.Radius[i]
	ps := &pathSampler{
		m: m, set: m.Basins.MinimumSets()[i], basin: i, J: jm.J[i], r: r, eps: opt.SmallJump * r,
		contract: jm.Contracting[i], alpha: m.Noise.Alpha(),
		src: rng.New(opt.Seed, uint64(i)), flow: landscapes.NewFlow(m.Landscape, m.Domain),
		scan: newRayScanner(m, opt.ScanPoints),
		y:    make([]float64, d), dir: make([]float64, d), tmp: make([]float64, d),
		acc: make([]float64, len(m.Basins.MinimumSets())+1),
	}
	// Without truncation the atom of the last jump sits far beyond
	// everything: 10³ times the projection radius, or the ray length.
	ps.sFar = 1e3 * rayLength(m, i)
	return ps
}

// sample adds one path's weighted landing masses to contrib (n+1 columns).
func (ps *pathSampler) sample(contrib []float64) {
	y := ps.y
	ps.set.At(y, ps.src.Float64())
	w := 1.0
	b := ps.m.B
	for k := 1; k <= ps.J; k++ {
		remaining := float64(ps.J - k)
		if k > 1 {
			dead := ps.eps
			if ps.contract {
				dead = ps.r - (remaining+1)*b
			}
			if ps.set.Dist(y) <= dead {
				return // cannot leave any more: weight 0
			}
			copy(ps.tmp, y)
			T, ok := ps.flow.Run(ps.tmp, math.Inf(1),
				func(z []float64) bool { return ps.set.Dist(z) <= dead }, &ps.path)
			if !ok || !(T > 0) {
				return
			}
			mu := gapShape / T
			norm := -math.Expm1(-mu * T)
			t := -math.Log1p(-ps.src.Float64()*norm) / mu
			w *= norm * math.Exp(mu*t) / mu
			// Restart from the last recorded state before t.
			idx := sort.SearchFloat64s(ps.path.T, t) - 1
			idx = max(idx, 0)
			copy(y, ps.path.State(idx, len(y)))
			ps.flow.Run(y, t-ps.path.T[idx], nil, nil)
		}
		ps.m.Noise.SampleDirection(ps.src, ps.dir)
		if k == ps.J {
			s0 := math.Max(ps.r-ps.set.Dist(y), 1e-6*ps.r)
			for c := range ps.acc {
				ps.acc[c] = 0
			}
			ps.scan.masses(y, ps.dir, s0, ps.sFar, ps.acc)
			for c, v := range ps.acc {
				contrib[c] += w * v
			}
			return
		}
		lower := ps.eps
		if ps.contract {
			lower = ps.r - ps.set.Dist(y) - remaining*b
		}
		if !(lower > 0) {
			return
		}
		w *= math.Pow(lower, -ps.alpha)
		s := lower * math.Pow(1-ps.src.Float64(), -1/ps.alpha)
		s = math.Min(s, b)
		for c := range y {
			y[c] += s * ps.dir[c]
		}
		ps.m.Domain.Project(y)
		copy(ps.tmp, y)
		if ps.m.locate(ps.tmp) != ps.basin {
			return // left before the last jump: not a J-jump first exit
		}
	}
}
