package appendix

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/htsgd/htsgd/report"
)

// The section of the trajectory experiment (the paper's Figure 1, left and
// middle): histograms and sample paths (paths.json) and the dynamics table
// of `verify dynamics` (dynamics.json).

// dynamicsData is what the section's paragraph states: the paths' sizes
// and the time unit of the truncated run's limiting chain, with the length
// of a path in that unit (NaN when no truncated heavy-tailed panel has
// them).
type dynamicsData struct {
	Replicas          int
	Steps, Start, Eta float64
	TimeUnit, Horizon float64
}

// histogramData is what the histogram figure's caption states: the bin
// width and, per heavy-tailed panel that has one, the finite-horizon
// occupation of the limiting chain.
type histogramData struct {
	BinWidth float64
	Horizons []panelHorizon
}

// panelHorizon is a panel's finite-horizon prediction: the limiting chain
// started as the paths are, averaged over their length in its time units.
type panelHorizon struct {
	Name      string
	Length    float64
	Occupancy []*float64
}

// dynamicsSection is section "Global dynamics".
func dynamicsSection(r *results) []block {
	ps := r.paths
	d := dynamicsData{Replicas: ps.Replicas, Steps: float64(ps.Steps), Start: ps.Start, Eta: ps.Eta, TimeUnit: math.NaN(), Horizon: math.NaN()}
	h := histogramData{BinWidth: (ps.BinHi - ps.BinLo) / float64(max(1, len(ps.Variants[0].Counts)))}
	for _, v := range ps.Variants {
		if v.B != nil && v.Law != "gaussian" && v.TimeUnit != nil {
			d.TimeUnit, d.Horizon = *v.TimeUnit, value(v.HorizonScaled, math.NaN())
		}
		if v.Law != "gaussian" && v.Horizon != nil && v.HorizonScaled != nil {
			h.Horizons = append(h.Horizons, panelHorizon{Name: v.Name, Length: *v.HorizonScaled, Occupancy: v.Horizon})
		}
	}
	return []block{
		heading{1, text("dynamics.title", nil), "sec:dynamics"},
		para{text("dynamics", d)},
		figure{label: "fig:hist", name: figHist, width: 0.85, source: []string{FilePaths, FileTheory}, caption: text("dynamics.histograms.caption", h)},
		figure{label: "fig:paths", name: figPaths, width: 0.85, source: []string{FilePaths},
			caption: text("dynamics.paths.caption", float64(ps.BlockSteps))},
		tableFractions(r), tableGenerator(r), tableFDD(r),
	}
}

// runName names a dynamics run: its noise and threshold.
func runName(r report.DynamicsRun) Inline {
	if r.Law == "gaussian" {
		return join(prose("Gaussian "), formula(`\sigma = `+exact(r.NoiseScale)), prose(", "), bLabel(r.B))
	}
	return join(prose("heavy-tailed, "), bLabel(r.B))
}

// basinName is the formula Ω_j of the basin j (0-based, as everywhere in
// htsgd).
func basinName(j int) Inline { return formula(`\Omega_{` + strconv.Itoa(j) + "}") }

// tableFractions lists the basin time fractions of the dynamics runs.
func tableFractions(r *results) *table {
	runs := r.dynamics.Runs
	t := &table{label: "tab:fractions", caption: text("dynamics.fractions.caption", nil), source: []string{FileDynamics, FileDynamicsCSV},
		align: "l" + strings.Repeat("rr", len(runs))}
	t.header = []Inline{prose("basin")}
	for _, run := range runs {
		t.header = append(t.header, runName(run), prose("limit"))
	}
	if len(runs) == 0 {
		return t
	}
	for j := range runs[0].Sets {
		label := basinName(j)
		if runs[0].Sets[j].Sharp {
			label = join(label, prose(" (sharp)"))
		}
		row := []Inline{label}
		for _, run := range runs {
			s := run.Sets[j]
			row = append(row, pctCI(s.Basin.Estimate, s.Basin.Low, s.Basin.High), pct(s.Stationary))
		}
		t.rows = append(t.rows, row)
	}
	row := []Inline{prose("sharp total")}
	for _, run := range runs {
		lim := pct(run.SharpLimit)
		if run.SharpFirstOrder != nil {
			lim = join(lim, prose(" (first order "), pct(run.SharpFirstOrder), prose(")"))
		}
		row = append(row, pctCI(run.Sharp.Estimate, run.Sharp.Low, run.Sharp.High), lim)
	}
	t.rules = []int{len(t.rows)}
	t.rows = append(t.rows, row)
	row = []Inline{prose("marker jumps (any two minima)")}
	for _, run := range runs {
		row = append(row, prose(strconv.Itoa(run.MarkerTransitions)), nil)
	}
	t.rows = append(t.rows, row)
	return t
}

// transition is the formula m_i → m_j of the 0-based minima i and j.
func transition(i, j int) Inline {
	return formula("m_{" + strconv.Itoa(i) + `} \to m_{` + strconv.Itoa(j) + "}")
}

// tableGenerator lists the estimated generator entries of the heavy-tailed
// dynamics runs.
func tableGenerator(r *results) *table {
	t := &table{label: "tab:generator", caption: text("dynamics.generator.caption", nil), source: []string{FileDynamics}, align: "llrrrrr"}
	t.header = []Inline{prose("run"), prose("transition"), formula("N"), join(formula("T"), prose(" (scaled)")),
		join(formula(`\hat q`), prose(" [95% CI]")), join(prose("predicted "), formula("Q")), prose("ratio")}
	for _, run := range r.dynamics.Runs {
		if len(run.Generator) == 0 {
			continue
		}
		t.rules = append(t.rules, len(t.rows))
		for k, g := range run.Generator {
			var name Inline
			if k == 0 {
				name = runName(run)
			}
			t.rows = append(t.rows, []Inline{name, transition(g.From, g.To), prose(strconv.Itoa(g.Transitions)), num(g.Exposure, 3),
				ci(g.Rate.Estimate, g.Rate.Low, g.Rate.High, 3), numP(g.Predicted, 4), numP(g.Ratio, 3)})
		}
	}
	return t
}

// markerState names a state of the marker process by its key in the
// results: "1" is m_2, any other key is printed as it is ("none").
func markerState(key string) Inline {
	if i, err := strconv.Atoi(key); err == nil {
		return minimum(i)
	}
	return prose(key)
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// tableFDD lists the state law of the limiting chain at fixed scaled times.
func tableFDD(r *results) *table {
	t := &table{label: "tab:fdd", caption: text("dynamics.fdd.caption", nil), source: []string{FileDynamics}, align: "lrrll"}
	t.header = []Inline{prose("run"), formula("t"), prose("step"), prose("observed [95% CI]"), prose("predicted")}
	for _, run := range r.dynamics.Runs {
		if len(run.FDD) == 0 {
			continue
		}
		t.rules = append(t.rules, len(t.rows))
		for k, p := range run.FDD {
			var name Inline
			if k == 0 {
				name = runName(run)
			}
			var obs, pred []Inline
			for _, key := range sortedKeys(p.ObservedCI) {
				iv := p.ObservedCI[key]
				obs = append(obs, join(markerState(key), prose(": "), ci(iv.Estimate, iv.Low, iv.High, 2)))
			}
			for _, key := range sortedKeys(p.Predicted) {
				pred = append(pred, join(markerState(key), prose(": "), num(p.Predicted[key], 3)))
			}
			t.rows = append(t.rows, []Inline{name, num(p.T, 2), prose(strconv.FormatInt(p.Step, 10)), joinWith("; ", obs),
				join(joinWith("; ", pred), prose(" ("), formula("p"), prose(" = "), pval(p.PValue), prose(")"))})
		}
	}
	return t
}
