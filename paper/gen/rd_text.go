package gen

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/htsgd/htsgd/report"
)

// rdSection returns the blocks of the R² section: the setting, the tables
// of minimum sets and time fractions, the two figures and the generated
// discussion.
func rdSection(r *rdResults) []block {
	return []block{
		heading{1, `The two-dimensional experiment: time per basin (the paper's Appendix A.2)`, "sec:rd"},
		para{rdIntro(r)},
		tableRdSets(r),
		tableRdTime(r),
		figure{label: "fig:rdtime", name: figRdTime, width: 0.85, source: []string{FileRdDynamics, FileRdTheory},
			caption: rdTimeCaption(r)},
		figure{label: "fig:rdmap", name: figRdMap, width: 1, source: []string{FileRdMap, FileRdTheory},
			caption: rdMapCaption(r)},
		para{rdDiscussion(r)},
	}
}

// rdIntro describes the setting, the sizes and how to rerun the run.
func rdIntro(r *rdResults) string {
	th := r.theory
	c := th.Clipped
	s := fmt.Sprintf(`The paper's second experiment (its Appendix A.2 and Figure 3) runs SGD on a modified Himmelblau function $f$ of two variables with four basins, one of whose sets of minimizers is a segment (Figure~\ref{fig:rdmap}), projected onto the disc $\|x\| \le %s$, with noise $Z = %s \cdot W\Theta$, $P(W > w) = w^{-%s}$ ($w \ge 1$) and $\Theta$ uniform on the circle, step size $\eta = %s$ and $X_0 = %s$, next to the minimizer of $\Omega_3$. A point visits $\Omega_i$ when it lies within %s of its minimizers. The run clipped at $b = %s$ and the unclipped run go through the pipeline of \texttt{verify dynamics} (\texttt{pipeline.RunDynamicsRd}): %d paths of %s steps each per run (the paper ran one), replica $k$ of a run with its own random stream. Basins come from a basin map (points flowed to their minimum set) and are numbered as in the paper; the results files number the sets from 0 in the basin map's order (Table~\ref{tab:rdsets}). Here $\lambda(\eta) = %s$, so the clipped run's limiting chain has time unit $1/(\eta\lambda(\eta)^{%d}) = %s$ steps and each path covers %s time units.`,
		exact(th.DomainRadius), exact(th.Scale), exact(th.Alpha), mnum(th.Eta, 2), exactPoint(th.Start),
		exact(th.VisitRadius), exact(th.B), th.Replicas, num(float64(th.Steps), 2),
		mnum(c.Lambda, 3), rdJG(c), mnum(c.TimeUnit, 3), num(c.Horizon, 3))
	s += ` The scenario is \texttt{results/` + texEscape(th.Scenario) + `}; \texttt{` + texEscape(th.Command) + `}`
	if th.Reproducible {
		s += ` reproduces \texttt{results/` + texEscape(FileRdDynamics) + `} byte for byte.`
	} else {
		s += fmt.Sprintf(` reruns it; this \texttt{%s} run used a coarse basin map and coarse ray directions in the theory to save time, so the command reproduces its paths but not all its basin labels and constants.`, texEscape(th.Sizes))
	}
	return s
}

// exact formats a parameter of the setting exactly (4.2, 0.75).
func exact(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

// exactPoint formats a point exactly, for math mode: "(2.9, 1)".
func exactPoint(p []float64) string {
	parts := make([]string, len(p))
	for i, x := range p {
		parts[i] = exact(x)
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// rdJG returns J_G, the largest jump number of the wide minima.
func rdJG(c RdTheoryVariant) int {
	J := 0
	for _, i := range c.Wide {
		J = max(J, c.Jump[i])
	}
	return J
}

// rdTimeCaption is the caption of the time-fraction figure.
func rdTimeCaption(r *rdResults) string {
	return fmt.Sprintf(`Fraction of steps spent in each basin (log scale; mean over %d paths with 95\%% intervals across paths) for the clipped run ($b = %s$, filled circles) and the unclipped run (squares), against the first-order finite-$\eta$ estimate of the clipped run (solid bars; THEORY.md section 4) and the limit $\pi$ (dashed bars: the stationary law of the limiting chain, which is 0, off the scale, for the narrow basins of the clipped run; without clipping it is also the first-order estimate). A mean of 0 is drawn at the bottom of the frame.`,
		r.clipped.Replicas, bValue(r.clipped.B))
}

// rdMapCaption is the caption of the basin-map figure.
func rdMapCaption(r *rdResults) string {
	var stride string
	if len(r.m.Paths) > 0 {
		stride = num(float64(r.m.Paths[0].Stride), 3)
	}
	return fmt.Sprintf(`The basins of the modified Himmelblau function (shaded, from the basin map on a %d-point grid per axis; white: outside the disc $\|x\| \le %s$), contours of $f$ (grey), the minimizers (black; $\Omega_2$'s segment drawn as a segment) with the circles of radius %s that define a visit (dashed), and one path of each run (replica 0, every %s-th iterate; cross: $X_0$). Left: clipped at $b = %s$; right: unclipped.`,
		len(r.m.Grid), exact(r.m.DomainRadius), exact(r.theory.VisitRadius), stride, bValue(r.clipped.B))
}

// rdDiscussion generates the section's discussion from the numbers: which
// minima are J = 1, the concentration of the clipped run near the wide
// minima, the distance of the J = 1 time from the first-order estimate and
// why a first-order estimate at this η is biased, and the unclipped run's
// visits to all four minima. Every number is a field of a results file or
// a ratio of two such fields.
func rdDiscussion(r *rdResults) string {
	th, c, cl, un := r.theory, r.theory.Clipped, r.clipped, r.unclipped
	radii := func(idx []int) string {
		var out []string
		for _, i := range sortedByPaper(r, idx) {
			out = append(out, num(th.Sets[i].Radius, 3))
		}
		return "$r_i$ = " + strings.Join(out, " and ")
	}
	s := fmt.Sprintf(`\emph{Discussion (generated from the results).} At $b = %s$ the theory gives $J = 1$ for %s (%s, less than $b$) and $J = 2$ for %s (%s, more than $b$): the $J = 1$ minima are the narrow ones, whose share of time vanishes as $\eta \to 0$, and the limiting chain lives on the wide minima.`,
		exact(th.B), r.omegaList(c.Narrow), radii(c.Narrow), r.omegaList(c.Wide), radii(c.Wide))
	var wideNear float64
	for _, i := range c.Wide {
		wideNear += report0(cl.Sets[i].Near.Estimate, 0)
	}
	s += fmt.Sprintf(` The clipped paths spend %s of their steps in the basins of the $J = 1$ minima and %s within %s of their minimizers, against %s within %s of the wide minimizers: clipped SGD concentrates near the wide minima.`,
		pctCI(cl.Sharp.Estimate, cl.Sharp.Low, cl.Sharp.High), pct(cl.SharpNear.Estimate), exact(cl.Radius), pct(&wideNear), exact(cl.Radius))
	s += rdFirstOrderText(r)
	s += rdUnclippedText(r, un)
	return s
}

// sortedByPaper returns the set indices idx in the paper's order.
func sortedByPaper(r *rdResults, idx []int) []int {
	out := slices.Clone(idx)
	slices.SortFunc(out, func(a, b int) int { return r.theory.Sets[a].Paper - r.theory.Sets[b].Paper })
	return out
}

// rdFirstOrderText compares the clipped run's J = 1 time with the
// first-order estimate and explains the expected bias (THEORY.md section 7).
func rdFirstOrderText(r *rdResults) string {
	th, c, cl := r.theory, r.theory.Clipped, r.clipped
	if cl.SharpFirstOrder == nil || cl.Sharp.Estimate == nil || *cl.SharpFirstOrder <= 0 {
		return ""
	}
	fo := *cl.SharpFirstOrder
	var per []string
	for _, i := range sortedByPaper(r, c.Narrow) {
		per = append(per, fmt.Sprintf("%s: %s against %s", r.omegaTeX(i), pct(cl.Sets[i].Basin.Estimate), pct(cl.Sets[i].FirstOrder)))
	}
	ratio := *cl.Sharp.Estimate / fo
	s := fmt.Sprintf(` The first-order estimate of that basin time is %s (%s), so the simulated time is %s times the estimate`,
		pct(cl.SharpFirstOrder), strings.Join(per, "; "), num(ratio, 3))
	if cl.Sharp.Low != nil && cl.Sharp.High != nil {
		s += fmt.Sprintf(" (95\\%% interval %s--%s)", num(*cl.Sharp.Low/fo, 3), num(*cl.Sharp.High/fo, 3))
	}
	// The C* of the wide minima carry the prediction's Monte Carlo error.
	var errs []string
	for _, i := range sortedByPaper(r, c.Wide) {
		errs = append(errs, fmt.Sprintf("$\\pm%s$\\%% for %s", num(100*(c.ExitRateHigh[i]-c.ExitRateLow[i])/2/c.ExitRate[i], 2), r.omegaTeX(i)))
	}
	// r/b just above an integer: barely J jumps, slowest convergence.
	worst, gap := -1, math.Inf(1)
	for _, i := range c.Wide {
		q := th.Sets[i].Radius / th.B
		if g := q - math.Floor(q); g < gap {
			worst, gap = i, g
		}
	}
	s += "."
	// Why a first-order estimate at this η is biased, and in which
	// direction (THEORY.md section 7).
	slack := ""
	if worst >= 0 {
		slack = fmt.Sprintf(" (here $r/b = %s$ for %s)", mnum(th.Sets[worst].Radius/th.B, 4), r.omegaTeX(worst))
	}
	s += fmt.Sprintf(` A first-order estimate at this step size is biased (THEORY.md section 7). It keeps the leading term in $\lambda(\eta)$ only, and here $\lambda(\eta) = %s$ is far from 0 (it decays like $\eta^{%s}$). At practical step sizes measured mean exit times sit 2--15\%% below their limit for $J = 1$ and 15--45\%% below for $J = 2$ (THEORY.md section 7; Section~\ref{sec:ratio} for the one-dimensional landscape), more so when $r/b$ barely exceeds an integer%s. The wide minima are therefore left, and the narrow ones entered, more often than the estimate assumes, which outweighs the slightly shorter stays in the narrow basins: the simulated narrow time should exceed the estimate`,
		mnum(c.Lambda, 3), strconv.FormatFloat(th.Alpha-1, 'g', 3, 64), slack)
	switch {
	case cl.Sharp.Low != nil && *cl.Sharp.Low > fo:
		s += ", and it does: the interval excludes the estimate."
	case contains(cl.Sharp.Low, cl.Sharp.High, fo) && ratio > 1:
		s += fmt.Sprintf(`; the point estimate does, but the interval across %d paths contains the estimate and cannot resolve the bias.`, cl.Replicas)
	case contains(cl.Sharp.Low, cl.Sharp.High, fo):
		s += fmt.Sprintf(`; here the point estimate does not, and the interval across %d paths contains the estimate.`, cl.Replicas)
	default:
		s += ", but it lies below the estimate here, which this bias does not explain."
	}
	s += fmt.Sprintf(` The estimate also carries the Monte Carlo error of the constants $C^{*}$ of the wide minima (95\%% intervals %s, from %s paths per set).`,
		strings.Join(errs, ", "), num(float64(c.Samples), 3))
	var sim, fo2, lim []string
	for _, i := range sortedByPaper(r, c.Wide) {
		sim = append(sim, pct(cl.Sets[i].Basin.Estimate))
		fo2 = append(fo2, pct(cl.Sets[i].FirstOrder))
		lim = append(lim, pct(cl.Sets[i].Stationary))
	}
	s += fmt.Sprintf(` In the wide basins %s the paths spend (%s) against (%s) to first order and $\pi$ = (%s) in the limit; with %s transitions over %s time units per path, these fractions have wide intervals.`,
		r.omegaList(c.Wide), strings.Join(sim, ", "), strings.Join(fo2, ", "), strings.Join(lim, ", "),
		num(float64(cl.MarkerTransitions)/float64(max(cl.Replicas, 1)), 3), num(c.Horizon, 3))
	return s
}

// rdUnclippedText describes the unclipped run: all four minima visited,
// against the stationary law.
func rdUnclippedText(r *rdResults, un *report.DynamicsRunRd) string {
	visited, inside := 0, 0
	var sim, lim []string
	entries := make([]int, len(un.Sets))
	for _, row := range un.Transitions {
		for j, n := range row {
			if j < len(entries) {
				entries[j] += n
			}
		}
	}
	for _, i := range r.order {
		sf := un.Sets[i]
		if sf.Near.Estimate != nil && *sf.Near.Estimate > 0 {
			visited++
		}
		if sf.Stationary != nil && contains(sf.Basin.Low, sf.Basin.High, *sf.Stationary) {
			inside++
		}
		sim = append(sim, pct(sf.Basin.Estimate))
		lim = append(lim, pct(sf.Stationary))
	}
	n := len(un.Sets)
	var ent []string
	for _, i := range r.order {
		ent = append(ent, strconv.Itoa(entries[i]))
	}
	s := fmt.Sprintf(` Without clipping every $J_i = 1$ and all %d minima are wide. The unclipped paths visit %d of the %d basins (visits over all paths, in the order %s: %s) and spend (%s) of their steps in them, against the stationary law (%s) of the limiting chain`,
		n, visited, n, r.omegaList(r.order), strings.Join(ent, ", "), strings.Join(sim, ", "), strings.Join(lim, ", "))
	if inside == n {
		return s + ", each inside its 95\\% interval."
	}
	return s + fmt.Sprintf(", %d of %d inside their 95\\%% intervals.", inside, n)
}
