package report

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/htsgd/htsgd/estimators"
	"gonum.org/v1/gonum/stat/distuv"
)

// WriteConvergeText writes a ladder report for people: a heading with the
// scenario and the rule of the looks, then per start basin its ladder
// (η, λ(η), method, exits, R with its interval at the look level, steps,
// wall time), its verdicts with their reasons, what a verdict "consistent,
// not yet converged" needs and why the walk stopped; and last, one verdict
// line per start (the lines `make verify` ends with).
func WriteConvergeText(w io.Writer, rep *ConvergeReport) error {
	s := rep.Settings
	fmt.Fprintf(w, "converge — scenario %s (%s)\n", rep.Scenario, noiseLine(rep))
	if s.FromRecords {
		fmt.Fprintf(w, "a fixed ladder judged once from exit records, at level %g\n", s.Level)
	} else {
		fmt.Fprintf(w, "looks: at most %d per start, each judged at level %.6g = 1 − %g/%d (Bonferroni), so over a walk "+
			"P(false \"inconsistent\") ≤ %g and P(false \"converges\") ≤ %g\n",
			s.Looks, s.LookLevel, roundLevel(1-s.Level), s.Looks, roundLevel(1-s.Level), roundLevel((1-s.Level)/2))
		ladder := fmt.Sprintf("λ(η) × %g per rung from the largest sgd.eta", s.LambdaFactor)
		if len(s.Etas) > 0 {
			ladder = "the fixed ladder η = " + etaList(s.Etas)
		}
		z := distuv.UnitNormal.Quantile(1 - (1-s.LookLevel)/2)
		fmt.Fprintf(w, "rungs: %s; %d brute-force replicas each (R's interval about ±%.2g%% at the look level), censored at %g × max(1, R̂) × "+
			"the predicted mean; method %s\n", ladder, s.Exits, 100*z/math.Sqrt(float64(max(s.Exits, 1))), s.CapFactor, s.Method)
	}
	lvl := levelPercent(s.LookLevel)
	for _, b := range rep.Basins {
		fmt.Fprintln(w)
		if b.NotApplicable != "" {
			fmt.Fprintf(w, "start %d — basin %d: the theory does not apply: %s\n", b.Start, b.Basin, b.NotApplicable)
			continue
		}
		fmt.Fprintf(w, "start %d — basin %d%s, J = %d, q = %s\n", b.Start, b.Basin, pointString(b.StartPoint, rep.Dimension), b.Jump, rateString(b))
		if len(b.Rungs) > 0 {
			t := newTable(w, "η", "λ(η)", "method", "exits", "censored", "predicted", "R", lvl+" CI", "steps", "wall")
			for _, r := range b.Rungs {
				R, ci := strconv.FormatFloat(r.Ratio, 'f', 4, 64), fmtRange(Num(r.RatioLow), Num(r.RatioHigh), 4)
				if r.Ratio == 0 {
					R, ci = "–", "–"
				}
				method := r.Method
				if r.Rare != nil && len(r.Rare.Warnings) > 0 {
					method += " (untrusted)"
				}
				if err := t.Append(convergeG(r.Eta, 4), convergeG(r.Lambda, 4), method, strconv.Itoa(r.Exits), strconv.Itoa(r.Censored),
					convergeG(r.Predicted, 4), R, ci, convergeG(float64(r.Steps), 3), wallTime(r.Seconds)); err != nil {
					return err
				}
			}
			if err := t.Render(); err != nil {
				return err
			}
		}
		fmt.Fprintf(w, "  R: %s — %s\n", b.Verdict.Kind, b.Verdict.Reason)
		if e := b.Verdict.Need; e != nil && b.Verdict.Kind == estimators.NotYetConverged {
			fmt.Fprintf(w, "  needs: %s\n", needString(e, rep.StepsPerSecond))
		}
		if lt := b.Verdict.LimitTest; b.Verdict.Rungs > 0 && (lt.Low.IsFinite() || lt.High.IsFinite()) {
			fmt.Fprintf(w, "  limit of R (model-robust, %s): [%s, %s]\n", levelPercent(lt.Level), convergeGN(lt.Low, 4), convergeGN(lt.High, 4))
		}
		if l := b.Landing; l != nil {
			fmt.Fprintf(w, "  landing: %s — %s\n", l.Kind, l.Reason)
			if len(l.Banned) > 0 {
				fmt.Fprintf(w, "  forbidden landings (basins %s): %s\n", labelList(b.Labels, l.Banned), forbiddenString(l))
			}
		}
		fmt.Fprintf(w, "  stopped: %s", b.Stop)
		if n := b.Next; n != nil {
			fmt.Fprintf(w, "; next rung η = %s (%s), predicted %s steps", convergeG(n.Eta, 4), n.Method, convergeG(n.PredictedSteps, 3))
			if rep.StepsPerSecond > 0 {
				fmt.Fprintf(w, " (%s)", wallTime(n.PredictedSteps/rep.StepsPerSecond))
			}
			if n.Note != "" {
				fmt.Fprintf(w, "; %s", n.Note)
			}
		}
		fmt.Fprintln(w)
		for _, s := range b.Verdict.Warnings {
			fmt.Fprintln(w, "  warning:", s)
		}
	}
	for _, s := range rep.Warnings {
		fmt.Fprintln(w, "note:", s)
	}
	if rep.Interrupted {
		fmt.Fprintln(w, "interrupted: the rung under way was dropped")
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "verdicts:")
	for _, b := range rep.Basins {
		fmt.Fprintf(w, "  %s\n", VerdictLine(b))
	}
	return nil
}

// VerdictLine is the one-line verdict of a start basin: "start 1 (basin 1,
// J = 2): consistent, not yet converged (R 0.81 at η = 0.002; landing:
// converges)".
func VerdictLine(b ConvergeBasin) string {
	if b.NotApplicable != "" {
		return fmt.Sprintf("start %d (basin %d): theory does not apply — %s", b.Start, b.Basin, b.NotApplicable)
	}
	s := fmt.Sprintf("start %d (basin %d, J = %d): %s", b.Start, b.Basin, b.Jump, b.Verdict.Kind)
	var parts []string
	if n := len(b.Verdict.Ladder); n > 0 {
		last := b.Verdict.Last
		parts = append(parts, fmt.Sprintf("R = %.4g [%.4g, %.4g] at λ = %.3g after %d rungs", last.Estimate, last.Low, last.High, last.Lambda, n))
	}
	if e := b.Verdict.Need; e != nil && b.Verdict.Kind == estimators.NotYetConverged && e.Eta.IsFinite() {
		parts = append(parts, fmt.Sprintf("needs η ≈ %.2g, ~%s steps", float64(e.Eta), convergeGN(e.Steps, 2)))
	}
	if b.Landing != nil {
		parts = append(parts, "landing: "+b.Landing.Kind.String())
	}
	parts = append(parts, "stopped: "+b.Stop)
	return s + " (" + strings.Join(parts, "; ") + ")"
}

// noiseLine describes the noise and the truncation of a report.
func noiseLine(rep *ConvergeReport) string {
	var b strings.Builder
	fmt.Fprintf(&b, "d = %d; %s", rep.Dimension, rep.Law)
	if rep.Alpha.IsFinite() {
		fmt.Fprintf(&b, " α = %g", float64(rep.Alpha))
	}
	fmt.Fprintf(&b, ", c = %g; b = ", rep.NoiseScale)
	if rep.B.IsFinite() {
		fmt.Fprintf(&b, "%g", float64(rep.B))
	} else {
		b.WriteString("∞")
	}
	return b.String()
}

// needString says what a verdict "consistent, not yet converged" needs.
func needString(e *estimators.Extrapolation, stepsPerSecond float64) string {
	if e.Reached {
		return fmt.Sprintf("the trend puts the last rung's bias within %g already: more exits (%d per rung), not a smaller η", e.TargetBias, e.Exits)
	}
	s := fmt.Sprintf("a bias of %g near λ ≈ %s (range [%s, %s])", e.TargetBias, convergeGN(e.Lambda, 3), convergeGN(e.LambdaLow, 3), convergeGN(e.LambdaHigh, 3))
	if e.Eta.IsFinite() {
		s += fmt.Sprintf(", η ≈ %s (range [%s, %s])", convergeGN(e.Eta, 3), convergeGN(e.EtaLow, 3), convergeGN(e.EtaHigh, 3))
	}
	if e.Steps.IsFinite() {
		s += fmt.Sprintf("; a rung there: %d exits, ~%s steps (range [%s, %s])", e.Exits, convergeGN(e.Steps, 2), convergeGN(e.StepsLow, 2), convergeGN(e.StepsHigh, 2))
		if stepsPerSecond > 0 {
			s += fmt.Sprintf(", ~%s by brute force at %.3g steps/s", wallTime(float64(e.Steps)/stepsPerSecond), stepsPerSecond)
		}
	}
	return s
}

// forbiddenString summarises the forbidden landings along the ladder.
func forbiddenString(l *estimators.LandingVerdict) string {
	var parts []string
	for _, r := range l.Rungs {
		parts = append(parts, fmt.Sprintf("%d/%d at η = %.3g", r.Forbidden, r.Exits, r.Eta))
	}
	s := strings.Join(parts, ", ")
	if f := l.Forbidden; f != nil && f.Forbidden > 0 {
		s += fmt.Sprintf("; fall p = %.3g, rise p = %.3g", f.PFalls, f.PRises)
	}
	return s
}

// labelList names the cells idx of labels.
func labelList(labels, idx []int) string {
	var s []string
	for _, i := range idx {
		s = append(s, strconv.Itoa(labels[i]))
	}
	return strings.Join(s, ", ")
}

// rateString is q_i, with its standard error when it is a Monte Carlo C*.
func rateString(b ConvergeBasin) string {
	if b.RateErr > 0 {
		return fmt.Sprintf("%.6g ± %.2g (Monte Carlo C*)", b.Rate, b.RateErr)
	}
	return fmt.Sprintf("%.6g", b.Rate)
}

// pointString is " at x = …" for a start on R^d, "" on the line.
func pointString(x []float64, d int) string {
	if d <= 1 || len(x) == 0 {
		return ""
	}
	return " from " + fmtPoint(x, 4)
}

// convergeG formats a number with the given significant digits.
func convergeG(x float64, digits int) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "–"
	}
	return strconv.FormatFloat(x, 'g', digits, 64)
}

// convergeGN formats an estimators.Number.
func convergeGN(x estimators.Number, digits int) string { return convergeG(float64(x), digits) }

// levelPercent renders a level as a percentage ("99.375%").
func levelPercent(level float64) string {
	return strconv.FormatFloat(100*level, 'g', 6, 64) + "%"
}

// roundLevel rounds away the binary noise of 1 − level.
func roundLevel(x float64) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 10, 64), 64)
	return v
}

// etaList renders step sizes as a comma-separated list.
func etaList(x []float64) string {
	s := make([]string, len(x))
	for i, v := range x {
		s[i] = strconv.FormatFloat(v, 'g', -1, 64)
	}
	return strings.Join(s, ", ")
}

// wallTime renders seconds as a duration ("1m30s", "3h0m0s"); "–" for 0.
func wallTime(seconds float64) string {
	if !(seconds > 0) || math.IsInf(seconds, 0) {
		return "–"
	}
	// Compared in seconds first: beyond 292 years a time.Duration overflows.
	if seconds > 1000*3600 {
		return fmt.Sprintf("%.3g years", seconds/(365.25*24*3600))
	}
	d := time.Duration(seconds * float64(time.Second))
	if d < time.Second {
		return d.Round(time.Millisecond).String()
	}
	return d.Round(time.Second).String()
}
