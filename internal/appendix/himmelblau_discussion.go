package appendix

import (
	"math"
	"slices"

	"github.com/htsgd/htsgd/report"
)

// The discussion of the two-dimensional experiment: verdicts on its
// results files, worded by templates/himmelblau_discussion.tmpl. It states
// the clipped run's jump numbers and which minima they make narrow and wide
// (jumpsText), where the clipped paths spend their time (concentration),
// the distance of the narrow time from its first-order estimate with the
// expected direction of the estimate's bias (firstOrderText), and the
// unclipped run's visits (unclippedText).

// himmelblauDiscussion is the data of the discussion.
type himmelblauDiscussion struct {
	Jumps         jumpsText
	Concentration *concentration
	FirstOrder    *firstOrderText
	Unclipped     unclippedText
}

// discussion judges the experiment's results.
func (r *himmelblauResults) discussion() himmelblauDiscussion {
	return himmelblauDiscussion{Jumps: r.jumps(), Concentration: r.concentration(), FirstOrder: r.firstOrder(), Unclipped: r.unclippedText()}
}

// radiusVsB compares the distances r_i of a group of sets with b.
type radiusVsB int

const (
	// lessThanB and moreThanB: every r_i is below (above) b.
	lessThanB radiusVsB = iota
	moreThanB
	// mixedB: some are below and some above; equalB: some equal b.
	mixedB
	equalB
)

var radiusVsBNames = verdictSet{"less", "more", "mixed", "equal"}

func (v radiusVsB) verdictName() string  { return radiusVsBNames.name(int(v)) }
func (radiusVsB) verdictNames() []string { return radiusVsBNames }

// jumpsText states the clipped run's jump numbers, grouped by J, with each
// group's distances r_i compared with b (docs/theory.md §9.2), and which
// minima they make narrow and wide (§8.2: wide are those with the largest
// J of the class, J_G).
type jumpsText struct {
	B      float64
	Groups []jumpGroupText
	// Narrow and Wide name the narrow and wide minima; NarrowOnesJ is the
	// jump number J when the narrow minima are exactly the sets with that
	// J ("the J = 1 minima are the narrow ones"), else 0.
	Narrow, Wide Inline
	HasNarrow    bool
	NarrowOnesJ  int
	JG           int
}

// jumpGroupText is a group of sets with the same J: their names, their
// distances r_i and how those compare with b.
type jumpGroupText struct {
	J     int
	Sets  Inline
	Radii []float64
	VsB   radiusVsB
}

// jumps reads the jump numbers.
func (r *himmelblauResults) jumps() jumpsText {
	th, c := r.theory, r.theory.Clipped
	groups := r.byJump(r.order)
	d := jumpsText{B: th.B, Narrow: r.omegaList(c.Narrow), Wide: r.omegaList(c.Wide), HasNarrow: len(c.Narrow) > 0, JG: c.JG()}
	for _, g := range groups {
		t := jumpGroupText{J: g.J, Sets: r.omegaList(g.idx)}
		less, more := 0, 0
		for _, i := range g.idx {
			rad := th.Sets[i].Radius
			t.Radii = append(t.Radii, rad)
			switch {
			case rad < th.B:
				less++
			case rad > th.B:
				more++
			}
		}
		switch n := len(g.idx); {
		case less == n:
			t.VsB = lessThanB
		case more == n:
			t.VsB = moreThanB
		case less+more == n:
			t.VsB = mixedB
		default:
			t.VsB = equalB
		}
		d.Groups = append(d.Groups, t)
	}
	// "The J = 1 minima are the narrow ones" only when the narrow minima
	// are exactly the sets with that J.
	if J := r.narrowJ(); J > 0 {
		k := slices.IndexFunc(groups, func(g jumpGroup) bool { return g.J == J })
		if k >= 0 && slices.Equal(groups[k].idx, r.sortedByPaper(c.Narrow)) {
			d.NarrowOnesJ = J
		}
	}
	return d
}

// concentrationVerdict says whether the clipped paths stay longer near the
// wide minimizers than near the narrow ones.
type concentrationVerdict int

const (
	nearWide concentrationVerdict = iota
	nearNarrow
	nearBoth
)

var concentrationNames = verdictSet{"wide", "narrow", "equal"}

func (v concentrationVerdict) verdictName() string  { return concentrationNames.name(int(v)) }
func (concentrationVerdict) verdictNames() []string { return concentrationNames }

// concentration compares where the clipped paths spend their steps: in the
// narrow basins, and near the narrow and near the wide minimizers (means
// over the paths). The verdict says the paths concentrate near the wide
// minima only when the time near them exceeds the time near the narrow
// ones.
type concentration struct {
	Run *report.DynamicsRun
	// NarrowJ is the jump number shared by the narrow minima (0: several).
	NarrowJ  int
	WideNear *float64
	Verdict  concentrationVerdict
}

// concentration reads the time near the minimizers; nil without narrow
// minima or a measured time near them.
func (r *himmelblauResults) concentration() *concentration {
	c, cl := r.theory.Clipped, r.clipped
	if len(c.Narrow) == 0 || cl.SharpNear.Estimate == nil {
		return nil
	}
	var wideNear float64
	for _, i := range c.Wide {
		wideNear += value(cl.Sets[i].Near.Estimate, 0)
	}
	d := &concentration{Run: cl, NarrowJ: r.narrowJ(), WideNear: &wideNear}
	switch narrowNear := *cl.SharpNear.Estimate; {
	case wideNear > narrowNear:
		d.Verdict = nearWide
	case wideNear < narrowNear:
		d.Verdict = nearNarrow
	default:
		d.Verdict = nearBoth
	}
	return d
}

// timeRatio is the ratio R = S/F of the simulated narrow time S to its
// first-order estimate F with a 95% interval [Lo, Hi]; OK reports that
// the interval exists, Combined that it includes the error of F.
type timeRatio struct {
	R, Lo, Hi    float64
	OK, Combined bool
}

// timeRatioCI returns R = S/F with its 95% interval, where S is the mean
// over paths of the narrow time with its t interval [sLo, sHi] and F the
// first-order estimate with its bootstrap interval [fLo, fHi] (over the
// theory's own sample paths, independent of the dynamics' paths). On the
// log scale log R = log S − log F, the two errors add; treating each log
// estimate as normal with the half-widths of its interval on that side,
//
//	a₋ = log(S/sLo), a₊ = log(sHi/S), c₋ = log(F/fLo), c₊ = log(fHi/F),
//
// R is low when S is low and F high, so (delta method, half-widths in
// quadrature as for the ratio of an exit row)
//
//	[ R·exp(−√(a₋² + c₊²)),  R·exp(+√(a₊² + c₋²)) ].
//
// With c₋ = c₊ = 0 this is [sLo/F, sHi/F] exactly. When sLo ≤ 0 the lower
// end is 0; when S = 0 the upper end is sHi/fLo (the largest ratio inside
// both intervals). Without an interval for F, [sLo/F, sHi/F] treats F as
// exact and Combined is false.
func timeRatioCI(S float64, sLo, sHi *float64, F float64, fLo, fHi *float64) timeRatio {
	q := timeRatio{R: S / F}
	if sLo == nil || sHi == nil || !(F > 0) {
		return q
	}
	q.OK = true
	if fLo == nil || fHi == nil || !(*fLo > 0) || *fLo > F || *fHi < F {
		q.Lo, q.Hi = max(*sLo, 0)/F, *sHi/F
		return q
	}
	q.Combined = true
	cm, cp := math.Log(F / *fLo), math.Log(*fHi/F)
	if S > 0 && *sLo > 0 {
		q.Lo = q.R * math.Exp(-math.Hypot(math.Log(S / *sLo), cp))
	}
	if S > 0 {
		q.Hi = q.R * math.Exp(math.Hypot(math.Log(*sHi/S), cm))
	} else {
		q.Hi = *sHi / *fLo
	}
	return q
}

// meanBias holds, per jump number, how far below their limit docs/theory.md
// (§11.2) reports measured mean exit times at practical step sizes on the
// one-dimensional landscape: 2–15% for J = 1, 15–45% for J = 2. For J ≥ 3
// it says only "more".
var meanBias = map[int][2]float64{1: {0.02, 0.15}, 2: {0.15, 0.45}}

// expectedRange is the ratio S/F that the mean-exit-time biases of
// meanBias would give, when they are quoted for both the narrow jump
// number Jn and J_G. The first-order narrow fraction is the rate of
// entering the narrow basins from the wide minima times the mean stay there
// (docs/theory.md §8.4). If the measured mean exit times are R_w times
// their limit from the wide minima and R_n times from the narrow ones, with
// the landing law and π as in the limit and nearly all time in the wide
// basins, the entries are 1/R_w times as frequent and each stay R_n times
// as long, so S/F ≈ R_n/R_w. With R_n ∈ [1 − 0.15, 1 − 0.02] and
// R_w ∈ [1 − 0.45, 1 − 0.15] (Jn = 1, J_G = 2) this is
//
//	0.85/0.85 = 1.0  to  0.98/0.55 ≈ 1.78.
func expectedRange(Jn, JG int) (lo, hi float64, ok bool) {
	n, okN := meanBias[Jn]
	w, okW := meanBias[JG]
	if !okN || !okW || Jn >= JG {
		return 0, 0, false
	}
	return (1 - n[1]) / (1 - w[0]), (1 - n[0]) / (1 - w[1]), true
}

// firstOrderVerdict is what the ratio of the simulated narrow time to its
// first-order estimate shows against the expected bias.
type firstOrderVerdict int

const (
	// untestable: no interval for the simulated time.
	untestable firstOrderVerdict = iota
	// short: the interval lies below 1, which the bias does not explain.
	short
	// beyond: the interval lies above the range the quoted biases give.
	beyond
	// reaches: the interval lies above 1 and reaches into that range.
	reaches
	// above: the interval lies above 1, the range is not quoted.
	above1
	// containsAbove and containsBelow: the interval contains 1, the
	// ratio is above (below) 1.
	containsAbove
	containsBelow
)

var firstOrderNames = verdictSet{"untestable", "short", "beyond", "reaches", "above", "containsAbove", "containsBelow"}

func (v firstOrderVerdict) verdictName() string  { return firstOrderNames.name(int(v)) }
func (firstOrderVerdict) verdictNames() []string { return firstOrderNames }

// firstOrderText compares the clipped run's narrow time with its
// first-order estimate, the ratio's interval combining both errors
// (timeRatioCI), and states the expected direction of the estimate's bias
// as an expectation from docs/theory.md §11.2: mean exit times sit below
// their limit, more so for larger J, so the wide minima (J_G) are left
// relatively more often than the narrow ones (smaller J) are, and the
// narrow time is expected to exceed the estimate; where the biases of both
// jump numbers are quoted it gives the size (expectedRange). The verdict
// compares the ratio's interval with 1 and with that range.
type firstOrderText struct {
	Run         *report.DynamicsRun
	PerNarrow   []narrowTime
	Ratio       timeRatio
	Lambda      float64
	AlphaMinus1 float64
	// Slack names the wide minimum whose r/b is nearest above an integer
	// (nil: none) and gives that r/b.
	Slack      Inline
	SlackRatio float64
	JG, Jn     int
	NarrowJs   string
	// Quantified says whether the biases of Jn and J_G are both quoted;
	// then Bias holds them (in percent of the limit: [1 − max, 1 − min]
	// for Jn, then for J_G) and Lo, Hi the range of S/F they give.
	Quantified bool
	Bias       [4]float64
	Lo, Hi     float64
	Verdict    firstOrderVerdict
	// Errs are the half-widths of the 95% intervals of C* of the wide
	// minima, in percent of C*, from Samples paths per set.
	Errs    []constantError
	Samples float64
	// Wide names the wide minima and WideSets gives their time fractions;
	// TransitionsPerPath is the clipped run's jumps of the marker process
	// (between any two sets) per path.
	Wide               Inline
	WideSets           []report.SetFraction
	TransitionsPerPath float64
	Horizon            float64
}

// narrowTime is a narrow basin's simulated time and first-order estimate.
type narrowTime struct {
	Name Inline
	Set  report.SetFraction
}

// constantError is the half-width of a constant's 95% interval in percent.
type constantError struct {
	Name    Inline
	Percent float64
}

// firstOrder reads the comparison; nil without narrow minima, a positive
// first-order estimate or a simulated narrow time.
func (r *himmelblauResults) firstOrder() *firstOrderText {
	th, c, cl := r.theory, r.theory.Clipped, r.clipped
	if cl.SharpFirstOrder == nil || cl.Sharp.Estimate == nil || *cl.SharpFirstOrder <= 0 || len(c.Narrow) == 0 {
		return nil
	}
	d := &firstOrderText{Run: cl, Lambda: c.Lambda, AlphaMinus1: th.Alpha - 1, JG: c.JG(), Jn: r.narrowJ(), NarrowJs: r.narrowJs(),
		Ratio:   timeRatioCI(*cl.Sharp.Estimate, cl.Sharp.Low, cl.Sharp.High, *cl.SharpFirstOrder, cl.SharpFirstOrderLow, cl.SharpFirstOrderHigh),
		Samples: float64(c.Samples), Wide: r.omegaList(c.Wide), TransitionsPerPath: float64(cl.MarkerTransitions) / float64(max(cl.Replicas, 1)),
		Horizon: c.Horizon}
	for _, i := range r.sortedByPaper(c.Narrow) {
		d.PerNarrow = append(d.PerNarrow, narrowTime{Name: r.omega(i), Set: cl.Sets[i]})
	}
	// r/b just above an integer: barely J jumps, slowest convergence.
	worst, gap := -1, math.Inf(1)
	for _, i := range c.Wide {
		q := th.Sets[i].Radius / th.B
		if g := q - math.Floor(q); g < gap {
			worst, gap = i, g
		}
	}
	if worst >= 0 {
		d.Slack, d.SlackRatio = r.omega(worst), th.Sets[worst].Radius/th.B
	}
	var lo, hi float64
	lo, hi, d.Quantified = expectedRange(d.Jn, d.JG)
	if d.Quantified {
		n, w := meanBias[d.Jn], meanBias[d.JG]
		d.Bias = [4]float64{1 - n[1], 1 - n[0], 1 - w[1], 1 - w[0]}
		d.Lo, d.Hi = lo, hi
	}
	q := d.Ratio
	switch {
	case !q.OK:
		d.Verdict = untestable
	case q.Hi < 1:
		d.Verdict = short
	case d.Quantified && q.Lo > hi:
		d.Verdict = beyond
	case d.Quantified && q.Lo > 1:
		d.Verdict = reaches
	case q.Lo > 1:
		d.Verdict = above1
	case q.R > 1:
		d.Verdict = containsAbove
	default:
		d.Verdict = containsBelow
	}
	// The C* of the wide minima carry the prediction's Monte Carlo error.
	for _, i := range r.sortedByPaper(c.Wide) {
		d.Errs = append(d.Errs, constantError{Name: r.omega(i), Percent: 100 * (c.ExitRateHigh[i] - c.ExitRateLow[i]) / 2 / c.ExitRate[i]})
		d.WideSets = append(d.WideSets, cl.Sets[i])
	}
	return d
}

// unclippedText describes the unclipped run: the basins its paths visit and
// their time fractions against the stationary law.
type unclippedText struct {
	// AllWide says whether every minimum is wide; else Wide names the wide
	// ones, WideCount of N.
	AllWide      bool
	WideCount, N int
	Wide         Inline
	// Visited counts the basins whose minimizers the paths came near;
	// Order names the sets in the paper's order, Entries counts the visits
	// of each over all paths, Sets gives their fractions in that order,
	// Inside counts the stationary weights inside their intervals.
	Visited int
	Order   Inline
	Entries []int
	Sets    []report.SetFraction
	Inside  int
}

// unclippedText reads the unclipped run.
func (r *himmelblauResults) unclippedText() unclippedText {
	un := r.unclipped
	n := len(un.Sets)
	d := unclippedText{N: n, AllWide: len(un.Wide) == n, WideCount: len(un.Wide), Wide: r.omegaList(un.Wide), Order: r.omegaList(r.order)}
	entries := make([]int, n)
	for _, row := range un.Transitions {
		for j, k := range row {
			if j < len(entries) {
				entries[j] += k
			}
		}
	}
	for _, i := range r.order {
		sf := un.Sets[i]
		if sf.Near.Estimate != nil && *sf.Near.Estimate > 0 {
			d.Visited++
		}
		if sf.Stationary != nil && contains(sf.Basin.Low, sf.Basin.High, *sf.Stationary) {
			d.Inside++
		}
		d.Entries = append(d.Entries, entries[i])
		d.Sets = append(d.Sets, sf)
	}
	return d
}
