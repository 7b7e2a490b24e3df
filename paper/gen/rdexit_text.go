package gen

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// rdExitSection returns the blocks of the 2-D quadratic exit section: the
// setting, a table per series, the ratio figure and the generated
// discussion.
func rdExitSection(f *RdExitsFile) []block {
	b := []block{heading{1, `First exit in two dimensions: a quadratic well`, "sec:rdexit"}, para{rdExitIntro(f)}}
	for _, s := range f.Series {
		b = append(b, tableRdExit(f, s))
	}
	return append(b,
		figure{label: "fig:rdexit", name: figRdExit, width: 0.85, source: []string{FileRdExits}, caption: rdExitCaption(f)},
		para{rdExitDiscussion(f)})
}

// rdExitTableLabel is the label of a series' table.
func rdExitTableLabel(s RdExitSeriesResult) string { return "tab:rdexit-j" + strconv.Itoa(s.J) }

// rdLambdaTeX writes λ(η) = c^α η^{α−1} for math mode ("\eta^{0.5}" when
// c = 1).
func rdLambdaTeX(alpha, scale float64) string {
	s := `\eta^{` + strconv.FormatFloat(alpha-1, 'g', 3, 64) + `}`
	if scale != 1 {
		s = exact(scale) + `^{` + exact(alpha) + `}` + s
	}
	return s
}

// rdExitIntro describes the setting, the prediction and how to rerun a
// cell.
func rdExitIntro(f *RdExitsFile) string {
	var js, refs []string
	n, steps := 0, int64(0)
	for _, s := range f.Series {
		js = append(js, fmt.Sprintf("$J = %d$ at $b = %s$", s.J, exact(s.B)))
		refs = append(refs, `\ref{`+rdExitTableLabel(s)+`}`)
		for _, c := range s.Cells {
			n++
			steps += c.TotalSteps
		}
	}
	h := f.Hessian
	hs := "H"
	if len(h) == 2 && len(h[0]) == 2 && len(h[1]) == 2 {
		hs = fmt.Sprintf("H = ((%s, %s), (%s, %s))", exact(h[0][0]), exact(h[0][1]), exact(h[1][0]), exact(h[1][1]))
	}
	var r float64
	if len(f.Series) > 0 {
		r = f.Series[0].Radius
	}
	paths := "the theory's default number of"
	if f.TheorySamples > 0 {
		paths = num(float64(f.TheorySamples), 3)
	}
	example := f.Series[0].Cells[0]
	return fmt.Sprintf(`The first-exit law of Section~\ref{sec:exit} holds in any dimension (THEORY.md section 5; Theorem 2.8 of Wang and Rhee, arXiv 2307.03479): $C^{*}\eta\lambda(\eta)^J\tau \Rightarrow \mathrm{Exp}(1)$, where $J$ is the least number of truncated jumps that take the gradient flow out of the basin and $C^{*}$ is the measure of such jump paths under $\nu_\alpha$ times the law of the direction $Z/\|Z\|$. This section checks it on the two-dimensional quadratic well $f(x) = x^{T}Hx/2$, $%s$, exited by leaving the ball $\|x\| < %s$, started at the minimum $%s$, with noise %s, so that $\lambda(\eta) = %s$. The flow $-Hx$ contracts $\|x\|$, so $J = \lceil r/b\rceil$ with $r = %s$ the distance from the minimum to the boundary: %s, as \texttt{theory} computes; Tables~%s list the cells. The constant $C^{*}$ is a Monte Carlo integral over jump paths (%s paths per cell); its 95\%% interval enters those of the predicted mean $1/(C^{*}\eta\lambda(\eta)^J)$ and of the ratio $R(\eta) = \bar\tau\,C^{*}\eta\lambda(\eta)^J$, which must tend to 1 as $\eta \to 0$ (THEORY.md section 7). The means are censored-exponential estimates with exact intervals, as in Section~\ref{sec:exit}. Each cell is a scenario file under \texttt{results/scenarios/} headed by the command that reruns it and prints its row, e.g. \texttt{%s}; $C^{*}$ is computed from each cell's own seed, so where it has a Monte Carlo error it varies across the rows of a table within its interval. %d cells, %s steps in all.`,
		hs, exact(f.BasinRadius), exactPoint(f.Start), noiseRdTeX(f.Scale, f.Law, f.Alpha, f.Angular, len(f.Start), FileRdExits), rdLambdaTeX(f.Alpha, f.Scale),
		mnum(r, 4), strings.Join(js, " and "), strings.Join(refs, "--"), paths, texEscape(example.Command), n, num(float64(steps), 3))
}

// tableRdExit is the table of one series.
func tableRdExit(f *RdExitsFile, s RdExitSeriesResult) *table {
	paths := "the default number of"
	if f.TheorySamples > 0 {
		paths = num(float64(f.TheorySamples), 3)
	}
	t := &table{label: rdExitTableLabel(s), source: []string{FileRdExits, FileRdExitsCSV}, align: "rrrrrrrrr",
		caption: fmt.Sprintf(`First exit from the ball $\|x\| < %s$ of the quadratic well with $J = %d$ ($b = %s$; slack $r - (J-1)b = %s$): exits and censored replicas, the mean exit time in steps with its exact 95\%% interval, $C^{*}$ with its Monte Carlo 95\%% interval (%s paths per cell), the predicted mean $1/(C^{*}\eta\lambda(\eta)^J)$ with the interval from $C^{*}$, the ratio $R = \bar\tau\,C^{*}\eta\lambda(\eta)^J$ with its interval (the errors of $\bar\tau$ and $C^{*}$ combined) and the $p$-value of the test that the exit times are exponential.`,
			exact(f.BasinRadius), s.J, exact(s.B), mnum(s.Slack, 3), paths)}
	t.header = []cell{`$\eta$`, `$\lambda(\eta)$`, "exits", "cens.", `mean steps [95\% CI]`, `$C^{*}$ [95\% CI]`,
		`predicted [95\% CI]`, `$R$ [95\% CI]`, `Exp $p$`}
	for _, c := range s.Cells {
		r := c.Row
		t.rows = append(t.rows, []cell{num(r.Eta, 2), num(c.Lambda, 3), strconv.Itoa(r.Exits), strconv.Itoa(r.Censored),
			ci(r.MeanSteps, r.CILow, r.CIHigh, 4), ci(r.CStar, &c.CStarLow, &c.CStarHigh, 4),
			ci(r.PredictedSteps, r.PredictedLow, r.PredictedHigh, 4), ci(r.Ratio, r.RatioLow, r.RatioHigh, 3), pval(r.ExpTestP)})
	}
	return t
}

// rdExitCaption is the caption of the ratio figure.
func rdExitCaption(f *RdExitsFile) string {
	return `The ratio $R(\eta) = \bar\tau\,C^{*}\eta\lambda(\eta)^J$ of the measured to the predicted mean exit time from the ball of the two-dimensional quadratic well against $\eta$, with 95\% intervals (errors of $\bar\tau$ and $C^{*}$ combined), one series per jump number (points of a series joined for the eye; the two series are shifted slightly apart in $\eta$); dashed: the limit $R = 1$; dotted: $R = 0.9$ and $1.1$.`
}

// rdTenPct is the tolerance of the J = 1 check of issue 7: at the smallest
// η run, R within 10% of 1.
const rdTenPct = 0.1

// rdWithinText states whether the ratio p (at the smallest η of a J = 1
// series) is within 10% of 1, judged by its 95% interval.
func rdWithinText(p ratioPoint) string {
	lo, hi := 1-rdTenPct, 1+rdTenPct
	band := fmt.Sprintf("[%s, %s]", exact(lo), exact(hi))
	switch {
	case p.lo >= lo && p.hi <= hi:
		s := "within 10\\% of 1: its 95\\% interval lies inside " + band
		switch {
		case p.lo <= 1 && 1 <= p.hi:
			return s + " and contains 1"
		case p.hi < 1:
			return s + ", though it excludes 1, lying below it (as the pre-asymptotic bias of THEORY.md section 7, means below their limit, leads one to expect)"
		}
		return s + ", though it excludes 1, lying above it, which the pre-asymptotic bias of THEORY.md section 7 (means below their limit) does not explain"
	case p.r >= lo && p.r <= hi:
		return "within 10\\% of 1 as a point estimate, but its 95\\% interval reaches beyond " + band + ", so these exits cannot establish it"
	case p.hi < lo || p.lo > hi:
		return "not within 10\\% of 1: its whole 95\\% interval lies outside " + band
	}
	return "not within 10\\% of 1 as a point estimate, though its 95\\% interval reaches into " + band
}

// rdTrendText describes how R moves as η shrinks in a series: the values,
// the steps toward 1, the slope of log R on log η and the verdict.
func rdTrendText(s RdExitSeriesResult) string {
	pts := trendPoints(s.Cells)
	if len(pts) < 2 {
		return fmt.Sprintf(`For $J = %d$ there is only one step size with a ratio, so no trend.`, s.J)
	}
	var rs []string
	for _, p := range pts {
		rs = append(rs, num(p.r, 3))
	}
	tr := s.Trend
	moves := fmt.Sprintf("moves toward 1 in %d of %d steps", tr.TowardOne, tr.Steps)
	if tr.Steps == 1 && tr.TowardOne == 1 {
		moves = "moves toward 1"
	} else if tr.Steps == 1 {
		moves = "moves away from 1"
	}
	txt := fmt.Sprintf(`For $J = %d$, as $\eta$ shrinks from %s to %s, $R$ = (%s) %s`,
		s.J, num(pts[0].eta, 2), num(pts[len(pts)-1].eta, 2), strings.Join(rs, ", "), moves)
	switch {
	case tr.TowardOne == 0:
	case tr.Steps == 1 && tr.TowardDisjoint == 1:
		txt += ", with disjoint 95\\% intervals"
	case tr.Steps == 1:
		txt += ", but the two 95\\% intervals overlap"
	case tr.TowardDisjoint == tr.TowardOne:
		txt += ", each with disjoint 95\\% intervals"
	default:
		txt += fmt.Sprintf(", %d of them with disjoint 95\\%% intervals", tr.TowardDisjoint)
	}
	if away := tr.Steps - tr.TowardOne; away > 0 && tr.Steps > 1 {
		switch {
		case away == 1 && tr.AwayOverlapping == 1:
			txt += "; in the other step the two 95\\% intervals overlap"
		case tr.AwayOverlapping == away:
			txt += "; in the other steps the two 95\\% intervals overlap"
		default:
			txt += fmt.Sprintf("; in %d of the other %d steps the two 95\\%% intervals are disjoint", away-tr.AwayOverlapping, away)
		}
	} else if away == 1 && tr.AwayOverlapping == 0 {
		txt += ", and the two 95\\% intervals are disjoint"
	} else if away == 1 {
		txt += ", but the two 95\\% intervals overlap"
	}
	l := tr.Slope
	if l == nil {
		return txt + "."
	}
	txt += fmt.Sprintf(`. The weighted least-squares slope of $\log R$ on $\log \eta$ is %s [%s, %s] (95\%% interval with the delta-method variances of $\log R$)`,
		num(l.Slope, 3), num(l.Low, 3), num(l.High, 3))
	if l.GoodnessP != nil && *l.GoodnessP < 1-level {
		txt += fmt.Sprintf(`; a straight line does not fit ($p = %s$), the ratios curve, and with the residual scale, which absorbs the curvature, the slope's interval is %s`,
			strings.Trim(pval(l.GoodnessP), "$"), rdRange(l.ResidualLow, l.ResidualHigh))
	}
	switch rdTrendVerdict(pts, l) {
	case trendAllOne:
		txt += ". Every ratio's interval contains 1: there is no departure from 1 to resolve."
	case trendRise:
		txt += ". It is negative: the ratios rise toward 1 as $\\eta$ shrinks, as the limit requires."
	case trendFall:
		txt += ". It is positive: the ratios fall toward 1 as $\\eta$ shrinks, as the limit requires."
	case trendUnresolved:
		txt += ". Its interval contains 0: over this range the data do not show the ratios moving toward 1."
	default:
		txt += ". The ratios move away from 1 as $\\eta$ shrinks, which the limit does not allow."
	}
	return txt
}

// trendVerdict is what the ratios of a series show as η shrinks.
type trendVerdict int

const (
	// trendNone: fewer than two ratios, or no fitted slope.
	trendNone trendVerdict = iota
	// trendAllOne: every ratio's interval contains 1.
	trendAllOne
	// trendRise and trendFall: the first ratio's interval lies below
	// (above) 1 and the slope of log R on log η is significantly negative
	// (positive): the ratios move toward 1, significantly.
	trendRise
	trendFall
	// trendUnresolved: the slope's interval contains 0.
	trendUnresolved
	// trendAway: the slope is significant, in the direction away from 1.
	trendAway
)

// rdTrendVerdict classifies the ratios pts (decreasing η) of a series with
// the fitted slope l of log R on log η (nil: none) and its 95% interval.
func rdTrendVerdict(pts []ratioPoint, l *RdRatioSlope) trendVerdict {
	if len(pts) < 2 || l == nil {
		return trendNone
	}
	first := pts[0]
	allOne := true
	for _, p := range pts {
		allOne = allOne && p.lo <= 1 && 1 <= p.hi
	}
	switch {
	case allOne:
		return trendAllOne
	case first.hi < 1 && l.High < 0:
		return trendRise
	case first.lo > 1 && l.Low > 0:
		return trendFall
	case l.Low <= 0 && 0 <= l.High:
		return trendUnresolved
	}
	return trendAway
}

// rdRange formats "[lo, hi]" with 3 digits ("--" for a missing end).
func rdRange(lo, hi *float64) string {
	return "[" + numP(lo, 3) + ", " + numP(hi, 3) + "]"
}

// rdBelowText says how far a J ≥ 2 mean sits below the prediction,
// 100(1 − R) percent, and compares it with what THEORY.md section 7 says
// for that J at practical step sizes on the one-dimensional landscape:
// 15–45% for J = 2, only "more" for J ≥ 3 (compare is empty for R ≥ 1
// and for J < 2).
func rdBelowText(J int, r float64) (where, compare string) {
	below := 100 * (1 - r)
	if below < 0 {
		return num(-below, 2) + `\% above the prediction`, ""
	}
	where = num(below, 2) + `\% below the prediction`
	switch {
	case J < 2:
		return where, ""
	case J > 2:
		return where, fmt.Sprintf(", where THEORY.md section 7 quotes no range for $J = %d$ and says only that the bias is larger for $J \\ge 3$ than the 15--45\\%% of $J = 2$", J)
	}
	quote := " the 15--45\\% that THEORY.md section 7 quotes for $J = 2$ at practical step sizes on the one-dimensional landscape"
	switch {
	case below > 45:
		return where, ", more than" + quote
	case below >= 15:
		return where, ", within" + quote
	}
	return where, ", less than" + quote
}

// rdExitDiscussion generates the section's discussion: the J = 1 check at
// the smallest η (within 10% of 1, by its interval), the trend of R in
// every series, and where the J ≥ 2 series stands at its smallest η with
// why it converges slowly (THEORY.md section 7). Every number is a field
// of rd_exits.json or a comparison of such fields.
func rdExitDiscussion(f *RdExitsFile) string {
	s := `\emph{Discussion (generated from the results).}`
	for _, se := range f.Series {
		pts := trendPoints(se.Cells)
		if se.J != 1 || len(pts) == 0 {
			continue
		}
		last := pts[len(pts)-1]
		s += fmt.Sprintf(` For $J = 1$ the ratio at the smallest step size run, $\eta = %s$, is $R = %s$ [%s, %s], %s.`,
			mnum(last.eta, 2), mnum(last.r, 3), num(last.lo, 3), num(last.hi, 3), rdWithinText(last))
		break
	}
	for _, se := range f.Series {
		s += " " + rdTrendText(se)
	}
	for _, se := range f.Series {
		if pts := trendPoints(se.Cells); se.J >= 2 && len(pts) > 0 {
			s += " " + rdSlowText(se, pts)
		}
	}
	return s
}

// rdSlowText says where a J ≥ 2 series stands at its smallest step size
// (the last of pts) and, when the mean sits below the prediction, whether
// the data point to the pre-asymptotic regime of THEORY.md section 7: only
// when the ratios rise significantly toward 1 (rdTrendVerdict); otherwise
// the data cannot tell that regime from a failure of the limit. It then
// gives the regime's mechanism, larger for J ≥ 2 because of the slack
// r − (J − 1)b, as the expectation THEORY.md section 7 states.
func rdSlowText(se RdExitSeriesResult, pts []ratioPoint) string {
	last := pts[len(pts)-1]
	where, compare := rdBelowText(se.J, last.r)
	s := fmt.Sprintf(`For $J = %d$ the mean exit time at the smallest step size, $\eta = %s$, sits %s ($R = %s$ [%s, %s])`,
		se.J, mnum(last.eta, 2), where, mnum(last.r, 3), num(last.lo, 3), num(last.hi, 3))
	switch {
	case last.lo > 1:
		return s + ", which the pre-asymptotic bias of THEORY.md section 7 does not explain."
	case last.hi >= 1:
		return s + "; its interval contains 1, so at these sizes the data cannot tell it from the limit."
	}
	s += compare
	var lams []float64
	for _, c := range se.Cells {
		lams = append(lams, c.Lambda)
	}
	if rdTrendVerdict(pts, se.Trend.Slope) == trendRise {
		s += `. With the ratios rising significantly toward 1 as $\eta$ shrinks, this points to the pre-asymptotic regime of THEORY.md section 7 rather than a failure of the limit:`
	} else {
		s += `. The ratios do not rise significantly toward 1 over these step sizes, so the data cannot tell the pre-asymptotic regime of THEORY.md section 7 from a failure of the limit. That regime is expected here:`
	}
	s += fmt.Sprintf(` the theorem keeps only the leading term of the exit rate, and the corrections, of relative order a power of $\lambda(\eta)$ (possibly with powers of $\log \lambda(\eta)$; observed, not proven), vanish slowly, while $\lambda(\eta)$ only falls from %s to %s over the step sizes run. They weigh more for $J = %d$ than for $J = 1$, where one jump of length at least $r$ suffices: an exit needs $J$ jumps, each at least the slack $r - (J-1)b = %s$ long (and at most $b = %s$ after truncation), pointing roughly the same way and close enough in time that the flow has not pulled the iterate back in between ($r/b = %s$). Paths the limit does not count (one more moderate jump, or the drift and small noise between the jumps helping) add to the exit rate at a relative order that is a power of $\lambda(\eta)$ with a large constant, so the measured means are expected to sit below the prediction; the smaller the slack relative to $b$, the slower the convergence (THEORY.md section 7).`,
		mnum(slices.Max(lams), 3), mnum(slices.Min(lams), 3), se.J, mnum(se.Slack, 3), exact(se.B), mnum(se.Radius/se.B, 3))
	return s
}
