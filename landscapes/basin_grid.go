package landscapes

import (
	"math"
	"sync/atomic"
)

// basinGrid is the lazily filled 2-D cache of basin labels of a BasinMap:
// the label of each node of a (cells+1)² grid over the box [lo, hi], computed
// by the flow on first use. A point whose cell has four corners with the
// same label gets that label. Labels are stored atomically (label + 2, so
// that 0 means "not computed"); two goroutines computing the same node store
// the same value.
type basinGrid struct {
	lo, hi [2]float64
	h      [2]float64
	cells  int
	labels []atomic.Int32
}

func newBasinGrid(lo, hi []float64, cells int) *basinGrid {
	g := &basinGrid{cells: cells, labels: make([]atomic.Int32, (cells+1)*(cells+1))}
	for k := range 2 {
		g.lo[k], g.hi[k] = lo[k], hi[k]
		g.h[k] = (hi[k] - lo[k]) / float64(cells)
	}
	return g
}

// node returns the label of node (a, b), computing it if needed.
func (g *basinGrid) node(m *BasinMap, a, b int) int {
	idx := a*(g.cells+1) + b
	if v := g.labels[idx].Load(); v != 0 {
		return int(v) - 2
	}
	w := m.pool.Get().(*flowWork)
	w.y[0] = g.lo[0] + float64(a)*g.h[0]
	w.y[1] = g.lo[1] + float64(b)*g.h[1]
	m.opt.Domain.Project(w.y)
	lab := m.classify(w, w.y)
	m.pool.Put(w)
	g.labels[idx].Store(int32(lab + 2))
	return lab
}

// lookup returns the label of the cell containing x when its four corners
// agree (and are a basin), and ok = false otherwise or outside the box.
func (g *basinGrid) lookup(m *BasinMap, x []float64) (int, bool) {
	u := (x[0] - g.lo[0]) / g.h[0]
	v := (x[1] - g.lo[1]) / g.h[1]
	if !(u >= 0 && v >= 0 && u < float64(g.cells) && v < float64(g.cells)) {
		return 0, false
	}
	a, b := int(math.Floor(u)), int(math.Floor(v))
	lab := g.node(m, a, b)
	if lab == NoBasin || g.node(m, a+1, b) != lab || g.node(m, a, b+1) != lab || g.node(m, a+1, b+1) != lab {
		return 0, false
	}
	return lab, true
}
