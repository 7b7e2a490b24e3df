package estimators

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
)

// LandingRung is one rung of a ladder of exit locations: the number of exits
// from one start basin i that landed in each destination basin j ≠ i at step
// size Eta (scale Lambda = λ(η)), aligned with the predicted probabilities
// passed to LandingVerdict.
type LandingRung struct {
	Eta    float64
	Lambda float64
	Counts []int
}

// LandingCheck is the landing law at one rung.
type LandingCheck struct {
	Eta, Lambda float64
	Exits       int // N, all landings
	Forbidden   int // landings in cells with probability 0
	// ForbiddenFrac and its Clopper–Pearson interval at Level.
	ForbiddenFrac, ForbiddenLow, ForbiddenHigh float64
	// G, DF, GPValue, MinExpected: GTest of the allowed cells against the
	// limit law renormalised over them (NaN/0 with no allowed landing or a
	// single allowed cell).
	G           Number
	DF          int
	GPValue     Number
	MinExpected Number
	// LimitLawRejected: the limit law itself fails at this η, because a
	// forbidden landing occurred (impossible under it) or GPValue < 1 − Level.
	// Expected at finite η (docs/theory.md §11.2: landing probabilities are
	// biased too); the ladder, not one rung, judges the theory.
	LimitLawRejected bool
	// ExcessP: one-sided exact p-value that the forbidden fraction rose from
	// the previous tested rung (NaN at the first and for untested rungs);
	// BeyondTrend: ExcessP below its Bonferroni share (see LandingVerdict).
	ExcessP     Number
	BeyondTrend bool
}

// CellVerdict is the Verdict on one allowed cell's conditional probability
// P(land in j | land in an allowed cell) → q_ij/Σ_allowed q_ik.
type CellVerdict struct {
	Cell int // index into LandingRung.Counts
	Verdict
}

// LandingVerdict is the verdict of a ladder on the landing law of one start
// basin, P(X_τ ∈ Ω_j) → q_ij/q_i (docs/theory.md §6.1), with exits into
// basins the theory forbids (q_ij = 0) counted at every rung.
//
// Pieces. Per rung, the limit law is checked as it stands (LandingCheck: any
// forbidden landing rejects it, as does the G-test of the allowed cells).
// Along the ladder (without the Drop largest-η rungs, as for ratios):
//
//   - forbidden landings (ForbiddenTrend): the fraction must fall towards
//     0; a significant rise, a rung with significantly more forbidden
//     landings than the rung before ("beyond what the trend allows"), or a
//     fraction whose model-robust limit excludes 0, is evidence against the
//     theory;
//   - each allowed cell's conditional probability is a Verdict with limit
//     q_ij/Σ q and band ± Tol (absolute, default 0.02), Clopper–Pearson rung
//     intervals and binomial variances in the fits. With two allowed cells
//     only the first is judged (the other is its complement); with one
//     there is nothing to judge.
//
// Rules, with α = 1 − Level and C the number of cells judged:
//
//   - Inconsistent if the forbidden fraction's limit test (at level 1 − α/4)
//     excludes 0, or PRises < α/8, or some rung's ExcessP < α/(8P) with P
//     the number of rung pairs tested, or some cell is Inconsistent at budget
//     α/(2C) (α/C when there are no forbidden cells).
//   - Converges if every judged cell Converges and, when forbidden cells
//     exist, the forbidden fraction's upper bound at Level is at most Tol at
//     the last rung and its fall is seen (PFalls < α), or no forbidden
//     landing occurred on the tested rungs. A forbidden fraction that stays
//     small but level never counts as converged: it must be seen to go.
//   - Otherwise NotYetConverged.
//
// Error rates. If the limit law is right, the forbidden fraction does not
// rise along the tested rungs and decays like a power λ^κ with κ in the
// assumed range, and each cell satisfies Verdict's assumptions,
// P(Inconsistent) ≤ α/4 + α/8 + α/8 + α/2 = α (union bound). If at
// the last rung any judged cell's true probability, or the forbidden
// fraction, is outside its band, P(Converges) ≤ α/2: each band check is a
// one-sided test of size α/2 on the near side, and all must pass
// (intersection-union test).
type LandingVerdict struct {
	Kind    VerdictKind
	Reason  string
	Level   float64
	Tol     float64
	Rungs   []LandingCheck // in decreasing λ
	Allowed []int          // indices of cells with probability > 0
	Banned  []int          // indices of cells with probability 0 (forbidden)
	// Forbidden is nil when no cell is forbidden.
	Forbidden  *ForbiddenTrend
	Cells      []CellVerdict
	ErrorRates ErrorRates
	Method     string
	Warnings   []string
}

// JudgeLanding is the verdict of a ladder of exit locations against the
// predicted limit law probs (any nonnegative weights, e.g. the rates q_ij
// themselves; zero marks a forbidden basin), with the rules and error rates
// of LandingVerdict. Rungs may come in any order; they are judged in
// decreasing λ. Options: Level, Tol (default DefaultLandingTol), KappaMin,
// KappaMax, Drop, TargetBias, Lambda, NSim, Seed.
//
// Errors name the offending input: no rungs; probs empty, negative, not
// finite or all zero; a rung whose Counts differ in length from probs or
// hold a negative count, with λ not finite and > 0 or η negative, or with no
// exits; a bad option.
func JudgeLanding(rungs []LandingRung, probs []float64, opt LadderOptions) (LandingVerdict, error) {
	c, err := opt.resolve(DefaultLandingTol)
	if err != nil {
		return LandingVerdict{}, err
	}
	if len(rungs) == 0 {
		return LandingVerdict{}, fmt.Errorf("rungs: empty, need at least one")
	}
	if len(probs) == 0 {
		return LandingVerdict{}, fmt.Errorf("probs: empty")
	}
	v := LandingVerdict{Level: c.level, Tol: c.tol, Warnings: []string{}, Allowed: []int{}, Banned: []int{}}
	var sumP float64
	for j, p := range probs {
		if !finiteNonNeg(p) {
			return LandingVerdict{}, fmt.Errorf("probs[%d]: must be finite and >= 0, got %v", j, p)
		}
		if p > 0 {
			v.Allowed = append(v.Allowed, j)
			sumP += p
		} else {
			v.Banned = append(v.Banned, j)
		}
	}
	if len(v.Allowed) == 0 {
		return LandingVerdict{}, fmt.Errorf("probs: all zero, no landing allowed")
	}
	for i, rg := range rungs {
		switch {
		case len(rg.Counts) != len(probs):
			return LandingVerdict{}, fmt.Errorf("rungs[%d].counts: length %d, want %d (the length of probs)", i, len(rg.Counts), len(probs))
		case !(rg.Lambda > 0) || math.IsInf(rg.Lambda, 1):
			return LandingVerdict{}, fmt.Errorf("rungs[%d].lambda: must be finite and > 0, got %v", i, rg.Lambda)
		case !finiteNonNeg(rg.Eta):
			return LandingVerdict{}, fmt.Errorf("rungs[%d].eta: must be finite and >= 0, got %v", i, rg.Eta)
		}
		n := 0
		for j, k := range rg.Counts {
			if k < 0 {
				return LandingVerdict{}, fmt.Errorf("rungs[%d].counts[%d]: must be >= 0, got %d", i, j, k)
			}
			n += k
		}
		if n == 0 {
			return LandingVerdict{}, fmt.Errorf("rungs[%d].counts: no exits", i)
		}
	}
	sorted := slices.Clone(rungs)
	slices.SortStableFunc(sorted, func(a, b LandingRung) int { return cmp.Compare(b.Lambda, a.Lambda) })

	a := c.alpha()
	n := len(sorted)
	drop := c.windowDrop(n)
	v.Rungs = make([]LandingCheck, n)
	forb, exits := make([]int, n), make([]int, n)
	lambda := make([]float64, n)
	for k, rg := range sorted {
		v.Rungs[k] = landingCheck(rg, probs, len(v.Banned) > 0, c.level)
		forb[k], exits[k], lambda[k] = v.Rungs[k].Forbidden, v.Rungs[k].Exits, rg.Lambda
	}

	cellBudget := a
	if len(v.Banned) > 0 {
		cellBudget = a / 2
		v.Forbidden = forbiddenEvidence(v.Rungs, forb, exits, lambda, drop, c)
	}
	judged := v.Allowed
	switch len(v.Allowed) {
	case 1:
		judged = nil
	case 2:
		judged = v.Allowed[:1]
	}
	for _, j := range judged {
		s, skipped := cellSeries(sorted, j, v.Allowed)
		if skipped > 0 {
			v.Warnings = append(v.Warnings, fmt.Sprintf("cell %d: %d rung(s) without allowed landings left out", j, skipped))
		}
		if s.len() == 0 {
			continue
		}
		etaLast := sorted[n-1].Eta
		cv := judge(s, probs[j]/sumP, etaLast, c, cellBudget/float64(len(judged)), "Clopper–Pearson")
		v.Cells = append(v.Cells, CellVerdict{Cell: j, Verdict: cv})
	}
	v.ErrorRates = ErrorRates{
		Inconsistent: a, Converges: a / 2,
		Assumptions: "inconsistent: the forbidden fraction does not rise along the tested rungs, and each cell's bias is monotone " +
			fmt.Sprintf("and decays like λ^κ, κ ∈ [%g, %g]; converges: none", c.kappaMin, c.kappaMax),
	}
	v.Method = fmt.Sprintf("per rung: G-test of the allowed cells, forbidden landings reject the limit law; forbidden fraction: "+
		"exact conditional trend test on −log λ (%d draws) and Fisher's exact test between consecutive rungs; "+
		"allowed cells: Verdict at budget α/%d each; %d largest-η rung(s) left out of the trends", c.nsim, max(1, 2*len(judged)), drop)
	v.Kind, v.Reason = landingRule(v)
	return v, nil
}

// landingCheck is the LandingCheck of one rung against probs (forbidden
// cells exist when banned).
func landingCheck(rg LandingRung, probs []float64, banned bool, level float64) LandingCheck {
	nan := Number(math.NaN())
	lc := LandingCheck{Eta: rg.Eta, Lambda: rg.Lambda, G: nan, GPValue: nan, MinExpected: nan, ExcessP: nan}
	for j, k := range rg.Counts {
		lc.Exits += k
		if probs[j] == 0 {
			lc.Forbidden += k
		}
	}
	lc.ForbiddenFrac, lc.ForbiddenLow, lc.ForbiddenHigh = ProportionCI(lc.Forbidden, lc.Exits, level)
	if !banned {
		lc.ForbiddenLow, lc.ForbiddenHigh = 0, 0
	}
	if g, err := GTest(rg.Counts, probs); err == nil {
		lc.G, lc.DF, lc.GPValue, lc.MinExpected = Number(g.G), g.DF, Number(g.PValue), Number(g.MinExpected)
	}
	lc.LimitLawRejected = lc.Forbidden > 0 || (lc.GPValue.IsFinite() && float64(lc.GPValue) < 1-level)
	return lc
}

// forbiddenEvidence fills the excess tests of the tested rungs (all but the
// first drop) and returns the trend evidence on them and the limit test on
// all rungs, from the forbidden counts fAll out of nAll exits.
func forbiddenEvidence(checks []LandingCheck, fAll, nAll []int, lambdaAll []float64, drop int, c ladderConfig) *ForbiddenTrend {
	a := c.alpha()
	s := series{fam: proportionFamily}
	for k := range fAll {
		s.lambda = append(s.lambda, lambdaAll[k])
		s.y = append(s.y, float64(fAll[k])/float64(nAll[k]))
		s.info = append(s.info, float64(nAll[k]))
	}
	s.ci = func(k int, level float64) (float64, float64) {
		_, lo, hi := ProportionCI(fAll[k], nAll[k], level)
		return lo, hi
	}
	f, n, lambda := fAll[drop:], nAll[drop:], lambdaAll[drop:]
	ft := &ForbiddenTrend{Rungs: len(f), NSim: c.nsim, PreviousHigh: Number(math.NaN()),
		Limit: limitTest(s, 0, 1-a/4, c)}
	for k := range f {
		ft.Forbidden += f[k]
		ft.Exits += n[k]
	}
	ft.Statistic, ft.PFalls, ft.PRises = forbiddenTrendP(f, n, lambda, c.nsim, c.seed)
	ft.Falls, ft.Rises = ft.PFalls < a, ft.PRises < a/8
	pairs := len(f) - 1
	for k := 1; k < len(f); k++ {
		p := excessP(f[k-1], n[k-1], f[k], n[k])
		checks[drop+k].ExcessP = Number(p)
		checks[drop+k].BeyondTrend = p < a/8/float64(pairs)
	}
	last := len(checks) - 1
	ft.LastHigh = Number(checks[last].ForbiddenHigh)
	if last > 0 {
		ft.PreviousHigh = Number(checks[last-1].ForbiddenHigh)
	}
	ft.WithinTol = float64(ft.LastHigh) <= c.tol
	return ft
}

// cellSeries is the conditional probability of cell j given an allowed
// landing along the rungs, leaving out rungs without allowed landings (their
// number is returned).
func cellSeries(rungs []LandingRung, j int, allowed []int) (s series, skipped int) {
	s = series{fam: proportionFamily}
	var counts, totals []int
	for _, rg := range rungs {
		var tot int
		for _, i := range allowed {
			tot += rg.Counts[i]
		}
		if tot == 0 {
			skipped++
			continue
		}
		s.lambda = append(s.lambda, rg.Lambda)
		s.y = append(s.y, float64(rg.Counts[j])/float64(tot))
		s.info = append(s.info, float64(tot))
		counts, totals = append(counts, rg.Counts[j]), append(totals, tot)
	}
	s.ci = func(k int, level float64) (float64, float64) {
		_, lo, hi := ProportionCI(counts[k], totals[k], level)
		return lo, hi
	}
	return s, skipped
}

// landingRule applies LandingVerdict's rules.
func landingRule(v LandingVerdict) (VerdictKind, string) {
	ft := v.Forbidden
	var beyond []string
	for _, r := range v.Rungs {
		if r.BeyondTrend {
			beyond = append(beyond, fmt.Sprintf("η = %g (%d of %d, p = %.3g)", r.Eta, r.Forbidden, r.Exits, float64(r.ExcessP)))
		}
	}
	var incCells []string
	allConverge := true
	for _, cv := range v.Cells {
		if cv.Kind == Inconsistent {
			incCells = append(incCells, fmt.Sprintf("cell %d: %s", cv.Cell, cv.Reason))
		}
		allConverge = allConverge && cv.Kind == Converges
	}
	switch {
	case ft != nil && ft.Limit.Excluded:
		return Inconsistent, fmt.Sprintf("the forbidden fraction does not tend to 0: model-robust interval of its limit [%.3g, %.3g] (p = %.3g)",
			float64(ft.Limit.Low), float64(ft.Limit.High), ft.Limit.PValue)
	case ft != nil && ft.Rises:
		return Inconsistent, fmt.Sprintf("forbidden landings rise as λ falls (%d of %d, p = %.3g)", ft.Forbidden, ft.Exits, ft.PRises)
	case len(beyond) > 0:
		return Inconsistent, "more forbidden landings than the rung before allows at " + strings.Join(beyond, ", ")
	case len(incCells) > 0:
		return Inconsistent, strings.Join(incCells, "; ")
	}
	forbOK := ft == nil || (ft.WithinTol && (ft.Forbidden == 0 || ft.Falls))
	if allConverge && forbOK {
		r := "every allowed cell converges"
		if len(v.Cells) == 0 {
			r = "a single allowed cell"
		}
		if ft != nil {
			r += fmt.Sprintf("; forbidden fraction below %g at the last rung (upper bound %.3g)", v.Tol, float64(ft.LastHigh))
		}
		return Converges, r
	}
	var why []string
	if ft != nil && !forbOK {
		why = append(why, fmt.Sprintf("forbidden landings: %d of %d on the tested rungs, upper bound %.3g at the last rung (tolerance %g), fall not seen (p = %.3g)",
			ft.Forbidden, ft.Exits, float64(ft.LastHigh), v.Tol, ft.PFalls))
	}
	for _, cv := range v.Cells {
		if cv.Kind != Converges {
			why = append(why, fmt.Sprintf("cell %d: %s", cv.Cell, cv.Reason))
		}
	}
	return NotYetConverged, strings.Join(why, "; ")
}
