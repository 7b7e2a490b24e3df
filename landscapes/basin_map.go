package landscapes

import (
	"context"
	"math"
	"sync"

	"github.com/htsgd/htsgd/param"
)

// nameLandscape is the name of a basin map's loss in its parameter errors.
const nameLandscape = "landscapes.Landscape"

// BasinMapOptions configure NewBasinMap. Zero fields take the defaults.
type BasinMapOptions struct {
	// Domain is the projection ball K. Points
	// outside it are located by their projection Π(x): the projection
	// edge belongs to its basin and is never an exit (docs/theory.md §4.1).
	// A finite radius is needed unless Lo and Hi are given.
	Domain Ball
	// Lo and Hi bound the box searched for minima and covered by the 2-D
	// cache (default: the bounding box of Domain).
	Lo, Hi []float64
	// Grid is the number of gradient-descent starts per axis on the box
	// (default 41 in 2-D, 15 in 3-D; for d ≥ 4, Grid^2 starts drawn
	// uniformly from the box with a fixed seed). Starts outside Domain are
	// skipped.
	Grid int
	// MergeTol merges descent end points closer than this into one minimum
	// set and is the tolerance of a segment (default 1% of the box
	// diagonal).
	MergeTol float64
	// Directions is the number of directions of the radial bisection
	// (default 720 in 2-D, 2000 otherwise).
	Directions int
	// CacheCells is the number of cells per axis of the 2-D basin cache
	// (default 512; negative: no cache). Ignored for d ≠ 2.
	CacheCells int
	// Minima, if not nil, are the minimum sets, and no search is made.
	Minima []MinimumSet
}

// BasinMap is the numerical basin structure of a loss on R^d (docs/theory.md
// §9.1): its minimum sets, found by gradient descent from a grid and
// merged, and the basin of every point, found by following the gradient
// flow (Flow, an adaptive Runge–Kutta) until it comes close to a minimum
// set. It implements Basins and is safe for concurrent use.
//
// Locate is fast where it matters: a point within Core(i) of minimum set i
// is in Ω_i without any flow (Core(i) = 0.98·r_i, r_i the distance from the
// set to its basin's boundary measured by radial bisection), and in 2-D a
// lazily filled grid of basin labels answers for every cell whose four
// corners agree (an approximation: a basin sliver thinner than one cell,
// inside a cell whose corners agree, is not seen). Other points are
// classified by the flow.
type BasinMap struct {
	l      Landscape
	d      int
	opt    BasinMapOptions
	minima []MinimumSet
	fmin   []float64 // f on each minimum set (at its centre)
	radius []float64 // r_i
	core   []float64 // Core(i)
	stopR  []float64 // flow stop radius around each set
	grid   *basinGrid
	pool   sync.Pool // *flowWork
}

// flowWork is the per-goroutine scratch of Locate.
type flowWork struct {
	flow    *Flow
	y, last []float64
}

// NewBasinMap finds the minimum sets of l and measures the distance from
// each to its basin's boundary. Errors are *param.Error naming
// landscapes.Landscape for a problem of l (a dimension below 1, no minimum
// found, a non-isolated minimum set that is not a segment, a descent that
// produced NaN), or the option at fault: landscapes.BasinMapOptions.Domain
// (an infinite ball without a search box, or no grid start inside it), the
// ball's own landscapes.Ball.Radius or .Center, BasinMapOptions.Lo or .Hi
// (the search box, with the coordinate at fault), or .Minima (with the set
// at fault).
//
// Building a map takes seconds for a landscape like the modified
// Himmelblau function: NewBasinMap watches ctx throughout (before each
// descent of the minimum search and each ray of the radius scans) and
// returns ctx.Err() once it is cancelled.
func NewBasinMap(ctx context.Context, l Landscape, opt BasinMapOptions) (*BasinMap, error) {
	d := l.Dim()
	if d < 1 {
		return nil, param.Errorf(nameLandscape, "must have dimension ≥ 1, got %d", d)
	}
	if opt.Domain.Radius == 0 {
		opt.Domain.Radius = math.Inf(1)
	}
	if err := opt.Domain.Validate(d); err != nil {
		return nil, err
	}
	if opt.Lo == nil || opt.Hi == nil {
		if math.IsInf(opt.Domain.Radius, 1) {
			return nil, param.Errorf("landscapes.BasinMapOptions.Domain", "must have a finite radius when no search box (Lo, Hi) is given: a basin map needs a bounded region")
		}
		opt.Lo, opt.Hi = make([]float64, d), make([]float64, d)
		for k := range d {
			opt.Lo[k] = opt.Domain.centre(k) - opt.Domain.Radius
			opt.Hi[k] = opt.Domain.centre(k) + opt.Domain.Radius
		}
	}
	switch {
	case len(opt.Lo) != d:
		return nil, param.Errorf("landscapes.BasinMapOptions.Lo", "has dimension %d, want %d", len(opt.Lo), d)
	case len(opt.Hi) != d:
		return nil, param.Errorf("landscapes.BasinMapOptions.Hi", "has dimension %d, want %d", len(opt.Hi), d)
	}
	for k := range d {
		if !(opt.Lo[k] < opt.Hi[k]) || !finite(opt.Lo[k]) || !finite(opt.Hi[k]) {
			return nil, param.ElemErrorf("landscapes.BasinMapOptions.Lo", k, "the search box side [Lo, Hi] must be finite and non-empty, got [%v, %v]", opt.Lo[k], opt.Hi[k])
		}
	}
	if opt.MergeTol <= 0 {
		opt.MergeTol = 0.01 * math.Sqrt(dist2(opt.Lo, opt.Hi))
	}
	if opt.Grid <= 0 {
		opt.Grid = map[bool]int{true: 41, false: 15}[d <= 2]
	}
	if opt.Directions <= 0 {
		opt.Directions = map[bool]int{true: 720, false: 2000}[d == 2]
	}
	if opt.CacheCells == 0 {
		opt.CacheCells = 512
	}
	m := &BasinMap{l: l, d: d, opt: opt}
	m.pool.New = func() any {
		// The basins are those of the projected flow, the η → 0 limit of
		// the projected recursion: a point whose unprojected flow would
		// leave K slides along the sphere instead. Tolerances loose enough
		// for speed, tight enough that the labels of a 30×30 grid on the
		// modified Himmelblau function agree with those at 1e-10/1e-8.
		f := NewFlow(l, opt.Domain)
		f.AbsTol, f.RelTol = 1e-8, 1e-6
		return &flowWork{flow: f, y: make([]float64, d), last: make([]float64, d)}
	}
	if opt.Minima != nil {
		for i, s := range opt.Minima {
			if err := s.validate(d); err != nil {
				return nil, &param.Error{Name: "landscapes.BasinMapOptions.Minima", Index: i, Err: err}
			}
			m.minima = append(m.minima, SegmentSet(s.A, s.B))
		}
	} else {
		sets, err := findMinima(ctx, l, opt)
		if err != nil {
			return nil, err
		}
		m.minima = sets
	}
	if len(m.minima) == 0 {
		return nil, param.Errorf(nameLandscape, "no minimum found in the domain")
	}
	n := len(m.minima)
	m.fmin = make([]float64, n)
	m.radius = make([]float64, n)
	m.core = make([]float64, n)
	m.stopR = make([]float64, n)
	for i, s := range m.minima {
		m.fmin[i] = l.Value(s.Centre())
		m.stopR[i] = 0.25 * opt.MergeTol
	}
	// The stop radius must not reach another set.
	for i := range n {
		for j := range n {
			if i != j {
				m.stopR[i] = math.Min(m.stopR[i], 0.25*m.minima[i].DistanceTo(m.minima[j]))
			}
		}
	}
	if d == 2 && opt.CacheCells > 0 {
		m.grid = newBasinGrid(opt.Lo, opt.Hi, opt.CacheCells)
	}
	for i := range n {
		var err error
		if m.radius[i], err = m.measureRadius(ctx, i); err != nil {
			return nil, err
		}
		m.core[i] = 0.98 * m.radius[i]
		m.stopR[i] = math.Max(m.stopR[i], m.core[i])
	}
	return m, nil
}

// Dim returns d.
func (m *BasinMap) Dim() int { return m.d }

// Landscape returns the loss.
func (m *BasinMap) Landscape() Landscape { return m.l }

// Domain returns the projection ball.
func (m *BasinMap) Domain() Ball { return m.opt.Domain }

// Minima returns the minimum sets (copies).
func (m *BasinMap) MinimumSets() []MinimumSet {
	out := make([]MinimumSet, len(m.minima))
	for i, s := range m.minima {
		out[i] = SegmentSet(s.A, s.B)
	}
	return out
}

// Radius returns r_i, the distance from minimum set i to the boundary of its
// basin Ω_i ∩ K: the least, over Directions directions (and, for a segment,
// 9 points along it, its ends included), of the distance along the ray to the first point not
// in Ω_i, found by a scan of 64 steps and bisection to 1e-10. The projection
// edge is not a boundary (a point beyond it is located by its projection),
// so r_i is +Inf when Ω_i fills K.
func (m *BasinMap) Radius(i int) float64 { return m.radius[i] }

// Core returns 0.98·r_i: the points within it of minimum set i are in Ω_i
// (up to the angular resolution of the radial bisection).
func (m *BasinMap) Core(i int) float64 { return m.core[i] }

// Locate returns the basin of x (of Π(x) outside the domain), or NoBasin
// when the flow from x does not come close to a minimum set.
func (m *BasinMap) Locate(x []float64) int {
	for i, s := range m.minima {
		if m.core[i] > 0 && s.Dist2(x) < m.core[i]*m.core[i] {
			return i
		}
	}
	w := m.pool.Get().(*flowWork)
	defer m.pool.Put(w)
	copy(w.y, x)
	m.opt.Domain.Project(w.y)
	if m.grid != nil {
		if lab, ok := m.grid.lookup(m, w.y); ok {
			return lab
		}
	}
	return m.classify(w, w.y)
}

// Classify returns the basin of x by the flow alone (no cache, no core
// test except the flow's stopping rule): the index of the first minimum set
// the projected flow from Π(x) comes within its stopping radius of, or
// NoBasin.
func (m *BasinMap) Classify(x []float64) int {
	w := m.pool.Get().(*flowWork)
	defer m.pool.Put(w)
	copy(w.y, x)
	m.opt.Domain.Project(w.y)
	return m.classify(w, w.y)
}

// classify flows y (overwritten) until it is within stopR of a set.
func (m *BasinMap) classify(w *flowWork, y []float64) int {
	found := NoBasin
	near := func(y []float64) bool {
		for i, s := range m.minima {
			if s.Dist2(y) < m.stopR[i]*m.stopR[i] {
				found = i
				return true
			}
		}
		return false
	}
	if near(y) {
		return found
	}
	// The flow may stall on the non-Lipschitz cut of a flat valley (the
	// modified Himmelblau function), where the integrator chatters across
	// the valley floor with an amplitude of about 1e-5: stop when the
	// states of 64 consecutive accepted steps all lie within
	// 10⁻³·MergeTol of the first of them.
	steps := 0
	last := w.last
	copy(last, y)
	spread := 0.0
	stall := 1e-6 * m.opt.MergeTol * m.opt.MergeTol
	stop := func(y []float64) bool {
		if near(y) {
			return true
		}
		spread = math.Max(spread, dist2(y, last))
		steps++
		if steps%64 == 0 {
			if spread < stall {
				return true
			}
			copy(last, y)
			spread = 0
		}
		return false
	}
	if _, ok := w.flow.Run(y, math.Inf(1), stop, nil); ok && found != NoBasin {
		return found
	}
	// The flow stopped at a critical point or ran out of steps: accept the
	// nearest set if it is within the merge tolerance.
	best, bd := NoBasin, m.opt.MergeTol
	for i, s := range m.minima {
		if dd := s.Dist(y); dd < bd {
			best, bd = i, dd
		}
	}
	return best
}

// BoundaryDistance returns the distance s from p along the unit direction
// dir to the first point p + s·dir that is not in basin i, searching
// s ∈ (0, smax] by a scan of 64 equal steps refined by bisection to 1e-10;
// +Inf if the whole ray stays in Ω_i.
func (m *BasinMap) BoundaryDistance(p, dir []float64, i int, smax float64) float64 {
	x := make([]float64, m.d)
	at := func(s float64) int {
		for k := range x {
			x[k] = p[k] + s*dir[k]
		}
		return m.Locate(x)
	}
	const steps = 64
	h := smax / steps
	prev := 0.0
	for k := 1; k <= steps; k++ {
		s := float64(k) * h
		if at(s) != i {
			lo, hi := prev, s
			for hi-lo > 1e-10*(1+hi) {
				mid := 0.5 * (lo + hi)
				if at(mid) == i {
					lo = mid
				} else {
					hi = mid
				}
			}
			return hi
		}
		prev = s
	}
	return math.Inf(1)
}

// measureRadius computes r_i by radial bisection over directions: every
// ray is scanned in 64 equal steps up to the best distance so far (the
// first ray up to the box diagonal), and only the rays whose first step
// outside Ω_i is within one step of the best are refined by bisection.
// It returns ctx.Err() once ctx is cancelled (checked before each ray).
func (m *BasinMap) measureRadius(ctx context.Context, i int) (float64, error) {
	s := m.minima[i]
	dirs := UnitDirections(m.d, m.opt.Directions)
	pts := 1
	if !s.IsPoint() {
		pts = 9
	}
	// Rays longer than the diameter of the box leave K: beyond it a point
	// is located by its projection, so the ray has nothing more to see.
	smax := math.Sqrt(dist2(m.opt.Lo, m.opt.Hi))
	const steps = 64
	type ray struct {
		p, dir []float64
		coarse float64 // first scanned distance outside Ω_i
		h      float64 // scan step
	}
	var rays []ray
	best := math.Inf(1)
	x := make([]float64, m.d)
	for a := range pts {
		p := s.At(make([]float64, m.d), float64(a)/math.Max(1, float64(pts-1)))
		for _, dir := range dirs {
			if err := ctx.Err(); err != nil {
				return 0, err
			}
			lim := math.Min(smax, best)
			h := lim / steps
			for k := 1; k <= steps; k++ {
				sk := float64(k) * h
				for c := range x {
					x[c] = p[c] + sk*dir[c]
				}
				if m.Locate(x) != i {
					rays = append(rays, ray{p: p, dir: dir, coarse: sk, h: h})
					best = math.Min(best, sk)
					break
				}
			}
		}
	}
	r := math.Inf(1)
	for _, ry := range rays {
		if ry.coarse-ry.h > best || ry.coarse-ry.h > r {
			continue
		}
		lo, hi := ry.coarse-ry.h, ry.coarse
		at := func(sv float64) int {
			for c := range x {
				x[c] = ry.p[c] + sv*ry.dir[c]
			}
			return m.Locate(x)
		}
		for hi-lo > 1e-10*(1+hi) {
			mid := 0.5 * (lo + hi)
			if at(mid) == i {
				lo = mid
			} else {
				hi = mid
			}
		}
		r = math.Min(r, hi)
	}
	return r, nil
}
