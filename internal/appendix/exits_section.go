package appendix

import (
	"strconv"
)

// The sections of the first-exit experiment (the paper's Figure 1, right):
// the exit times against η, the ratio R(η) and its extrapolation, and the
// exponential law of the exit time.

// exitsData is what the first-exit section states: the number of cells
// and of steps simulated.
type exitsData struct {
	Cells int
	Steps float64
}

// exitSection is section "First exit from Ω_2".
func exitSection(r *results) ([]block, error) {
	var d exitsData
	for _, s := range r.exits.Series {
		for _, c := range s.Cells {
			d.Cells++
			d.Steps += float64(c.TotalSteps)
		}
	}
	return []block{
		heading{1, text("exits.title", nil), "sec:exit"},
		para{text("exits", d)},
		figure{label: "fig:exit", name: figExit, width: 0.85, source: []string{FileExits, FileTheory, FileFits},
			caption: text("exits.figure.caption", nil)},
		tableExits(r), tableSlopes(r),
	}, nil
}

// tableExits lists every exit cell.
func tableExits(r *results) *table {
	t := &table{label: "tab:exits", caption: text("exits.table.caption", nil), source: []string{FileExits, FileExitsCSV},
		align: "lrrrrrrrrrrrr"}
	t.header = []Inline{formula("b"), formula("J"), formula(`\eta`), formula(`\lambda(\eta)`), formula("n"), prose("cens."),
		join(formula(`\bar\tau`), prose(" [95% CI]")), prose("predicted"), join(formula("R"), prose(" [95% CI]")),
		join(prose("Exp "), formula("p")), join(formula(`P(\Omega_0)`), prose(" [95% CI]")), prose("limit"),
		join(formula("G"), prose(" "), formula("p"))}
	for _, s := range r.exits.Series {
		t.rules = append(t.rules, len(t.rows))
		for k, c := range s.Cells {
			var b, J Inline
			if k == 0 {
				b, J = bValue(s.B), prose(strconv.Itoa(s.Jump))
			}
			t.rows = append(t.rows, []Inline{b, J, num(c.Eta, 2), num(c.Lambda, 4), prose(strconv.Itoa(c.Samples)),
				prose(strconv.Itoa(c.Censored)), ci(c.MeanSteps, c.CILow, c.CIHigh, 3), numP(c.PredictedSteps, 3),
				ci(c.Ratio, c.RatioLow, c.RatioHigh, 3), pval(c.ExpTestP),
				ci(c.LandLeft.Estimate, c.LandLeft.Low, c.LandLeft.High, 3), numP(c.LandLeftLimit, 4), pval(c.LandingTestP)})
		}
	}
	return t
}

// etaRange is "lo–hi" of two step sizes.
func etaRange(lo, hi float64) Inline { return join(num(lo, 2), prose("–"), num(hi, 2)) }

// tableSlopes lists the fitted slopes of log τ̄ on log η.
func tableSlopes(r *results) *table {
	t := &table{label: "tab:slopes", caption: text("exits.slopes.caption", nil), source: []string{FileFits, FileFitsCSV},
		align: "lrrrrrrr"}
	t.header = []Inline{formula("b"), formula("J"), prose("predicted"), prose("fitted [95% CI]"), join(formula(`\eta`), prose(" range")),
		prose("points"), join(prose("line "), formula("p")), join(prose("small-"), formula(`\eta`), prose(" slope [95% CI]"))}
	for _, f := range r.fits.Series {
		row := []Inline{bValue(f.B), prose(strconv.Itoa(f.Jump)), num(f.PredictedSlope, 3)}
		if l := f.Slope; l != nil {
			row = append(row, ci(&l.Slope, &l.Low, &l.High, 3), etaRange(l.EtaMin, l.EtaMax), prose(strconv.Itoa(l.N)), pval(l.GoodnessP))
		} else {
			row = append(row, prose(dash), prose(dash), prose(dash), prose(dash))
		}
		if l := f.SlopeSmall; l != nil {
			row = append(row, join(ci(&l.Slope, &l.Low, &l.High, 3), prose(" ("), etaRange(l.EtaMin, l.EtaMax), prose(")")))
		} else {
			row = append(row, prose(dash))
		}
		t.rows = append(t.rows, row)
	}
	return t
}

// ratioData is what section "The ratio R(η)" states about the leverage of
// the step sizes: the exponent α − 1 of λ(η) ∝ η^{α−1}, and the range of η
// and of λ over the fitted points.
type ratioData struct {
	AlphaMinus1          float64
	EtaMin, EtaMax       float64
	LambdaMin, LambdaMax float64
}

// ratioSection is section "Does the limit hold? The ratio R(η)".
func ratioSection(r *results) []block {
	d := ratioData{AlphaMinus1: r.theory.Alpha - 1, EtaMin: 1, LambdaMin: 1}
	for _, f := range r.fits.Series {
		for _, p := range f.Points {
			d.LambdaMin, d.LambdaMax = min(d.LambdaMin, p.Lambda), max(d.LambdaMax, p.Lambda)
			d.EtaMin, d.EtaMax = min(d.EtaMin, p.Eta), max(d.EtaMax, p.Eta)
		}
	}
	blocks := []block{
		heading{1, text("ratio.title", nil), "sec:ratio"},
		para{text("ratio", d)},
		figure{label: "fig:ratio", name: figRatio, width: 0.85, source: []string{FileFits}, caption: text("ratio.figure.caption", nil)},
		tableRatioFit(r),
	}
	if t := tableRare(r); t != nil {
		blocks = append(blocks, t)
	}
	return blocks
}

// tableRatioFit lists the extrapolation R(η) = R0 + a·λ^κ per series.
func tableRatioFit(r *results) *table {
	t := &table{label: "tab:ratiofit", caption: text("ratio.table.caption", nil), source: []string{FileFits, FileFitsCSV},
		align: "lrrrrrrrrr"}
	t.header = []Inline{formula("b"), formula("J"), prose("points"), join(formula(`\lambda`), prose(" range")),
		join(formula("R"), prose(" at smallest "), formula(`\eta`)), join(formula("R_0"), prose(" [95% CI]")),
		join(formula(`\kappa`), prose(" [95% CI]")), formula("a"), prose("extrapolation"), join(formula(`\chi^2`), prose(" "), formula("p"))}
	for _, f := range r.fits.Series {
		bf, rare := 0, 0
		for _, p := range f.Points {
			if p.Source == SourceRare {
				rare++
			} else {
				bf++
			}
		}
		pts := strconv.Itoa(bf)
		if rare > 0 {
			pts += " + " + strconv.Itoa(rare) + " rare"
		}
		row := []Inline{bValue(f.B), prose(strconv.Itoa(f.Jump)), prose(pts)}
		fr := f.Ratio
		if fr == nil {
			for range 7 {
				row = append(row, prose(dash))
			}
			t.rows = append(t.rows, row)
			continue
		}
		sm := prose(dash)
		if p := f.smallestEta(); p != nil {
			eta, _ := mnum(p.Eta, 2)
			sm = join(ci(&p.R, &p.Low, &p.High, 3), prose(" ("), formula(`\eta = `+eta), prose(")"))
		}
		kappa := ci(&fr.Kappa, &fr.KappaLow, &fr.KappaHigh, 2)
		if fr.KappaAtBound {
			kappa = join(kappa, prose(" (at bound)"))
		}
		row = append(row, join(num(fr.LambdaMin, 3), prose("–"), num(fr.LambdaMax, 3)), sm, ci(&fr.R0, fr.R0Low, fr.R0High, 3), kappa,
			num(fr.A, 3), num(fr.Extrapolation, 2), pval(fr.GoodnessP))
		t.rows = append(t.rows, row)
	}
	return t
}

// shapeSection is section "The exponential law of the exit time".
func shapeSection(*results) []block {
	return []block{
		heading{1, text("shape.title", nil), "sec:qq"},
		para{text("shape", nil)},
		figure{label: "fig:qq", name: figQQ, width: 1, source: []string{FileSamples, FileExits}, caption: text("shape.figure.caption", nil)},
	}
}
