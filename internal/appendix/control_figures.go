package appendix

import (
	"fmt"
	"image/color"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/htsgd/htsgd/control"
)

// Figure file names of the control section.
const (
	figControlMethods = "control-methods"
	figControlSweep   = "control-sweep"
)

// controlColor is the colour of a method: the paper's variants in the
// colour of the truncated 1-D series, the untruncated one in that of b = ∞,
// the rest black.
func controlColor(m string) color.Color {
	switch m {
	case "ours-1", "ours-2":
		return colorOf("b=0.5")
	case "sb-noise":
		return colorOf("b=inf")
	}
	return black
}

// plotControlMethods draws, per method, the mean test accuracy and the
// mean expected sharpness with their 95% intervals (two panels).
func plotControlMethods(res *results) (grid, error) {
	rep := res.control
	panel := func(title, ylabel string, get func(control.MethodRow) control.Interval, scale float64) (*plot.Plot, error) {
		p := newPlot(title, "method", ylabel)
		var ticks []plot.Tick
		lo, hi := math.Inf(1), math.Inf(-1)
		for i, r := range rep.Table {
			x := float64(i)
			ticks = append(ticks, plot.Tick{Value: x, Label: r.Method})
			m, l, h := ivPtrs(get(r), scale)
			if m == nil {
				continue
			}
			c := controlColor(r.Method)
			if l != nil && h != nil {
				p.Add(errorBars([]float64{x}, []float64{*m}, []float64{*l}, []float64{*h}, c, vg.Points(4)))
				lo, hi = math.Min(lo, *l), math.Max(hi, *h)
			}
			lo, hi = math.Min(lo, *m), math.Max(hi, *m)
			sc, err := points(plotter.XYs{{X: x, Y: *m}}, c, draw.CircleGlyph{}, vg.Points(3))
			if err != nil {
				return nil, err
			}
			p.Add(sc)
		}
		if math.IsInf(lo, 0) {
			return nil, fmt.Errorf("control: no value to draw for %s", title)
		}
		pad := 0.08 * math.Max(hi-lo, 1e-9)
		p.Y.Min, p.Y.Max = lo-pad, hi+pad
		p.X.Min, p.X.Max = -0.6, float64(len(rep.Table))-0.4
		p.X.Tick.Marker = plot.ConstantTicks(ticks)
		return p, nil
	}
	acc, err := panel("Test accuracy (mean, 95% CI)", "test accuracy (%)", func(r control.MethodRow) control.Interval { return r.TestAccuracy }, 100)
	if err != nil {
		return grid{}, err
	}
	sh, err := panel("Expected sharpness (mean, 95% CI)", "E|L(θ+ν) − L(θ)|", func(r control.MethodRow) control.Interval { return r.Sharpness }, 1)
	if err != nil {
		return grid{}, err
	}
	return grid{[][]*plot.Plot{{acc, sh}}, 9 * vg.Inch, 3.6 * vg.Inch, figControlMethods}, nil
}

// sweepGrid is the b × α sweep as a plotter.GridXYZ: columns α, rows b (by
// index), values the mean test accuracy in percent.
type sweepGrid struct {
	b, alpha []float64
	acc      map[[2]float64]float64
}

func (g sweepGrid) Dims() (c, r int)   { return len(g.alpha), len(g.b) }
func (g sweepGrid) X(c int) float64    { return float64(c) }
func (g sweepGrid) Y(r int) float64    { return float64(r) }
func (g sweepGrid) Z(c, r int) float64 { return g.acc[[2]float64{g.b[r], g.alpha[c]}] }

// plotControlSweep draws the heat map of the sweep's mean test accuracy
// over b × α, each cell labelled with its value.
func plotControlSweep(res *results) (grid, error) {
	rep := res.control
	g := sweepGrid{b: rep.Spec.Sweep.B, alpha: rep.Spec.Sweep.Alpha, acc: map[[2]float64]float64{}}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, c := range rep.Sweep {
		v := 100 * float64(c.TestAccuracy.Mean)
		g.acc[[2]float64{c.B, c.Alpha}] = v
		if !math.IsNaN(v) {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	if math.IsInf(lo, 0) {
		return grid{}, fmt.Errorf("control: no sweep value to draw")
	}
	pal := moreland.SmoothBlueRed().Palette(64)
	p := newPlot("Sensitivity of "+rep.Spec.Sweep.Method+": mean test accuracy (%)", "α", "b")
	hm := plotter.NewHeatMap(g, pal)
	hm.Min, hm.Max = lo, math.Max(hi, lo+1e-9)
	hm.NaN = color.Gray{Y: 220}
	p.Add(hm)
	var xy plotter.XYs
	var labels []string
	for r := range g.b {
		for c := range g.alpha {
			xy = append(xy, plotter.XY{X: float64(c), Y: float64(r)})
			v := g.Z(c, r)
			if math.IsNaN(v) {
				labels = append(labels, "–")
			} else {
				labels = append(labels, strconv.FormatFloat(v, 'f', 2, 64))
			}
		}
	}
	lb, err := plotter.NewLabels(plotter.XYLabels{XYs: xy, Labels: labels})
	if err != nil {
		return grid{}, err
	}
	for i := range lb.TextStyle {
		lb.TextStyle[i].XAlign, lb.TextStyle[i].YAlign = -0.5, -0.5
		lb.TextStyle[i].Font.Size = vg.Points(9)
	}
	p.Add(lb)
	var xt, yt []plot.Tick
	for c, a := range g.alpha {
		xt = append(xt, plot.Tick{Value: float64(c), Label: exact(a)})
	}
	for r, b := range g.b {
		yt = append(yt, plot.Tick{Value: float64(r), Label: exact(b)})
	}
	p.X.Tick.Marker, p.Y.Tick.Marker = plot.ConstantTicks(xt), plot.ConstantTicks(yt)
	p.X.Min, p.X.Max = -0.5, float64(len(g.alpha))-0.5
	p.Y.Min, p.Y.Max = -0.5, float64(len(g.b))-0.5
	return grid{[][]*plot.Plot{{p}}, 5 * vg.Inch, 4 * vg.Inch, figControlSweep}, nil
}
