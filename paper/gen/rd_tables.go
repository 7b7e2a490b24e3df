package gen

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/htsgd/htsgd/pipeline"
	"github.com/htsgd/htsgd/report"
)

// rdResults holds the R² experiment's results files.
type rdResults struct {
	dynamics report.DynamicsReportRd
	theory   RdTheoryFile
	m        RdMapFile
	// clipped and unclipped are the two runs of dynamics.
	clipped, unclipped *report.DynamicsRunRd
	// order lists the set indices in the paper's order Ω_1, …, Ω_4.
	order []int
}

// readRd reads the R² files of a results directory: nil when it has no
// rd_dynamics.json (a run without the experiment), an error when that file
// is there but another is missing or the runs are not the expected two.
func readRd(dir string) (*rdResults, error) {
	if _, err := os.Stat(filepath.Join(dir, FileRdDynamics)); errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	var r rdResults
	for name, v := range map[string]any{FileRdDynamics: &r.dynamics, FileRdTheory: &r.theory, FileRdMap: &r.m} {
		if err := readJSONFile(dir, name, v); err != nil {
			return nil, err
		}
	}
	for i := range r.dynamics.Runs {
		switch run := &r.dynamics.Runs[i]; run.Variant {
		case pipeline.VariantTruncated:
			r.clipped = run
		case pipeline.VariantUntruncated:
			r.unclipped = run
		}
	}
	n := len(r.theory.Sets)
	if r.clipped == nil || r.unclipped == nil || len(r.clipped.Sets) != n || len(r.unclipped.Sets) != n ||
		len(r.theory.Clipped.Jump) != n || n == 0 {
		return nil, fmt.Errorf("%s: want a clipped and an unclipped run over the %d sets of %s", FileRdDynamics, n, FileRdTheory)
	}
	r.order = make([]int, n)
	for i := range r.order {
		r.order[i] = i
	}
	slices.SortFunc(r.order, func(a, b int) int { return r.theory.Sets[a].Paper - r.theory.Sets[b].Paper })
	return &r, nil
}

// omegaTeX names a set by its paper basin: "$\Omega_2$".
func (r *rdResults) omegaTeX(i int) string {
	return `$\Omega_{` + strconv.Itoa(r.theory.Sets[i].Paper) + `}$`
}

// omegaList names sets in the paper's order: "$\Omega_3$ and $\Omega_4$".
func (r *rdResults) omegaList(idx []int) string {
	idx = slices.Clone(idx)
	slices.SortFunc(idx, func(a, b int) int { return r.theory.Sets[a].Paper - r.theory.Sets[b].Paper })
	parts := make([]string, len(idx))
	for k, i := range idx {
		parts[k] = r.omegaTeX(i)
	}
	if len(parts) == 0 {
		return "none"
	}
	return joinAnd(parts)
}

// joinAnd joins "a", "b" and "c" as "a, b and c".
func joinAnd(parts []string) string {
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// pointTeX formats a point "$(x, y)$" with 3 decimals.
func pointTeX(p []float64) string {
	parts := make([]string, len(p))
	for i, x := range p {
		parts[i] = strconv.FormatFloat(x, 'f', 3, 64)
	}
	return "$(" + strings.Join(parts, ", ") + ")$"
}

// setTeX formats a set of minimizers: its point, or its segment's ends.
func setTeX(s RdSet) string {
	if s.Kind == "segment" && s.B != nil {
		return "segment " + pointTeX(s.A) + "--" + pointTeX(s.B)
	}
	return pointTeX(s.A)
}

// tableRdSets lists the minimum sets with r_i, J_i and C*_i of the clipped
// run and their predicted mean exit times.
func tableRdSets(r *rdResults) *table {
	th := r.theory
	c := th.Clipped
	numbering := "as in the paper"
	if !rdPaperNumbered(r) {
		numbering = "in the basin map's order"
	}
	t := &table{label: "tab:rdsets", source: []string{FileRdTheory}, align: "llrrrrl",
		caption: fmt.Sprintf(`Minimum sets of %s found by the basin map (basins numbered %s; `+"``set''"+` is the index in the results files), distance $r_i$ from the set to the boundary of its basin, jump number $J_i$ at $b = %s$ (every $J_i = 1$ without clipping), the constant $C^{*}_i = q_i$ of the first exit (Monte Carlo over %s paths per set, 95\%% interval; THEORY.md section 5) and the predicted mean exit time $1/(C^{*}_i\eta\lambda(\eta)^{J_i})$ at $\eta = %s$.`,
			rdLossName(th), numbering, strconv.FormatFloat(th.B, 'g', -1, 64), num(float64(c.Samples), 3), mnum(th.Eta, 2))}
	t.header = []cell{"basin", "set", "minimizers", "$r_i$", "$J_i$", "$C^{*}_i$ [95\\% CI]", "$\\mathrm{E}\\,\\tau$ (steps)", "kind"}
	t.align = "lllrrrrl"
	for _, i := range r.order {
		s := th.Sets[i]
		kind := "narrow"
		if slices.Contains(c.Wide, i) {
			kind = "wide"
		}
		mean := "--"
		if i < len(c.MeanExitSteps) {
			mean = numP(c.MeanExitSteps[i], 3)
		}
		t.rows = append(t.rows, []cell{r.omegaTeX(i), strconv.Itoa(i), setTeX(s), num(s.Radius, 4), strconv.Itoa(c.Jump[i]),
			ci(&c.ExitRate[i], &c.ExitRateLow[i], &c.ExitRateHigh[i], 3), mean, kind})
	}
	return t
}

// tableRdTime lists the time fractions of both runs per basin against the
// first-order estimate and the limit.
func tableRdTime(r *rdResults) *table {
	cl, un := r.clipped, r.unclipped
	t := &table{label: "tab:rdtime", source: []string{FileRdDynamics, FileRdDynamicsCSV, FileRdTheory}, align: "lrrrrrrrr",
		caption: fmt.Sprintf(`Fraction of steps spent within %s of each basin's minimizers (`+"``near''"+`) and in the basin, mean over %d paths of %s steps with a 95\%% $t$ interval across paths, for the clipped ($b = %s$) and the unclipped run, against the first-order finite-$\eta$ estimate of the basin fraction (THEORY.md section 4, a heuristic) and the limit $\pi$ (the stationary law of the limiting chain, 0 for the basins of the clipped run's narrow minima, %s). Without clipping every $J_i = 1$, so no minimum is narrow and the first-order estimate is $\pi$.`,
			exact(cl.Radius), cl.Replicas, num(float64(cl.Steps), 2), bValue(cl.B), r.omegaList(r.theory.Clipped.Narrow))}
	t.header = []cell{"basin", "$J_i$", "near, " + bLabel(cl.B), "in basin, " + bLabel(cl.B), "first order", "limit $\\pi$",
		"near, " + bLabel(un.B), "in basin, " + bLabel(un.B), "limit $\\pi$"}
	for _, i := range r.order {
		a, b := cl.Sets[i], un.Sets[i]
		t.rows = append(t.rows, []cell{r.omegaTeX(i), strconv.Itoa(r.theory.Clipped.Jump[i]),
			pctCI(a.Near.Estimate, a.Near.Low, a.Near.High), pctCI(a.Basin.Estimate, a.Basin.Low, a.Basin.High),
			pct(a.FirstOrder), pct(a.Stationary),
			pctCI(b.Near.Estimate, b.Near.Low, b.Near.High), pctCI(b.Basin.Estimate, b.Basin.Low, b.Basin.High), pct(b.Stationary)})
	}
	t.rules = []int{len(t.rows)}
	total := "narrow total: "
	if J := rdNarrowJ(r); J > 0 {
		total = fmt.Sprintf("$J = %d$ total: ", J)
	}
	t.rows = append(t.rows, []cell{total + r.omegaList(r.theory.Clipped.Narrow), rdNarrowJCell(r),
		pctCI(cl.SharpNear.Estimate, cl.SharpNear.Low, cl.SharpNear.High), pctCI(cl.Sharp.Estimate, cl.Sharp.Low, cl.Sharp.High),
		pct(cl.SharpFirstOrder), pct(cl.SharpLimit),
		pctCI(un.SharpNear.Estimate, un.SharpNear.Low, un.SharpNear.High), pctCI(un.Sharp.Estimate, un.Sharp.Low, un.Sharp.High), pct(un.SharpLimit)})
	t.rows = append(t.rows, []cell{"near no minimizer", "", pctCI(cl.Out.Estimate, cl.Out.Low, cl.Out.High), "", "", "",
		pctCI(un.Out.Estimate, un.Out.Low, un.Out.High), "", ""})
	t.rows = append(t.rows, []cell{"transitions between minima", "", strconv.Itoa(cl.MarkerTransitions), "", "", "",
		strconv.Itoa(un.MarkerTransitions), "", ""})
	return t
}
