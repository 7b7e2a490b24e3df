package appendix

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/htsgd/htsgd/report"
	"github.com/htsgd/htsgd/scenario"
)

// himmelblauResults holds the files of the paper's two-dimensional
// experiment (Appendix A.2): the dynamics report of its clipped and
// unclipped runs, the clipped run's theory and the basin map.
type himmelblauResults struct {
	dynamics report.DynamicsReport
	theory   HimmelblauTheoryFile
	m        HimmelblauMapFile
	// clipped and unclipped are the two runs of dynamics.
	clipped, unclipped *report.DynamicsRun
	// order lists the set indices in the paper's order Ω_1, …, Ω_4.
	order []int
}

// readHimmelblau reads the experiment's files: nil when the directory has
// no rd_dynamics.json (a run without the experiment), an error when that
// file is there but another is missing or the runs are not the expected
// two over the sets of rd_theory.json.
func readHimmelblau(dir string) (*himmelblauResults, error) {
	if ok, err := exists(dir, FileHimmelblauDynamics); err != nil || !ok {
		return nil, err
	}
	var r himmelblauResults
	for name, v := range map[string]any{FileHimmelblauDynamics: &r.dynamics, FileHimmelblauTheory: &r.theory, FileHimmelblauMap: &r.m} {
		if err := readJSONFile(dir, name, v); err != nil {
			return nil, err
		}
	}
	if err := r.m.check(); err != nil {
		return nil, err
	}
	for i := range r.dynamics.Runs {
		switch run := &r.dynamics.Runs[i]; {
		case run.Variant == r.theory.Clipped.Variant:
			r.clipped = run
		case run.B == nil && run.Law != scenario.LawGaussian:
			r.unclipped = run
		}
	}
	n := len(r.theory.Sets)
	if r.clipped == nil || r.unclipped == nil || len(r.clipped.Sets) != n || len(r.unclipped.Sets) != n ||
		len(r.theory.Clipped.Jump) != n || n == 0 {
		return nil, fmt.Errorf("%s: want a clipped and an unclipped run over the %d sets of %s", FileHimmelblauDynamics, n, FileHimmelblauTheory)
	}
	r.order = make([]int, n)
	for i := range r.order {
		r.order[i] = i
	}
	slices.SortFunc(r.order, func(a, b int) int { return r.theory.Sets[a].Paper - r.theory.Sets[b].Paper })
	return &r, nil
}

// omega is the formula Ω_k of set i, k its paper basin.
func (r *himmelblauResults) omega(i int) Inline {
	return formula(`\Omega_{` + strconv.Itoa(r.theory.Sets[i].Paper) + `}`)
}

// omegaList names sets in the paper's order: "Ω_3 and Ω_4" ("none" for no
// set).
func (r *himmelblauResults) omegaList(idx []int) Inline {
	idx = r.sortedByPaper(idx)
	parts := make([]Inline, len(idx))
	for k, i := range idx {
		parts[k] = r.omega(i)
	}
	if len(parts) == 0 {
		return prose("none")
	}
	return joinAnd(parts)
}

// joinAnd joins "a", "b" and "c" as "a, b and c".
func joinAnd(parts []Inline) Inline {
	switch len(parts) {
	case 0:
		return nil
	case 1:
		return parts[0]
	}
	return join(joinWith(", ", parts[:len(parts)-1]), prose(" and "), parts[len(parts)-1])
}

// sortedByPaper returns the set indices idx in the paper's order.
func (r *himmelblauResults) sortedByPaper(idx []int) []int {
	out := slices.Clone(idx)
	slices.SortFunc(out, func(a, b int) int { return r.theory.Sets[a].Paper - r.theory.Sets[b].Paper })
	return out
}

// jumpGroup is a group of minimum sets with the same jump number J.
type jumpGroup struct {
	J   int
	idx []int
}

// byJump groups the sets idx by their jump number in the clipped run,
// groups in increasing J, sets in the paper's order.
func (r *himmelblauResults) byJump(idx []int) []jumpGroup {
	var out []jumpGroup
	for _, i := range r.sortedByPaper(idx) {
		J := r.theory.Clipped.Jump[i]
		k := slices.IndexFunc(out, func(g jumpGroup) bool { return g.J == J })
		if k < 0 {
			out = append(out, jumpGroup{J: J})
			k = len(out) - 1
		}
		out[k].idx = append(out[k].idx, i)
	}
	slices.SortFunc(out, func(a, b jumpGroup) int { return a.J - b.J })
	return out
}

// narrowJ returns the jump number shared by all narrow minima of the
// clipped run, or 0 when they have several (or there are none).
func (r *himmelblauResults) narrowJ() int {
	if g := r.byJump(r.theory.Clipped.Narrow); len(g) == 1 {
		return g[0].J
	}
	return 0
}

// narrowJs lists the jump numbers of the narrow minima: "1", or "1, 2".
func (r *himmelblauResults) narrowJs() string {
	var js []string
	for _, g := range r.byJump(r.theory.Clipped.Narrow) {
		js = append(js, strconv.Itoa(g.J))
	}
	return strings.Join(js, ", ")
}

// paperNumbered reports whether the sets of rd_theory.json carry the
// paper's basin numbers: paperBasins recognises the paper's shape in them
// and gives the numbers the file holds.
func (r *himmelblauResults) paperNumbered() bool {
	names, ok := paperBasins(r.theory.Sets)
	if !ok {
		return false
	}
	for i, s := range r.theory.Sets {
		if s.Paper != names[i] {
			return false
		}
	}
	return true
}

// paperBasins numbers the basins as the paper does (Appendix A.2, Figure
// 3): Ω_2 holds the segment of minimizers, Ω_1 the other minimum with
// x < 0, Ω_3 and Ω_4 the upper and lower minima with x > 0. When the sets
// do not have that shape (another landscape), it numbers them 1, 2, … in
// results order and reports false.
func paperBasins(sets []SetResult) ([]int, bool) {
	out := make([]int, len(sets))
	seen := map[int]bool{}
	for i, s := range sets {
		switch {
		case s.Kind == SetSegment:
			out[i] = 2
		case len(s.A) != 2:
			out[i] = 0
		case s.A[0] < 0:
			out[i] = 1
		case s.A[1] > 0:
			out[i] = 3
		default:
			out[i] = 4
		}
		seen[out[i]] = true
	}
	if len(sets) == 4 && len(seen) == 4 && !seen[0] {
		return out, true
	}
	for i := range out {
		out[i] = i + 1
	}
	return out, false
}

// segments returns the indices of the sets that are segments.
func (r *himmelblauResults) segments() []int {
	var out []int
	for i, s := range r.theory.Sets {
		if s.Kind == SetSegment {
			out = append(out, i)
		}
	}
	return out
}

// setDistance is the Euclidean distance from x to a set of minimizers: to
// its point, or to its segment A–B (the projection t = ⟨x − A, B − A⟩ /
// ‖B − A‖² clamped to [0, 1]); +Inf when the dimensions disagree.
func setDistance(s SetResult, x []float64) float64 {
	if len(s.A) != len(x) || (s.B != nil && len(s.B) != len(x)) {
		return math.Inf(1)
	}
	t := 0.0
	if s.Kind == SetSegment && s.B != nil {
		var dot, den float64
		for k := range x {
			dot += (x[k] - s.A[k]) * (s.B[k] - s.A[k])
			den += (s.B[k] - s.A[k]) * (s.B[k] - s.A[k])
		}
		if den > 0 {
			t = min(max(dot/den, 0), 1)
		}
	}
	var d2 float64
	for k := range x {
		p := s.A[k]
		if t > 0 {
			p += t * (s.B[k] - s.A[k])
		}
		d2 += (x[k] - p) * (x[k] - p)
	}
	return math.Sqrt(d2)
}

// point formats a point "(x, y)" with 3 decimals, as a formula.
func point(p []float64) Inline {
	parts := make([]string, len(p))
	for i, x := range p {
		parts[i] = strconv.FormatFloat(x, 'f', 3, 64)
	}
	return formula("(" + strings.Join(parts, ", ") + ")")
}

// exactPoint formats a point exactly for a formula: "(2.9, 1)".
func exactPoint(p []float64) string {
	parts := make([]string, len(p))
	for i, x := range p {
		parts[i] = exact(x)
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// setText formats a set of minimizers: its point, or its segment's ends.
func setText(s SetResult) Inline {
	if s.Kind == SetSegment && s.B != nil {
		return join(prose("segment "), point(s.A), prose("–"), point(s.B))
	}
	return point(s.A)
}

// radialNoise is the noise Z = c·W·Θ of an R^d experiment as a results
// file records it: the scale c, the radial law of W with its tail index,
// the angular law of Θ ("" when the file does not record it), the
// dimension and the file.
type radialNoise struct {
	Scale, Alpha float64
	Law, Angular string
	Dim          int
	File         string
}

// Pareto, Isotropic and Finite say which law and angular law it is.
func (n radialNoise) Pareto() bool    { return n.Law == scenario.LawPareto }
func (n radialNoise) Isotropic() bool { return n.Angular == scenario.AngularIsotropic }
func (n radialNoise) Finite() bool    { return n.Angular == scenario.AngularFinite }

// himmelblauIntro is the setting of the section's opening paragraph, read
// from rd_theory.json.
type himmelblauIntro struct {
	Th         HimmelblauTheoryFile
	Himmelblau bool
	Landscape  string
	Variables  int
	Basins     int
	Segments   int
	Noise      radialNoise
	// Nearest is the set nearest to X_0 (−1: none) at distance Distance.
	Nearest      Inline
	Distance     float64
	PaperNumbers bool
	JG           int
	File         string
}

// section returns the blocks of the section: the setting, the tables of
// minimum sets and time fractions, the two figures and the discussion.
func (r *himmelblauResults) section() []block {
	return []block{
		heading{1, text("himmelblau.title", nil), "sec:rd"},
		para{text("himmelblau", r.intro())},
		r.tableSets(),
		r.tableTime(),
		figure{label: "fig:rdtime", name: figHimmelblauTime, width: 0.85, source: []string{FileHimmelblauDynamics, FileHimmelblauTheory},
			caption: text("himmelblau.time.caption", r.clipped)},
		figure{label: "fig:rdmap", name: figHimmelblauMap, width: 1, source: []string{FileHimmelblauMap, FileHimmelblauTheory},
			caption: text("himmelblau.map.caption", r.mapCaption())},
		para{text("himmelblau.discussion", r.discussion())},
	}
}

// intro reads the setting.
func (r *himmelblauResults) intro() himmelblauIntro {
	th := r.theory
	d := himmelblauIntro{Th: th, Himmelblau: th.Landscape == scenario.KindHimmelblau, Landscape: th.Landscape, Variables: len(th.Start), Basins: len(th.Sets),
		Segments: len(r.segments()), PaperNumbers: r.paperNumbered(), JG: th.Clipped.JG(), File: FileHimmelblauDynamics,
		Noise: radialNoise{Scale: th.Scale, Alpha: th.Alpha, Law: th.Law, Angular: th.Angular, Dim: len(th.Start), File: FileHimmelblauTheory}}
	best, dist := -1, math.Inf(1)
	for i, set := range th.Sets {
		if dd := setDistance(set, th.Start); dd < dist {
			best, dist = i, dd
		}
	}
	if best >= 0 && !math.IsInf(dist, 1) {
		d.Nearest, d.Distance = r.omega(best), dist
	}
	return d
}

// tableSets lists the minimum sets with r_i, J_i and C*_i of the clipped
// run and their predicted mean exit times.
func (r *himmelblauResults) tableSets() *table {
	th := r.theory
	c := th.Clipped
	t := &table{label: "tab:rdsets", caption: text("himmelblau.sets.caption", r.intro()), source: []string{FileHimmelblauTheory},
		align: "lllrrrrl"}
	t.header = []Inline{prose("basin"), prose("set"), prose("minimizers"), formula("r_i"), formula("J_i"),
		join(formula(`C^{*}_i`), prose(" [95% CI]")), join(formula(`\mathrm{E}\,\tau`), prose(" (steps)")), prose("kind")}
	for _, i := range r.order {
		s := th.Sets[i]
		kind := "narrow"
		if slices.Contains(c.Wide, i) {
			kind = "wide"
		}
		mean := prose(dash)
		if i < len(c.MeanExitSteps) {
			mean = numP(c.MeanExitSteps[i], 3)
		}
		t.rows = append(t.rows, []Inline{r.omega(i), prose(strconv.Itoa(i)), setText(s), num(s.Radius, 4), prose(strconv.Itoa(c.Jump[i])),
			ci(&c.ExitRate[i], &c.ExitRateLow[i], &c.ExitRateHigh[i], 3), mean, prose(kind)})
	}
	return t
}

// timeCaption is what the time table's caption states.
type timeCaption struct {
	Clipped, Unclipped *report.DynamicsRun
	Narrow             Inline
}

// tableTime lists the time fractions of both runs per basin against the
// first-order estimate and the limit.
func (r *himmelblauResults) tableTime() *table {
	cl, un := r.clipped, r.unclipped
	t := &table{label: "tab:rdtime", source: []string{FileHimmelblauDynamics, FileHimmelblauDynamicsCSV, FileHimmelblauTheory},
		caption: text("himmelblau.time.table.caption", timeCaption{cl, un, r.omegaList(r.theory.Clipped.Narrow)}),
		align:   "lrrrrrrrr"}
	t.header = []Inline{prose("basin"), formula("J_i"), join(prose("near, "), bLabel(cl.B)), join(prose("in basin, "), bLabel(cl.B)),
		prose("first order"), join(prose("limit "), formula(`\pi`)), join(prose("near, "), bLabel(un.B)), join(prose("in basin, "), bLabel(un.B)),
		join(prose("limit "), formula(`\pi`))}
	for _, i := range r.order {
		a, b := cl.Sets[i], un.Sets[i]
		t.rows = append(t.rows, []Inline{r.omega(i), prose(strconv.Itoa(r.theory.Clipped.Jump[i])),
			pctCI(a.Near.Estimate, a.Near.Low, a.Near.High), pctCI(a.Basin.Estimate, a.Basin.Low, a.Basin.High),
			pct(a.FirstOrder), pct(a.Stationary),
			pctCI(b.Near.Estimate, b.Near.Low, b.Near.High), pctCI(b.Basin.Estimate, b.Basin.Low, b.Basin.High), pct(b.Stationary)})
	}
	t.rules = []int{len(t.rows)}
	total := prose("narrow total: ")
	if J := r.narrowJ(); J > 0 {
		total = join(formula("J = "+strconv.Itoa(J)), prose(" total: "))
	}
	t.rows = append(t.rows, []Inline{join(total, r.omegaList(r.theory.Clipped.Narrow)), prose(r.narrowJs()),
		pctCI(cl.SharpNear.Estimate, cl.SharpNear.Low, cl.SharpNear.High), pctCI(cl.Sharp.Estimate, cl.Sharp.Low, cl.Sharp.High),
		pct(cl.SharpFirstOrder), pct(cl.SharpLimit),
		pctCI(un.SharpNear.Estimate, un.SharpNear.Low, un.SharpNear.High), pctCI(un.Sharp.Estimate, un.Sharp.Low, un.Sharp.High), pct(un.SharpLimit)})
	t.rows = append(t.rows, []Inline{prose("near no minimizer"), nil, pctCI(cl.Out.Estimate, cl.Out.Low, cl.Out.High), nil, nil, nil,
		pctCI(un.Out.Estimate, un.Out.Low, un.Out.High), nil, nil})
	t.rows = append(t.rows, []Inline{prose("marker jumps (any two minima)"), nil, prose(strconv.Itoa(cl.MarkerTransitions)), nil, nil, nil,
		prose(strconv.Itoa(un.MarkerTransitions)), nil, nil})
	return t
}

// mapCaptionData is what the basin map's caption states.
type mapCaptionData struct {
	Himmelblau   bool
	Landscape    string
	Grid         int
	DomainRadius float64
	Segments     Inline
	NumSegments  int
	VisitRadius  float64
	Stride       float64
	B            *float64
}

// mapCaption reads the map's caption data.
func (r *himmelblauResults) mapCaption() mapCaptionData {
	d := mapCaptionData{Himmelblau: r.theory.Landscape == scenario.KindHimmelblau, Landscape: r.theory.Landscape, Grid: len(r.m.Grid),
		DomainRadius: r.m.DomainRadius, Segments: r.omegaList(r.segments()), NumSegments: len(r.segments()),
		VisitRadius: r.theory.VisitRadius, Stride: math.NaN(), B: r.clipped.B}
	if len(r.m.Paths) > 0 {
		d.Stride = float64(r.m.Paths[0].Stride)
	}
	return d
}
