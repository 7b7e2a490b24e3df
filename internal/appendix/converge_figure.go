package appendix

import (
	"fmt"
	"image/color"
	"math"
	"path"
	"slices"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// figConverge is the file name of the figure of 1 − R against λ(η).
const figConverge = "fig-converge-bias"

// convergeFloor is the smallest |1 − R| drawn: intervals reaching 1 are
// cut there.
const convergeFloor = 1e-3

// alphaPalette colours a ladder by its α.
var alphaPalette = []struct {
	alpha float64
	c     color.Color
}{
	{1.2, color.RGBA{R: 217, G: 95, B: 2, A: 255}},
	{1.5, color.RGBA{R: 33, G: 102, B: 172, A: 255}},
	{1.8, color.RGBA{R: 27, G: 158, B: 119, A: 255}},
	{2, color.RGBA{R: 117, G: 112, B: 179, A: 255}},
	{3, color.RGBA{R: 231, G: 41, B: 138, A: 255}},
}

// alphaColor is the colour of α (black for another α).
func alphaColor(alpha float64) color.Color {
	for _, p := range alphaPalette {
		if math.Abs(p.alpha-alpha) < 1e-9 {
			return p.c
		}
	}
	return black
}

// darker returns c blended 45% towards black (a second ladder of the same α
// in a panel).
func darker(c color.Color) color.Color {
	r, g, b, _ := c.RGBA()
	f := func(v uint32) uint8 { return uint8(float64(v>>8) * 0.55) }
	return color.RGBA{R: f(r), G: f(g), B: f(b), A: 255}
}

// convergeGlyphs are the (filled, hollow) glyphs of a ladder: circles on
// the 1-D quadratic well, triangles on the paper's landscape (paper-1d),
// squares in R^d.
func convergeGlyphs(k convergeCase) (filled, hollow draw.GlyphDrawer) {
	switch {
	case k.Rep.Dimension > 1:
		return draw.BoxGlyph{}, draw.SquareGlyph{}
	case strings.Contains(k.Rep.ScenarioTOML, `kind = "paper-1d"`):
		return draw.PyramidGlyph{}, draw.TriangleGlyph{}
	}
	return draw.CircleGlyph{}, draw.RingGlyph{}
}

// plotConverge draws |1 − R| against λ(η) on log-log axes with the
// look-level intervals, one panel per jump number, one line per ladder
// (colour: α, darker for a second ladder of the same α in a panel;
// circles: the 1-D quadratic well, triangles: the paper's landscape,
// squares: R^d; filled: R < 1, hollow: R > 1; legend: the file);
// untrusted importance-sampled rungs are left out.
func plotConverge(res *results) (grid, error) {
	c := res.converge
	cases := append(sortedCases(c.Main), sortedCases(c.Figure)...)
	var js []int
	for _, k := range cases {
		if J := k.basin().Jump; len(k.basin().Rungs) > 0 && !slices.Contains(js, J) {
			js = append(js, J)
		}
	}
	if len(js) == 0 {
		return grid{}, fmt.Errorf("converge: no rung to draw")
	}
	slices.Sort(js)
	row := make([]*plot.Plot, len(js))
	for i, J := range js {
		p := newPlot(fmt.Sprintf("J = %d", J), "λ(η)", "|1 − R|")
		logAxes(p)
		yMax := 0.0
		used := map[color.Color]bool{}
		for _, k := range cases {
			b := k.basin()
			if b.Jump != J || len(b.Rungs) == 0 {
				continue
			}
			col := alphaColor(float64(k.Rep.Alpha))
			if used[col] {
				col = darker(col)
			}
			used[col] = true
			var x, y, lo, hi []float64
			var below, above plotter.XYs
			for _, r := range b.Rungs {
				if r.Rare != nil && len(r.Rare.Warnings) > 0 {
					continue
				}
				d := math.Max(math.Abs(1-r.Ratio), convergeFloor)
				l, h := 1-r.RatioHigh, 1-r.RatioLow
				if r.Ratio > 1 {
					l, h = r.RatioLow-1, r.RatioHigh-1
				}
				x, y = append(x, r.Lambda), append(y, d)
				lo, hi = append(lo, math.Max(l, convergeFloor)), append(hi, math.Max(h, convergeFloor))
				yMax = math.Max(yMax, h)
				if r.Ratio > 1 {
					above = append(above, plotter.XY{X: r.Lambda, Y: d})
				} else {
					below = append(below, plotter.XY{X: r.Lambda, Y: d})
				}
			}
			if len(x) == 0 {
				continue
			}
			xys := make(plotter.XYs, len(x))
			for j := range x {
				xys[j] = plotter.XY{X: x[j], Y: y[j]}
			}
			ln, err := line(xys, col, vg.Points(0.6), k.Rep.Dimension > 1)
			if err != nil {
				return grid{}, err
			}
			p.Add(ln, errorBars(x, y, lo, hi, col, vg.Points(2)))
			filled, hollow := convergeGlyphs(k)
			var legendGlyph *plotter.Scatter
			for _, g := range []struct {
				xys   plotter.XYs
				shape draw.GlyphDrawer
			}{{below, filled}, {above, hollow}} {
				if len(g.xys) == 0 {
					continue
				}
				sc, err := points(g.xys, col, g.shape, vg.Points(2.5))
				if err != nil {
					return grid{}, err
				}
				p.Add(sc)
				if legendGlyph == nil {
					legendGlyph = sc
				}
			}
			p.Legend.Add(fmt.Sprintf("%s (α %g, c %g)", path.Base(caseName(k)), float64(k.Rep.Alpha), k.Rep.NoiseScale), legendGlyph)
		}
		// The band ±5%: below it a ladder may converge.
		x0, x1 := p.X.Min, p.X.Max
		if band, err := line(plotter.XYs{{X: x0, Y: 0.05}, {X: x1, Y: 0.05}}, grey, vg.Points(0.8), true); err == nil {
			p.Add(band)
		}
		// A free decade above the data for the legend.
		p.Y.Min, p.Y.Max = convergeFloor, 10*math.Max(1, yMax*1.5)
		p.Legend.Top, p.Legend.Left = true, true
		p.Legend.TextStyle.Font.Size = vg.Points(6)
		row[i] = p
	}
	return grid{[][]*plot.Plot{row}, vg.Length(len(js)) * 3.2 * vg.Inch, 3.6 * vg.Inch, figConverge}, nil
}
