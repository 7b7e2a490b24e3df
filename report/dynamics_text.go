package report

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// WriteDynamicsText writes the report of `verify dynamics` for a reader:
// the title with the setting s (whose b is that of the truncated variant),
// for each η the time spent in every basin side by side for all variants,
// then per run the comparisons with the limiting chain (the generator, the
// embedded chain, the state law at fixed times, the killing time), and the
// legend. On R^d it starts with the minimum sets, the basin table shows the
// theory's first-order fractions, and every run shows the time near each
// set, in its basin and as the marker's state, and the transition counts.
func WriteDynamicsText(w io.Writer, s Setting, rep DynamicsReport, opt TextOptions) error {
	space := rep.Dimension > 1
	if space {
		fmt.Fprintln(w, s.Title("dynamics in R^d"))
		for j, s := range rep.Minima {
			loc := fmtPoint(s.A, 5)
			kind := "point"
			if !s.IsPoint() {
				loc += " – " + fmtPoint(s.B, 5)
				kind = "segment"
			}
			fmt.Fprintf(w, "m_%d  %-7s %s\n", j, kind, loc)
		}
	} else {
		fmt.Fprintln(w, s.Title("dynamics"))
	}
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
		write := writeLineStepSize
		if space {
			write = writeSpaceStepSize
		}
		if err := write(w, eta, runs); err != nil {
			return err
		}
	}
	if opt.Legend {
		writeDynamicsLegend(w, space)
	}
	for _, s := range rep.Warnings {
		fmt.Fprintln(w, "warning:", s)
	}
	return nil
}

// writeDynamicsLegend writes what the terms of a dynamics report mean.
func writeDynamicsLegend(w io.Writer, space bool) {
	lines := []string{
		"variants: the scenario's law truncated at b, the same law untruncated (b=∞), and Gaussian noise of scale σ, on the same streams.",
		"basin Ω_i: time in the basin of minimum m_i (numbered from 0), mean over replicas with the 95% CI across replicas;",
		"  limit: the stationary law π of the limiting chain on the wide minima (0 for a narrow one, §8.3).",
		"narrow: a minimum whose J is below the largest of its class (§8.2); narrow total: the time in all narrow basins,",
		"  0 in the limit, with the first-order fraction at this η (§8.4).",
		"transitions: moves of the marker between minima (entering another minimum's neighbourhood, dynamics.radius).",
		"generator: q̂ = N/T, transitions per scaled time unit 1/(η λ(η)^J) with its Poisson 95% CI, against Q (§12.5).",
		"jumps from: where the marker went next, against the limit's jump law q_ij/q_i, with a G-test p-value (§12.3).",
		"P(Y_t = k): the marker's law at scaled time t (95% CI per minimum) against exp(tQ) (§12.5).",
		"Numbers: percentages with 2 decimals, probabilities with 3, other numbers 4 significant digits (docs/formats.md).",
	}
	if space {
		lines = append(lines, "near / basin / marker: time within dynamics.radius of a minimum set, in its basin, and as the marker's state (§9.1).")
	}
	fmt.Fprintln(w, "legend (docs/theory.md sections):")
	for _, l := range lines {
		fmt.Fprintln(w, "  "+l)
	}
}

// runLabel names a run: its law and b, and its class when the graph is
// reducible (the run then covers only the replicas started in that class).
func runLabel(r DynamicsRun) string {
	var s string
	switch {
	case r.Law == "gaussian":
		s = fmt.Sprintf("gaussian σ=%g", r.NoiseScale)
	case r.B == nil:
		s = r.Law + " b=∞"
	default:
		s = fmt.Sprintf("%s b=%g", r.Law, *r.B)
	}
	if len(r.Class) > 0 && len(r.Class) < len(r.Sets) {
		s += fmt.Sprintf(" class %v", r.Class)
	}
	return s
}

// classKind returns "absorbing" or "transient".
func classKind(absorbing bool) string {
	if absorbing {
		return "absorbing"
	}
	return "transient"
}

// scaledTime renders the scaled time simulated by a run,
// replicas·steps/time unit.
func scaledTime(r DynamicsRun) string {
	return formatG(Num(float64(r.Replicas)*float64(r.Steps) / *r.TimeUnit), sigDigits)
}

// writeLineStepSize writes the runs of one η on the real line: the basin
// table, then each run's comparisons.
func writeLineStepSize(w io.Writer, eta float64, runs []DynamicsRun) error {
	fmt.Fprintf(w, "\nη = %g: %d steps per replica (n = replicas per column)\n", eta, runs[0].Steps)
	header := []string{"basin"}
	for _, r := range runs {
		header = append(header, fmt.Sprintf("%s, n=%d (95%% CI)", runLabel(r), r.Replicas), "limit")
	}
	t := newTable(w, header...)
	for j := range runs[0].Sets {
		label := "Ω_" + strconv.Itoa(j)
		if runs[0].Sets[j].Sharp {
			label += " (narrow)"
		}
		row := []any{label}
		for _, r := range runs {
			if j >= len(r.Sets) { // no replica of this run finished
				row = append(row, "–", "–")
				continue
			}
			row = append(row, fmtPercent(r.Sets[j].Basin), pctOf(r.Sets[j].Stationary))
		}
		if err := t.Append(row...); err != nil {
			return err
		}
	}
	row := []any{"narrow total"}
	for _, r := range runs {
		lim := pctOf(r.SharpLimit)
		if first := lineFirstOrder(r); first != nil {
			lim += " (first order " + pctOf(first) + ")"
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
	if err := t.Render(); err != nil {
		return err
	}
	for _, r := range runs {
		if r.TimeUnit == nil {
			for _, s := range r.Notes {
				fmt.Fprintf(w, "%s: %s\n", runLabel(r), s)
			}
			continue
		}
		fmt.Fprintf(w, "\n%s — class %v (%s), wide %v, time unit %s steps, %s scaled time units simulated\n",
			runLabel(r), r.Class, classKind(r.Absorbing), r.Wide, formatG(r.TimeUnit, 4), scaledTime(r))
		if err := writeLimitComparisons(w, r); err != nil {
			return err
		}
	}
	return nil
}

// theoryPct renders "first order (limit)" in percent, the first order with
// its interval "[lo, hi]" when there is one.
func theoryPct(first, firstLo, firstHi, limit *float64) string {
	if first == nil && limit == nil {
		return "–"
	}
	return fmtPctCI(first, firstLo, firstHi) + " (" + pctOf(limit) + ")"
}

// setLabel names minimum set j in tables: "m_j", marked when sharp.
func setLabel(j int, sharp bool) string {
	if sharp {
		return "m_" + strconv.Itoa(j) + " (narrow)"
	}
	return "m_" + strconv.Itoa(j)
}

// hasTheoryCI reports whether any theory value of the runs has an interval.
func hasTheoryCI(runs []DynamicsRun) bool {
	for _, r := range runs {
		if r.SharpFirstOrderLow != nil || r.SharpLimitLow != nil {
			return true
		}
		for _, s := range r.Sets {
			if s.FirstOrderLow != nil || s.StationaryLow != nil {
				return true
			}
		}
	}
	return false
}

// writeSpaceStepSize writes the runs of one η on R^d: the basin table with
// the theory's first-order fractions and limits, then each run's time
// fractions, transition counts and comparisons.
func writeSpaceStepSize(w io.Writer, eta float64, runs []DynamicsRun) error {
	fmt.Fprintf(w, "\nη = %g: %d steps per replica, visiting distance %g (n = replicas per column)\n", eta, runs[0].Steps, runs[0].Radius)
	header := []string{"basin"}
	for _, r := range runs {
		header = append(header, fmt.Sprintf("%s, n=%d", runLabel(r), r.Replicas), "theory")
	}
	t := newTable(w, header...)
	for j := range runs[0].Sets {
		row := []any{setLabel(j, runs[0].Sets[j].Sharp)}
		for _, r := range runs {
			if j >= len(r.Sets) { // no replica of this run finished
				row = append(row, "–", "–")
				continue
			}
			s := r.Sets[j]
			row = append(row, fmtPercent(s.Basin), theoryPct(s.FirstOrder, s.FirstOrderLow, s.FirstOrderHigh, s.Stationary))
		}
		if err := t.Append(row...); err != nil {
			return err
		}
	}
	row := []any{"narrow total"}
	for _, r := range runs {
		row = append(row, fmtPercent(r.Sharp), theoryPct(r.SharpFirstOrder, r.SharpFirstOrderLow, r.SharpFirstOrderHigh, r.SharpLimit))
	}
	if err := t.Append(row...); err != nil {
		return err
	}
	row = []any{"transitions"}
	for _, r := range runs {
		row = append(row, strconv.Itoa(r.MarkerTransitions), "")
	}
	if err := t.Append(row...); err != nil {
		return err
	}
	if err := t.Render(); err != nil {
		return err
	}
	fmt.Fprintln(w, "time in each basin, mean over replicas (95% CI across replicas); theory: first order in λ(η) (limit π)")
	if hasTheoryCI(runs) {
		fmt.Fprintln(w, "theory's 95% CI: the Monte Carlo error of the rates only (bootstrap), not the error of the first-order heuristic")
	}
	for _, r := range runs {
		if err := writeSpaceRun(w, r); err != nil {
			return err
		}
	}
	return nil
}

// writeSpaceRun writes the time fractions, transition counts and
// comparisons of one run on R^d.
func writeSpaceRun(w io.Writer, r DynamicsRun) error {
	starts := make([]string, len(r.Starts))
	for i, s := range r.Starts {
		starts[i] = fmtPoint(s, 4)
	}
	fmt.Fprintf(w, "\n%s — %d replicas from %s", runLabel(r), r.Replicas, strings.Join(starts, ", "))
	if r.TimeUnit != nil {
		fmt.Fprintf(w, "; class %v (%s), wide %v, λ(η) = %s, time unit %s steps, %s scaled time units simulated",
			r.Class, classKind(r.Absorbing), r.Wide, formatG(r.Lambda, 4), formatG(r.TimeUnit, 4), scaledTime(r))
	}
	fmt.Fprintln(w)
	first, limit := "first order", "limit"
	if hasTheoryCI([]DynamicsRun{r}) {
		first, limit = "first order (95% CI)", "limit (95% CI)"
	}
	t := newTable(w, "set", "near (95% CI)", "basin (95% CI)", "marker (95% CI)", first, limit)
	for _, s := range r.Sets {
		if err := t.Append(setLabel(s.Set, s.Sharp), fmtPercent(s.Near), fmtPercent(s.Basin), fmtPercent(s.Marker),
			fmtPctCI(s.FirstOrder, s.FirstOrderLow, s.FirstOrderHigh), fmtPctCI(s.Stationary, s.StationaryLow, s.StationaryHigh)); err != nil {
			return err
		}
	}
	if err := t.Append("narrow total", fmtPercent(r.SharpNear), fmtPercent(r.Sharp), "",
		fmtPctCI(r.SharpFirstOrder, r.SharpFirstOrderLow, r.SharpFirstOrderHigh), fmtPctCI(r.SharpLimit, r.SharpLimitLow, r.SharpLimitHigh)); err != nil {
		return err
	}
	if err := t.Append("none", fmtPercent(r.Out), fmtPercent(r.NoBasin), "", "", ""); err != nil {
		return err
	}
	if err := t.Render(); err != nil {
		return err
	}
	if r.MarkerTransitions > 0 {
		n := len(r.Transitions)
		header := []string{"transitions from \\ to"}
		for j := range n {
			header = append(header, "m_"+strconv.Itoa(j))
		}
		t := newTable(w, header...)
		for i := range n {
			row := []any{"m_" + strconv.Itoa(i)}
			for j := range n {
				if i == j {
					row = append(row, "–")
					continue
				}
				row = append(row, strconv.Itoa(r.Transitions[i][j]))
			}
			if err := t.Append(row...); err != nil {
				return err
			}
		}
		if err := t.Render(); err != nil {
			return err
		}
	}
	return writeLimitComparisons(w, r)
}

// writeLimitComparisons writes a run's comparisons with the limiting chain
// that have data (generator, embedded chain, state law at fixed times,
// killing time), then its notes.
func writeLimitComparisons(w io.Writer, r DynamicsRun) error {
	if len(r.Generator) > 0 {
		t := newTable(w, "generator", "N", "T (scaled)", "q̂ (95% CI)", "predicted Q", "ratio")
		for _, g := range r.Generator {
			if err := t.Append(fmt.Sprintf("m_%d → m_%d", g.From, g.To), strconv.Itoa(g.Transitions),
				numF(g.Exposure), numCI(g.Rate.Estimate, g.Rate.Low, g.Rate.High), num(g.Predicted), num(g.Ratio)); err != nil {
				return err
			}
		}
		if err := t.Render(); err != nil {
			return err
		}
	}
	if len(r.Embedded) > 0 {
		t := newTable(w, "jumps from", "N", "observed", "predicted q_ij/q_i", "G-test p")
		for _, e := range r.Embedded {
			if err := t.Append("m_"+strconv.Itoa(e.From), strconv.Itoa(e.Transitions), landingString(e.Observed),
				landingString(e.Predicted), fmtPValue(e.PValue)); err != nil {
				return err
			}
		}
		if err := t.Render(); err != nil {
			return err
		}
	}
	if len(r.FDD) > 0 {
		t := newTable(w, "t", "step", "P(Y_t = k) observed (95% CI)", "predicted", "G-test p")
		for _, p := range r.FDD {
			var obs string
			for _, k := range sortedIntervalKeys(p.ObservedCI) {
				if obs != "" {
					obs += "  "
				}
				obs += k + ": " + fmtProbInterval(p.ObservedCI[k])
			}
			if err := t.Append(strconv.FormatFloat(p.T, 'g', -1, 64), strconv.FormatInt(p.Step, 10), obs,
				landingString(p.Predicted), fmtPValue(p.PValue)); err != nil {
				return err
			}
		}
		if err := t.Render(); err != nil {
			return err
		}
	}
	if r.Kill != nil {
		fmt.Fprintf(w, "time to leave the class: %s scaled (left %d, censored %d), predicted %s\n",
			fmtInterval(r.Kill.Mean, sigDigits), r.Kill.Left, r.Kill.Censored, formatG(r.Kill.Predicted, sigDigits))
	}
	for _, s := range r.Notes {
		fmt.Fprintf(w, "note: %s\n", s)
	}
	return nil
}

// sortedIntervalKeys returns the keys of m in the order of sortedKeys.
func sortedIntervalKeys(m map[string]Interval) []string {
	keys := make(map[string]float64, len(m))
	for k := range m {
		keys[k] = 0
	}
	return sortedKeys(keys)
}
