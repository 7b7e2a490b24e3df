package landscapes

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"

	"github.com/htsgd/htsgd/param"
)

// descend runs projected gradient descent with Armijo backtracking from x
// (overwritten with the end point):
//
//	x' = Π(x − t∇f(x)),  accepted iff f(x') ≤ f(x) − 10⁻⁴⟨∇f(x), x − x'⟩,
//
// doubling t after an accepted step and halving it after a rejected one,
// until ‖∇f‖ or the step falls below 1e-12 (relative) or after 20000
// iterations. Backtracking makes it converge on the non-smooth cut of the
// modified Himmelblau function, where a fixed step would oscillate. It
// returns false if f or ∇f became NaN.
func descend(l Landscape, dom Ball, x []float64) bool {
	d := len(x)
	g := make([]float64, d)
	xn := make([]float64, d)
	f := l.Value(x)
	t := 1e-2
	for it := 0; it < 20000; it++ {
		l.Gradient(g, x)
		gn := norm(g)
		if math.IsNaN(gn) || math.IsNaN(f) {
			return false
		}
		if gn < 1e-12*(1+math.Abs(f)) {
			return true
		}
		for {
			for k := range x {
				xn[k] = x[k] - t*g[k]
			}
			dom.Project(xn)
			dec := 0.0
			for k := range x {
				dec += g[k] * (x[k] - xn[k])
			}
			fn := l.Value(xn)
			if fn <= f-1e-4*dec {
				step := math.Sqrt(dist2(x, xn))
				copy(x, xn)
				f = fn
				t *= 2
				if step < 1e-12*(1+norm(x)) {
					return true
				}
				break
			}
			t *= 0.5
			if t < 1e-300 {
				return true
			}
		}
	}
	return true
}

// findMinima implements the search of NewBasinMap: descents from a grid,
// a restart from a small random perturbation of each end point (to leave
// saddles), and the merging of end points into minimum sets. Two end points
// are in the same set when they are closer than MergeTol, or when f along
// the straight segment between them never rises more than 1e-9(1 + |f|)
// above its ends (a flat valley of non-isolated minimizers). A merged set
// whose points lie within MergeTol of the segment between its two farthest
// points is a segment (then extended along its direction while f stays
// flat and the points stay in the domain); otherwise it is an error.
//
// It returns ctx.Err() once ctx is cancelled (checked before each descent).
func findMinima(ctx context.Context, l Landscape, opt BasinMapOptions) ([]MinimumSet, error) {
	d := l.Dim()
	starts := gridStarts(opt, d)
	r := rand.New(rand.NewPCG(0xbead, uint64(d)))
	var ends [][]float64
	var fs []float64
	for _, x := range starts {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if !opt.Domain.Contains(x) {
			continue
		}
		if !descend(l, opt.Domain, x) {
			return nil, param.Errorf(nameLandscape, "%s: gradient descent produced NaN", name(l))
		}
		for k := range x {
			x[k] += 1e-4 * opt.MergeTol * r.NormFloat64()
		}
		opt.Domain.Project(x)
		if !descend(l, opt.Domain, x) {
			return nil, param.Errorf(nameLandscape, "%s: gradient descent produced NaN", name(l))
		}
		ends = append(ends, x)
		fs = append(fs, l.Value(x))
	}
	if len(ends) == 0 {
		return nil, param.Errorf("landscapes.BasinMapOptions.Domain", "contains no start of the descent grid")
	}
	// Union–find over the end points.
	parent := make([]int, len(ends))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	tol2 := opt.MergeTol * opt.MergeTol
	flat := func(a, b int) bool {
		top := math.Max(fs[a], fs[b]) + 1e-9*(1+math.Abs(fs[a])+math.Abs(fs[b]))
		x := make([]float64, d)
		for k := 1; k < 32; k++ {
			u := float64(k) / 32
			for c := range x {
				x[c] = ends[a][c] + u*(ends[b][c]-ends[a][c])
			}
			if !(l.Value(x) <= top) {
				return false
			}
		}
		return true
	}
	for a := range ends {
		for b := range a {
			if find(a) == find(b) {
				continue
			}
			if dist2(ends[a], ends[b]) < tol2 || flat(a, b) {
				parent[find(a)] = find(b)
			}
		}
	}
	groups := map[int][]int{}
	for i := range ends {
		groups[find(i)] = append(groups[find(i)], i)
	}
	var sets []MinimumSet
	for _, g := range groups {
		s, err := groupSet(l, opt, ends, fs, g)
		if err != nil {
			return nil, err
		}
		sets = append(sets, s)
	}
	// A deterministic order: by the first coordinate of the centre, then
	// the next ones.
	sort.Slice(sets, func(i, j int) bool {
		a, b := sets[i].Centre(), sets[j].Centre()
		for k := range a {
			if a[k] != b[k] {
				return a[k] < b[k]
			}
		}
		return false
	})
	return sets, nil
}

// groupSet turns one merged group of end points into a MinimumSet.
func groupSet(l Landscape, opt BasinMapOptions, ends [][]float64, fs []float64, g []int) (MinimumSet, error) {
	best := g[0]
	for _, i := range g {
		if fs[i] < fs[best] {
			best = i
		}
	}
	// Two farthest points: from the best point, the farthest a; from a, the
	// farthest b.
	far := func(from int) int {
		j, dj := from, -1.0
		for _, i := range g {
			if dd := dist2(ends[i], ends[from]); dd > dj {
				j, dj = i, dd
			}
		}
		return j
	}
	a := far(best)
	b := far(a)
	if math.Sqrt(dist2(ends[a], ends[b])) < opt.MergeTol {
		return PointSet(ends[best]), nil
	}
	seg := SegmentSet(ends[a], ends[b])
	for _, i := range g {
		if seg.Dist(ends[i]) > opt.MergeTol {
			return MinimumSet{}, param.Errorf(nameLandscape, "%s: non-isolated minimizers near %v do not form a segment", name(l), ends[best])
		}
	}
	// Extend the segment along its direction while f stays flat.
	level := fs[best] + 1e-9*(1+math.Abs(fs[best]))
	dir := make([]float64, len(seg.A))
	ln := seg.Length()
	for k := range dir {
		dir[k] = (seg.B[k] - seg.A[k]) / ln
	}
	extend := func(p []float64, sg float64) []float64 {
		x := make([]float64, len(p))
		ok := func(s float64) bool {
			for k := range x {
				x[k] = p[k] + sg*s*dir[k]
			}
			return opt.Domain.Contains(x) && l.Value(x) <= level
		}
		lo, hi := 0.0, opt.MergeTol
		for ok(hi) && hi < 1e6 {
			lo, hi = hi, 2*hi
		}
		for hi-lo > 1e-10*(1+hi) {
			mid := 0.5 * (lo + hi)
			if ok(mid) {
				lo = mid
			} else {
				hi = mid
			}
		}
		for k := range x {
			x[k] = p[k] + sg*lo*dir[k]
		}
		return x
	}
	return SegmentSet(extend(seg.A, -1), extend(seg.B, 1)), nil
}

// gridStarts returns the descent starts: a Grid^d lattice on the box for
// d ≤ 3, Grid² uniform points otherwise.
func gridStarts(opt BasinMapOptions, d int) [][]float64 {
	n := opt.Grid
	if d >= 4 {
		r := rand.New(rand.NewPCG(0x57a7, uint64(d)))
		out := make([][]float64, n*n)
		for i := range out {
			x := make([]float64, d)
			for k := range x {
				x[k] = opt.Lo[k] + r.Float64()*(opt.Hi[k]-opt.Lo[k])
			}
			out[i] = x
		}
		return out
	}
	total := 1
	for range d {
		total *= n
	}
	out := make([][]float64, 0, total)
	for idx := range total {
		x := make([]float64, d)
		rem := idx
		for k := range d {
			a := rem % n
			rem /= n
			x[k] = opt.Lo[k] + (float64(a)+0.5)*(opt.Hi[k]-opt.Lo[k])/float64(n)
		}
		out = append(out, x)
	}
	return out
}

// name returns the landscape's Name if it has one, else its Go type.
func name(l Landscape) string {
	if n, ok := l.(interface{ Name() string }); ok {
		return n.Name()
	}
	return fmt.Sprintf("%T", l)
}
