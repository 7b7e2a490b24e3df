package gen

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// appendixTitle is the title of the appendix.
const appendixTitle = `Reproducing Figure 1 of Wang, Oh and Rhee (ICLR 2022) with computed theory`

// Render reads the results directory and writes out/appendix.md,
// out/appendix.tex and out/figures/*.pdf|png. It reads nothing but the
// results directory, and every number it prints is a field of a results
// file (or, in the discussion, a comparison of such fields).
func Render(results, out string) error {
	r, err := readResults(results)
	if err != nil {
		return err
	}
	figs := filepath.Join(out, "figures")
	if err := os.MkdirAll(figs, 0o755); err != nil {
		return err
	}
	fs := []figureFunc{plotExitTimes, plotRatio, plotQQ, plotHistograms, plotTrajectories}
	if r.rd != nil {
		fs = append(fs, plotRdTime, plotRdMap)
	}
	if r.rdExits != nil {
		fs = append(fs, plotRdExit)
	}
	for _, f := range fs {
		if err := saveFigure(r, figs, f); err != nil {
			return fmt.Errorf("figures: %w", err)
		}
	}
	blocks := document(r)
	if err := writeFile(out, "appendix.tex", func(w io.Writer) error { return writeTeX(w, appendixTitle, blocks) }); err != nil {
		return err
	}
	return writeFile(out, "appendix.md", func(w io.Writer) error { return writeMD(w, appendixTitle, blocks) })
}

// document assembles the appendix.
func document(r *resultsSet) []block {
	th := r.theory
	var b []block
	add := func(bs ...block) { b = append(b, bs...) }

	add(para{intro(r)})

	add(heading{1, "Theory: jump numbers, rate constants, limiting chains", "sec:theory"},
		para{`For a truncation threshold $b$, leaving $\Omega_i$ takes at least $J_i = \lceil r_i/b\rceil$ truncated jumps, and as $\eta \to 0$ the exit time scaled by $q_i\,\eta\lambda(\eta)^{J_i}$ converges to $\mathrm{Exp}(1)$ (Theorem 1 of the paper; THEORY.md section 3). The constants $q_{ij}$ are measures of gradient-flow paths with $J_i$ jumps; \texttt{theory} computes them from $f'$, $\alpha$ and $p_+$ by a backward recursion with adaptive quadrature, and checks them against an independent time-domain Monte Carlo integral. Tables~\ref{tab:jumps}--\ref{tab:chains} list what it computes for the three thresholds of the paper's Figure 1 (right).`},
		tableJumps(r), tableRates(r), tableChains(r))

	add(heading{1, `First exit from $\Omega_2$ (the paper's Figure 1, right)`, "sec:exit"},
		para{exitText(r)},
		figure{label: "fig:exit", name: figExit, width: 0.85, source: []string{FileExits, FileTheory, FileFits},
			caption: `Mean first-exit time from $\Omega_2$ against $\eta$ with exact 95\% intervals (hollow: cells with censored replicas; triangles: rare-event estimates, if any). Dashed: the computed prediction $1/(q_2\eta\lambda(\eta)^{J_2})$ with $q_2$ and $J_2$ from Tables~\ref{tab:jumps}--\ref{tab:rates}; nothing is fitted.`},
		tableExits(r), tableSlopes(r))

	add(heading{1, `Does the limit hold? The ratio $R(\eta)$`, "sec:ratio"},
		para{ratioText(r)},
		figure{label: "fig:ratio", name: figRatio, width: 0.85, source: []string{FileFits},
			caption: `$R(\eta) = \bar\tau\,q_2\eta\lambda(\eta)^{J_2}$ against $\lambda(\eta)$ with 95\% intervals; solid: the fit $R_0 + a\lambda^\kappa$; squares at $\lambda = 0$: $R_0$ with its profile-likelihood 95\% interval (cut at the frame where wider); dashed: the limit $R = 1$.`},
		tableRatioFit(r))

	add(heading{1, "The exponential law of the exit time", "sec:qq"},
		para{`Theorem 1 says more than the mean: $q\eta\lambda(\eta)^J\tau \Rightarrow \mathrm{Exp}(1)$. Figure~\ref{fig:qq} plots, for one cell of each series (the smallest $\eta$ without censoring), the ordered scaled exit times against the quantiles of $\mathrm{Exp}(1)$, and Table~\ref{tab:exits} gives the $p$-value of a Lilliefors-type test of the exponential shape for every cell (the mean is estimated, so the null law of the Kolmogorov distance is calibrated by a parametric bootstrap).`},
		figure{label: "fig:qq", name: figQQ, width: 1, source: []string{FileSamples, FileExits},
			caption: `Exponential QQ plots of the scaled exit times $\tau\,q\eta\lambda(\eta)^J$ (order statistics against $-\log(1 - (i - 1/2)/n)$); dashed: the limit law $\mathrm{Exp}(1)$; solid: slope $R$ of the cell.`})

	add(heading{1, `Global dynamics: elimination of sharp minima (the paper's Figure 1, left and middle)`, "sec:dynamics"},
		para{dynamicsText(r)},
		figure{label: "fig:hist", name: figHist, width: 0.85, source: []string{FilePaths, FileTheory},
			caption: histCaption(r)},
		figure{label: "fig:paths", name: figPaths, width: 0.85, source: []string{FilePaths},
			caption: fmt.Sprintf(`One path of each variant (replica 0), drawn as the range of $X_n$ over blocks of %s steps; dashed: the minima.`, num(float64(r.paths.BlockSteps), 3))},
		tableFractions(r), tableGenerator(r), tableFDD(r))

	if r.rd != nil {
		add(rdSection(r.rd)...)
	}
	if r.rdExits != nil {
		add(rdExitSection(r.rdExits)...)
	}

	add(heading{1, "Discussion", "sec:discussion"},
		para{`The bullets below are generated from the results files by the render step; they change when the numbers do.`},
		items{discussion(r)})

	add(heading{1, "Reproduction and provenance", "sec:provenance"}, para{provenanceText(r)})
	_ = th
	return b
}

// intro is the opening paragraph.
func intro(r *resultsSet) string {
	th := r.theory
	mins := make([]string, len(th.Minima))
	for i, m := range th.Minima {
		mins[i] = mnum(m, 4)
	}
	sads := make([]string, len(th.Saddles))
	for i, s := range th.Saddles {
		sads[i] = mnum(s, 3)
	}
	return fmt.Sprintf(`This appendix reruns the one-dimensional experiments of Wang, Oh and Rhee (ICLR 2022, arXiv 2102.04297, Section 3.1 and Figure 1) with htsgd and compares them with predictions that htsgd's \texttt{theory} package computes from the loss and the noise law alone (Theorem 1 and Theorems 2--5 of the paper; THEORY.md): no constant is fitted to a simulation. The loss is the paper's $f$ (\texttt{paper-1d}) projected onto $[%s, %s]$, with minima $m_1, \dots, m_4 = %s$ and local maxima $%s$; the noise is $Z = %s \cdot U W$ with $P(W > w) = w^{-%s}$ ($w \ge 1$) and a fair sign $U$, so $\lambda(\eta) = \eta^{-1}H(\eta^{-1}) = %s^{%s}\eta^{%s}$; the light-tailed contrast is $N(0, 1)$. The paper's Tables 1--2 describe its deep-learning experiments, which are outside htsgd's scope; the tables here are the computed constants and the statistics behind each figure. Minima and basins are numbered from 1 as in the paper ($\Omega_2 = (%s, %s)$ is the basin of $m_2$); the results files number them from 0. All intervals are 95\%%. This is the \texttt{%s} run.`,
		mnum(th.Domain[0], 3), mnum(th.Domain[1], 3), strings.Join(mins, ", "),
		strings.Join(sads, ", "), strconv.FormatFloat(th.Scale, 'g', -1, 64), strconv.FormatFloat(th.Alpha, 'g', -1, 64),
		strconv.FormatFloat(th.Scale, 'g', -1, 64), strconv.FormatFloat(th.Alpha, 'g', -1, 64), strconv.FormatFloat(th.Alpha-1, 'g', 3, 64),
		sads[0], sads[1], texEscape(r.exits.Sizes)) + rdIntroSentence(r) + rdExitIntroSentence(r)
}

// rdIntroSentence announces the R² section when the results have it.
func rdIntroSentence(r *resultsSet) string {
	if r.rd == nil {
		return ""
	}
	return ` Section~\ref{sec:rd} adds the paper's two-dimensional experiment (its Appendix A.2): the time clipped and unclipped SGD spend near each minimizer of a modified Himmelblau function.`
}

// rdExitIntroSentence announces the 2-D quadratic exit section when the
// results have it.
func rdExitIntroSentence(r *resultsSet) string {
	if r.rdExits == nil {
		return ""
	}
	var js []string
	for _, s := range r.rdExits.Series {
		js = append(js, "$J = "+strconv.Itoa(s.J)+"$")
	}
	return ` Section~\ref{sec:rdexit} checks the first-exit law in two dimensions, on a quadratic well, for ` + strings.Join(js, " and ") + `.`
}

// exitText describes the first-exit experiment.
func exitText(r *resultsSet) string {
	n, total := 0, int64(0)
	for _, s := range r.exits.Series {
		for _, c := range s.Cells {
			n++
			total += c.TotalSteps
		}
	}
	return fmt.Sprintf(`Each cell starts replicas at $m_2$ and runs the exact recursion until the iterate leaves $\Omega_2$ or a step cap is reached; a replica at the cap is a censored sample, kept as such. The mean is the censored-exponential maximum-likelihood estimate (total time on test over exits) with the exact $\chi^2$ interval. %d cells, %s steps in all. The paper drew 20 replicas per point and fitted the constant of each dashed line; here the lines are computed (Figure~\ref{fig:exit}, Table~\ref{tab:exits}), and Table~\ref{tab:slopes} compares the fitted slopes with $-(1 + J(\alpha - 1))$. Each cell is a scenario file under \texttt{results/scenarios/}: \texttt{bin/verify exit -scenario} on it reproduces the cell's row.`,
		n, num(float64(total), 3))
}

// ratioText describes R(η) and the leverage the η range gives.
func ratioText(r *resultsSet) string {
	lmin, lmax := 1.0, 0.0
	emin, emax := 1.0, 0.0
	for _, f := range r.fits.Series {
		for _, p := range f.Points {
			lmin, lmax = min(lmin, p.Lambda), max(lmax, p.Lambda)
			emin, emax = min(emin, p.Eta), max(emax, p.Eta)
		}
	}
	return fmt.Sprintf(`At any finite $\eta$ the measured mean sits below the prediction (THEORY.md section 7): the ratio $R(\eta) = \bar\tau\,q\eta\lambda(\eta)^J$ must tend to 1, not equal it. A check of the limit therefore extrapolates: we fit $R = R_0 + a\lambda(\eta)^\kappa$ by weighted least squares (variances $R^2/d$ from the exponential law, $d$ exits) and report the profile-likelihood interval of $R_0$ (Table~\ref{tab:ratiofit}). The leverage is poor by nature: $\lambda(\eta) \propto \eta^{\alpha - 1} = \eta^{%s}$, so the step sizes used, $\eta$ from %s to %s, move $\lambda$ only from %s to %s. The extrapolation column says how far $R_0$ lies beyond the data; where it exceeds 1, the interval of $R_0$ is conditional on the assumed power law of the bias.`,
		strconv.FormatFloat(r.theory.Alpha-1, 'g', 3, 64), num(emax, 2), num(emin, 2), num(lmax, 3), num(lmin, 3))
}

// dynamicsText describes the trajectory experiments.
func dynamicsText(r *resultsSet) string {
	ps := r.paths
	var unit, horizon string
	for _, v := range ps.Variants {
		if v.B != nil && v.Law != "gaussian" && v.TimeUnit != nil {
			unit, horizon = mnum(*v.TimeUnit, 3), num(*v.HorizonScaled, 3)
		}
	}
	return fmt.Sprintf(`As in the paper, %d paths of %s steps start at $x = %s$ with $\eta = %s$, for heavy-tailed noise with and without truncation at $b = 0.5$ and for Gaussian noise. With truncation, $J = (1, 2, 1, 2)$: the wide minima $m_2, m_4$ need two jumps to leave, the sharp $m_1, m_3$ one, and the theory predicts a Markov chain on $\{m_2, m_4\}$ in the time unit $1/(\eta\lambda(\eta)^2) = %s$ steps, so each path covers %s time units; the time spent in the sharp basins vanishes as $\eta \to 0$. Figure~\ref{fig:hist} marks, at each minimum, the fraction of steps the paths spent in its basin (`+"``sim''"+`) and the stationary weight $\pi$ of the limiting chain; a path this short is not yet stationary, and Table~\ref{tab:fractions} compares the same fractions with their limits. Tables~\ref{tab:generator}--\ref{tab:fdd} estimate the generator and the state law of the limiting chain from the paths (the dynamics table of \texttt{verify dynamics}).`,
		ps.Replicas, num(float64(ps.Steps), 2), strconv.FormatFloat(ps.Start, 'g', -1, 64), mnum(ps.Eta, 2), unit, horizon)
}

// histCaption is the caption of the histogram figure.
func histCaption(r *resultsSet) string {
	s := `Histograms of the locations visited by all paths (fraction of steps per bin of width ` +
		num((r.paths.BinHi-r.paths.BinLo)/float64(max(1, len(r.paths.Variants[0].Counts))), 2) +
		`); at each minimum the fraction of steps spent in its basin (sim) and, for heavy-tailed noise, the computed stationary weight $\pi$ of the limiting chain`
	for _, v := range r.paths.Variants {
		if v.Law != "gaussian" && v.Horizon != nil && v.HorizonScaled != nil {
			var h []string
			for _, x := range v.Horizon {
				h = append(h, pct(x))
			}
			s += fmt.Sprintf(`; for %s the limiting chain started as the paths are and averaged over their %s time units would spend (%s)`,
				texEscape(v.Name), num(*v.HorizonScaled, 3), strings.Join(h, ", "))
		}
	}
	return s + `. Bottom: the loss $f$.`
}

// provenanceText describes how the results were produced.
func provenanceText(r *resultsSet) string {
	s := "The results were produced by \\texttt{make paper} (\\texttt{go run ./paper/cmd/appendix all -sizes full}); \\texttt{make paper-quick} runs the same pipeline with few samples. The render step reads \\texttt{results/} only; every number above is a field of a file there, named under each table and figure. Rerunning with the same seeds reproduces every results file but \\texttt{meta.json} byte for byte, for any number of workers."
	m := r.meta
	if m == nil {
		return s + " No \\texttt{meta.json} was found."
	}
	dirty := ""
	if m.GitDirty {
		dirty = " (with uncommitted changes)"
	}
	var steps int64
	for _, n := range m.Steps {
		steps += n
	}
	wall := time.Duration(m.WallTotal * float64(time.Second)).Round(time.Second)
	cpu := ""
	if m.CPUSec != nil && m.CPUNsPerStep != nil {
		cpu = fmt.Sprintf(", %s CPU seconds (%s CPU ns per step)", num(*m.CPUSec, 3), num(*m.CPUNsPerStep, 3))
	}
	return s + fmt.Sprintf(" This run (\\texttt{%s}): commit \\texttt{%s}%s, started %s, wall time %s for %s steps (%s wall ns per step per worker%s) on %d workers (GOMAXPROCS %d) of a %s, %s. Machine: \\texttt{%s}.",
		texEscape(m.Sizes), texEscape(shortCommit(m.GitCommit)), dirty, texEscape(m.Started), texEscape(wall.String()),
		num(float64(steps), 3), num(m.NsPerStep, 3), cpu, m.Workers, m.GOMAXPROCS, texEscape(m.CPUModel), texEscape(m.GoVersion),
		texEscape(m.Uname))
}

// shortCommit returns the first 12 hex digits of a commit.
func shortCommit(c string) string {
	if len(c) > 12 {
		return c[:12]
	}
	return c
}
