package appendix

import (
	"fmt"
	"image/color"
	"math"
	"slices"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// grid is a figure: plots in rows and columns on a page of w × h, saved as
// figures/<name>.pdf and .png.
type grid struct {
	plots [][]*plot.Plot
	w, h  vg.Length
	name  string
}

// figureFunc builds a figure.
type figureFunc func(r *results) (grid, error)

// saveFigure builds f and writes it as PNG and as PDF.
func saveFigure(r *results, dir string, f figureFunc) error {
	g, err := f(r)
	if err != nil {
		return err
	}
	if err := savePNG(g, dir); err != nil {
		return err
	}
	return savePDF(g, dir)
}

// figuresOf lists the figures of the results: those of the 1-D
// experiments, and those of each 2-D experiment the results have.
func figuresOf(r *results) []figureFunc {
	fs := []figureFunc{plotExitTimes, plotRatio, plotQQ, plotHistograms, plotTrajectories}
	if r.himmelblau != nil {
		fs = append(fs, plotHimmelblauTime, plotHimmelblauMap)
	}
	if r.quadratic != nil {
		fs = append(fs, plotQuadratic)
	}
	if r.converge != nil {
		fs = append(fs, plotConverge)
	}
	if r.control != nil {
		fs = append(fs, plotControlMethods)
		if len(r.control.Sweep) > 0 {
			fs = append(fs, plotControlSweep)
		}
	}
	return fs
}

// Figure file names (without extension) under figures/.
const (
	figExit  = "fig-exit-times"
	figRatio = "fig-ratio"
	figQQ    = "fig-qq"
	figHist  = "fig-histograms"
	figPaths = "fig-trajectories"
)

// plotExitTimes draws the paper's Figure 1 (right): mean first-exit time
// from Ω_2 against η with 95% intervals (hollow: cells with censored
// samples; triangles: rare-event estimates) and the computed prediction
// 1/(q η λ(η)^J) (dashed) over each series' η range, its rare-event
// estimates included.
func plotExitTimes(r *results) (grid, error) {
	p := newPlot("First exit from Ω1 of paper-1d (Pareto α = 1.2, c = 0.1)", "step size η", "mean exit time (steps)")
	logAxes(p)
	p.Legend.Top, p.Legend.Left = true, false
	for _, s := range r.exits.Series {
		c := colorOf(s.Label)
		tc, err := r.theory.caseByLabel(s.Label)
		if err != nil {
			return grid{}, err
		}
		var x, y, lo, hi []float64
		var full, cens plotter.XYs
		etaLo, etaHi := math.Inf(1), 0.0
		for _, cell := range s.Cells {
			etaLo, etaHi = math.Min(etaLo, cell.Eta), math.Max(etaHi, cell.Eta)
			if cell.MeanSteps == nil {
				continue
			}
			m := *cell.MeanSteps
			x, y = append(x, cell.Eta), append(y, m)
			lo = append(lo, value(cell.CILow, m))
			hi = append(hi, value(cell.CIHigh, m))
			if cell.Censored > 0 {
				cens = append(cens, plotter.XY{X: cell.Eta, Y: m})
			} else {
				full = append(full, plotter.XY{X: cell.Eta, Y: m})
			}
		}
		// The prediction runs over every point of the series, the
		// rare-event estimates below brute force's reach included.
		for _, f := range r.fits.Series {
			for _, pt := range f.Points {
				if f.Label == s.Label && pt.Source == SourceRare {
					etaLo, etaHi = math.Min(etaLo, pt.Eta), math.Max(etaHi, pt.Eta)
				}
			}
		}
		var curve plotter.XYs
		for i, eta := range r.theory.EtaGrid {
			if eta >= etaLo/1.5 && eta <= etaHi*1.5 {
				curve = append(curve, plotter.XY{X: eta, Y: tc.MeanExit[i]})
			}
		}
		ln, err := line(curve, c, vg.Points(1.2), true)
		if err != nil {
			return grid{}, err
		}
		p.Add(ln, errorBars(x, y, lo, hi, c, vg.Points(3)))
		sc, err := points(full, c, draw.CircleGlyph{}, vg.Points(2.5))
		if err != nil {
			return grid{}, err
		}
		p.Add(sc)
		p.Legend.Add(seriesName(s.B, s.Jump), sc, ln)
		if len(cens) > 0 {
			ring, err := points(cens, c, draw.RingGlyph{}, vg.Points(3))
			if err != nil {
				return grid{}, err
			}
			p.Add(ring)
		}
		if err := addRare(p, r, s.Label, c, false); err != nil {
			return grid{}, err
		}
	}
	return grid{[][]*plot.Plot{{p}}, 6 * vg.Inch, 4.2 * vg.Inch, figExit}, nil
}

// addRare adds a series' rare-event points (mean exit time, or R when
// ratio is true) as triangles with their intervals.
func addRare(p *plot.Plot, r *results, label string, c color.Color, ratio bool) error {
	for _, f := range r.fits.Series {
		if f.Label != label {
			continue
		}
		var x, y, lo, hi []float64
		var xys plotter.XYs
		for _, pt := range f.Points {
			if pt.Source != SourceRare {
				continue
			}
			k, xv := pt.Predicted, pt.Eta
			if ratio {
				k, xv = 1, pt.Lambda
			}
			x, y, lo, hi = append(x, xv), append(y, pt.R*k), append(lo, pt.Low*k), append(hi, pt.High*k)
			xys = append(xys, plotter.XY{X: xv, Y: pt.R * k})
		}
		if len(xys) == 0 {
			return nil
		}
		d, err := points(xys, c, draw.PyramidGlyph{}, vg.Points(3.5))
		if err != nil {
			return err
		}
		p.Add(errorBars(x, y, lo, hi, c, vg.Points(3)), d)
	}
	return nil
}

// plotRatio draws R(η) = τ̄·q η λ(η)^J against λ(η) per series with the
// fitted R0 + a·λ^κ (solid, from λ = 0) and the interval of R0 at λ = 0.
func plotRatio(r *results) (grid, error) {
	p := newPlot("Measured over predicted mean exit time", "λ(η) = H(1/η)/η", "R(η) = mean τ · q η λ(η)^J")
	p.Legend.Top, p.Legend.Left = false, false
	lamMax := 0.0
	for _, f := range r.fits.Series {
		for _, pt := range f.Points {
			lamMax = math.Max(lamMax, pt.Lambda)
		}
	}
	one, err := line(plotter.XYs{{X: 0, Y: 1}, {X: lamMax * 1.05, Y: 1}}, grey, vg.Points(0.8), true)
	if err != nil {
		return grid{}, err
	}
	p.Add(one)
	for k, f := range r.fits.Series {
		c := colorOf(f.Label)
		var x, y, lo, hi []float64
		var xys plotter.XYs
		for _, pt := range f.Points {
			if pt.Source != SourceBruteForce {
				continue
			}
			x, y, lo, hi = append(x, pt.Lambda), append(y, pt.R), append(lo, pt.Low), append(hi, pt.High)
			xys = append(xys, plotter.XY{X: pt.Lambda, Y: pt.R})
		}
		if len(xys) == 0 {
			continue
		}
		sc, err := points(xys, c, draw.CircleGlyph{}, vg.Points(2.5))
		if err != nil {
			return grid{}, err
		}
		p.Add(errorBars(x, y, lo, hi, c, vg.Points(3)), sc)
		name := seriesName(f.B, f.Jump)
		if fr := f.Ratio; fr != nil {
			var curve plotter.XYs
			for i := 0; i <= 100; i++ {
				l := fr.LambdaMax * float64(i) / 100
				curve = append(curve, plotter.XY{X: l, Y: fr.R0 + fr.A*math.Pow(l, fr.Kappa)})
			}
			ln, err := line(curve, c, vg.Points(1), false)
			if err != nil {
				return grid{}, err
			}
			p.Add(ln)
			// R0 and its interval at λ = 0, shifted apart per series.
			x0 := float64(k) * lamMax * 0.012
			lo0, hi0 := value(fr.R0Low, fr.R0), value(fr.R0High, fr.R0)
			r0, err := points(plotter.XYs{{X: x0, Y: fr.R0}}, c, draw.BoxGlyph{}, vg.Points(3))
			if err != nil {
				return grid{}, err
			}
			p.Add(errorBars([]float64{x0}, []float64{fr.R0}, []float64{lo0}, []float64{hi0}, c, vg.Points(4)), r0)
			p.Legend.Add(name, sc, ln)
		} else {
			p.Legend.Add(name, sc)
		}
		if err := addRare(p, r, f.Label, c, true); err != nil {
			return grid{}, err
		}
	}
	// Intervals of R0 can be very wide; the view is R ∈ [0, 2] at most
	// (bars beyond it are cut at the frame, as the caption says).
	p.X.Min = 0
	p.Y.Min, p.Y.Max = math.Max(p.Y.Min, 0), math.Min(p.Y.Max, 2)
	return grid{[][]*plot.Plot{{p}}, 6 * vg.Inch, 4.2 * vg.Inch, figRatio}, nil
}

// qqCell picks the cell of a series shown in the QQ plot: the smallest η
// without censored samples and with at least 20 exits, else the cell with
// the most exits.
func qqCell(s ExitSeriesResult) *ExitCellResult {
	var best *ExitCellResult
	for i := range s.Cells {
		c := &s.Cells[i]
		if c.Censored == 0 && c.Exits >= 20 && (best == nil || c.Eta < best.Eta) {
			best = c
		}
	}
	if best == nil {
		for i := range s.Cells {
			if c := &s.Cells[i]; best == nil || c.Exits > best.Exits {
				best = c
			}
		}
	}
	return best
}

// plotQQ draws, per series, the ordered scaled exit times τ·q η λ(η)^J =
// τ/predicted against the Exp(1) quantiles −log(1 − (i − ½)/n) (censored
// samples, all above the cap, are the missing top order statistics), with
// the theory's line y = x (dashed) and the line y = R·x of the measured
// mean (solid).
func plotQQ(r *results) (grid, error) {
	var row []*plot.Plot
	for _, s := range r.exits.Series {
		c := qqCell(s)
		if c == nil || c.PredictedSteps == nil {
			continue
		}
		var times []float64
		for _, smp := range r.samples {
			if smp.Series == s.Label && smp.Eta == c.Eta && !smp.Censored {
				times = append(times, float64(smp.Steps) / *c.PredictedSteps)
			}
		}
		slices.Sort(times)
		n := c.Samples
		p := newPlot(fmt.Sprintf("%s, η = %s (n = %d)", seriesName(s.B, s.Jump), strconv.FormatFloat(c.Eta, 'g', -1, 64), n),
			"Exp(1) quantile", "τ · q η λ(η)^J")
		var xys plotter.XYs
		qmax := 0.0
		for i, t := range times {
			q := -math.Log(1 - (float64(i)+0.5)/float64(n))
			xys = append(xys, plotter.XY{X: q, Y: t})
			qmax = math.Max(qmax, math.Max(q, t))
		}
		if len(xys) == 0 {
			continue
		}
		col := colorOf(s.Label)
		sc, err := points(xys, col, draw.CircleGlyph{}, vg.Points(1.3))
		if err != nil {
			return grid{}, err
		}
		id, err := line(plotter.XYs{{X: 0, Y: 0}, {X: qmax, Y: qmax}}, black, vg.Points(0.8), true)
		if err != nil {
			return grid{}, err
		}
		R := value(c.Ratio, 1)
		fit, err := line(plotter.XYs{{X: 0, Y: 0}, {X: qmax / math.Max(R, 1), Y: qmax / math.Max(R, 1) * R}}, col, vg.Points(1), false)
		if err != nil {
			return grid{}, err
		}
		p.Add(sc, id, fit)
		p.Legend.Add("theory y = x", id)
		p.Legend.Add(fmt.Sprintf("measured mean y = %.3g x", R), fit)
		p.Legend.Top, p.Legend.Left = true, true
		row = append(row, p)
	}
	if len(row) == 0 {
		return grid{}, fmt.Errorf("qq: no cell to plot")
	}
	return grid{[][]*plot.Plot{row}, vg.Length(len(row)) * 2.6 * vg.Inch, 2.9 * vg.Inch, figQQ}, nil
}

// minimaLines adds dashed vertical (or, with horizontal, horizontal) lines
// at the minima from lo to hi.
func minimaLines(p *plot.Plot, minima []float64, lo, hi float64, horizontal bool) error {
	for _, m := range minima {
		xys := plotter.XYs{{X: m, Y: lo}, {X: m, Y: hi}}
		if horizontal {
			xys = plotter.XYs{{X: lo, Y: m}, {X: hi, Y: m}}
		}
		l, err := line(xys, grey, vg.Points(0.6), true)
		if err != nil {
			return err
		}
		p.Add(l)
	}
	return nil
}

// panelLetter returns "(a)", "(b)", ….
func panelLetter(i int) string { return "(" + string(rune('a'+i)) + ") " }

// plotHistograms draws the paper's Figure 1 (left): for each variant the
// histogram of visited locations (fraction of steps per bin, all paths),
// labelled at each minimum with the simulated time fraction of its basin
// and, for heavy-tailed noise, the limiting chain's stationary weight π;
// the loss f at the bottom.
func plotHistograms(r *results) (grid, error) {
	ps := r.paths
	th := r.theory
	var col [][]*plot.Plot
	for vi, v := range ps.Variants {
		p := newPlot(panelLetter(vi)+v.Name, "", "fraction of steps")
		var total int64
		for _, c := range v.Counts {
			total += c
		}
		w := (ps.BinHi - ps.BinLo) / float64(len(v.Counts))
		h := &plotter.Histogram{Width: w, FillColor: colorOf("b=0.5"), LineStyle: draw.LineStyle{Width: 0}}
		if v.Law == "gaussian" {
			h.FillColor = grey
		}
		ymax := 0.0
		for i, c := range v.Counts {
			f := float64(c) / float64(total)
			ymax = math.Max(ymax, f)
			h.Bins = append(h.Bins, plotter.HistogramBin{Min: ps.BinLo + float64(i)*w, Max: ps.BinLo + float64(i+1)*w, Weight: f})
		}
		p.Add(h)
		if err := minimaLines(p, th.Minima, 0, 1.6*ymax, false); err != nil {
			return grid{}, err
		}
		var labels plotter.XYLabels
		for j, m := range th.Minima {
			txt := "sim " + pctPlain(v.Basin[j].Estimate)
			if j < len(v.Stationary) && v.Stationary[j] != nil {
				txt += "\nπ " + pctPlain(v.Stationary[j])
			}
			if j < len(v.FirstOrder) && v.FirstOrder[j] != nil && *v.FirstOrder[j] > 0 {
				txt += "\n1st ord. " + pctPlain(v.FirstOrder[j])
			} else if j < len(v.Horizon) && v.Horizon[j] != nil && *v.Horizon[j] > 0 {
				txt += "\nhorizon " + pctPlain(v.Horizon[j])
			}
			labels.XYs = append(labels.XYs, plotter.XY{X: m + 0.03, Y: 1.57 * ymax})
			labels.Labels = append(labels.Labels, txt)
		}
		lb, err := plotter.NewLabels(labels)
		if err != nil {
			return grid{}, err
		}
		for i := range lb.TextStyle {
			lb.TextStyle[i].Font.Size = vg.Points(7.5)
		}
		p.Add(lb)
		p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = ps.BinLo, ps.BinHi, 0, 1.6*ymax
		col = append(col, []*plot.Plot{p})
	}
	loss := newPlot(panelLetter(len(ps.Variants))+"the loss f of paper-1d", "x", "f(x)")
	var xys plotter.XYs
	for i := range th.Loss.X {
		xys = append(xys, plotter.XY{X: th.Loss.X[i], Y: th.Loss.Y[i]})
	}
	ln, err := line(xys, black, vg.Points(1), false)
	if err != nil {
		return grid{}, err
	}
	loss.Add(ln)
	lo, hi := slices.Min(th.Loss.Y), slices.Max(th.Loss.Y)
	if err := minimaLines(loss, th.Minima, lo, hi, false); err != nil {
		return grid{}, err
	}
	loss.X.Min, loss.X.Max = ps.BinLo, ps.BinHi
	col = append(col, []*plot.Plot{loss})
	return grid{col, 6 * vg.Inch, vg.Length(len(col)) * 1.75 * vg.Inch, figHist}, nil
}

// pctPlain formats a fraction as a percentage for figure labels.
func pctPlain(p *float64) string {
	if p == nil {
		return "–"
	}
	x := 100 * *p
	if x != 0 && math.Abs(x) < 1 {
		return strconv.FormatFloat(x, 'g', 2, 64) + "%"
	}
	return strconv.FormatFloat(x, 'f', 1, 64) + "%"
}

// plotTrajectories draws the paper's Figure 1 (middle): replica 0 of each
// variant, as the range [min, max] of X_n over each block of steps, with
// the minima dashed.
func plotTrajectories(r *results) (grid, error) {
	ps := r.paths
	var col [][]*plot.Plot
	for vi, v := range ps.Variants {
		xl := ""
		if vi == len(ps.Variants)-1 {
			xl = "step n"
		}
		p := newPlot(panelLetter(vi)+v.Name, xl, "X_n")
		n := len(v.TraceMin)
		x, y := make([]float64, n), make([]float64, n)
		for i := range n {
			x[i] = (float64(i) + 0.5) * float64(ps.BlockSteps)
			y[i] = (v.TraceMin[i] + v.TraceMax[i]) / 2
		}
		c := colorOf("b=0.5")
		if v.Law == "gaussian" {
			c = red
		}
		if err := minimaLines(p, r.theory.Minima, 0, float64(n)*float64(ps.BlockSteps), true); err != nil {
			return grid{}, err
		}
		p.Add(errorBars(x, y, v.TraceMin, v.TraceMax, c, 0))
		p.Y.Min, p.Y.Max = ps.BinLo, ps.BinHi
		p.X.Min, p.X.Max = 0, float64(n)*float64(ps.BlockSteps)
		col = append(col, []*plot.Plot{p})
	}
	return grid{col, 6 * vg.Inch, vg.Length(len(col)) * 1.6 * vg.Inch, figPaths}, nil
}
