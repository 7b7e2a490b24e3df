package report

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// variantLabelRd names an R^d run: its law and b, and its class when the
// run covers only the replicas started in one class of a reducible graph.
func variantLabelRd(r DynamicsRunRd) string {
	return runLabel(r.Law, r.NoiseScale, r.B, r.Class, len(r.Sets))
}

// setLabel names minimum set j in tables: "m_j", marked when sharp.
func setLabel(j int, sharp bool) string {
	if sharp {
		return "m_" + strconv.Itoa(j) + " (sharp)"
	}
	return "m_" + strconv.Itoa(j)
}

// theoryPct renders "first order (limit)" in percent, the first order with
// its interval "[lo, hi]" when there is one.
func theoryPct(first, firstLo, firstHi, limit *float64) string {
	if first == nil && limit == nil {
		return "–"
	}
	return fmtPctCI(first, firstLo, firstHi) + " (" + pctOf(limit) + ")"
}

// fmtPctCI renders an estimate and its interval in percent,
// "x% [lo, hi]" (as fmtPercent), or "x%" when the interval is absent.
func fmtPctCI(est, lo, hi *float64) string {
	if est == nil {
		return "–"
	}
	if lo == nil || hi == nil {
		return pctOf(est)
	}
	return fmtPercent(Interval{Estimate: est, Low: lo, High: hi})
}

// hasTheoryCI reports whether any theory value of the runs has an interval.
func hasTheoryCI(runs []DynamicsRunRd) bool {
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

// WriteDynamicsRdText writes an R^d dynamics report: the minimum sets, then
// for each η the time in every basin side by side for all variants with
// the theory's first-order fractions and limits, and per run the time near
// every set, in its basin and as the marker's state, the transition
// counts, and the generator and jump law of the marker process against the
// limiting chain.
func WriteDynamicsRdText(w io.Writer, rep DynamicsReportRd) error {
	for j, m := range rep.Minima {
		var loc string
		switch p := m.(type) {
		case []float64:
			loc = fmtPoint(p, 5)
		case [][]float64:
			loc = fmtPoint(p[0], 5) + " – " + fmtPoint(p[1], 5)
		}
		fmt.Fprintf(w, "m_%d  %-7s %s\n", j, rep.MinimumKind[j], loc)
	}
	var etas []float64
	for _, r := range rep.Runs {
		if !slices.Contains(etas, r.Eta) {
			etas = append(etas, r.Eta)
		}
	}
	for _, eta := range etas {
		var runs []DynamicsRunRd
		for _, r := range rep.Runs {
			if r.Eta == eta {
				runs = append(runs, r)
			}
		}
		fmt.Fprintf(w, "\nη = %g: %d steps per replica, visiting distance %g (n = replicas per column)\n", eta, runs[0].Steps, runs[0].Radius)
		if err := writeOccupationRd(w, runs); err != nil {
			return err
		}
		fmt.Fprintln(w, "time in each basin, mean over replicas (95% CI across replicas); theory: first order in λ(η) (limit π)")
		if hasTheoryCI(runs) {
			fmt.Fprintln(w, "theory's 95% CI: the Monte Carlo error of the rates only (bootstrap), not the error of the first-order heuristic")
		}
		for _, r := range runs {
			if err := writeRunDetailsRd(w, r); err != nil {
				return err
			}
		}
	}
	for _, s := range rep.Warnings {
		fmt.Fprintln(w, "warning:", s)
	}
	return nil
}

// writeOccupationRd writes the side-by-side table of basin time fractions.
func writeOccupationRd(w io.Writer, runs []DynamicsRunRd) error {
	header := []string{"basin"}
	for _, r := range runs {
		header = append(header, fmt.Sprintf("%s, n=%d", variantLabelRd(r), r.Replicas), "theory")
	}
	t := newTable(w, header...)
	n := len(runs[0].Sets)
	for j := range n {
		row := []any{setLabel(j, runs[0].Sets[j].Sharp)}
		for _, r := range runs {
			s := r.Sets[j]
			row = append(row, fmtPercent(s.Basin), theoryPct(s.FirstOrder, s.FirstOrderLow, s.FirstOrderHigh, s.Stationary))
		}
		if err := t.Append(row...); err != nil {
			return err
		}
	}
	row := []any{"sharp total"}
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
	return t.Render()
}

// writeRunDetailsRd writes the fractions, transition counts, generator and
// jump-law tables of one run.
func writeRunDetailsRd(w io.Writer, r DynamicsRunRd) error {
	starts := make([]string, len(r.Starts))
	for i, s := range r.Starts {
		starts[i] = fmtPoint(s, 4)
	}
	fmt.Fprintf(w, "\n%s — %d replicas from %s", variantLabelRd(r), r.Replicas, strings.Join(starts, ", "))
	if r.TimeUnit != nil {
		kind := "absorbing"
		if !r.Absorbing {
			kind = "transient"
		}
		fmt.Fprintf(w, "; class %v (%s), wide %v, λ(η) = %s, time unit %s steps, %s scaled time units simulated",
			r.Class, kind, r.Wide, formatG(r.Lambda, 4), formatG(r.TimeUnit, 4),
			strconv.FormatFloat(float64(r.Replicas)*float64(r.Steps) / *r.TimeUnit, 'g', 4, 64))
	}
	fmt.Fprintln(w)
	first, limit := "first order", "limit"
	if hasTheoryCI([]DynamicsRunRd{r}) {
		first, limit = "first order (95% CI)", "limit (95% CI)"
	}
	t := newTable(w, "set", "near (95% CI)", "basin (95% CI)", "marker (95% CI)", first, limit)
	for _, s := range r.Sets {
		if err := t.Append(setLabel(s.Set, s.Sharp), fmtPercent(s.Near), fmtPercent(s.Basin), fmtPercent(s.Marker),
			fmtPctCI(s.FirstOrder, s.FirstOrderLow, s.FirstOrderHigh), fmtPctCI(s.Stationary, s.StationaryLow, s.StationaryHigh)); err != nil {
			return err
		}
	}
	if err := t.Append("sharp total", fmtPercent(r.SharpNear), fmtPercent(r.Sharp), "",
		fmtPctCI(r.SharpFirstOrder, r.SharpFirstOrderLow, r.SharpFirstOrderHigh), fmtPctCI(r.SharpLimit, r.SharpLimitLow, r.SharpLimitHigh)); err != nil {
		return err
	}
	if err := t.Append("none", fmtPercent(r.Out), fmtPercent(r.NoBasin), "", "", ""); err != nil {
		return err
	}
	if err := t.Render(); err != nil {
		return err
	}
	n := len(r.Transitions)
	if r.MarkerTransitions > 0 {
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
	if err := writeGenerator(w, r.Generator); err != nil {
		return err
	}
	if err := writeEmbedded(w, r.Embedded); err != nil {
		return err
	}
	for _, s := range r.Notes {
		fmt.Fprintf(w, "note: %s\n", s)
	}
	return nil
}
