package report

import (
	"fmt"
	"io"
	"slices"
	"strconv"
)

// fmtInterval renders "x [lo, hi]" with the given significant digits.
func fmtInterval(iv Interval, digits int) string {
	if iv.Estimate == nil {
		return "–"
	}
	s := formatG(iv.Estimate, digits)
	if iv.Low != nil || iv.High != nil {
		s += " [" + formatG(iv.Low, digits) + ", " + formatG(iv.High, digits) + "]"
	}
	return s
}

// fmtPercent renders a fraction interval in percent.
func fmtPercent(iv Interval) string {
	if iv.Estimate == nil {
		return "–"
	}
	pct := func(p *float64) string {
		if p == nil {
			return "–"
		}
		return strconv.FormatFloat(100**p, 'f', 2, 64)
	}
	return pct(iv.Estimate) + "% [" + pct(iv.Low) + ", " + pct(iv.High) + "]"
}

func pctOf(p *float64) string {
	if p == nil {
		return "–"
	}
	return strconv.FormatFloat(100**p, 'f', 2, 64) + "%"
}

// WriteDynamicsText writes the dynamics report: for each η, the time spent
// in every basin side by side for all variants, then, per heavy-tailed
// variant, the generator, the embedded chain and the state law at fixed
// times against the limiting chain.
func WriteDynamicsText(w io.Writer, rep DynamicsReport) error {
	var etas []float64
	for _, r := range rep.Runs {
		if !slices.Contains(etas, r.Eta) {
			etas = append(etas, r.Eta)
		}
	}
	for _, eta := range etas {
		var runs []DynamicsRun
		for _, r := range rep.Runs {
			if r.Eta == eta {
				runs = append(runs, r)
			}
		}
		fmt.Fprintf(w, "\nη = %g: %d steps per replica (n = replicas per column)\n", eta, runs[0].Steps)
		if err := writeOccupation(w, runs); err != nil {
			return err
		}
		for _, r := range runs {
			if err := writeRunDetails(w, r); err != nil {
				return err
			}
		}
	}
	for _, s := range rep.Warnings {
		fmt.Fprintln(w, "warning:", s)
	}
	return nil
}

// variantLabel names a run: its law and b, and its class when the graph is
// reducible (the run then covers only the replicas started in that class).
func variantLabel(r DynamicsRun) string {
	return runLabel(r.Law, r.NoiseScale, r.B, r.Class, len(r.Basins))
}

// runLabel names a trajectory run (1-D or R^d) from its radial or 1-D law,
// the noise scale (σ for gaussian), b (nil: none) and its class of n
// minima, shown only when the run covers part of them.
func runLabel(law string, scale float64, b *float64, class []int, n int) string {
	var s string
	switch {
	case law == "gaussian":
		s = fmt.Sprintf("gaussian σ=%g", scale)
	case b == nil:
		s = law + " b=∞"
	default:
		s = fmt.Sprintf("%s b=%g", law, *b)
	}
	if len(class) > 0 && len(class) < n {
		s += fmt.Sprintf(" class %v", class)
	}
	return s
}

// writeOccupation writes the side-by-side table of time fractions.
func writeOccupation(w io.Writer, runs []DynamicsRun) error {
	header := []string{"basin"}
	for _, r := range runs {
		header = append(header, fmt.Sprintf("%s, n=%d (95%% CI)", variantLabel(r), r.Replicas), "limit")
	}
	t := newTable(w, header...)
	n := len(runs[0].Basins)
	for j := range n {
		label := "Ω_" + strconv.Itoa(j)
		if runs[0].Basins[j].Sharp {
			label += " (sharp)"
		}
		row := []any{label}
		for _, r := range runs {
			row = append(row, fmtPercent(r.Basins[j].Fraction), pctOf(r.Basins[j].Stationary))
		}
		if err := t.Append(row...); err != nil {
			return err
		}
	}
	row := []any{"sharp total"}
	for _, r := range runs {
		lim := pctOf(r.SharpLimit)
		if r.SharpFirstOrder != nil {
			lim += " (first order " + pctOf(r.SharpFirstOrder) + ")"
		}
		row = append(row, fmtPercent(r.Sharp), lim)
	}
	if err := t.Append(row...); err != nil {
		return err
	}
	row = []any{"transitions"}
	for _, r := range runs {
		row = append(row, strconv.Itoa(r.MarkerTransitions)+" (crossings "+strconv.Itoa(r.Crossings)+")", "")
	}
	if err := t.Append(row...); err != nil {
		return err
	}
	return t.Render()
}

// writeRunDetails writes the generator, embedded-chain and fdd tables of a
// run whose noise is heavy-tailed.
func writeRunDetails(w io.Writer, r DynamicsRun) error {
	if r.TimeUnit == nil {
		for _, s := range r.Notes {
			fmt.Fprintf(w, "%s: %s\n", variantLabel(r), s)
		}
		return nil
	}
	kind := "absorbing"
	if !r.Absorbing {
		kind = "transient"
	}
	fmt.Fprintf(w, "\n%s — class %v (%s), wide %v, time unit %s steps, %s scaled time units simulated\n",
		variantLabel(r), r.Class, kind, r.Wide, formatG(r.TimeUnit, 4),
		strconv.FormatFloat(float64(r.Replicas)*float64(r.Steps) / *r.TimeUnit, 'g', 4, 64))
	if err := writeGenerator(w, r.Generator); err != nil {
		return err
	}
	if err := writeEmbedded(w, r.Embedded); err != nil {
		return err
	}
	if len(r.FDD) > 0 {
		t := newTable(w, "t", "step", "P(Y_t = k) observed (95% CI)", "predicted", "G-test p")
		for _, p := range r.FDD {
			var obs string
			for _, k := range sortedIntervalKeys(p.ObservedCI) {
				if obs != "" {
					obs += "  "
				}
				obs += k + ": " + fmtInterval(p.ObservedCI[k], 3)
			}
			if err := t.Append(strconv.FormatFloat(p.T, 'g', 4, 64), strconv.FormatInt(p.Step, 10), obs,
				landingString(p.Predicted), formatG(p.PValue, 2)); err != nil {
				return err
			}
		}
		if err := t.Render(); err != nil {
			return err
		}
	}
	if r.Kill != nil {
		fmt.Fprintf(w, "time to leave the class: %s scaled (left %d, censored %d), predicted %s\n",
			fmtInterval(r.Kill.Mean, 4), r.Kill.Left, r.Kill.Censored, formatG(r.Kill.Predicted, 4))
	}
	for _, s := range r.Notes {
		fmt.Fprintf(w, "note: %s\n", s)
	}
	return nil
}

// writeGenerator writes the generator entries (estimated against
// predicted), if any.
func writeGenerator(w io.Writer, gen []GeneratorEntry) error {
	if len(gen) == 0 {
		return nil
	}
	t := newTable(w, "generator", "N", "T (scaled)", "q̂ (95% CI)", "predicted Q", "ratio")
	for _, g := range gen {
		if err := t.Append(fmt.Sprintf("m_%d → m_%d", g.From, g.To), strconv.Itoa(g.Transitions),
			strconv.FormatFloat(g.Exposure, 'g', 4, 64), fmtInterval(g.Rate, 4), formatG(g.Predicted, 6), formatG(g.Ratio, 3)); err != nil {
			return err
		}
	}
	return t.Render()
}

// writeEmbedded writes the embedded-chain tests, if any.
func writeEmbedded(w io.Writer, emb []EmbeddedTest) error {
	if len(emb) == 0 {
		return nil
	}
	t := newTable(w, "jumps from", "N", "observed", "predicted q_ij/q_i", "G-test p")
	for _, e := range emb {
		if err := t.Append("m_"+strconv.Itoa(e.From), strconv.Itoa(e.Transitions), landingString(e.Observed),
			landingString(e.Predicted), formatG(e.PValue, 2)); err != nil {
			return err
		}
	}
	return t.Render()
}

func sortedIntervalKeys(m map[string]Interval) []string {
	keys := make(map[string]float64, len(m))
	for k := range m {
		keys[k] = 0
	}
	return sortedKeys(keys)
}
