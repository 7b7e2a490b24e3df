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
)

// figQuadratic is the file name of the 2-D quadratic exit figure.
const figQuadratic = "fig-rd-exit-ratio"

// jumpColor is the colour of a series by its jump number (the colours of
// the 1-D series with J = 2 and J = 3, so that J reads alike).
func jumpColor(J int) color.Color {
	switch J {
	case 1:
		return colorOf("b=0.5")
	case 2:
		return colorOf("b=0.28")
	}
	return black
}

// seriesShift is the factor by which series k's step sizes are shifted in
// the figure, so that the bars of series at the same η do not overlap.
func seriesShift(k, n int) float64 {
	return math.Pow(1.08, float64(k)-float64(n-1)/2)
}

// plotQuadratic draws R(η) against η (log scale) with the 95% intervals, one
// series per jump number, the limit R = 1 (dashed) and R = 0.9, 1.1
// (dotted).
func plotQuadratic(res *results) (grid, error) {
	f := res.quadratic
	p := newPlot("2-D quadratic well: measured over predicted mean exit time", "step size η", "R(η) = mean τ · C* η λ(η)^J")
	decadeAxis(&p.X)
	etaMin, etaMax, yMax := math.Inf(1), 0.0, 1+tenPercent
	for _, s := range f.Series {
		for _, pt := range trendPoints(s.Cells) {
			etaMin, etaMax, yMax = math.Min(etaMin, pt.eta), math.Max(etaMax, pt.eta), math.Max(yMax, pt.hi)
		}
	}
	if etaMax == 0 {
		return grid{}, fmt.Errorf("quadratic exits: no ratio to draw")
	}
	x0, x1 := etaMin/1.6, etaMax*1.6
	for _, ref := range []struct {
		y      float64
		dashes []vg.Length
	}{{1, []vg.Length{vg.Points(4), vg.Points(3)}}, {1 - tenPercent, []vg.Length{vg.Points(1), vg.Points(2)}}, {1 + tenPercent, []vg.Length{vg.Points(1), vg.Points(2)}}} {
		l, err := line(plotter.XYs{{X: x0, Y: ref.y}, {X: x1, Y: ref.y}}, grey, vg.Points(0.8), false)
		if err != nil {
			return grid{}, err
		}
		l.Dashes = ref.dashes
		p.Add(l)
		if ref.y == 1 {
			p.Legend.Add("limit R = 1", l)
		} else if ref.y > 1 {
			p.Legend.Add("R = 1 ± 10%", l)
		}
	}
	for k, s := range f.Series {
		c := jumpColor(s.J)
		shift := seriesShift(k, len(f.Series))
		var x, y, lo, hi []float64
		var xys plotter.XYs
		for _, pt := range trendPoints(s.Cells) {
			xs := pt.eta * shift
			x, y, lo, hi = append(x, xs), append(y, pt.r), append(lo, pt.lo), append(hi, pt.hi)
			xys = append(xys, plotter.XY{X: xs, Y: pt.r})
		}
		if len(xys) == 0 {
			continue
		}
		join, err := line(xys, c, vg.Points(0.6), false)
		if err != nil {
			return grid{}, err
		}
		sc, err := points(xys, c, draw.CircleGlyph{}, vg.Points(2.5))
		if err != nil {
			return grid{}, err
		}
		p.Add(join, errorBars(x, y, lo, hi, c, vg.Points(3)), sc)
		p.Legend.Add(fmt.Sprintf("J = %d (b = %s)", s.J, strconv.FormatFloat(s.B, 'g', -1, 64)), sc)
	}
	p.X.Min, p.X.Max = x0, x1
	// Room above R = 1.1 for the legend (top right, where the ratios of
	// the largest η sit well below 1).
	p.Y.Min, p.Y.Max = 0, math.Max(yMax*1.05, 1.45)
	p.Y.Tick.Marker = linearTicks{step: 0.2}
	p.Legend.Top, p.Legend.Left = true, false
	return grid{[][]*plot.Plot{{p}}, 6 * vg.Inch, 4.2 * vg.Inch, figQuadratic}, nil
}

// linearTicks marks the multiples of step on a linear axis (labelled) and
// the midpoints between them; step grows 2.5-fold until at most 10 labels
// remain.
type linearTicks struct{ step float64 }

// Ticks implements plot.Ticker.
func (t linearTicks) Ticks(lo, hi float64) []plot.Tick {
	st := t.step
	for (hi-lo)/st > 10 {
		st *= 2.5
	}
	var out []plot.Tick
	for k := math.Ceil(2 * lo / st); k/2*st <= hi+1e-12; k++ {
		v := k / 2 * st
		tk := plot.Tick{Value: v}
		if math.Mod(k, 2) == 0 {
			tk.Label = strconv.FormatFloat(math.Round(v*1e9)/1e9, 'g', -1, 64)
		}
		out = append(out, tk)
	}
	return out
}
