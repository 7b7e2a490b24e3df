package appendix

import (
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// contours is a plotter of the level lines of a function sampled on a
// square grid, by marching squares, that leaves out the cells across which
// the function jumps: a discontinuity is no level set, but a contour
// algorithm that interpolates across it draws a line along it (the edges of
// the cut rectangle of the modified Himmelblau function, where f jumps from
// the cut to h_φ, came out as straight lines next to Ω_2). Its output is a
// function of the grid only, so the figure is reproducible.
type contours struct {
	style draw.LineStyle
	// segments are the pieces of level lines, each two points in data
	// coordinates.
	segments [][2][2]float64
}

// jumpRatio and jumpFloor decide that the function jumps across a grid
// edge: its difference there exceeds jumpRatio times the larger difference
// on the neighbouring edges in line with it, and jumpFloor times the
// smallest level. For a smooth function consecutive differences agree to
// O(h²) (the middle one lies near their mean), so only a discontinuity
// makes one stand out by a factor 4; the floor keeps the rounding of the
// stored values (4 significant digits) on flat ground from counting.
const (
	jumpRatio = 4
	jumpFloor = 0.01
)

// newContours returns the level lines at levels of z on the grid: z[r][c]
// is the value at (grid[c], grid[r]).
func newContours(grid []float64, z [][]float64, levels []float64, style draw.LineStyle) contours {
	n := len(grid)
	floor := jumpFloor * levels[0]
	for _, l := range levels {
		floor = min(floor, jumpFloor*l)
	}
	// jumps reports whether the function jumps between v1 and v2, with v0
	// before and v3 after them on the same line (NaN: off the grid).
	jumps := func(v0, v1, v2, v3 float64) bool {
		d := math.Abs(v2 - v1)
		near := 0.0
		for _, e := range []float64{v1 - v0, v3 - v2} {
			if !math.IsNaN(e) {
				near = max(near, math.Abs(e))
			}
		}
		return d > floor && d > jumpRatio*near
	}
	at := func(r, c int) float64 {
		if r < 0 || c < 0 || r >= n || c >= n {
			return math.NaN()
		}
		return z[r][c]
	}
	// A cell is drawn when none of its four edges jumps.
	smooth := func(r, c int) bool {
		return !jumps(at(r, c-1), at(r, c), at(r, c+1), at(r, c+2)) &&
			!jumps(at(r+1, c-1), at(r+1, c), at(r+1, c+1), at(r+1, c+2)) &&
			!jumps(at(r-1, c), at(r, c), at(r+1, c), at(r+2, c)) &&
			!jumps(at(r-1, c+1), at(r, c+1), at(r+1, c+1), at(r+2, c+1))
	}
	out := contours{style: style}
	for r := 0; r+1 < n; r++ {
		for c := 0; c+1 < n; c++ {
			if !smooth(r, c) {
				continue
			}
			for _, l := range levels {
				out.segments = append(out.segments, cellSegments(grid[c], grid[c+1], grid[r], grid[r+1],
					z[r][c], z[r][c+1], z[r+1][c+1], z[r+1][c], l)...)
			}
		}
	}
	return out
}

// cellSegments returns the pieces of the level line l in the cell
// [x0, x1] × [y0, y1] with corner values a (x0, y0), b (x1, y0), c (x1, y1)
// and d (x0, y1), by marching squares: the line crosses each edge whose ends
// lie on either side of l, at the point of linear interpolation; a cell
// crossed on all four edges (a saddle) joins them as the mean of the
// corners decides.
func cellSegments(x0, x1, y0, y1, a, b, c, d, l float64) [][2][2]float64 {
	// The crossing points of the edges bottom, right, top, left.
	cross := func(p0, p1 [2]float64, v0, v1 float64) ([2]float64, bool) {
		if (v0 < l) == (v1 < l) {
			return [2]float64{}, false
		}
		t := (l - v0) / (v1 - v0)
		return [2]float64{p0[0] + t*(p1[0]-p0[0]), p0[1] + t*(p1[1]-p0[1])}, true
	}
	pa, pb, pc, pd := [2]float64{x0, y0}, [2]float64{x1, y0}, [2]float64{x1, y1}, [2]float64{x0, y1}
	var pts [][2]float64
	for _, e := range []struct {
		p0, p1 [2]float64
		v0, v1 float64
	}{{pa, pb, a, b}, {pb, pc, b, c}, {pc, pd, c, d}, {pd, pa, d, a}} {
		if p, ok := cross(e.p0, e.p1, e.v0, e.v1); ok {
			pts = append(pts, p)
		}
	}
	switch len(pts) {
	case 2:
		return [][2][2]float64{{pts[0], pts[1]}}
	case 4:
		// A saddle: the corners a and c lie on one side of l, b and d on
		// the other. If the centre is on a's side, the a–c diagonal is
		// connected and the lines cut off b and d; else they cut off a
		// and c.
		if ((a+b+c+d)/4 < l) == (a < l) {
			return [][2][2]float64{{pts[0], pts[1]}, {pts[2], pts[3]}}
		}
		return [][2][2]float64{{pts[3], pts[0]}, {pts[1], pts[2]}}
	}
	return nil
}

// Plot implements plot.Plotter.
func (ct contours) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, trY := plt.Transforms(&c)
	lines := make([][]vg.Point, len(ct.segments))
	for i, s := range ct.segments {
		lines[i] = []vg.Point{{X: trX(s[0][0]), Y: trY(s[0][1])}, {X: trX(s[1][0]), Y: trY(s[1][1])}}
	}
	c.StrokeLines(ct.style, lines...)
}
