package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"
)

// ExitTextOptions control WriteExitText.
type ExitTextOptions struct {
	// Legend adds, under the tables, what every column means.
	Legend bool
	// MonteCarloPaths is the number of Monte Carlo paths per minimum set
	// behind C* when the predictions are not exact (R^d), 0 when they are.
	MonteCarloPaths int
}

// WriteExitText writes the report of `verify exit` (or `verify merge`) for
// a reader: the title with the setting, the table of exit times (one row
// per (η, start): J, exits, censored replicas, the mean exit time with its
// 95% interval, the prediction, the ratio R(η) with its interval, the
// p-value of the exponential-shape test and the row's verdict), the table
// of landings when the rows have any (measured and predicted landing laws,
// the G-test, the forbidden landings with their interval), the legend,
// and the report's notes. Rows on R^d add the start point, and the
// prediction's interval from the Monte Carlo error of C*. Rows of the
// rare-event estimator (Method "is") are titled as such.
func WriteExitText(w io.Writer, s Setting, rep ExitReport, opt ExitTextOptions) error {
	what := "first exit"
	if s.Dimension > 1 {
		what = "first exit in R^d"
	}
	rare := isRare(rep.Rows)
	if rare {
		what = "first exit by importance sampling (rare-event estimator)"
	}
	fmt.Fprintln(w, s.Title(what))
	if err := writeExitTimes(w, rep.Rows); err != nil {
		return err
	}
	landings := hasLandings(rep.Rows)
	if landings {
		if err := writeExitLandings(w, rep.Rows); err != nil {
			return err
		}
	}
	if rare {
		writeRareWarnings(w, rep.Rows)
	}
	if opt.Legend {
		writeExitLegend(w, rep.Rows, opt, rare, landings)
	}
	for _, note := range rep.Warnings {
		fmt.Fprintln(w, "note:", note)
	}
	return nil
}

// isRare reports whether the rows are estimates of the rare-event
// estimator.
func isRare(rows []ExitRow) bool {
	for _, r := range rows {
		if r.Method == "is" {
			return true
		}
	}
	return false
}

// hasLandings reports whether any row has measured or predicted landings.
func hasLandings(rows []ExitRow) bool {
	for _, r := range rows {
		if len(r.Landing) > 0 || len(r.PredictedLanding) > 0 {
			return true
		}
	}
	return false
}

// etaCell renders η as given in the scenario (shortest representation).
func etaCell(eta float64) string { return strconv.FormatFloat(eta, 'g', -1, 64) }

// jumpCell renders J, "–" without theory.
func jumpCell(j *int) string {
	if j == nil {
		return "–"
	}
	return strconv.Itoa(*j)
}

// writeExitTimes writes the table of exit times.
func writeExitTimes(w io.Writer, rows []ExitRow) error {
	points := onPoints(rows)
	header := []string{"η", "basin", "J", "exits", "cens.", "mean steps (95% CI)", "predicted", "ratio R (95% CI)", "Exp p", "verdict"}
	if points {
		header = []string{"η", "start", "basin", "J", "exits", "cens.", "mean steps (95% CI)", "predicted (95% CI)", "ratio R (95% CI)", "Exp p", "verdict"}
	}
	rare := isRare(rows)
	if rare {
		header = append(header, "diagnostics")
	}
	t := newTable(w, header...)
	for _, r := range rows {
		cells := []any{etaCell(r.Eta)}
		if points {
			cells = append(cells, fmtPoint(r.Start, sigDigits))
		}
		cells = append(cells, strconv.Itoa(r.Basin), jumpCell(r.Jump), strconv.Itoa(r.Exits), strconv.Itoa(r.Censored),
			meanCell(r))
		if points {
			u := r.uncertainty()
			cells = append(cells, numCI(r.PredictedSteps, u.PredictedLow, u.PredictedHigh))
		} else {
			cells = append(cells, num(r.PredictedSteps))
		}
		verdict := "–"
		if r.Verdict != nil {
			verdict = r.Verdict.String()
		}
		cells = append(cells, numCI(r.Ratio, r.RatioLow, r.RatioHigh), fmtPValue(r.ExpTestP), verdict)
		if rare {
			cells = append(cells, rareCell(r))
		}
		if err := t.Append(cells...); err != nil {
			return err
		}
	}
	return t.Render()
}

// meanCell is the mean exit time with its interval; with no exits, "–"
// and the interval open upwards ("– [lo, ∞]").
func meanCell(r ExitRow) numCell { return numCI(r.MeanSteps, r.CILow, r.CIHigh) }

// writeExitLandings writes the table of landings: measured and predicted
// landing laws, the G-test of the allowed basins, and the forbidden
// landings with their fraction and interval ("–" when the limit forbids no
// basin or there is no prediction).
func writeExitLandings(w io.Writer, rows []ExitRow) error {
	t := newTable(w, "η", "basin", "exits", "landing", "predicted landing", "G p", "forbidden", "forbidden fraction (95% CI)")
	for _, r := range rows {
		forbidden, frac := "–", any("–")
		if r.ForbiddenExits != nil {
			forbidden = strconv.Itoa(*r.ForbiddenExits)
			if !(*r.ForbiddenExits == 0 && Value(r.ForbiddenHigh) == 0) { // a basin is forbidden
				frac = numCI(r.ForbiddenFraction, r.ForbiddenLow, r.ForbiddenHigh)
			}
		}
		if err := t.Append(etaCell(r.Eta), strconv.Itoa(r.Basin), strconv.Itoa(r.Exits), landingString(r.Landing),
			landingString(nonZero(r.PredictedLanding)), fmtPValue(r.LandingTestP), forbidden, frac); err != nil {
			return err
		}
	}
	return t.Render()
}

// writeExitLegend writes what the columns of the exit tables mean.
func writeExitLegend(w io.Writer, rows []ExitRow, opt ExitTextOptions, rare, landings bool) {
	theory := "docs/theory.md"
	lines := []string{
		"basin: 0-based index of the basin left (the minima in increasing order; sgd.start uses the same numbers).",
		"J: jumps needed to leave it, ⌈r/b⌉ (" + theory + " §5.1). cens.: replicas stopped at run.max_steps, kept as censored (§12.1).",
		"mean steps: mean first-exit time in steps with its exact 95% CI (§12.1). predicted: 1/(q η λ(η)^J) (§6.2).",
		"ratio R: mean/predicted with its 95% CI; R → 1 as η → 0, and sits below 1 at finite η (pre-asymptotic bias, §11).",
		"Exp p: p-value of the test that exit times are exponential (§12.2); <0.001 below its resolution.",
	}
	if rare {
		lines = append(lines[:3],
			"exits: windows that exited (the rare-event estimator, §13); the CI is normal-theory from the windows' likelihood ratios.",
			"ratio R: mean/predicted with its 95% CI; R → 1 as η → 0 (§11).",
			"diagnostics: the estimate's self-checks (§13), each a one-sided test at 0.1%: the hazard flat after the burn-in, the start's",
			"  transient bias below 2%, no window above 10% of the estimate, at least 100 effective exits; pass, or FAIL and the failed",
			"  checks (the estimate may be wrong or its CI too narrow), or refused (no design passed its pilots within run.samples windows).")
	}
	if opt.MonteCarloPaths > 0 {
		lines = append(lines, fmt.Sprintf("predicted on R^d: 1/(C* η λ(η)^J), C* by Monte Carlo (%d paths per minimum set, §9.3); "+
			"its 95%% CI, and the ratio's, carry that error.", opt.MonteCarloPaths))
	}
	if landings {
		lines = append(lines,
			"landing: basin:fraction of the exits that landed in each basin; predicted landing: the limit q_ij/q_i (§7.1).",
			"G p: G-test of the landings in the allowed basins against the limit (§12.3).",
			"forbidden: exits into basins the limit forbids (q_ij = 0), with their fraction and its 95% CI; any rejects the limit law at this η (§12.3).")
		if landsOutside(rows) {
			lines = append(lines, "landing -1: a point in no basin (§9.1).")
		}
	}
	lines = append(lines,
		"verdict: the row's checks at the 5% level each: consistent (1 in the ratio's CI, shape and landing pass), else the failures:",
		"  R < 1 or R > 1 (the CI excludes 1), not exponential, landing (forbidden landings or G p < 0.05). One η cannot judge a limit:",
		"  'verify converge' does, along a ladder of step sizes. Numbers: 4 significant digits, one notation per column (docs/formats.md).")
	fmt.Fprintln(w, "legend ("+theory+" sections):")
	for _, l := range lines {
		fmt.Fprintln(w, "  "+l)
	}
}

// landsOutside reports whether a row has measured or predicted landings
// with the label -1 (a point in no basin).
func landsOutside(rows []ExitRow) bool {
	for _, r := range rows {
		_, in := r.Landing["-1"]
		if _, pred := r.PredictedLanding["-1"]; in || pred {
			return true
		}
	}
	return false
}

// rareCell is the diagnostics cell of a rare-event row: "pass", "FAIL:"
// and the failed checks, or "refused:" and the reason.
func rareCell(r ExitRow) string {
	switch d := r.Rare; {
	case d == nil:
		return "–"
	case d.Refused != "":
		return "refused: " + d.Refused
	case d.Warning:
		return "FAIL: " + strings.Join(d.Failed, ", ")
	}
	return "pass"
}

// writeRareWarnings writes a warning line under the tables for every
// rare-event row whose self-checks failed or whose design was refused.
func writeRareWarnings(w io.Writer, rows []ExitRow) {
	for _, r := range rows {
		switch d := r.Rare; {
		case d == nil:
		case d.Refused != "":
			fmt.Fprintf(w, "warning: η = %s, basin %d: no estimate: no design passed its pilots (%s; the last pilot failed %s)\n",
				etaCell(r.Eta), r.Basin, d.Refused, strings.Join(d.Failed, ", "))
		case d.Warning:
			fmt.Fprintf(w, "warning: η = %s, basin %d: the rare-event checks failed (%s): the estimate may be wrong or its CI too narrow\n",
				etaCell(r.Eta), r.Basin, strings.Join(d.Failed, ", "))
		}
	}
}
