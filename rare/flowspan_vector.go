package rare

import (
	"math"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/param"
)

// Constants of the R^d flow-span search (vectorFlowSpan).
const (
	// spanFirstDirections bounds the first-jump directions tried: every
	// rayDirections/spanFirstDirections-th ray (all of them in 2-D with
	// the default 128 rays and 64 here, every other one).
	spanFirstDirections = 64
	// spanBudget bounds the flows integrated below one first jump: a
	// sequence of J jumps has J − 2 intermediate gaps, each tried at
	// M = ⌊spanBudget^{1/(J−2)}⌋ (at most spanMaxTimes) jump times.
	spanBudget = 256
	// spanMaxTimes is the largest number of jump times tried per gap.
	spanMaxTimes = 32
	// bisectRelTol is the relative tolerance in time of the end of a gap.
	bisectRelTol = 1e-9
)

// vectorFlowSpan returns D_J in R^d: the longest duration, in units of
// 1/η, from the first to the last jump of a J-jump exit path from the
// minimum m, over the paths of the search family below. It is the R^d
// counterpart of FlowSpan, and like it a property of the flow and b.
//
// A J-jump exit jumps from m, follows the flow, jumps again, and so on,
// its J-th jump landing outside the basin. After k jumps, with J − k to
// come, each at most b, the path at y can still leave only if the
// boundary is within (J − k)b; along the ray through y that is
//
//	‖y − m‖ ≥ ρ_∂(θ(y)) − (J − k)·b,   θ(y) = (y − m)/‖y − m‖,
//
// ρ_∂ the boundary distance along the ray (rays.boundaryAlong, the nearest
// scanned direction). On the line this is the condition of FlowSpan's
// dynamic programme exactly; in R^d it is exact for a basin that is
// star-shaped from m when the remaining jumps go straight out. The search
// family: jumps of full size b radially outward, θ(y) — which, when the
// flow contracts towards m, is the direction that keeps a path feasible
// longest; the first in each of spanFirstDirections directions θ_1; and
// for each gap, the jump times among the flow's accepted states along the
// gap (up to M of them, evenly spread) and the last feasible time, located
// by bisection to bisectRelTol. The value is the maximum over the family
// of the sum of the gaps, found by the recursion
//
//	V_{J−1}(y) = the last time t with φ_t(y) feasible,
//	V_k(y)     = max over the tried t of t + V_{k+1}(φ_t(y) + b·θ(φ_t(y))),
//	D_J        = max over θ_1 of V_1(m + bθ_1)
//
// (φ_t the gradient flow, integrated by landscapes.Flow). For an isotropic
// quadratic well in a ball the family contains the longest paths, and D_J
// is the one-dimensional FlowSpan of the radial profile (see the tests);
// otherwise it is a lower bound of the longest exit sequence, and the
// diagnostics (HazardRatio, TransientBias) together with Run's
// lengthening of the burn-in catch a span the search missed.
//
// Errors are *param.Error naming rare.Plan.J when no path of the family
// leaves with J jumps.
func vectorFlowSpan(sys mc.System, basin int, g *rays, j int) (float64, error) {
	s := newSpanSearch(sys, basin, g, j)
	stride := max(1, len(g.dirs)/spanFirstDirections)
	y := make([]float64, sys.Dim())
	best := math.Inf(-1)
	for k := 0; k < len(g.dirs); k += stride {
		for c := range y {
			y[c] = g.m[c] + sys.B*g.dirs[k][c]
		}
		if s.dom != nil {
			s.dom.Project(y)
		}
		if sys.Basins.Locate(y) != basin {
			continue // one jump leaves: not a J-jump path (J > 1)
		}
		best = math.Max(best, s.value(1, y))
	}
	if math.IsInf(best, -1) {
		return 0, param.Errorf("rare.Plan.J", "no path of %d radial jumps of size b = %v from the minimum %v leaves its basin (flow-span search)", j, sys.B, g.m)
	}
	return math.Max(best, 0), nil
}

// spanSearch is the state of vectorFlowSpan's recursion.
type spanSearch struct {
	sys   mc.System
	basin int
	g     *rays
	j     int
	times int // M, the jump times tried per intermediate gap
	flow  *landscapes.Flow
	dom   landscapes.Domain
}

func newSpanSearch(sys mc.System, basin int, g *rays, j int) *spanSearch {
	dom, _ := sys.Domain.(landscapes.Ball)
	if sys.Domain == nil {
		dom = landscapes.Ball{Radius: math.Inf(1)}
	}
	m := spanMaxTimes
	if j > 2 {
		m = min(spanMaxTimes, max(2, int(math.Floor(math.Pow(spanBudget, 1/float64(j-2))))))
	}
	return &spanSearch{sys: sys, basin: basin, g: g, j: j, times: m, flow: landscapes.NewFlow(sys.Landscape, dom), dom: sys.Domain}
}

// feasible reports whether a path at y after k jumps can still leave with
// the J − k to come (see vectorFlowSpan).
func (s *spanSearch) feasible(y []float64, k int) bool {
	return dist(y, s.g.m) >= s.g.boundaryAlong(y)-float64(s.j-k)*s.sys.B
}

// inBasin reports whether y lies in the basin of the search.
func (s *spanSearch) inBasin(y []float64) bool { return s.sys.Basins.Locate(y) == s.basin }

// candidate is a tried jump time t of a gap and the state φ_t(y) there.
type candidate struct {
	t float64
	y []float64
}

// gap integrates the flow from y, landed after jump k, until it is
// closer to m than r − (J−k)b (where no direction is feasible any more) or
// leaves the basin (a point of the basin whose flow does not converge to m:
// the user's basins need not be basins of attraction), and returns the feasible jump times to try: up to M of the flow's
// accepted states, evenly spread, and the last feasible time (bisected
// between the last feasible state and the next). None when y itself is not
// feasible and no later state is.
func (s *spanSearch) gap(k int, y []float64) []candidate {
	floor := s.g.r - float64(s.j-k)*s.sys.B
	var path landscapes.FlowPath
	start := append([]float64(nil), y...)
	s.flow.Run(start, math.Inf(1), func(z []float64) bool {
		return dist(z, s.g.m) < floor || s.sys.Basins.Locate(z) != s.basin
	}, &path)
	d := len(y)
	n := len(path.T)
	last := -1
	var feas []int
	// Every state but the last is in the basin (the flow stops at the
	// first that is not).
	for i := range n {
		if z := path.State(i, d); (i < n-1 || s.inBasin(z)) && s.feasible(z, k) {
			feas = append(feas, i)
			last = i
		}
	}
	if last < 0 {
		return nil
	}
	var out []candidate
	step := max(1, (len(feas)+s.times-1)/s.times)
	for i := 0; i < len(feas); i += step {
		if feas[i] != last {
			out = append(out, candidate{path.T[feas[i]], append([]float64(nil), path.State(feas[i], d)...)})
		}
	}
	end := candidate{path.T[last], append([]float64(nil), path.State(last, d)...)}
	if last+1 < n {
		// The end of feasibility lies between states last and last+1:
		// bisect in time, re-integrating from state last.
		lo, hi := 0.0, path.T[last+1]-path.T[last]
		z := make([]float64, d)
		for hi-lo > bisectRelTol*(1+path.T[last]) {
			mid := 0.5 * (lo + hi)
			copy(z, path.State(last, d))
			s.flow.Run(z, mid, nil, nil)
			if s.inBasin(z) && s.feasible(z, k) {
				lo = mid
				copy(end.y, z)
			} else {
				hi = mid
			}
		}
		end.t = path.T[last] + lo
	}
	return append(out, end)
}

// value returns V_k(y): the longest remaining duration of a J-jump exit
// from y, landed after jump k, until its last jump (−Inf when no path of
// the family leaves from there with J − k jumps).
func (s *spanSearch) value(k int, y []float64) float64 {
	cands := s.gap(k, y)
	if len(cands) == 0 {
		return math.Inf(-1)
	}
	if k == s.j-1 {
		return cands[len(cands)-1].t
	}
	best := math.Inf(-1)
	next := make([]float64, len(y))
	for _, c := range cands {
		rho := dist(c.y, s.g.m)
		for i := range next {
			next[i] = c.y[i] + s.sys.B*(c.y[i]-s.g.m[i])/rho
		}
		if s.dom != nil {
			s.dom.Project(next)
		}
		if s.sys.Basins.Locate(next) != s.basin {
			continue // left before its J-th jump
		}
		if v := s.value(k+1, next); !math.IsInf(v, -1) {
			best = math.Max(best, c.t+v)
		}
	}
	return best
}

// vectorReturnTime returns the warm-up of the R^d rule: the longest time,
// over the rays and the two directions ±v of the slowest eigenvector of the
// Hessian, that the flow takes from m + γθ to within εγ of m (the end
// located by bisection to bisectRelTol). In a quadratic well it is
// ln(1/ε)/λ_min, along the slowest eigenvector.
func vectorReturnTime(sys mc.System, g *rays, vmin []float64, gamma, eps float64) float64 {
	dom, _ := sys.Domain.(landscapes.Ball)
	if sys.Domain == nil {
		dom = landscapes.Ball{Radius: math.Inf(1)}
	}
	flow := landscapes.NewFlow(sys.Landscape, dom)
	d := sys.Dim()
	neg := make([]float64, d)
	for c, v := range vmin {
		neg[c] = -v
	}
	dirs := append(append([][]float64(nil), g.dirs...), vmin, neg)
	y, z := make([]float64, d), make([]float64, d)
	target := eps * gamma
	worst := 0.0
	var path landscapes.FlowPath
	for _, dir := range dirs {
		for c := range y {
			y[c] = g.m[c] + gamma*dir[c]
		}
		if _, stopped := flow.Run(y, math.Inf(1), func(x []float64) bool { return dist(x, g.m) <= target }, &path); !stopped {
			continue // the flow ended (a critical point, or its step cap) before: no return to measure
		}
		n := len(path.T)
		if n < 2 {
			continue
		}
		lo, hi := 0.0, path.T[n-1]-path.T[n-2]
		for hi-lo > bisectRelTol*(1+path.T[n-2]) {
			mid := 0.5 * (lo + hi)
			copy(z, path.State(n-2, d))
			flow.Run(z, mid, nil, nil)
			if dist(z, g.m) > target {
				lo = mid
			} else {
				hi = mid
			}
		}
		worst = math.Max(worst, path.T[n-2]+hi)
	}
	return worst
}

// dist returns ‖x − y‖.
func dist(x, y []float64) float64 {
	var s float64
	for i, v := range x {
		e := v - y[i]
		s += e * e
	}
	return math.Sqrt(s)
}
