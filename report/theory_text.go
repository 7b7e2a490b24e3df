package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/htsgd/htsgd/theory"
)

// WriteTheoryText writes the report of `verify theory` on the scenario
// called name for a reader: the minima with r_i and J_i, the rate
// constants (exact: the matrix q_ij, with the cross-check when present;
// Monte Carlo: C* with its interval, and the landing law), the typical
// transition graph with its classes and limiting chains, and the
// predictions per η. When the theory does not apply it says so and why.
func WriteTheoryText(w io.Writer, name string, r TheoryReport) error {
	a := r.Analysis
	if a == nil {
		_, err := fmt.Fprintf(w, "theory — scenario %s: not applicable (%s)\n", name, r.Reason)
		return err
	}
	if a.Dimension > 1 {
		fmt.Fprintf(w, "theory in R^d — scenario %s (d = %d, b = %s)\n\n", name, a.Dimension, formatB(a.Model.B))
	} else {
		fmt.Fprintf(w, "theory — scenario %s (b = %s)\n\n", name, formatB(a.Model.B))
	}
	if a.Exact {
		return writeExactTheory(w, r)
	}
	return writeMonteCarloTheory(w, r)
}

// formatB renders the truncation threshold b (above 1e300: none).
func formatB(b float64) string {
	if b > 1e300 {
		return "∞ (no truncation)"
	}
	return fmt.Sprint(b)
}

// fmtVec renders a vector "(x, y, …)" with the given significant digits.
func fmtVec(v []float64, digits int) string {
	s := make([]string, len(v))
	for i, x := range v {
		s[i] = formatG(Num(x), digits)
	}
	return "(" + strings.Join(s, ", ") + ")"
}

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
	fmt.Fprintf(w, "minima   %s\n", fmtVec(minima, 6))
	fmt.Fprintf(w, "saddles  %s\n", fmtVec(a.Saddles, 6))
	fmt.Fprintf(w, "r        %s\n", fmtVec(a.Radius, 6))
	fmt.Fprintf(w, "J        %v\n\n", a.JumpNumber)

	fmt.Fprintln(w, "rate constants q_ij (THEORY.md section 3)")
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
			cell := strconv.FormatFloat(a.Rates[i][j], 'f', 6, 64)
			if r.Check != nil {
				cell += fmt.Sprintf("\nMC %.4f ± %.4f", r.Check.Rates[i][j], 1.96*r.Check.Stderr[i][j])
			}
			row = append(row, cell)
		}
		if len(a.ExitBelow) > 0 {
			row = append(row, strconv.FormatFloat(a.ExitBelow[i], 'f', 6, 64), strconv.FormatFloat(a.ExitAbove[i], 'f', 6, 64))
		}
		row = append(row, strconv.FormatFloat(a.ExitRate[i], 'f', 6, 64))
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

	fmt.Fprintln(w, "\ntypical transition graph (i → j iff J_ij = J_i)")
	writeClasses(w, r, 6)
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
			row := []any{strconv.FormatFloat(p.Eta, 'g', 4, 64), formatG(Num(p.Lambda), 4)}
			for _, m := range p.MeanExitSteps {
				row = append(row, formatG(m, 4))
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
	for _, s := range a.Warnings {
		fmt.Fprintln(w, "warning:", s)
	}
	return nil
}

// narrowByClass sums the narrow time fractions within each absorbing class
// (they are fractions of the time spent in that class) and renders one sum
// per class; transient classes have none.
func narrowByClass(a *theory.Analysis, frac []*float64) string {
	var parts []string
	for _, c := range a.Classes {
		if !c.Absorbing {
			continue
		}
		sum := 0.0
		for _, i := range c.Members {
			sum += Value(frac[i])
		}
		parts = append(parts, formatG(Num(sum), 4))
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return strings.Join(parts, " | ")
}

// fmtSet renders minimum set i: its point, or "A – B" for a segment.
func fmtSet(a *theory.Analysis, i int) string {
	s := a.Sets[i]
	if s.IsPoint() {
		return fmtPoint(s.A, 5)
	}
	return fmtPoint(s.A, 5) + " – " + fmtPoint(s.B, 5)
}

// writeMonteCarloTheory writes an analysis with Monte Carlo rates: the
// minimum sets with r_i, J_i and C* (with its interval), the landing law,
// the graph with its classes and limiting chains, and the predictions per
// η with their intervals.
func writeMonteCarloTheory(w io.Writer, r TheoryReport) error {
	a := r.Analysis
	n := len(a.Sets)
	fmt.Fprintf(w, "minimum sets (THEORY.md section 5; C* by Monte Carlo, %d paths per set, 95%% CI)\n", a.Samples)
	t := newTable(w, "set", "kind", "location", "r", "J", "C* = q_i", "95% CI", "flow")
	for i := range n {
		flow := "contracting"
		if !a.Contracting[i] {
			flow = "not contracting"
			if a.Searched[i] {
				flow += " (J searched)"
			}
		}
		if err := t.Append("m_"+strconv.Itoa(i), a.MinimumKind[i], fmtSet(a, i), formatG(Num(a.Radius[i]), 5),
			strconv.Itoa(a.JumpNumber[i]), formatG(Num(a.ExitRate[i]), 5),
			fmtRange(Num(r.ExitRateCI[i][0]), Num(r.ExitRateCI[i][1]), 4), flow); err != nil {
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
			row = append(row, strconv.FormatFloat(a.Landing[i][j], 'f', 4, 64))
		}
		if err := t.Append(row...); err != nil {
			return err
		}
	}
	if err := t.Render(); err != nil {
		return err
	}

	fmt.Fprintln(w, "\ntypical transition graph (i → j iff q_ij > 0 at J_i jumps)")
	writeClasses(w, r, 5)
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
		t := newTable(w, "η", "λ(η)", "set", "E τ (steps)", "95% CI", fracHeader)
		for _, p := range r.Predictions {
			for i := range n {
				frac := "–"
				if i < len(p.TimeFraction) {
					frac = pctOf(p.TimeFraction[i])
				}
				if i < len(p.TimeFractionLow) && i < len(p.TimeFractionHigh) {
					frac = fmtPctCI(p.TimeFraction[i], p.TimeFractionLow[i], p.TimeFractionHigh[i])
				}
				if err := t.Append(strconv.FormatFloat(p.Eta, 'g', 4, 64), formatG(Num(p.Lambda), 4), "m_"+strconv.Itoa(i),
					formatG(p.MeanExitSteps[i], 4), fmtRange(p.MeanExitLow[i], p.MeanExitHigh[i], 4), frac); err != nil {
					return err
				}
			}
		}
		if err := t.Render(); err != nil {
			return err
		}
		fmt.Fprintln(w, "time fraction: first order in λ(η), a heuristic (THEORY.md section 4); the limit is π on the wide minima")
		if withCI {
			fmt.Fprintln(w, "its 95% CI, like that of π, carries the Monte Carlo error of the rates only, not the error of the heuristic")
		}
	}
	for _, s := range a.Warnings {
		fmt.Fprintln(w, "warning:", s)
	}
	return nil
}
