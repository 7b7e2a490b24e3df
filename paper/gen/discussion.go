package gen

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// discussion returns the bullets of the generated discussion: what the
// numbers in the results files say about agreement with the theory, the
// pre-asymptotic bias and its decay. Every number is a field of a results
// file or a comparison of two such fields.
func discussion(r *resultsSet) []string {
	var out []string
	out = append(out, discussJumps(r))
	for _, f := range r.fits.Series {
		if s := discussSlope(f); s != "" {
			out = append(out, s)
		}
	}
	for _, f := range r.fits.Series {
		if s := discussRatio(r, f); s != "" {
			out = append(out, s)
		}
	}
	out = append(out, discussShape(r), discussLanding(r))
	if s := discussCensoring(r); s != "" {
		out = append(out, s)
	}
	out = append(out, discussDynamics(r)...)
	out = append(out, discussRare(r))
	return out
}

// discussJumps states the jump numbers of Ω_2.
func discussJumps(r *resultsSet) string {
	var parts []string
	for _, c := range r.theory.Cases {
		parts = append(parts, fmt.Sprintf("$J_2 = %d$ at %s", c.Jump[r.theory.ExitBasin], bLabel(c.B)))
	}
	return "\\emph{Jump numbers.} The computed jump numbers of $\\Omega_2$ are " + strings.Join(parts, ", ") +
		", as in the paper (its $l^* = 3, 2, 1$), so the predicted exponents of $1/\\eta$ are " + slopeList(r) + "."
}

// slopeList lists the predicted slopes.
func slopeList(r *resultsSet) string {
	var parts []string
	for _, c := range r.theory.Cases {
		parts = append(parts, num(-c.Slope, 3))
	}
	return strings.Join(parts, ", ")
}

// discussSlope compares a fitted slope with the prediction.
func discussSlope(f SeriesFit) string {
	l := f.Slope
	if l == nil {
		return ""
	}
	s := fmt.Sprintf("\\emph{Slope, %s.} Over $\\eta \\in [%s, %s]$ the fitted slope is %s against the predicted %s: ",
		bLabel(f.B), mnum(l.EtaMin, 2), mnum(l.EtaMax, 2), ci(&l.Slope, &l.Low, &l.High, 3), num(f.PredictedSlope, 3))
	switch {
	case contains(&l.Low, &l.High, f.PredictedSlope):
		s += "the prediction lies in the 95\\% interval."
	case l.High < f.PredictedSlope:
		s += "the measured curve is steeper than predicted, as expected when $R(\\eta)$ rises towards its limit as $\\eta$ decreases (the bias shrinks)."
	default:
		s += "the measured curve is shallower than predicted, i.e. $R(\\eta)$ falls as $\\eta$ decreases."
	}
	if l.GoodnessP != nil && *l.GoodnessP < 0.01 {
		s += " A straight line does not fit the points within their errors (line $p$ = " + pval(l.GoodnessP) + "): the curvature is the pre-asymptotic bias."
	}
	if ss := f.SlopeSmall; ss != nil {
		s += fmt.Sprintf(" Over the smaller half of the range ($\\eta \\le %s$) the slope is %s", mnum(ss.EtaMax, 2), ci(&ss.Slope, &ss.Low, &ss.High, 3))
		if contains(&ss.Low, &ss.High, f.PredictedSlope) {
			s += ", consistent with the prediction."
		} else {
			s += "."
		}
	}
	return s
}

// discussRatio describes R(η), the extrapolation and its leverage.
func discussRatio(r *resultsSet, f SeriesFit) string {
	p := smallestEtaPoint(f)
	if p == nil {
		return ""
	}
	s := fmt.Sprintf("\\emph{Ratio, %s ($J = %d$).} At the smallest step size $\\eta = %s$ the measured mean is $R$ = %s times the prediction",
		bLabel(f.B), f.Jump, mnum(p.Eta, 2), ci(&p.R, &p.Low, &p.High, 3))
	lo, hi := p.Low, p.High
	switch {
	case contains(&lo, &hi, 1):
		s += ", consistent with the limit 1."
	case hi < 1:
		s += fmt.Sprintf(": %s below the limit.", pct(ptr(1-p.R)))
	default:
		s += fmt.Sprintf(": %s above the limit.", pct(ptr(p.R-1)))
	}
	if big := largestEtaPoint(f); big != nil && big.Eta != p.Eta {
		s += fmt.Sprintf(" At the largest, $\\eta = %s$, it is %s.", mnum(big.Eta, 2), num(big.R, 3))
	}
	fr := f.Ratio
	if fr == nil {
		return s + " The extrapolation could not be fitted (" + texEscape(strings.Join(f.Notes, "; ")) + ")."
	}
	s += fmt.Sprintf(" The fit $R = R_0 + a\\lambda^\\kappa$ gives $R_0$ = %s", ci(&fr.R0, fr.R0Low, fr.R0High, 3))
	switch {
	case fr.R0Low == nil || fr.R0High == nil:
		s += ", which the data do not bound: the limit can be neither confirmed nor refuted with this range."
	case contains(fr.R0Low, fr.R0High, 1):
		s += ", consistent with the theory's $R_0 = 1$."
	default:
		s += ", which excludes $R_0 = 1$ under this model of the bias."
	}
	s += fmt.Sprintf(" The data cover $\\lambda \\in [%s, %s]$ (a factor %s), so $R_0$ lies %s covered ranges of $\\lambda^\\kappa$ beyond the nearest point",
		mnum(fr.LambdaMin, 3), mnum(fr.LambdaMax, 3), num(fr.LambdaMax/fr.LambdaMin, 2), num(fr.Extrapolation, 2))
	if fr.Extrapolation > 1 {
		s += ": it rests on the assumed form of the correction more than on the data."
	} else {
		s += "."
	}
	if fr.KappaAtBound {
		s += fmt.Sprintf(" The best $\\kappa$ is at the edge of the search range [%s, %s], so the range, not the data, fixed it.", num(fr.KappaMin, 2), num(fr.KappaMax, 2))
	}
	// Decay: with R − R0 = a·λ^κ and λ ∝ η^{α−1}, halving the bias needs λ
	// smaller by 2^{1/κ}, i.e. η smaller by 2^{1/(κ(α−1))}.
	if fr.Kappa > 0 && r.theory.Alpha > 1 {
		fl := math.Pow(2, 1/fr.Kappa)
		fe := math.Pow(2, 1/(fr.Kappa*(r.theory.Alpha-1)))
		s += fmt.Sprintf(" With the fitted $\\kappa = %s$ the bias halves each time $\\lambda$ shrinks by a factor %s, i.e. $\\eta$ by a factor %s.",
			mnum(fr.Kappa, 2), num(fl, 2), num(fe, 2))
	}
	return s
}

// largestEtaPoint returns the ratio point at the largest η.
func largestEtaPoint(f SeriesFit) *RatioPoint {
	var best *RatioPoint
	for i := range f.Points {
		if p := &f.Points[i]; best == nil || p.Eta > best.Eta {
			best = p
		}
	}
	return best
}

// discussShape counts exponential shape tests that reject.
func discussShape(r *resultsSet) string {
	n, rej1, rej5 := 0, 0, 0
	var which []string
	for _, s := range r.exits.Series {
		for _, c := range s.Cells {
			if c.ExpTestP == nil {
				continue
			}
			n++
			if *c.ExpTestP < 0.05 {
				rej5++
			}
			if *c.ExpTestP < 0.01 {
				rej1++
				which = append(which, fmt.Sprintf("%s, $\\eta = %s$", bLabel(s.B), mnum(c.Eta, 2)))
			}
		}
	}
	s := fmt.Sprintf("\\emph{Exponential law.} Of %d cells, %d reject the exponential shape at level 5\\%% and %d at 1\\%% (about %s and %s expected by chance)",
		n, rej5, rej1, num(0.05*float64(n), 2), num(0.01*float64(n), 2))
	if len(which) > 0 {
		s += ": " + strings.Join(which, "; ")
	}
	return s + ". In the QQ plots (Figure~\\ref{fig:qq}) points on a straight line through 0 mean an exponential law; the slope of that line is $R$, the dashed line the limit."
}

// discussLanding compares landing fractions with the limit.
func discussLanding(r *resultsSet) string {
	var parts []string
	for _, s := range r.exits.Series {
		if len(s.Cells) == 0 {
			continue
		}
		first, last := s.Cells[0], s.Cells[len(s.Cells)-1]
		if first.LandLeftLimit == nil || first.LandLeft.Estimate == nil || last.LandLeft.Estimate == nil {
			continue
		}
		lim := *first.LandLeftLimit
		p := fmt.Sprintf("%s: %s at $\\eta = %s$ and %s at $\\eta = %s$ against the limit %s",
			bLabel(s.B), ci(first.LandLeft.Estimate, first.LandLeft.Low, first.LandLeft.High, 3), mnum(first.Eta, 2),
			ci(last.LandLeft.Estimate, last.LandLeft.Low, last.LandLeft.High, 3), mnum(last.Eta, 2), num(lim, 4))
		if contains(last.LandLeft.Low, last.LandLeft.High, lim) {
			p += " (consistent at the smallest $\\eta$)"
		}
		parts = append(parts, p)
	}
	return "\\emph{Landing.} The fraction of exits from $\\Omega_2$ that land in $\\Omega_1$ is " + strings.Join(parts, "; ") +
		". Landing probabilities carry a pre-asymptotic bias of their own (THEORY.md section 7)."
}

// discussCensoring reports the cells with censored samples.
func discussCensoring(r *resultsSet) string {
	var parts []string
	for _, s := range r.exits.Series {
		for _, c := range s.Cells {
			if c.Censored > 0 {
				parts = append(parts, fmt.Sprintf("%s at $\\eta = %s$: %d of %d replicas reached the cap of %s steps",
					bLabel(s.B), mnum(c.Eta, 2), c.Censored, c.Samples, num(float64(c.MaxSteps), 2)))
			}
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return "\\emph{Censoring.} " + strings.Join(parts, "; ") +
		". Censored replicas enter the mean as censored exponential data (their time on test counts, the exit does not), never dropped; the interval is exact."
}

// discussDynamics describes the dynamics runs.
func discussDynamics(r *resultsSet) []string {
	var out []string
	for _, run := range r.dynamics.Runs {
		name := variantTeX(run)
		s := fmt.Sprintf("\\emph{Dynamics, %s, $\\eta = %s$.} ", name, mnum(run.Eta, 2))
		s += fmt.Sprintf("The paths spend %s of their steps in the sharp basins $\\Omega_1 \\cup \\Omega_3$", pctCI(run.Sharp.Estimate, run.Sharp.Low, run.Sharp.High))
		switch {
		case run.Law == "gaussian":
			s += "; the Gaussian paths never leave the basin they start in, as in the paper's panels (c), (d)."
		case run.SharpLimit != nil && *run.SharpLimit == 0:
			s += ", where the limit is 0"
			if run.SharpFirstOrder != nil {
				s += " and the first-order finite-$\\eta$ estimate " + pct(run.SharpFirstOrder)
				if contains(run.Sharp.Low, run.Sharp.High, *run.SharpFirstOrder) {
					s += ", which the interval contains"
				}
			}
			s += ": the sharp minima are eliminated up to a term of order $\\lambda(\\eta)$, which vanishes only like $\\eta^{\\alpha-1}$."
		case run.SharpLimit != nil:
			s += ", where the limiting chain spends " + pct(run.SharpLimit)
			if contains(run.Sharp.Low, run.Sharp.High, *run.SharpLimit) {
				s += " (inside the interval)"
			}
			s += ": without truncation every minimum is visited."
		}
		for _, g := range run.Generator {
			if len(run.Generator) > 2 || g.Predicted == nil {
				continue
			}
			if g.Transitions == 0 {
				s += fmt.Sprintf(" No transition $m_{%d} \\to m_{%d}$ was seen in %s scaled time units, where the limiting chain expects %s.",
					g.From+1, g.To+1, num(g.Exposure, 3), num(*g.Predicted*g.Exposure, 2))
				continue
			}
			s += fmt.Sprintf(" The rate $m_{%d} \\to m_{%d}$ is %s (%s), %s times the computed $Q = %s$.",
				g.From+1, g.To+1, ci(g.Rate.Estimate, g.Rate.Low, g.Rate.High, 3), plural(g.Transitions, "transition"), numP(g.Ratio, 3), mnum(*g.Predicted, 4))
		}
		out = append(out, s)
	}
	same := 0
	for _, v := range r.paths.Variants {
		if v.SameAsDynamics != nil && *v.SameAsDynamics {
			same++
		}
	}
	if same > 0 {
		out = append(out, fmt.Sprintf("\\emph{Same paths.} %d of the %d histogram panels use the random streams of the dynamics runs and reproduce their basin time fractions to $10^{-12}$: they show the very paths that Tables~\\ref{tab:fractions}--\\ref{tab:fdd} summarise. The Gaussian panel without truncation has its own stream.", same, len(r.paths.Variants)))
	}
	return out
}

// discussRare says whether rare-event estimates were included.
func discussRare(r *resultsSet) string {
	if len(r.fits.RareFiles) == 0 {
		skipped := ""
		if k := len(r.fits.RareSkipped); k > 0 {
			skipped = fmt.Sprintf(" (%d appendix files there are for other settings)", k)
		}
		return "\\emph{Rare-event estimates.} None yet: \\texttt{results/rare/appendix*.json} holds no estimate of the mean exit time from $\\Omega_2$ in the paper's setting" + skipped +
			", so the smallest step sizes are those brute force reaches; the fits and figures will include such estimates (triangles) once they exist."
	}
	n := 0
	for _, f := range r.fits.Series {
		for _, p := range f.Points {
			if p.Source == "rare" {
				n++
			}
		}
	}
	files := make([]string, len(r.fits.RareFiles))
	for i, f := range r.fits.RareFiles {
		files[i] = "\\texttt{" + texEscape("results/"+f) + "}"
	}
	return "\\emph{Rare-event estimates.} " + strconv.Itoa(n) + " importance-sampling estimates from " + strings.Join(files, ", ") +
		" are included in the fits and drawn as triangles."
}

// plural returns "1 transition", "3 transitions".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}
