package main

import (
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// timeFigure writes the bar chart of the fraction of time near each
// minimizer (and out), clipped against unclipped, with the first-order
// predictions for the basins as points: the counterpart of Figure 3(c) of
// the ICLR 2022 paper.
func timeFigure(path string, res *HimmelblauResult) error {
	p := plot.New()
	p.Title.Text = "modified Himmelblau, η = 5e-4: fraction of time near each minimizer"
	p.Y.Label.Text = "fraction of steps"
	// Bars in the paper's order: Out, Ω1, Ω2, Ω3, Ω4.
	order := []int{-1}
	for _, name := range []string{"Ω1", "Ω2", "Ω3", "Ω4"} {
		for i, n := range res.PaperName {
			if n == name {
				order = append(order, i)
			}
		}
	}
	labels := []string{"Out"}
	vals := func(v Variant) (bars, pred plotter.Values) {
		for _, i := range order {
			if i < 0 {
				bars = append(bars, v.OutFraction)
				pred = append(pred, 0)
				continue
			}
			bars = append(bars, v.NearFraction[i])
			pred = append(pred, v.Predicted[i])
		}
		return bars, pred
	}
	for _, i := range order[1:] {
		labels = append(labels, res.PaperName[i])
	}
	w := vg.Points(14)
	clipped, predC := vals(res.Clipped)
	free, predF := vals(res.Unclipped)
	bc, err := plotter.NewBarChart(clipped, w)
	if err != nil {
		return err
	}
	bc.Color = color.RGBA{R: 255, G: 127, B: 80, A: 255}
	bc.Offset = -w / 2
	bf, err := plotter.NewBarChart(free, w)
	if err != nil {
		return err
	}
	bf.Color = color.Gray{Y: 128}
	bf.Offset = w / 2
	p.Add(bc, bf)
	p.Legend.Add("b = 2.15 (clipped)", bc)
	p.Legend.Add("no clipping", bf)
	for k, pr := range []plotter.Values{predC, predF} {
		var xy plotter.XYs
		for j, v := range pr {
			if order[j] >= 0 {
				xy = append(xy, plotter.XY{X: float64(j) + float64(2*k-1)*0.18, Y: v})
			}
		}
		sc, err := plotter.NewScatter(xy)
		if err != nil {
			return err
		}
		sc.GlyphStyle.Radius = vg.Points(3)
		p.Add(sc)
		if k == 0 {
			p.Legend.Add("first-order prediction (basin)", sc)
		}
	}
	p.Legend.Top = true
	p.NominalX(labels...)
	return p.Save(7*vg.Inch, 4*vg.Inch, path)
}
