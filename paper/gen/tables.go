package gen

import (
	"sort"
	"strconv"
	"strings"

	"github.com/htsgd/htsgd/report"
)

// Tables of the appendix. Every cell is a field of a results file (named in
// the table's source); indices are printed 1-based, as in the paper.

// fixed6 formats a rate constant with 6 decimals (THEORY.md section 6).
func fixed6(x float64) string { return strconv.FormatFloat(x, 'f', 6, 64) }

// vecTeX formats a vector as "(a, b)" with 6 significant digits.
func vecTeX(v []float64) string {
	parts := make([]string, len(v))
	for i, x := range v {
		parts[i] = num(x, 6)
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// minimaTeX formats 0-based minimum indices as "$m_2, m_4$".
func minimaTeX(idx []int) string {
	if len(idx) == 0 {
		return "--"
	}
	parts := make([]string, len(idx))
	for i, j := range idx {
		parts[i] = "m_{" + strconv.Itoa(j+1) + "}"
	}
	return "$" + strings.Join(parts, ", ") + "$"
}

// tableJumps lists r_i and J_i for every b.
func tableJumps(r *resultsSet) *table {
	th := r.theory
	t := &table{label: "tab:jumps", source: []string{FileTheory}, align: "lrr" + strings.Repeat("r", len(th.Cases)),
		caption: `Minima $m_i$, distance $r_i$ to the nearer saddle, and jump numbers $J_i = \lceil r_i/b\rceil$ (1 without truncation) computed by \texttt{theory}.`}
	t.header = []cell{"", "$m_i$", "$r_i$"}
	for _, c := range th.Cases {
		t.header = append(t.header, "$J_i$, "+bLabel(c.B))
	}
	for i, m := range th.Minima {
		row := []cell{"$m_{" + strconv.Itoa(i+1) + "}$", num(m, 5), num(th.Cases[0].Radius[i], 4)}
		for _, c := range th.Cases {
			row = append(row, strconv.Itoa(c.Jump[i]))
		}
		t.rows = append(t.rows, row)
	}
	return t
}

// tableRates lists q_ij and q_i for every b.
func tableRates(r *resultsSet) *table {
	th := r.theory
	n := len(th.Minima)
	t := &table{label: "tab:rates", source: []string{FileTheory, FileRatesCSV}, align: "ll" + strings.Repeat("r", n+1),
		caption: `Rate constants $q_{ij}$ (path measures of THEORY.md section 3, computed by recursion and quadrature) and $q_i = \sum_j q_{ij}$; $q_{ij} > 0$ exactly when $m_j$ is reached with $J_i$ jumps. Last column: the largest $|q_{ij} - \hat q_{ij}|/\mathrm{se}_{ij}$ in the row against an independent time-domain Monte Carlo integral $\hat q_{ij}$ (\texttt{theory.CrossCheck}; ` + "``exact''" + `: every cell of the row is a closed form there).`}
	t.header = []cell{"$b$", "from"}
	for j := range n {
		t.header = append(t.header, "$q_{i"+strconv.Itoa(j+1)+"}$")
	}
	t.header = append(t.header, "$q_i$", "MC check $\\max|z|$")
	t.align += "r"
	for _, c := range th.Cases {
		t.rules = append(t.rules, len(t.rows))
		for i := range n {
			row := []cell{"", "$m_{" + strconv.Itoa(i+1) + "}$"}
			if i == 0 {
				row[0] = bValue(c.B)
			}
			for j := range n {
				if i == j {
					row = append(row, "--")
					continue
				}
				row = append(row, fixed6(c.Rates[i][j]))
			}
			row = append(row, fixed6(c.ExitRate[i]))
			switch {
			case i >= len(c.CheckMaxZ):
				row = append(row, "--")
			case c.CheckMaxZ[i] == nil:
				row = append(row, "exact")
			default:
				row = append(row, num(*c.CheckMaxZ[i], 2))
			}
			t.rows = append(t.rows, row)
		}
	}
	return t
}

// tableChains lists the classes of the typical transition graph with their
// limiting chains, one row per wide minimum (its row of Q and its π).
func tableChains(r *resultsSet) *table {
	t := &table{label: "tab:chains", source: []string{FileTheory}, align: "lllllr",
		caption: `Communication classes of the typical transition graph ($i \to j$ iff $q_{ij} > 0$) and the limiting Markov chain of each on its wide minima (largest $J_i$ in the class; time unit $1/(\eta\lambda(\eta)^{J_G})$ steps): for each wide minimum its row of the generator $Q$ (columns in the order of the wide minima) and its stationary weight $\pi$ (THEORY.md section 4).`}
	t.header = []cell{"$b$", "class", "kind", "wide", "row of $Q$", "$\\pi$"}
	for _, c := range r.theory.Cases {
		t.rules = append(t.rules, len(t.rows))
		for k, cl := range c.Classes {
			kind := "absorbing"
			if !cl.Absorbing {
				kind = "transient"
			}
			for w, i := range cl.Wide {
				row := []cell{"", "", "", "$m_{" + strconv.Itoa(i+1) + "}$", "--", "--"}
				if k == 0 && w == 0 {
					row[0] = bValue(c.B)
				}
				if w == 0 {
					row[1], row[2] = minimaTeX(cl.Members), kind
				}
				if w < len(cl.Generator) {
					row[4] = vecTeX(cl.Generator[w])
				}
				if w < len(cl.Stationary) {
					row[5] = num(cl.Stationary[w], 6)
				}
				t.rows = append(t.rows, row)
			}
		}
	}
	return t
}

// tableExits lists every exit cell.
func tableExits(r *resultsSet) *table {
	t := &table{label: "tab:exits", source: []string{FileExits, FileExitsCSV}, align: "lrrrrrrrrrrrr",
		caption: `First exit from $\Omega_2$ started at $m_2$: replicas $n$ and censored replicas (cap reached); mean exit time $\bar\tau$ in steps (censored-exponential MLE, exact 95\% interval); predicted $1/(q_2\eta\lambda(\eta)^{J})$; $R = \bar\tau/\mathrm{predicted}$; $p$-value of the exponential shape test (Lilliefors-type, bootstrap); fraction of exits landing in $\Omega_1$ (Clopper--Pearson interval) against the limit $q_{21}/q_2$; $p$-value of the landing $G$-test.`}
	t.header = []cell{"$b$", "$J$", "$\\eta$", "$\\lambda(\\eta)$", "$n$", "cens.", "$\\bar\\tau$ [95\\% CI]", "predicted",
		"$R$ [95\\% CI]", "Exp $p$", "$P(\\Omega_1)$ [95\\% CI]", "limit", "$G$ $p$"}
	for _, s := range r.exits.Series {
		t.rules = append(t.rules, len(t.rows))
		for k, c := range s.Cells {
			b, J := "", ""
			if k == 0 {
				b, J = bValue(s.B), strconv.Itoa(s.Jump)
			}
			t.rows = append(t.rows, []cell{b, J, num(c.Eta, 2), num(c.Lambda, 4), strconv.Itoa(c.Samples), strconv.Itoa(c.Censored),
				ci(c.MeanSteps, c.CILow, c.CIHigh, 3), numP(c.PredictedSteps, 3), ci(c.Ratio, c.RatioLow, c.RatioHigh, 3),
				pval(c.ExpTestP), ci(c.LandLeft.Estimate, c.LandLeft.Low, c.LandLeft.High, 3), numP(c.LandLeftLimit, 4), pval(c.LandingTestP)})
		}
	}
	return t
}

// tableSlopes lists the fitted slopes of log τ̄ on log η.
func tableSlopes(r *resultsSet) *table {
	t := &table{label: "tab:slopes", source: []string{FileFits, FileFitsCSV}, align: "lrrrrrrr",
		caption: `Slope of $\log\bar\tau$ against $\log\eta$ (weighted least squares, weights $d$ = exits, residual scale estimated) with its 95\% interval, against the predicted $-(1 + J(\alpha - 1))$; the goodness-of-fit $p$-value of a straight line with the delta-method variances $1/d$ taken as known (small: the points curve, see Section~\ref{sec:ratio}); and the slope over the smaller half of the $\eta$ range.`}
	t.header = []cell{"$b$", "$J$", "predicted", "fitted [95\\% CI]", "$\\eta$ range", "points", "line $p$", "small-$\\eta$ slope [95\\% CI]"}
	for _, f := range r.fits.Series {
		row := []cell{bValue(f.B), strconv.Itoa(f.Jump), num(f.PredictedSlope, 3)}
		if l := f.Slope; l != nil {
			row = append(row, ci(&l.Slope, &l.Low, &l.High, 3), num(l.EtaMin, 2)+"--"+num(l.EtaMax, 2), strconv.Itoa(l.N), pval(l.GoodnessP))
		} else {
			row = append(row, "--", "--", "--", "--")
		}
		if l := f.SlopeSmall; l != nil {
			row = append(row, ci(&l.Slope, &l.Low, &l.High, 3)+" ("+num(l.EtaMin, 2)+"--"+num(l.EtaMax, 2)+")")
		} else {
			row = append(row, "--")
		}
		t.rows = append(t.rows, row)
	}
	return t
}

// smallestEtaPoint returns the ratio point at the smallest η of a series'
// brute-force cells, or nil.
func smallestEtaPoint(f SeriesFit) *RatioPoint {
	var best *RatioPoint
	for i := range f.Points {
		if p := &f.Points[i]; best == nil || p.Eta < best.Eta {
			best = p
		}
	}
	return best
}

// tableRatioFit lists the extrapolation R(η) = R0 + a·λ^κ per series.
func tableRatioFit(r *resultsSet) *table {
	t := &table{label: "tab:ratiofit", source: []string{FileFits, FileFitsCSV}, align: "lrrrrrrrrr",
		caption: `Extrapolation of $R(\eta) = \bar\tau\, q\eta\lambda(\eta)^J$ to $\eta \to 0$: weighted least squares of $R = R_0 + a\lambda(\eta)^\kappa$ with $\mathrm{Var}(R) = R^2/d$ taken as known, $\kappa \in [0.25, 4]$, profile-likelihood 95\% intervals. The theory says $R_0 = 1$. ` + "``Extrapolation''" + ` is $u_{\min}/(u_{\max} - u_{\min})$ with $u = \lambda^\kappa$: how far beyond the data $R_0$ lies, in units of the covered range (values above 1 mean $R_0$ rests on the assumed form).`}
	t.header = []cell{"$b$", "$J$", "points", "$\\lambda$ range", "$R$ at smallest $\\eta$", "$R_0$ [95\\% CI]", "$\\kappa$ [95\\% CI]", "$a$", "extrapolation", "$\\chi^2$ $p$"}
	for _, f := range r.fits.Series {
		mc, rare := 0, 0
		for _, p := range f.Points {
			if p.Source == "rare" {
				rare++
			} else {
				mc++
			}
		}
		pts := strconv.Itoa(mc)
		if rare > 0 {
			pts += " + " + strconv.Itoa(rare) + " rare"
		}
		row := []cell{bValue(f.B), strconv.Itoa(f.Jump), pts}
		fr := f.Ratio
		if fr == nil {
			t.rows = append(t.rows, append(row, "--", "--", "--", "--", "--", "--", "--"))
			continue
		}
		sm := "--"
		if p := smallestEtaPoint(f); p != nil {
			sm = ci(&p.R, &p.Low, &p.High, 3) + " ($\\eta = " + mnum(p.Eta, 2) + "$)"
		}
		kappa := ci(&fr.Kappa, &fr.KappaLow, &fr.KappaHigh, 2)
		if fr.KappaAtBound {
			kappa += " (at bound)"
		}
		row = append(row, num(fr.LambdaMin, 3)+"--"+num(fr.LambdaMax, 3), sm, ci(&fr.R0, fr.R0Low, fr.R0High, 3), kappa,
			num(fr.A, 3), num(fr.Extrapolation, 2), pval(fr.GoodnessP))
		t.rows = append(t.rows, row)
	}
	return t
}

// variantTeX names a dynamics run.
func variantTeX(r report.DynamicsRun) string {
	switch {
	case r.Law == "gaussian":
		return "Gaussian $\\sigma = " + strconv.FormatFloat(r.NoiseScale, 'g', -1, 64) + "$, " + bLabel(r.B)
	default:
		return "heavy-tailed, " + bLabel(r.B)
	}
}

// tableFractions lists the basin time fractions of the dynamics runs.
func tableFractions(r *resultsSet) *table {
	runs := r.dynamics.Runs
	t := &table{label: "tab:fractions", source: []string{FileDynamics, FileDynamicsCSV}, align: "l" + strings.Repeat("rr", len(runs)),
		caption: `Fraction of steps spent in each basin (mean over the paths, 95\% $t$ interval across paths) against the limit (stationary law of the limiting chain; 0 for the narrow basins of the truncated dynamics), with the first-order finite-$\eta$ estimate of the sharp-basin fraction (THEORY.md section 4). Sharp basins are the narrow minima $m_1, m_3$ of the truncated dynamics.`}
	t.header = []cell{"basin"}
	for _, run := range runs {
		t.header = append(t.header, variantTeX(run), "limit")
	}
	if len(runs) == 0 {
		return t
	}
	for j := range runs[0].Basins {
		label := "$\\Omega_{" + strconv.Itoa(j+1) + "}$"
		if runs[0].Basins[j].Sharp {
			label += " (sharp)"
		}
		row := []cell{label}
		for _, run := range runs {
			bf := run.Basins[j]
			row = append(row, pctCI(bf.Fraction.Estimate, bf.Fraction.Low, bf.Fraction.High), pct(bf.Stationary))
		}
		t.rows = append(t.rows, row)
	}
	row := []cell{"sharp total"}
	for _, run := range runs {
		lim := pct(run.SharpLimit)
		if run.SharpFirstOrder != nil {
			lim += " (first order " + pct(run.SharpFirstOrder) + ")"
		}
		row = append(row, pctCI(run.Sharp.Estimate, run.Sharp.Low, run.Sharp.High), lim)
	}
	t.rules = []int{len(t.rows)}
	t.rows = append(t.rows, row)
	row = []cell{"marker transitions"}
	for _, run := range runs {
		row = append(row, strconv.Itoa(run.MarkerTransitions), "")
	}
	t.rows = append(t.rows, row)
	return t
}

// tableGenerator lists the estimated generator entries of the heavy-tailed
// dynamics runs.
func tableGenerator(r *resultsSet) *table {
	t := &table{label: "tab:generator", source: []string{FileDynamics}, align: "llrrrrr",
		caption: `Generator of the limiting chain estimated from the paths: transitions $N_{ik}$ of the marker process between wide minima over the scaled time $T_i$ spent at $m_i$, $\hat q_{ik} = N_{ik}/T_i$ with exact Poisson 95\% intervals, against the computed $Q_{ik}$.`}
	t.header = []cell{"run", "transition", "$N$", "$T$ (scaled)", "$\\hat q$ [95\\% CI]", "predicted $Q$", "ratio"}
	for _, run := range r.dynamics.Runs {
		if len(run.Generator) == 0 {
			continue
		}
		t.rules = append(t.rules, len(t.rows))
		for k, g := range run.Generator {
			name := ""
			if k == 0 {
				name = variantTeX(run)
			}
			t.rows = append(t.rows, []cell{name, "$m_{" + strconv.Itoa(g.From+1) + "} \\to m_{" + strconv.Itoa(g.To+1) + "}$",
				strconv.Itoa(g.Transitions), num(g.Exposure, 3), ci(g.Rate.Estimate, g.Rate.Low, g.Rate.High, 3),
				numP(g.Predicted, 4), numP(g.Ratio, 3)})
		}
	}
	return t
}

// tableFDD lists the state law of the limiting chain at fixed scaled times.
func tableFDD(r *resultsSet) *table {
	t := &table{label: "tab:fdd", source: []string{FileDynamics}, align: "lrrll",
		caption: `State of the marker process (last wide minimum visited) at scaled times $t$ across paths, against $\mu\exp(tQ)$ of the limiting chain from the start law $\mu$; Clopper--Pearson 95\% intervals; $G$-test $p$-value. Times beyond the simulated horizon are omitted.`}
	t.header = []cell{"run", "$t$", "step", "observed [95\\% CI]", "predicted"}
	for _, run := range r.dynamics.Runs {
		if len(run.FDD) == 0 {
			continue
		}
		t.rules = append(t.rules, len(t.rows))
		for k, p := range run.FDD {
			name := ""
			if k == 0 {
				name = variantTeX(run)
			}
			var obs, pred []string
			keys := make([]string, 0, len(p.ObservedCI))
			for key := range p.ObservedCI {
				keys = append(keys, key)
			}
			sort.Strings(keys)
			for _, key := range keys {
				iv := p.ObservedCI[key]
				obs = append(obs, stateTeX(key)+": "+ci(iv.Estimate, iv.Low, iv.High, 2))
			}
			pk := make([]string, 0, len(p.Predicted))
			for key := range p.Predicted {
				pk = append(pk, key)
			}
			sort.Strings(pk)
			for _, key := range pk {
				pred = append(pred, stateTeX(key)+": "+num(p.Predicted[key], 3))
			}
			t.rows = append(t.rows, []cell{name, num(p.T, 2), strconv.FormatInt(p.Step, 10), strings.Join(obs, "; "),
				strings.Join(pred, "; ") + " ($p$ = " + pval(p.PValue) + ")"})
		}
	}
	return t
}

// stateTeX names a marker state key ("1" → m_2, "none").
func stateTeX(key string) string {
	if i, err := strconv.Atoi(key); err == nil {
		return "$m_{" + strconv.Itoa(i+1) + "}$"
	}
	return key
}
