package appendix

import (
	"math"
	"strings"

	"github.com/htsgd/htsgd/report"
)

// The discussion of the one-dimensional experiments: bullets generated from
// the results files, each a verdict on numbers of those files
// (discussion.tmpl words them).

// position is where an interval lies relative to a reference value.
type position int

const (
	// unbounded: an end of the interval is missing.
	unbounded position = iota
	// inside: the interval contains the value.
	inside
	// below and above: the whole interval lies below (above) the value.
	below
	above
)

var positionNames = verdictSet{"unbounded", "inside", "below", "above"}

func (p position) verdictName() string  { return positionNames.name(int(p)) }
func (position) verdictNames() []string { return positionNames }
func (p position) String() string       { return p.verdictName() }

// positionOf returns where [lo, hi] lies relative to v.
func positionOf(lo, hi *float64, v float64) position {
	switch {
	case lo == nil || hi == nil:
		return unbounded
	case *lo <= v && v <= *hi:
		return inside
	case *hi < v:
		return below
	}
	return above
}

// discussionSection is section "Discussion".
func discussionSection(r *results) []block {
	return []block{
		heading{1, text("discussion.title", nil), "sec:discussion"},
		para{text("discussion", nil)},
		items{discussion(r)},
	}
}

// discussion returns the bullets of the discussion.
func discussion(r *results) []snippet {
	out := []snippet{text("discussion.jumps", jumpsOf(r))}
	for _, f := range r.fits.Series {
		if f.Slope != nil {
			out = append(out, text("discussion.slope", slopeOf(f)))
		}
	}
	for _, f := range r.fits.Series {
		if d, ok := ratioOf(r, f); ok {
			out = append(out, text("discussion.ratio", d))
		}
	}
	out = append(out, text("discussion.shape", shapeOf(r)), text("discussion.landing", landingOf(r)))
	if c := censoringOf(r); len(c) > 0 {
		out = append(out, text("discussion.censoring", c))
	}
	for _, run := range r.dynamics.Runs {
		out = append(out, text("discussion.dynamics", dynamicsRunOf(run)))
	}
	same := 0
	for _, v := range r.paths.Variants {
		if v.SameAsDynamics != nil && *v.SameAsDynamics {
			same++
		}
	}
	if same > 0 {
		out = append(out, text("discussion.samepaths", [2]int{same, len(r.paths.Variants)}))
	}
	return append(out, text("discussion.rare", rareOfFits(r.fits)))
}

// jumpCase is one threshold's jump number of Ω_2 and the predicted exponent
// 1 + J(α − 1) of 1/η in the mean exit time.
type jumpCase struct {
	B        *float64
	J        int
	Exponent float64
}

// jumpsOf lists the jump numbers of the exit basin per threshold.
func jumpsOf(r *results) []jumpCase {
	var out []jumpCase
	for _, c := range r.theory.Cases {
		out = append(out, jumpCase{B: c.B, J: c.Jump[r.theory.ExitBasin], Exponent: -c.Slope})
	}
	return out
}

// slopeData is the verdict on a series' slope of log τ̄ on log η: where
// the fitted slope's interval lies relative to the prediction (below:
// steeper than predicted), whether a straight line fails (curved, at 1%),
// and the slope over the smaller half of the η range with the same verdict.
type slopeData struct {
	B               *float64
	Predicted       float64
	Line            LineFit
	Verdict         position
	Curved          bool
	Small           *LineFit
	SmallConsistent bool
}

// slopeOf judges a series' slope.
func slopeOf(f SeriesFit) slopeData {
	l := f.Slope
	d := slopeData{B: f.B, Predicted: f.PredictedSlope, Line: *l, Verdict: positionOf(&l.Low, &l.High, f.PredictedSlope),
		Curved: l.GoodnessP != nil && *l.GoodnessP < 0.01, Small: f.SlopeSmall}
	if s := f.SlopeSmall; s != nil {
		d.SmallConsistent = contains(&s.Low, &s.High, f.PredictedSlope)
	}
	return d
}

// ratioData is the verdict on a series' ratio R(η): where R's interval at
// the smallest η lies relative to 1, R at the largest η, and the
// extrapolation R0 with its verdict, its leverage and the decay of the
// bias it implies.
type ratioDiscussion struct {
	B            *float64
	J            int
	Smallest     RatioPoint
	Verdict      position
	Gap          *float64
	Largest      *RatioPoint
	Fit          *RatioFitResult
	Notes        string
	R0           position
	LambdaFactor float64
	FarOut       bool
	HalveLambda  float64
	HalveEta     float64
}

// ratioOf judges a series' ratio; ok is false without a ratio point.
func ratioOf(r *results, f SeriesFit) (ratioDiscussion, bool) {
	p := f.smallestEta()
	if p == nil {
		return ratioDiscussion{}, false
	}
	d := ratioDiscussion{B: f.B, J: f.Jump, Smallest: *p, Verdict: positionOf(&p.Low, &p.High, 1), Fit: f.Ratio,
		Notes: strings.Join(f.Notes, "; ")}
	if d.Verdict == above {
		d.Gap = ptr(p.R - 1)
	} else {
		d.Gap = ptr(1 - p.R)
	}
	if big := f.largestEta(); big != nil && big.Eta != p.Eta {
		d.Largest = big
	}
	if fr := f.Ratio; fr != nil {
		d.R0 = positionOf(fr.R0Low, fr.R0High, 1)
		d.LambdaFactor = fr.LambdaMax / fr.LambdaMin
		d.FarOut = fr.Extrapolation > 1
		// Decay: with R − R0 = a·λ^κ and λ ∝ η^{α−1}, halving the bias
		// needs λ smaller by 2^{1/κ}, i.e. η smaller by 2^{1/(κ(α−1))}.
		if fr.Kappa > 0 && r.theory.Alpha > 1 {
			d.HalveLambda = math.Pow(2, 1/fr.Kappa)
			d.HalveEta = math.Pow(2, 1/(fr.Kappa*(r.theory.Alpha-1)))
		}
	}
	return d, true
}

// cellRef is a first-exit cell named by its series' threshold and its η.
type cellRef struct {
	B   *float64
	Eta float64
}

// shapeData counts the exponential shape tests that reject at 5% and 1%,
// with the cells that reject at 1%.
type shapeData struct {
	Cells, Reject5, Reject1 int
	Expected5, Expected1    float64
	Rejecting               []cellRef
}

// shapeOf counts the shape tests.
func shapeOf(r *results) shapeData {
	var d shapeData
	for _, s := range r.exits.Series {
		for _, c := range s.Cells {
			if c.ExpTestP == nil {
				continue
			}
			d.Cells++
			if *c.ExpTestP < 0.05 {
				d.Reject5++
			}
			if *c.ExpTestP < 0.01 {
				d.Reject1++
				d.Rejecting = append(d.Rejecting, cellRef{s.B, c.Eta})
			}
		}
	}
	d.Expected5, d.Expected1 = 0.05*float64(d.Cells), 0.01*float64(d.Cells)
	return d
}

// landingSeries is the fraction of exits landing in Ω_1 at a series'
// largest and smallest η, against its limit, and whether the limit lies in
// the interval at the smallest η.
type landingSeries struct {
	B           *float64
	First, Last ExitCellResult
	Limit       float64
	Consistent  bool
}

// landingOf lists the landing fractions per series.
func landingOf(r *results) []landingSeries {
	var out []landingSeries
	for _, s := range r.exits.Series {
		first, last := s.Cells[0], s.Cells[len(s.Cells)-1]
		if first.LandLeftLimit == nil || first.LandLeft.Estimate == nil || last.LandLeft.Estimate == nil {
			continue
		}
		lim := *first.LandLeftLimit
		out = append(out, landingSeries{B: s.B, First: first, Last: last, Limit: lim,
			Consistent: contains(last.LandLeft.Low, last.LandLeft.High, lim)})
	}
	return out
}

// censoredCell is a cell with replicas at the step cap.
type censoredCell struct {
	B                 *float64
	Eta, MaxSteps     float64
	Censored, Samples int
}

// censoringOf lists the cells with censored replicas.
func censoringOf(r *results) []censoredCell {
	var out []censoredCell
	for _, s := range r.exits.Series {
		for _, c := range s.Cells {
			if c.Censored > 0 {
				out = append(out, censoredCell{B: s.B, Eta: c.Eta, MaxSteps: float64(c.MaxSteps), Censored: c.Censored, Samples: c.Samples})
			}
		}
	}
	return out
}

// dynamicsVerdict is what a dynamics run shows about the sharp basins.
type dynamicsVerdict int

const (
	// noLimit: the run has no limit to compare with.
	_ dynamicsVerdict = iota
	// gaussian: light-tailed noise, the paths stay in their basin.
	gaussian
	// eliminated: the limit of the sharp fraction is 0.
	eliminated
	// visited: the limit is positive (no truncation).
	visited
)

var dynamicsVerdictNames = verdictSet{"none", "gaussian", "eliminated", "visited"}

func (v dynamicsVerdict) verdictName() string  { return dynamicsVerdictNames.name(int(v)) }
func (dynamicsVerdict) verdictNames() []string { return dynamicsVerdictNames }

// dynamicsRunData is the verdict on a dynamics run: the sharp fraction
// against its limit and first-order estimate, and the generator entries of
// a chain on two minima against the computed Q.
type dynamicsRunData struct {
	Run              report.DynamicsRun
	Name             Inline
	Verdict          dynamicsVerdict
	FirstOrderInside bool
	LimitInside      bool
	Rates            []rateData
}

// rateData is one generator entry with its expected count when none was
// seen.
type rateData struct {
	report.GeneratorEntry
	// Arrow is the formula of the transition, Q the computed rate and
	// Expected the transitions the limiting chain expects over the
	// exposure.
	Arrow       string
	Q, Expected float64
}

// dynamicsRunOf judges a dynamics run.
func dynamicsRunOf(run report.DynamicsRun) dynamicsRunData {
	d := dynamicsRunData{Run: run, Name: runName(run)}
	switch {
	case run.Law == "gaussian":
		d.Verdict = gaussian
	case run.SharpLimit != nil && *run.SharpLimit == 0:
		d.Verdict = eliminated
		if run.SharpFirstOrder != nil {
			d.FirstOrderInside = contains(run.Sharp.Low, run.Sharp.High, *run.SharpFirstOrder)
		}
	case run.SharpLimit != nil:
		d.Verdict = visited
		d.LimitInside = contains(run.Sharp.Low, run.Sharp.High, *run.SharpLimit)
	}
	for _, g := range run.Generator {
		if len(run.Generator) > 2 || g.Predicted == nil {
			continue
		}
		d.Rates = append(d.Rates, rateData{GeneratorEntry: g, Arrow: transition(g.From, g.To)[0].s, Q: *g.Predicted,
			Expected: *g.Predicted * g.Exposure})
	}
	return d
}

// rareData says which rare-event estimates entered the fits.
type rareData struct {
	Files   []string
	Points  int
	Skipped int
}

// rareOfFits counts the rare-event points of the fits.
func rareOfFits(f FitsFile) rareData {
	d := rareData{Files: f.RareFiles, Skipped: len(f.RareSkipped)}
	for _, s := range f.Series {
		for _, p := range s.Points {
			if p.Source == SourceRare {
				d.Points++
			}
		}
	}
	return d
}
