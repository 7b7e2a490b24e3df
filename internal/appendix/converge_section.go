package appendix

import (
	"cmp"
	"encoding/json"
	"maps"
	"math"
	"slices"
	"strconv"

	"github.com/htsgd/htsgd/estimators"
	"github.com/htsgd/htsgd/report"
	"github.com/htsgd/htsgd/scenario"
)

// The section "the limit, verified" (converge.tmpl words it): the ladders
// of `verify converge` stored under results/converge/ (converge_file.go),
// a table of their rungs and verdicts, the figure of 1 − R against λ(η)
// (converge_figure.go) with what it shows about a collapse onto one curve
// in λ, and the slack study of R > 1 with its occupation file
// (converge_slack.go). Without results/converge/ (a quick run) the section
// is a note saying how to make it.

// convergeSection returns the section's blocks.
func convergeSection(c *convergeResults) []block {
	head := heading{1, text("converge.title", nil), "sec:converge"}
	if c == nil {
		return []block{head, para{text("converge.absent", nil)}}
	}
	cases := sortedCases(c.Main)
	d := convergeIntro{Cases: len(cases)}
	for _, k := range cases {
		d.Wall += k.wallSeconds()
		for _, r := range k.basin().Rungs {
			d.Steps += float64(r.Steps)
		}
	}
	b := []block{head, para{text("converge", d)}, tableConverge(cases)}
	var verdicts []snippet
	for _, k := range cases {
		verdicts = append(verdicts, text("converge.case", caseSummaryOf(k)))
	}
	b = append(b, items{verdicts})
	all := append(append([]convergeCase{}, cases...), sortedCases(c.Figure)...)
	b = append(b,
		figure{label: "fig:converge", name: figConverge, width: 1, source: filesOf(all), caption: text("converge.figure.caption", nil)},
		para{text("converge.collapse", collapseOf(all))})
	if c.Occupation != nil && len(c.Slack) > 0 {
		s := slackOf(c)
		b = append(b, tableSlack(s), para{text("converge.slack", s)})
	}
	return b
}

// convergeIntro is the data of the section's opening paragraph.
type convergeIntro struct {
	Cases       int
	Steps, Wall float64
}

// sortedCases orders cases by dimension, J, α and file.
func sortedCases(cs []convergeCase) []convergeCase {
	out := slices.Clone(cs)
	slices.SortStableFunc(out, func(a, b convergeCase) int {
		return cmp.Or(cmp.Compare(a.Rep.Dimension, b.Rep.Dimension), cmp.Compare(a.basin().Jump, b.basin().Jump),
			cmp.Compare(float64(a.Rep.Alpha), float64(b.Rep.Alpha)), cmp.Compare(a.File, b.File))
	})
	return out
}

// filesOf lists the cases' files.
func filesOf(cs []convergeCase) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.File
	}
	return out
}

// caseName is the case's name in the table: its file without directory
// and extension.
func caseName(c convergeCase) string {
	n := c.File
	if i := len(ConvergeDir) + 1; len(n) > i && n[:i] == ConvergeDir+"/" {
		n = n[i:]
	}
	if len(n) > 5 && n[len(n)-5:] == ".json" {
		n = n[:len(n)-5]
	}
	return n
}

// tableConverge is the table of the cases' rungs: one row per rung, the
// case's setting on its first row and its verdict on its last.
func tableConverge(cases []convergeCase) *table {
	t := &table{label: "tab:converge", caption: text("converge.table.caption", nil), source: filesOf(cases), align: "lrrrrrlrrl"}
	t.header = []Inline{prose("case"), formula("d"), formula("J"), formula(`\alpha`), formula(`\eta`), formula(`\lambda(\eta)`),
		prose("method"), prose("exits"), join(formula("R"), prose(" [look-level CI]")), prose("verdict")}
	for _, c := range cases {
		b := c.basin()
		t.rules = append(t.rules, len(t.rows))
		if len(b.Rungs) == 0 {
			t.rows = append(t.rows, []Inline{code(caseName(c)), prose(strconv.Itoa(c.Rep.Dimension)), prose(strconv.Itoa(b.Jump)),
				num(float64(c.Rep.Alpha), 2), prose(dash), prose(dash), prose(dash), prose(dash), prose(dash), prose(verdictWord(b))})
			continue
		}
		for i, r := range b.Rungs {
			row := []Inline{nil, nil, nil, nil}
			if i == 0 {
				row = []Inline{code(caseName(c)), prose(strconv.Itoa(c.Rep.Dimension)), prose(strconv.Itoa(b.Jump)), num(float64(c.Rep.Alpha), 2)}
			}
			v := Inline(nil)
			if i == len(b.Rungs)-1 {
				v = prose(verdictWord(b))
			}
			row = append(row, num(r.Eta, 3), num(r.Lambda, 3), prose(r.Method), prose(strconv.Itoa(r.Exits)),
				ci(ptr(r.Ratio), ptr(r.RatioLow), ptr(r.RatioHigh), 3), v)
			t.rows = append(t.rows, row)
		}
	}
	return t
}

// verdictWord is a basin's verdict on R in the table.
func verdictWord(b report.ConvergeBasin) string {
	switch b.Verdict.Kind {
	case estimators.Converges:
		return "converges"
	case estimators.Inconsistent:
		return "inconsistent"
	case estimators.NotApplicable:
		return "does not apply"
	}
	return "not yet"
}

// caseSummary is a case's line in the list under the table.
type caseSummary struct {
	Name       string
	D, J       int
	Alpha, C   float64
	B          *float64
	Tol, Level float64
	Looks      int
	Verdict    string
	Kind       verdictKind
	Reason     string
	Stop       string
	Wall       float64
	Steps      float64
	// NeedEta, NeedSteps: where the ladder's trend reaches the target bias
	// (0: not given).
	NeedEta, NeedSteps float64
	// Next: the rung the walk would have run next and its predicted steps
	// (0: none).
	NextEta, NextSteps float64
	// NextNote says why importance sampling was not used there (empty:
	// it was, or was not considered).
	NextNote string
}

// verdictKind names a verdict kind for the templates.
type verdictKind int

var verdictKindNames = verdictSet{"notApplicable", "converges", "notYet", "inconsistent"}

func (v verdictKind) verdictName() string  { return verdictKindNames.name(int(v)) }
func (verdictKind) verdictNames() []string { return verdictKindNames }

// caseSummaryOf summarizes a case.
func caseSummaryOf(c convergeCase) caseSummary {
	b := c.basin()
	s := caseSummary{Name: caseName(c), D: c.Rep.Dimension, J: b.Jump, Alpha: float64(c.Rep.Alpha), C: c.Rep.NoiseScale,
		Tol: c.Rep.Settings.Tol, Level: c.Rep.Settings.LookLevel, Looks: c.Rep.Settings.Looks,
		Verdict: verdictWord(b), Kind: verdictKind(b.Verdict.Kind), Reason: b.Verdict.Reason, Stop: b.Stop, Wall: c.wallSeconds()}
	if c.Rep.B.IsFinite() {
		s.B = ptr(float64(c.Rep.B))
	}
	for _, r := range b.Rungs {
		s.Steps += float64(r.Steps)
	}
	if n := b.Verdict.Need; n != nil {
		s.NeedEta, s.NeedSteps = float64(n.Eta), float64(n.Steps)
	}
	if b.Next != nil {
		s.NextEta, s.NextSteps, s.NextNote = b.Next.Eta, b.Next.PredictedSteps, b.Next.Note
	}
	return s
}

// collapse is what the figure shows about a collapse of 1 − R onto one
// curve in λ: per jump number, the pairs of rungs of different settings
// (α, c) on the same landscape and b at nearly the same λ (within a factor
// √2) and how many of them have disjoint intervals of R.
type collapse struct {
	ByJ []collapseJ
}

// collapseJ is the comparison for one jump number.
type collapseJ struct {
	J, Settings, Pairs, Disjoint int
	// EtaPairs, EtaDisjoint: the same at the same η (within 1%), the
	// alternative that the bias is a function of η.
	EtaPairs, EtaDisjoint int
	// Example is the pair of matching rungs whose R differ most.
	Example *collapsePair
}

// collapsePair is two rungs at nearly the same λ.
type collapsePair struct {
	A, B collapsePoint
}

// collapsePoint is one rung of a setting.
type collapsePoint struct {
	Name              string
	Alpha, C, Eta     float64
	Lambda, R, Lo, Hi float64
}

// collapseOf compares the rungs of the one-dimensional cases by jump
// number, pairing only ladders on the same landscape and threshold (the
// scenario's [landscape] table and b) with different noise (α, c).
func collapseOf(cases []convergeCase) collapse {
	type setting struct{ alpha, c float64 }
	type key struct {
		J    int
		geom string
	}
	pts := map[key]map[setting][]collapsePoint{}
	for _, k := range cases {
		b := k.basin()
		if k.Rep.Dimension != 1 {
			continue
		}
		kk := key{b.Jump, geometryOf(k)}
		st := setting{float64(k.Rep.Alpha), k.Rep.NoiseScale}
		if pts[kk] == nil {
			pts[kk] = map[setting][]collapsePoint{}
		}
		for _, r := range b.Rungs {
			if r.Rare != nil && len(r.Rare.Warnings) > 0 {
				continue
			}
			pts[kk][st] = append(pts[kk][st], collapsePoint{Name: caseName(k), Alpha: st.alpha, C: st.c, Eta: r.Eta,
				Lambda: r.Lambda, R: r.Ratio, Lo: r.RatioLow, Hi: r.RatioHigh})
		}
	}
	byJ := map[int]*collapseJ{}
	worst := map[int]float64{}
	for _, kk := range slices.SortedFunc(maps.Keys(pts), func(a, b key) int {
		return cmp.Or(cmp.Compare(a.J, b.J), cmp.Compare(a.geom, b.geom))
	}) {
		byS := pts[kk]
		cj := byJ[kk.J]
		if cj == nil {
			cj = &collapseJ{J: kk.J}
			byJ[kk.J] = cj
		}
		cj.Settings = max(cj.Settings, len(byS))
		var all [][]collapsePoint
		for _, s := range slices.SortedFunc(maps.Keys(byS), func(a, b setting) int {
			return cmp.Or(cmp.Compare(a.alpha, b.alpha), cmp.Compare(a.c, b.c))
		}) {
			all = append(all, byS[s])
		}
		for i := range all {
			for j := i + 1; j < len(all); j++ {
				for _, a := range all[i] {
					for _, b := range all[j] {
						disjoint := a.Hi < b.Lo || b.Hi < a.Lo
						if math.Abs(math.Log(a.Eta/b.Eta)) < 0.01 {
							cj.EtaPairs++
							if disjoint {
								cj.EtaDisjoint++
							}
						}
						if math.Abs(math.Log(a.Lambda/b.Lambda)) > math.Log(math.Sqrt2) {
							continue
						}
						cj.Pairs++
						if disjoint {
							cj.Disjoint++
						}
						if d := math.Abs(a.R - b.R); d > worst[kk.J] {
							worst[kk.J], cj.Example = d, &collapsePair{A: a, B: b}
						}
					}
				}
			}
		}
	}
	var out collapse
	for _, J := range slices.Sorted(maps.Keys(byJ)) {
		out.ByJ = append(out.ByJ, *byJ[J])
	}
	return out
}

// geometryOf is the landscape and threshold of a case, as text: the
// [landscape] table of its scenario and b (the scenario's name and noise
// left out). A scenario that does not parse is its own geometry.
func geometryOf(c convergeCase) string {
	sc, err := scenario.Parse([]byte(c.Rep.ScenarioTOML))
	if err != nil {
		return c.File
	}
	data, err := json.Marshal(sc.Landscape)
	if err != nil {
		return c.File
	}
	return string(data) + " b=" + strconv.FormatFloat(float64(c.Rep.B), 'g', -1, 64)
}

// slackStudy is the data of the slack table and its explanation.
type slackStudy struct {
	Rows []slackRow
	// MinRatio, MaxRatio: the range of (F/P)/R over the rows with R > 1.1;
	// Above: those rows.
	MinRatio, MaxRatio float64
	Above              int
	// AllMin, AllMax: the range of (F/P)/R over every row.
	AllMin, AllMax float64
	// MaxAbove: the largest measured P(X > s); MaxF the largest F.
	MaxAbove, MaxF float64
	// Largest is the row with the largest R.
	Largest slackRow
	Steps   int64
}

// slackRow is one rung of the slack study with its occupation.
type slackRow struct {
	Name                 string
	RB, C, Eta, Lambda   float64
	Slack, F, P, PSE, FP float64
	R, Lo, Hi            float64
}

// slackOf joins the slack ladders with the occupation file.
func slackOf(c *convergeResults) slackStudy {
	s := slackStudy{MinRatio: math.Inf(1), MaxRatio: math.Inf(-1), AllMin: math.Inf(1), AllMax: math.Inf(-1), Steps: c.Occupation.Steps}
	for _, cell := range c.Occupation.Cells {
		for _, k := range c.Slack {
			if k.File != cell.File {
				continue
			}
			for _, r := range k.basin().Rungs {
				if r.Eta != cell.Eta {
					continue
				}
				row := slackRow{Name: caseName(k), RB: cell.R / cell.B, C: k.Rep.NoiseScale, Eta: cell.Eta, Lambda: cell.Lambda,
					Slack: cell.Slack, F: cell.Theory, P: cell.Above, PSE: cell.AboveSE, FP: cell.Theory / cell.Above,
					R: r.Ratio, Lo: r.RatioLow, Hi: r.RatioHigh}
				s.Rows = append(s.Rows, row)
				s.MaxAbove, s.MaxF = math.Max(s.MaxAbove, row.P), math.Max(s.MaxF, row.F)
				s.AllMin, s.AllMax = math.Min(s.AllMin, row.FP/row.R), math.Max(s.AllMax, row.FP/row.R)
				if row.R > s.Largest.R {
					s.Largest = row
				}
				if row.R > 1.1 {
					s.Above++
					q := row.FP / row.R
					s.MinRatio, s.MaxRatio = math.Min(s.MinRatio, q), math.Max(s.MaxRatio, q)
				}
			}
		}
	}
	slices.SortStableFunc(s.Rows, func(a, b slackRow) int {
		return cmp.Or(cmp.Compare(a.C, b.C), cmp.Compare(a.RB, b.RB), -cmp.Compare(a.Eta, b.Eta))
	})
	return s
}

// tableSlack is the table of the slack study.
func tableSlack(s slackStudy) *table {
	t := &table{label: "tab:converge-slack", caption: text("converge.slack.caption", s), source: []string{FileSlackOccupation}, align: "rrrrrrrrr"}
	t.header = []Inline{formula("r/b"), formula("c"), formula(`\eta`), formula(`\lambda(\eta)`), formula("s = r - b"),
		formula("F"), formula("P(X > s)"), formula("F/P"), join(formula("R"), prose(" [CI]"))}
	prev := -1.0
	for _, r := range s.Rows {
		if r.C != prev {
			t.rules = append(t.rules, len(t.rows))
			prev = r.C
		}
		t.rows = append(t.rows, []Inline{num(r.RB, 3), num(r.C, 2), num(r.Eta, 3), num(r.Lambda, 3), num(r.Slack, 3),
			num(r.F, 3), num(r.P, 3), num(r.FP, 3), ci(ptr(r.R), ptr(r.Lo), ptr(r.Hi), 3)})
	}
	return t
}
