package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/htsgd/htsgd/theory"
)

// TextOptions control the text writers of theory and dynamics reports.
type TextOptions struct {
	// Legend adds, at the end, what the report's terms and columns mean.
	Legend bool
}

// WriteTheoryText writes the report of `verify theory` for a reader: the
// title with the setting s, the minima with r_i and J_i, the rate
// constants (exact: the matrix q_ij, with the cross-check when present;
// Monte Carlo: C* with its interval, and the landing law), the typical
// transition graph with its classes and limiting chains, the predictions
// per η, and the legend. When the theory does not apply it says so and
// why.
func WriteTheoryText(w io.Writer, s Setting, r TheoryReport, opt TextOptions) error {
	a := r.Analysis
	what := "theory"
	if s.Dimension > 1 {
		what = "theory in R^d"
	}
	fmt.Fprintln(w, s.Title(what))
	if a == nil {
		_, err := fmt.Fprintf(w, "not applicable: %s\n", r.Reason)
		return err
	}
	fmt.Fprintln(w)
	var err error
	if a.Exact {
		err = writeExactTheory(w, r)
	} else {
		err = writeMonteCarloTheory(w, r)
	}
	if err != nil {
		return err
	}
	if opt.Legend {
		writeTheoryLegend(w, a.Exact)
	}
	for _, s := range a.Warnings {
		fmt.Fprintln(w, "warning:", s)
	}
	return nil
}

// writeTheoryLegend writes what the terms of a theory report mean.
func writeTheoryLegend(w io.Writer, exact bool) {
	lines := []string{
		"minima m_i are numbered from 0 in increasing order (sgd.start uses the same numbers); basin Ω_i is m_i's.",
		"r: distance from m_i to the nearest point out of its basin (§4.1, §9.2); J = ⌈r/b⌉, the jumps needed to leave (§5.1).",
	}
	if exact {
		lines = append(lines, "q_i,j: rate constant of an exit from Ω_i landing in Ω_j, computed exactly (§7); q_i = Σ_j q_i,j; "+
			"0 marks a basin the limit forbids (J_ij > J_i).")
	} else {
		lines = append(lines, "C* = q_i: rate constant of an exit from Ω_i, by Monte Carlo with its 95% CI (§9.3); landing law q_ij/q_i (§7.1).")
	}
	lines = append(lines,
		"graph: i → j when an exit with J_i jumps can land in Ω_j; wide minima have the largest J of their class, narrow ones less (§8.1, §8.2).",
		"Q: generator of the limiting Markov chain on the wide minima, in time units 1/(η λ(η)^J); π its stationary law (§8.3).",
		"E τ: predicted mean exit steps 1/(q_i η λ(η)^J_i) (§6.2); λ(η) = H(1/η)/η, the scale of the noise's tail (§3.4).",
		"narrow fraction: first-order fraction of time in the narrow basins at this η, a heuristic that vanishes as η → 0 (§8.4).",
		"Numbers: the theory's constants with 6 significant digits, predictions with 4, one notation per column (docs/formats.md).")
	fmt.Fprintln(w, "legend (docs/theory.md sections):")
	for _, l := range lines {
		fmt.Fprintln(w, "  "+l)
	}
}

// fmtVec renders a vector "(x, y, …)" with the given significant digits,
// without trailing zeros (fmtPoint).
func fmtVec(v []float64, digits int) string { return fmtPoint(v, digits) }

// fmtInts renders a set of indices "{i, j, …}".
func fmtInts(v []int) string {
	s := make([]string, len(v))
	for i, x := range v {
		s[i] = strconv.Itoa(x)
	}
	return "{" + strings.Join(s, ", ") + "}"
}

// fmtRanges renders intervals [lo_i, hi_i] as "([lo, hi], [lo, hi])".
func fmtRanges(lo, hi []float64, digits int) string {
	parts := make([]string, len(lo))
	for i := range lo {
		parts[i] = fmtRange(Num(lo[i]), Num(hi[i]), digits)
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// writeClasses writes the communication classes of the typical transition
// graph with their limiting chains (generator, stationary law with its
// interval when the report has one, kill rates), numbers with the given
// significant digits.
func writeClasses(w io.Writer, r TheoryReport, digits int) {
	for ci, c := range r.Classes {
		fmt.Fprintf(w, "  class %s (%s): wide %s, narrow %s\n", fmtInts(c.Members), classKind(c.Absorbing), fmtInts(c.Wide), fmtInts(c.Narrow))
		for k, row := range c.Generator {
			fmt.Fprintf(w, "    Q[m_%d] = %s\n", c.Wide[k], fmtVec(row, digits))
		}
		if len(c.Stationary) > 0 {
			fmt.Fprintf(w, "    stationary π = %s\n", fmtVec(c.Stationary, digits))
			if ci < len(r.ClassStationaryLow) && len(r.ClassStationaryLow[ci]) == len(c.Stationary) {
				fmt.Fprintf(w, "    95%% CI of π = %s\n", fmtRanges(r.ClassStationaryLow[ci], r.ClassStationaryHigh[ci], 4))
			}
		}
		if len(c.KillRate) > 0 {
			fmt.Fprintf(w, "    kill rates κ = %s\n", fmtVec(c.KillRate, digits))
		}
	}
}

// writeExactTheory writes an analysis with exact rates (the real line):
// critical points, r and J, the rate matrix (with the cross-check when
// present), the graph and its classes, and the predicted exit times and
// narrow time fractions per η.
func writeExactTheory(w io.Writer, r TheoryReport) error {
	a := r.Analysis
	n := len(a.Sets)
	minima := make([]float64, n)
	for i, s := range a.Sets {
		minima[i] = s.A[0]
	}
	fmt.Fprintf(w, "minima   %s\n", fmtVec(minima, constDigits))
	fmt.Fprintf(w, "saddles  %s\n", fmtVec(a.Saddles, constDigits))
	fmt.Fprintf(w, "r        %s\n", fmtVec(a.Radius, constDigits))
	fmt.Fprintf(w, "J        %v\n\n", a.JumpNumber)

	fmt.Fprintln(w, "rate constants q_i,j (docs/theory.md §7)")
	header := []string{"from"}
	for j := range n {
		header = append(header, "q_i,"+strconv.Itoa(j))
	}
	if len(a.ExitBelow) > 0 {
		header = append(header, "below", "above")
	}
	header = append(header, "q_i")
	t := newTable(w, header...)
	for i := range n {
		row := []any{"m_" + strconv.Itoa(i)}
		for j := range n {
			if i == j {
				row = append(row, "–")
				continue
			}
			if r.Check != nil {
				// Two lines in one cell: the notation of each number is
				// its own.
				row = append(row, formatG(Num(a.Rates[i][j]), constDigits)+"\nMC "+
					formatG(Num(r.Check.Rates[i][j]), sigDigits)+" ± "+formatG(Num(1.96*r.Check.Stderr[i][j]), sigDigits))
				continue
			}
			row = append(row, numF(a.Rates[i][j]).withDigits(constDigits))
		}
		if len(a.ExitBelow) > 0 {
			row = append(row, numF(a.ExitBelow[i]).withDigits(constDigits), numF(a.ExitAbove[i]).withDigits(constDigits))
		}
		row = append(row, numF(a.ExitRate[i]).withDigits(constDigits))
		if err := t.Append(row...); err != nil {
			return err
		}
	}
	if err := t.Render(); err != nil {
		return err
	}
	if r.Check != nil {
		fmt.Fprintf(w, "MC: independent time-domain Monte Carlo, %d paths per side, ± 1.96 standard errors\n", r.Check.Samples)
	}

	fmt.Fprintln(w, "\ntypical transition graph (i → j iff J_ij = J_i; docs/theory.md §8)")
	writeClasses(w, r, constDigits)
	if len(a.Classes) > 1 {
		fmt.Fprintln(w, "  the graph is reducible: each absorbing class has its own limit")
	}

	if len(r.Predictions) > 0 {
		fmt.Fprintln(w, "\npredicted mean exit steps 1/(q_i η λ(η)^J_i) and first-order narrow time fraction per absorbing class")
		header := []string{"η", "λ(η)"}
		for i := range n {
			header = append(header, "E τ_"+strconv.Itoa(i))
		}
		header = append(header, "narrow fraction")
		t := newTable(w, header...)
		for _, p := range r.Predictions {
			row := []any{etaCell(p.Eta), numF(p.Lambda)}
			for _, m := range p.MeanExitSteps {
				row = append(row, num(m))
			}
			row = append(row, narrowByClass(a, p.NarrowFraction))
			if err := t.Append(row...); err != nil {
				return err
			}
		}
		if err := t.Render(); err != nil {
			return err
		}
	}
	return nil
}

// narrowByClass sums the narrow time fractions within each absorbing class
// (they are fractions of the time spent in that class) and renders one sum
// per class, "a | b" for several; transient classes have none.
func narrowByClass(a *theory.Analysis, frac []*float64) any {
	var sums []float64
	for _, c := range a.Classes {
		if !c.Absorbing {
			continue
		}
		sum := 0.0
		for _, i := range c.Members {
			sum += Value(frac[i])
		}
		sums = append(sums, sum)
	}
	switch len(sums) {
	case 0:
		return "–" // no absorbing class: the time in narrow basins is not defined
	case 1:
		return numF(sums[0])
	}
	parts := make([]string, len(sums))
	for i, x := range sums {
		parts[i] = formatG(Num(x), sigDigits)
	}
	return strings.Join(parts, " | ")
}

// fmtSet renders minimum set i: its point, or "A – B" for a segment.
func fmtSet(a *theory.Analysis, i int) string {
	s := a.Sets[i]
	if s.IsPoint() {
		return fmtPoint(s.A, constDigits)
	}
	return fmtPoint(s.A, constDigits) + " – " + fmtPoint(s.B, constDigits)
}

// writeMonteCarloTheory writes an analysis with Monte Carlo rates: the
// minimum sets with r_i, J_i and C* (with its interval), the landing law,
// the graph with its classes and limiting chains, and the predictions per
// η with their intervals.
func writeMonteCarloTheory(w io.Writer, r TheoryReport) error {
	a := r.Analysis
	n := len(a.Sets)
	fmt.Fprintf(w, "minimum sets (docs/theory.md §9; C* by Monte Carlo, %d paths per set, 95%% CI)\n", a.Samples)
	t := newTable(w, "set", "kind", "location", "r", "J", "C* = q_i (95% CI)", "flow")
	for i := range n {
		flow := "contracting"
		if !a.Contracting[i] {
			flow = "not contracting"
			if a.Searched[i] {
				flow += " (J searched)"
			}
		}
		if err := t.Append("m_"+strconv.Itoa(i), a.MinimumKind[i], fmtSet(a, i), numF(a.Radius[i]).withDigits(constDigits),
			strconv.Itoa(a.JumpNumber[i]), numCI(Num(a.ExitRate[i]), Num(r.ExitRateCI[i][0]), Num(r.ExitRateCI[i][1])), flow); err != nil {
			return err
		}
	}
	if err := t.Render(); err != nil {
		return err
	}

	fmt.Fprintln(w, "\nlanding law q_ij/q_i of the first exit (none: a point in no basin)")
	header := []string{"from"}
	for j := range n {
		header = append(header, "m_"+strconv.Itoa(j))
	}
	header = append(header, "none")
	t = newTable(w, header...)
	for i := range n {
		row := []any{"m_" + strconv.Itoa(i)}
		for j := range n + 1 {
			if j == i {
				row = append(row, "–")
				continue
			}
			row = append(row, fmtProb(a.Landing[i][j]))
		}
		if err := t.Append(row...); err != nil {
			return err
		}
	}
	if err := t.Render(); err != nil {
		return err
	}

	fmt.Fprintln(w, "\ntypical transition graph (i → j iff q_ij > 0 at J_i jumps; docs/theory.md §8)")
	writeClasses(w, r, sigDigits)
	fmt.Fprintf(w, "  wide minima %s\n", fmtInts(a.Wide))
	if len(r.ClassStationaryLow) > 0 {
		fmt.Fprintf(w, "  CI of π: the Monte Carlo error of the rates propagated by a percentile bootstrap (%d resamples of the paths)\n", a.Resamples)
	}

	if len(r.Predictions) > 0 {
		fmt.Fprintln(w, "\npredicted mean exit steps 1/(C* η λ(η)^J) with the 95% CI from C*, and first-order time fractions")
		withCI := false
		for _, p := range r.Predictions {
			withCI = withCI || len(p.TimeFractionLow) > 0
		}
		fracHeader := "time fraction"
		if withCI {
			fracHeader = "time fraction (95% CI)"
		}
		t := newTable(w, "η", "λ(η)", "set", "E τ (steps, 95% CI)", fracHeader)
		for _, p := range r.Predictions {
			for i := range n {
				frac := "–"
				if i < len(p.TimeFraction) {
					frac = pctOf(p.TimeFraction[i])
				}
				if i < len(p.TimeFractionLow) && i < len(p.TimeFractionHigh) {
					frac = fmtPctCI(p.TimeFraction[i], p.TimeFractionLow[i], p.TimeFractionHigh[i])
				}
				if err := t.Append(etaCell(p.Eta), numF(p.Lambda), "m_"+strconv.Itoa(i),
					numCI(p.MeanExitSteps[i], p.MeanExitLow[i], p.MeanExitHigh[i]), frac); err != nil {
					return err
				}
			}
		}
		if err := t.Render(); err != nil {
			return err
		}
		fmt.Fprintln(w, "time fraction: first order in λ(η), a heuristic (docs/theory.md §8.4); the limit is π on the wide minima")
		if withCI {
			fmt.Fprintln(w, "its 95% CI, like that of π, carries the Monte Carlo error of the rates only, not the error of the heuristic")
		}
	}
	return nil
}
