package theory

import (
	"context"
	"fmt"
	"math"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/noise"
	"github.com/htsgd/htsgd/param"
	"github.com/htsgd/htsgd/rng"
)

// mcModel is a Model on the Monte Carlo path (docs/theory.md §9.3): the
// landscape and its basins, a radial noise law, b, and the projection ball
// (radius +Inf for none).
type mcModel struct {
	Landscape landscapes.Landscape
	Basins    landscapes.Basins
	Noise     noise.Radial
	B         float64
	Domain    landscapes.Ball
}

// monteCarlo returns the Monte Carlo view of a model that method() accepted
// for that path.
func (m Model) monteCarlo() mcModel {
	dom, _ := m.ball()
	return mcModel{Landscape: m.Landscape, Basins: m.Basins, Noise: m.Noise.(noise.Radial), B: m.B, Domain: dom}
}

// locate returns the basin of Π(x) (x is overwritten with Π(x)).
func (m mcModel) locate(x []float64) int {
	m.Domain.Project(x)
	return m.Basins.Locate(x)
}

// rayJumps holds the jump numbers of docs/theory.md §9.2 found by ray scans
// from the minimum sets (and, for non-contracting flows, a random search):
//
//	r_i     = distance from the minimum set of Ω_i to the boundary of Ω_i
//	J_i     = min{k : a k-jump path of the flow from the set leaves Ω_i}
//	        = ⌈r_i / b⌉ when the flow contracts towards the set in the tube
//	          {dist < r_i} (then k jumps move a point at most k·b from the
//	          set, and k = ⌈r_i/b⌉ jumps along the shortest ray leave)
//	J_{i,j} = ⌈dist(set_i, Ω_j) / b⌉   (exact for a contracting flow; 1 if b = ∞)
//
// Without contraction J_i ≤ ⌈r_i/b⌉ still holds (the straight path with
// zero gaps), J_i = 1 iff r_i < b, and otherwise J_i is the smallest k in
// [2, ⌈r_i/b⌉ − 1] for which a random search over jump directions and gaps
// finds an exiting path, or ⌈r_i/b⌉ if none does (Searched[i] is then
// true: the search reports the smallest J it found, a value that further
// search could only lower).
type rayJumps struct {
	// Radius is r_i.
	Radius []float64
	// J is J_i.
	J []int
	// Contracting reports that the flow contracts towards minimum set i in
	// the tube {dist < r_i}: (y − P(y))·∇f(y) ≥ 0 at every tested point,
	// P(y) the nearest point of the set.
	Contracting []bool
	// Searched reports that J_i came from the random search.
	Searched []bool
	// PairDist is dist(set_i, Ω_j) measured along rays (PairDist[i][i] = 0;
	// +Inf if no ray meets Ω_j), and PairDist[i][n] the distance to the
	// points that lie in no basin (landscapes.NoBasin).
	PairDist [][]float64
	// Pair is J_{i,j} = ⌈PairDist/b⌉ (0 when PairDist is +Inf), with
	// Pair[i][n] for NoBasin.
	Pair [][]int
	// Warnings lists ratios r_i/b within 0.05 of an integer and
	// non-contracting basins.
	Warnings []string
}

// radiuser is implemented by landscapes.BasinMap.
type radiuser interface{ Radius(i int) float64 }

// computeRayJumps returns the jump numbers of m. Ray scans use
// opt.Directions directions (landscapes.UnitDirections) from the minimum
// set (9 points along a segment); r_i comes from Basins.Radius when the
// basins provide it (BasinMap), else from Core for a QuadraticRd (exact),
// else from ray bisection. opt has its defaults. A J_i above MaxJumpNumber
// is a *param.Error naming theory.Model.B (for a non-contracting flow, when
// no path of at most MaxJumpNumber jumps leaves). It returns ctx.Err() when
// ctx is cancelled, checked once per minimum set and within the J search.
func computeRayJumps(ctx context.Context, m mcModel, opt Options) (*rayJumps, error) {
	d := m.Landscape.Dim()
	sets := m.Basins.MinimumSets()
	n := len(sets)
	jm := &rayJumps{
		Radius: make([]float64, n), J: make([]int, n), Contracting: make([]bool, n),
		Searched: make([]bool, n), PairDist: make([][]float64, n), Pair: make([][]int, n),
	}
	dirs := landscapes.UnitDirections(d, opt.Directions)
	for i := range n {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		jm.PairDist[i] = pairDistances(m, i, dirs)
		switch b := m.Basins.(type) {
		case radiuser:
			jm.Radius[i] = b.Radius(i)
		case landscapes.QuadraticRd:
			jm.Radius[i] = b.Core(i)
		default:
			jm.Radius[i] = jm.PairDist[i][0]
			for j, v := range jm.PairDist[i] {
				if j != i {
					jm.Radius[i] = math.Min(jm.Radius[i], v)
				}
			}
		}
		r := jm.Radius[i]
		jm.Contracting[i] = contracting(m, i, r, dirs)
		jm.Pair[i] = make([]int, n+1)
		for j, v := range jm.PairDist[i] {
			if j != i {
				jm.Pair[i][j] = JumpNumber(v, m.B)
			}
		}
		if math.IsInf(r, 1) {
			continue // never left
		}
		upper := JumpNumber(r, m.B)
		jm.J[i] = upper
		if !jm.Contracting[i] && upper > 2 {
			// The search tries k = 2, …, min(upper, MaxJumpNumber+1)−1:
			// a J above the cap is refused below whatever it is.
			jm.Searched[i] = true
			if k := searchJ(ctx, m, i, r, min(upper, MaxJumpNumber+1), opt); k > 0 {
				jm.J[i] = k
			}
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		if err := checkJumpNumber(i, jm.J[i], r, m.B); err != nil {
			return nil, err
		}
		if !math.IsInf(m.B, 1) {
			ratio := r / m.B
			if near := math.Abs(ratio - math.Round(ratio)); near < nearIntegerReject {
				return nil, param.Errorf(nameB, "r_%d/b = %v is an integer to 1e-9; the theory says nothing there", i, ratio)
			} else if near < nearIntegerWarn {
				jm.Warnings = append(jm.Warnings, fmt.Sprintf("b: r_%d/b = %.4f is within %.2f of an integer: slow convergence in η", i, ratio, nearIntegerWarn))
			}
		}
		if !jm.Contracting[i] {
			// "RatesRd" is the name this package gave monteCarloRates
			// before; the text is kept byte for byte, as results/ holds it.
			jm.Warnings = append(jm.Warnings, fmt.Sprintf("landscape: the flow does not contract towards minimum set %d in its tube; J_%d and C* use the general bounds (see RatesRd)", i, i))
		}
	}
	return jm, nil
}

// setPoints returns the points rays start from: the point, or 9 points
// along a segment (its ends included).
func setPoints(s landscapes.MinimumSet) [][]float64 {
	if s.IsPoint() {
		return [][]float64{append([]float64(nil), s.A...)}
	}
	var out [][]float64
	for a := range 9 {
		out = append(out, s.At(make([]float64, s.Dim()), float64(a)/8))
	}
	return out
}

// rayLength returns how far rays are scanned from set i: twice the
// projection radius when K is a finite ball (beyond it points project onto
// K and the ray has nothing new to show), else 4√d·Core(i) and at least 1,
// which reaches the nearest boundary point of a QuadraticRd's explicit
// basin (at distance Core(i)): all a distance, a minimum over rays, needs.
func rayLength(m mcModel, i int) float64 {
	if dom := m.Domain; !math.IsInf(dom.Radius, 1) {
		return 2 * dom.Radius
	}
	return math.Max(1, 4*m.Basins.Core(i)*math.Sqrt(float64(m.Landscape.Dim())))
}

// pairDistances returns dist(set_i, Ω_j) for every j (and NoBasin at index
// n) along rays: each ray is scanned in 128 equal steps and the first step
// in each basin is refined by bisection to 1e-9.
func pairDistances(m mcModel, i int, dirs [][]float64) []float64 {
	sets := m.Basins.MinimumSets()
	n := len(sets)
	out := make([]float64, n+1)
	for j := range out {
		out[j] = math.Inf(1)
	}
	out[i] = 0
	smax := rayLength(m, i)
	const steps = 128
	x := make([]float64, m.Landscape.Dim())
	col := func(lab int) int {
		if lab == landscapes.NoBasin || lab < 0 || lab >= n {
			return n
		}
		return lab
	}
	for _, p := range setPoints(sets[i]) {
		for _, dir := range dirs {
			at := func(s float64) int {
				for c := range x {
					x[c] = p[c] + s*dir[c]
				}
				return col(m.locate(x))
			}
			prevLab, prev := i, 0.0
			seen := map[int]bool{i: true}
			for k := 1; k <= steps; k++ {
				s := smax * float64(k) / steps
				lab := at(s)
				if !seen[lab] && lab != prevLab {
					seen[lab] = true
					lo, hi := prev, s
					for hi-lo > 1e-9*(1+hi) {
						mid := 0.5 * (lo + hi)
						if at(mid) == lab {
							hi = mid
						} else {
							lo = mid
						}
					}
					out[lab] = math.Min(out[lab], hi)
				}
				prevLab, prev = lab, s
			}
		}
	}
	return out
}

// contracting tests (y − P(y))·∇f(y) ≥ −1e-9·‖y − P(y)‖·‖∇f(y)‖ at the points
// at distances r·k/8, k = 1..8 (0.999·r for k = 8), along every ray from
// the set's points, P(y) the nearest point of the set.
func contracting(m mcModel, i int, r float64, dirs [][]float64) bool {
	s := m.Basins.MinimumSets()[i]
	d := m.Landscape.Dim()
	if math.IsInf(r, 1) {
		r = rayLength(m, i)
	}
	y := make([]float64, d)
	g := make([]float64, d)
	q := make([]float64, d)
	for _, p := range setPoints(s) {
		for _, dir := range dirs {
			for k := 1; k <= 8; k++ {
				t := r * float64(k) / 8
				if k == 8 {
					t = 0.999 * r
				}
				for c := range y {
					y[c] = p[c] + t*dir[c]
				}
				m.Domain.Project(y)
				s.At(q, s.Nearest(y))
				m.Landscape.Gradient(g, y)
				dot, ny, ng := 0.0, 0.0, 0.0
				for c := range y {
					e := y[c] - q[c]
					dot += e * g[c]
					ny += e * e
					ng += g[c] * g[c]
				}
				if dot < -1e-9*math.Sqrt(ny*ng) {
					return false
				}
			}
		}
	}
	return true
}

// searchJ tries, for k = 2, …, upper−1, SearchPaths random k-jump paths from
// set i with full-size jumps (‖φ_b(w)‖ = b) in directions drawn from the
// angular law and gaps uniform in [0, T], T the flow's time to come within
// 1% of r of the set, and returns the first k for which a path leaves Ω_i
// (0 if none does, or when ctx is cancelled, checked every 1024 paths).
func searchJ(ctx context.Context, m mcModel, i int, r float64, upper int, opt Options) int {
	d := m.Landscape.Dim()
	s := m.Basins.MinimumSets()[i]
	src := rng.New(opt.Seed^0x5ea4c4, uint64(i))
	flow := landscapes.NewFlow(m.Landscape, m.Domain)
	y := make([]float64, d)
	dir := make([]float64, d)
	tmp := make([]float64, d)
	for k := 2; k < upper; k++ {
		for p := range opt.SearchPaths {
			if p%1024 == 0 && ctx.Err() != nil {
				return 0
			}
			s.At(y, src.Float64())
			left := false
			for jump := 1; jump <= k && !left; jump++ {
				if jump > 1 {
					copy(tmp, y)
					T, _ := flow.Run(tmp, math.Inf(1), func(z []float64) bool { return s.Dist(z) < 0.01*r }, nil)
					flow.Run(y, src.Float64()*T, nil, nil)
				}
				m.Noise.SampleDirection(src, dir)
				for c := range y {
					y[c] += m.B * dir[c]
				}
				copy(tmp, y)
				left = m.locate(tmp) != i
				m.Domain.Project(y)
			}
			if left {
				return k
			}
		}
	}
	return 0
}
