package appendix

import (
	"fmt"
	"image/color"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/htsgd/htsgd/report"
)

// Figure file names of the R² section.
const (
	figHimmelblauTime = "fig-rd-time"
	figHimmelblauMap  = "fig-rd-map"
)

// basinColors are the colours of the basins by their paper number (pale,
// under the paths).
var (
	basinColors = []color.Color{
		color.RGBA{R: 253, G: 234, B: 196, A: 255}, // Ω_1
		color.RGBA{R: 214, G: 228, B: 243, A: 255}, // Ω_2
		color.RGBA{R: 247, G: 214, B: 214, A: 255}, // Ω_3
		color.RGBA{R: 224, G: 216, B: 238, A: 255}, // Ω_4
	}
)

// runColor is the colour of a run by its threshold: that of the 1-D
// series b = 0.5 for the clipped run, of b = ∞ for the unclipped one.
func runColor(b *float64) color.Color {
	if b == nil {
		return colorOf("b=inf")
	}
	return colorOf("b=0.5")
}

// omegaLabel names a set by its paper basin in figure text: "Ω2".
func (r *himmelblauResults) omegaLabel(i int) string {
	return "Ω" + strconv.Itoa(r.theory.Sets[i].Paper)
}

// plotHimmelblauTime draws the time per basin of both runs (means with 95%
// intervals across paths, log scale) against the first-order estimate and
// the limit π (short solid and dashed bars).
func plotHimmelblauTime(res *results) (grid, error) {
	r := res.himmelblau
	cl, un := r.clipped, r.unclipped
	p := newPlot(fmt.Sprintf("Time per basin, modified Himmelblau, η = %s", strconv.FormatFloat(cl.Eta, 'g', -1, 64)),
		"basin (J at b = "+strconv.FormatFloat(r.theory.B, 'g', -1, 64)+")", "fraction of steps in the basin")
	decadeAxis(&p.Y)
	// The frame's bottom: a decade below the smallest positive number drawn.
	lo := 1.0
	for _, run := range []*report.DynamicsRun{cl, un} {
		for _, s := range run.Sets {
			for _, v := range []*float64{s.Basin.Estimate, s.Basin.Low, s.FirstOrder, s.Stationary} {
				if v != nil && *v > 0 {
					lo = math.Min(lo, *v)
				}
			}
		}
	}
	yMin := math.Pow(10, math.Floor(math.Log10(lo)))
	clamp := func(v *float64) float64 {
		if v == nil || *v < yMin {
			return yMin
		}
		return *v
	}
	const off, half = 0.2, 0.12
	var ticks []plot.Tick
	for k, i := range r.order {
		x := float64(k + 1)
		ticks = append(ticks, plot.Tick{Value: x, Label: fmt.Sprintf("%s (J = %d)", r.omegaLabel(i), r.theory.Clipped.Jump[i])})
	}
	p.X.Tick.Marker = plot.ConstantTicks(ticks)
	p.X.Min, p.X.Max = 0.4, float64(len(r.order))+0.6
	p.Y.Min, p.Y.Max = yMin, 1
	for vi, run := range []*report.DynamicsRun{cl, un} {
		c := runColor(run.B)
		dx := -off
		shape := draw.GlyphDrawer(draw.CircleGlyph{})
		if vi == 1 {
			dx, shape = off, draw.BoxGlyph{}
		}
		var x, y, ylo, yhi []float64
		var xys plotter.XYs
		var first, limit []plotter.XYs
		for k, i := range r.order {
			s := run.Sets[i]
			xc := float64(k+1) + dx
			m := clamp(s.Basin.Estimate)
			x, y = append(x, xc), append(y, m)
			ylo, yhi = append(ylo, clamp(s.Basin.Low)), append(yhi, math.Max(clamp(s.Basin.High), m))
			xys = append(xys, plotter.XY{X: xc, Y: m})
			if vi == 0 && s.FirstOrder != nil && *s.FirstOrder > 0 {
				first = append(first, plotter.XYs{{X: xc - half, Y: *s.FirstOrder}, {X: xc + half, Y: *s.FirstOrder}})
			}
			if s.Stationary != nil && *s.Stationary > 0 {
				// Wider than the first-order bars, which often hide them.
				limit = append(limit, plotter.XYs{{X: xc - 1.5*half, Y: *s.Stationary}, {X: xc + 1.5*half, Y: *s.Stationary}})
			}
		}
		sc, err := points(xys, c, shape, vg.Points(3))
		if err != nil {
			return grid{}, err
		}
		p.Add(errorBars(x, y, ylo, yhi, c, vg.Points(3)), sc)
		p.Legend.Add("simulated, "+clipName(run.B), sc)
		for k, seg := range first {
			l, err := line(seg, c, vg.Points(2), false)
			if err != nil {
				return grid{}, err
			}
			p.Add(l)
			if k == 0 {
				p.Legend.Add("first order, "+clipName(run.B), l)
			}
		}
		for k, seg := range limit {
			l, err := line(seg, c, vg.Points(1.2), true)
			if err != nil {
				return grid{}, err
			}
			p.Add(l)
			if k == 0 {
				p.Legend.Add("limit π, "+clipName(run.B), l)
			}
		}
	}
	p.Legend.Top, p.Legend.Left = false, true
	return grid{[][]*plot.Plot{{p}}, 6 * vg.Inch, 4.2 * vg.Inch, figHimmelblauTime}, nil
}

// clipName names a run by its threshold: "b = 2.15" or "no clipping".
func clipName(b *float64) string {
	if b == nil {
		return "no clipping"
	}
	return "b = " + strconv.FormatFloat(*b, 'g', -1, 64)
}

// basinCells is a plotter that paints the basin labels of the map's grid,
// one cell of the grid's spacing per point, coloured pal[label] (nothing
// off every basin), as runs of equal labels along each row: vector shapes
// that look the same in PNG and PDF (gonum's PDF canvas draws images
// upside down) and stay small.
type basinCells struct {
	m   *HimmelblauMapFile
	pal []color.Color
}

// Plot implements plot.Plotter.
func (b basinCells) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, trY := plt.Transforms(&c)
	g := b.m.Grid
	n := len(g)
	h := (g[n-1] - g[0]) / float64(n-1) / 2
	for r := range n {
		// Rows overlap by a fifth of a cell so that no seam shows.
		y0, y1 := trY(g[r]-1.2*h), trY(g[r]+1.2*h)
		for c0 := 0; c0 < n; {
			lab, c1 := b.m.Basin[r][c0], c0
			for c1+1 < n && b.m.Basin[r][c1+1] == lab {
				c1++
			}
			if lab >= 0 && lab < len(b.pal) {
				x0, x1 := trX(g[c0]-1.2*h), trX(g[c1]+1.2*h)
				c.FillPolygon(b.pal[lab], []vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}})
			}
			c0 = c1 + 1
		}
	}
}

// discMask is a plotter that paints the square [lo, hi]² white outside the
// disc of radius R centred at the origin: one path, the square
// counter-clockwise and the circle clockwise, so that the disc is a hole
// under either fill rule.
type discMask struct{ R, lo, hi float64 }

// Plot implements plot.Plotter.
func (d discMask) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, trY := plt.Transforms(&c)
	var path vg.Path
	path.Move(vg.Point{X: trX(d.lo), Y: trY(d.lo)})
	path.Line(vg.Point{X: trX(d.hi), Y: trY(d.lo)})
	path.Line(vg.Point{X: trX(d.hi), Y: trY(d.hi)})
	path.Line(vg.Point{X: trX(d.lo), Y: trY(d.hi)})
	path.Close()
	for t := 0; t <= 720; t++ {
		a := -2 * math.Pi * float64(t) / 720
		pt := vg.Point{X: trX(d.R * math.Cos(a)), Y: trY(d.R * math.Sin(a))}
		if t == 0 {
			path.Move(pt)
		} else {
			path.Line(pt)
		}
	}
	path.Close()
	c.SetColor(color.White)
	c.Fill(path)
}

// lossLevels are the contour levels of f.
var lossLevels = []float64{0.25, 0.5, 1, 2, 4, 8, 16, 32, 64}

// plotHimmelblauMap draws, for each run, the basin map with contours of f, the
// minimizers with their visiting circles, and the thinned path of replica
// 0.
func plotHimmelblauMap(res *results) (grid, error) {
	r := res.himmelblau
	m := &r.m
	pal := make([]color.Color, len(r.theory.Sets))
	for i, s := range r.theory.Sets {
		pal[i] = basinColors[(s.Paper-1)%len(basinColors)]
	}
	var row []*plot.Plot
	for k, pa := range m.Paths {
		p := newPlot(panelLetter(k)+clipName(pa.B), "x", "y")
		ct := newContours(m.Grid, m.Loss, lossLevels, draw.LineStyle{Color: color.Gray{Y: 150}, Width: vg.Points(0.4)})
		// The contours outside the disc are covered in white.
		p.Add(basinCells{m, pal}, ct, discMask{m.DomainRadius, m.Grid[0], m.Grid[len(m.Grid)-1]})
		var circle plotter.XYs
		for t := 0; t <= 360; t++ {
			a := float64(t) * math.Pi / 180
			circle = append(circle, plotter.XY{X: m.DomainRadius * math.Cos(a), Y: m.DomainRadius * math.Sin(a)})
		}
		dl, err := line(circle, black, vg.Points(0.8), false)
		if err != nil {
			return grid{}, err
		}
		p.Add(dl)
		var xys plotter.XYs
		for j := range pa.X {
			xys = append(xys, plotter.XY{X: pa.X[j], Y: pa.Y[j]})
		}
		if len(xys) > 0 {
			c := color.NRGBAModel.Convert(runColor(pa.B)).(color.NRGBA)
			c.A = 110
			sc, err := points(xys, c, draw.BoxGlyph{}, vg.Points(0.8))
			if err != nil {
				return grid{}, err
			}
			p.Add(sc)
		}
		if err := addMinima(p, r); err != nil {
			return grid{}, err
		}
		st, err := points(plotter.XYs{{X: r.theory.Start[0], Y: r.theory.Start[1]}}, red, draw.CrossGlyph{}, vg.Points(4))
		if err != nil {
			return grid{}, err
		}
		p.Add(st)
		p.X.Min, p.X.Max = m.Grid[0], m.Grid[len(m.Grid)-1]
		p.Y.Min, p.Y.Max = m.Grid[0], m.Grid[len(m.Grid)-1]
		row = append(row, p)
	}
	if len(row) == 0 {
		return grid{}, fmt.Errorf("rd map: no path")
	}
	return grid{[][]*plot.Plot{row}, vg.Length(len(row)) * 3.4 * vg.Inch, 3.6 * vg.Inch, figHimmelblauMap}, nil
}

// addMinima draws the sets of minimizers (points, segments as segments),
// the boundary of their visiting neighbourhoods (dashed: a circle, or a
// stadium around a segment) and their paper names.
func addMinima(p *plot.Plot, r *himmelblauResults) error {
	rad := r.theory.VisitRadius
	var pts plotter.XYs
	var labels plotter.XYLabels
	for i, s := range r.theory.Sets {
		a, b := s.A, s.B
		if s.Kind != SetSegment || b == nil {
			b = a
			pts = append(pts, plotter.XY{X: a[0], Y: a[1]})
		} else {
			seg, err := line(plotter.XYs{{X: a[0], Y: a[1]}, {X: b[0], Y: b[1]}}, black, vg.Points(2.5), false)
			if err != nil {
				return err
			}
			p.Add(seg)
		}
		nb, err := line(stadium(a, b, rad), black, vg.Points(0.7), true)
		if err != nil {
			return err
		}
		p.Add(nb)
		cx, cy := (a[0]+b[0])/2, (a[1]+b[1])/2
		labels.XYs = append(labels.XYs, plotter.XY{X: cx + 0.35, Y: cy + rad + 0.1})
		labels.Labels = append(labels.Labels, r.omegaLabel(i))
	}
	if len(pts) > 0 {
		sc, err := points(pts, black, draw.CircleGlyph{}, vg.Points(2.2))
		if err != nil {
			return err
		}
		p.Add(sc)
	}
	lb, err := plotter.NewLabels(labels)
	if err != nil {
		return err
	}
	for i := range lb.TextStyle {
		lb.TextStyle[i].Font.Size = vg.Points(9)
	}
	p.Add(lb)
	return nil
}

// stadium returns the closed curve at distance rad from the segment [a, b]
// of the plane (a circle when a = b).
func stadium(a, b []float64, rad float64) plotter.XYs {
	dx, dy := b[0]-a[0], b[1]-a[1]
	th := math.Atan2(dy, dx)
	var out plotter.XYs
	// Half circle around b from θ − π/2 to θ + π/2, then around a.
	for _, end := range []struct {
		c     []float64
		start float64
	}{{b, th - math.Pi/2}, {a, th + math.Pi/2}} {
		for t := 0; t <= 90; t++ {
			u := end.start + math.Pi*float64(t)/90
			out = append(out, plotter.XY{X: end.c[0] + rad*math.Cos(u), Y: end.c[1] + rad*math.Sin(u)})
		}
	}
	return append(out, out[0])
}
