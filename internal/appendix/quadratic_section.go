package appendix

import (
	"slices"
	"strconv"
)

// The section of the first exits from the 2-D quadratic well
// (rd_exits.json): the setting, a table per series, the ratio figure and
// the discussion, with its verdicts (quadratic.tmpl words them).

// quadraticIntro is the setting of the section's opening paragraph.
type quadraticIntro struct {
	F      *QuadraticExitsFile
	Noise  radialNoise
	Radius float64
	// Lambda is λ(η) = c^α η^{α−1} as a formula.
	Lambda string
	Tables []string
	// Example is the command of the first cell; Cells and Steps count the
	// cells and the steps simulated.
	Example string
	Cells   int
	Steps   float64
}

// Hessian2 says whether H is 2×2 (the intro then writes it out).
func (d quadraticIntro) Hessian2() bool {
	h := d.F.Hessian
	return len(h) == 2 && len(h[0]) == 2 && len(h[1]) == 2
}

// quadraticSection returns the blocks of the section.
func quadraticSection(f *QuadraticExitsFile) []block {
	d := quadraticIntro{F: f, Radius: f.Series[0].Radius, Example: f.Series[0].Cells[0].Command,
		Noise: radialNoise{Scale: f.Scale, Alpha: f.Alpha, Law: f.Law, Angular: f.Angular, Dim: len(f.Start), File: FileQuadraticExits}}
	d.Lambda = `\eta^{` + strconv.FormatFloat(f.Alpha-1, 'g', 3, 64) + `}`
	if f.Scale != 1 {
		d.Lambda = exact(f.Scale) + `^{` + exact(f.Alpha) + `}` + d.Lambda
	}
	for _, s := range f.Series {
		d.Tables = append(d.Tables, quadraticTableLabel(s))
		for _, c := range s.Cells {
			d.Cells++
			d.Steps += float64(c.TotalSteps)
		}
	}
	b := []block{heading{1, text("quadratic.title", nil), "sec:rdexit"}, para{text("quadratic", d)}}
	for _, s := range f.Series {
		b = append(b, tableQuadratic(f, s))
	}
	return append(b,
		figure{label: "fig:rdexit", name: figQuadratic, width: 0.85, source: []string{FileQuadraticExits}, caption: text("quadratic.figure.caption", nil)},
		para{text("quadratic.discussion", quadraticDiscussionOf(f))})
}

// quadraticTableLabel is the label of a series' table.
func quadraticTableLabel(s QuadraticSeriesResult) string { return "tab:rdexit-j" + strconv.Itoa(s.J) }

// quadraticSeriesCaption is what a series' table caption states.
type quadraticSeriesCaption struct {
	F *QuadraticExitsFile
	S QuadraticSeriesResult
}

// tableQuadratic is the table of one series.
func tableQuadratic(f *QuadraticExitsFile, s QuadraticSeriesResult) *table {
	t := &table{label: quadraticTableLabel(s), caption: text("quadratic.table.caption", quadraticSeriesCaption{f, s}),
		source: []string{FileQuadraticExits, FileQuadraticExitsCSV}, align: "rrrrrrrrr"}
	t.header = []Inline{formula(`\eta`), formula(`\lambda(\eta)`), prose("exits"), prose("cens."), prose("mean steps [95% CI]"),
		join(formula(`C^{*}`), prose(" [95% CI]")), prose("predicted [95% CI]"), join(formula("R"), prose(" [95% CI]")),
		join(prose("Exp "), formula("p"))}
	for _, c := range s.Cells {
		r, u := c.Row, uncertainty(c.Row)
		t.rows = append(t.rows, []Inline{num(r.Eta, 2), num(c.Lambda, 3), prose(strconv.Itoa(r.Exits)), prose(strconv.Itoa(r.Censored)),
			ci(r.MeanSteps, r.CILow, r.CIHigh, 4), ci(u.CStar, &c.CStarLow, &c.CStarHigh, 4),
			ci(r.PredictedSteps, u.PredictedLow, u.PredictedHigh, 4), ci(r.Ratio, r.RatioLow, r.RatioHigh, 3), pval(r.ExpTestP)})
	}
	return t
}

// tenPercent is the tolerance of the J = 1 check: at the smallest η run, R
// within 10% of 1.
const tenPercent = 0.1

// withinVerdict says whether a ratio is within 10% of 1, judged by its 95%
// interval.
type withinVerdict int

const (
	// insideWithOne, insideBelowOne, insideAboveOne: the interval lies in
	// [0.9, 1.1] and contains 1, lies below it, lies above it.
	insideWithOne withinVerdict = iota
	insideBelowOne
	insideAboveOne
	// pointOnly: the point is in the band, the interval reaches beyond.
	pointOnly
	// outsideBand: the whole interval lies outside the band.
	outsideBand
	// reachesIn: the point is outside, the interval reaches into the band.
	reachesIn
)

var withinNames = verdictSet{"insideWithOne", "insideBelowOne", "insideAboveOne", "pointOnly", "outside", "reachesIn"}

func (v withinVerdict) verdictName() string  { return withinNames.name(int(v)) }
func (withinVerdict) verdictNames() []string { return withinNames }

// within judges a ratio against the band [0.9, 1.1].
func within(p ratioPoint) withinVerdict {
	lo, hi := 1-tenPercent, 1+tenPercent
	switch {
	case p.lo >= lo && p.hi <= hi:
		switch {
		case p.lo <= 1 && 1 <= p.hi:
			return insideWithOne
		case p.hi < 1:
			return insideBelowOne
		}
		return insideAboveOne
	case p.r >= lo && p.r <= hi:
		return pointOnly
	case p.hi < lo || p.lo > hi:
		return outsideBand
	}
	return reachesIn
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

var trendNames = verdictSet{"none", "allOne", "rise", "fall", "unresolved", "away"}

func (v trendVerdict) verdictName() string  { return trendNames.name(int(v)) }
func (trendVerdict) verdictNames() []string { return trendNames }

// trendOf classifies the ratios pts (decreasing η) of a series with the
// fitted slope l of log R on log η (nil: none) and its 95% interval.
func trendOf(pts []ratioPoint, l *RatioSlope) trendVerdict {
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

// belowVerdict places a J ≥ 2 mean below its prediction against what
// docs/theory.md §11.2 says for that J at practical step sizes on the
// one-dimensional landscape: 15–45% for J = 2, only "more" for J ≥ 3.
type belowVerdict int

const (
	// meanAbove: the mean is above the prediction.
	meanAbove belowVerdict = iota
	// noQuote: J < 2, nothing to compare with.
	noQuote
	// unquotedJ: J ≥ 3, no range is quoted.
	unquotedJ
	// moreThan, withinRange, lessThan: 100(1 − R) against 15–45%.
	moreThan
	withinRange
	lessThan
)

var belowNames = verdictSet{"above", "noQuote", "unquoted", "more", "within", "less"}

func (v belowVerdict) verdictName() string  { return belowNames.name(int(v)) }
func (belowVerdict) verdictNames() []string { return belowNames }

// belowOf judges how far below the prediction a J-jump mean with ratio r
// sits, in percent.
func belowOf(J int, r float64) (belowVerdict, float64) {
	below := 100 * (1 - r)
	switch {
	case below < 0:
		return meanAbove, -below
	case J < 2:
		return noQuote, below
	case J > 2:
		return unquotedJ, below
	case below > 45:
		return moreThan, below
	case below >= 15:
		return withinRange, below
	}
	return lessThan, below
}

// quadraticDiscussion is the section's discussion: the J = 1 check at the
// smallest η (within 10% of 1, by its interval), the trend of R in every
// series, and where each J ≥ 2 series stands at its smallest η with why it
// converges slowly.
type quadraticDiscussion struct {
	// Check is the J = 1 ratio at its smallest η and its verdict (nil: no
	// J = 1 series with a ratio).
	Check  *ratioPoint
	Within withinVerdict
	Trends []quadraticTrend
	Slow   []quadraticSlow
}

// quadraticTrend is a series' trend: its ratios, the counts of steps
// toward and away from 1, the slope and the verdict.
type quadraticTrend struct {
	J       int
	Points  []ratioPoint
	Trend   RatioTrend
	Curved  bool
	Verdict trendVerdict
}

// quadraticSlow is where a J ≥ 2 series stands at its smallest η.
type quadraticSlow struct {
	S                    QuadraticSeriesResult
	Last                 ratioPoint
	Below                belowVerdict
	Percent              float64
	Rising               bool
	LambdaMax, LambdaMin float64
}

// quadraticDiscussionOf judges the series of rd_exits.json.
func quadraticDiscussionOf(f *QuadraticExitsFile) quadraticDiscussion {
	var d quadraticDiscussion
	for _, se := range f.Series {
		if pts := trendPoints(se.Cells); se.J == 1 && len(pts) > 0 {
			last := pts[len(pts)-1]
			d.Check, d.Within = &last, within(last)
			break
		}
	}
	for _, se := range f.Series {
		d.Trends = append(d.Trends, trendText(se))
	}
	for _, se := range f.Series {
		if s, ok := slowText(se); ok {
			d.Slow = append(d.Slow, s)
		}
	}
	return d
}

// trendText judges how a series' ratios move as η shrinks.
func trendText(se QuadraticSeriesResult) quadraticTrend {
	pts := trendPoints(se.Cells)
	t := quadraticTrend{J: se.J, Points: pts, Trend: se.Trend, Verdict: trendOf(pts, se.Trend.Slope)}
	if l := se.Trend.Slope; l != nil {
		t.Curved = l.GoodnessP != nil && *l.GoodnessP < 1-level
	}
	return t
}

// slowText judges where a J ≥ 2 series stands at its smallest η; ok is
// false for J = 1 or a series without a ratio.
func slowText(se QuadraticSeriesResult) (quadraticSlow, bool) {
	pts := trendPoints(se.Cells)
	if se.J < 2 || len(pts) == 0 {
		return quadraticSlow{}, false
	}
	last := pts[len(pts)-1]
	s := quadraticSlow{S: se, Last: last, Rising: trendOf(pts, se.Trend.Slope) == trendRise}
	s.Below, s.Percent = belowOf(se.J, last.r)
	var lams []float64
	for _, c := range se.Cells {
		lams = append(lams, c.Lambda)
	}
	s.LambdaMax, s.LambdaMin = slices.Max(lams), slices.Min(lams)
	return s, true
}

// The fields of ratioPoint for the templates.
func (p ratioPoint) Eta() float64 { return p.eta }
func (p ratioPoint) R() float64   { return p.r }
func (p ratioPoint) Lo() float64  { return p.lo }
func (p ratioPoint) Hi() float64  { return p.hi }
