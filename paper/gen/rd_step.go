package gen

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/htsgd/htsgd/pipeline"
	"github.com/htsgd/htsgd/report"
	"github.com/htsgd/htsgd/scenario"
)

// runRd runs the paper's R² experiment as `verify dynamics` does: it writes
// the scenario to dir/scenarios/rd-himmelblau.toml, loads it back (so the
// run sees exactly what the command line would), builds it with d's basin
// map options, and runs pipeline.RunDynamicsRd on the clipped and unclipped
// variants. It writes rd_dynamics.json (the report, as `verify dynamics
// -json` prints it), rd_dynamics.csv, rd_theory.json (the clipped run's
// theory, pipeline.AnalyseRd and TheoryReportRd with the same options, as
// `verify theory` computes it) and rd_map.json (basin labels and loss on a
// grid, and the thinned path of replica 0 of each variant, replayed from
// its stream).
func runRd(ctx context.Context, s Sizes, dir string, workers int, p *progress) error {
	d := s.Rd
	rel := filepath.ToSlash(filepath.Join(DirScenarios, rdName+".toml"))
	cmd := rdCommand(d)
	head := "# The R² experiment of the appendix (Wang, Oh & Rhee, ICLR 2022, Appendix A.2),\n" +
		"# written by paper/gen. Rerun it from the repository root with\n#   " + cmd + "\n"
	if err := writeScenarioWithHead(filepath.Join(dir, rel), rdScenario(d), head); err != nil {
		return fmt.Errorf("rd: %w", err)
	}
	sc, err := scenario.Load(filepath.Join(dir, rel))
	if err != nil {
		return fmt.Errorf("rd: %w", err)
	}
	b, err := sc.BuildRdWith(d.Basins)
	if err != nil {
		return fmt.Errorf("rd: %w", err)
	}
	topt := pipeline.TheoryOptionsRd(sc, d.TheorySamples)
	topt.Directions = d.TheoryDirections

	n := len(rdVariants) * d.Replicas
	p.begin(fmt.Sprintf("R² dynamics (clipped b = %g, unclipped)", b.B), n, float64(n)*float64(d.Steps))
	rep, err := pipeline.RunDynamicsRd(ctx, sc, b, pipeline.DynamicsOptions{
		Workers: workers, Variants: rdVariants, OnReplica: func() { p.add(d.Steps) },
	}, topt)
	if err != nil {
		p.end("failed")
		return fmt.Errorf("rd: %w", err)
	}
	var summary []string
	for _, r := range rep.Runs {
		summary = append(summary, r.Variant+" J=1 basins "+fmtG(r.Sharp.Estimate, 3)+" (first order "+fmtG(r.SharpFirstOrder, 3)+")")
	}
	p.end(strings.Join(summary, "; "))
	if err := writeFile(dir, FileRdDynamics, func(w io.Writer) error { return report.WriteJSON(w, rep) }); err != nil {
		return err
	}

	p.note("R² theory of the clipped run (pipeline.AnalyseRd, -theory-samples %d; 0: the default)", d.TheorySamples)
	a, _, err := pipeline.AnalyseRd(b, topt)
	if err != nil {
		return fmt.Errorf("rd: %w", err)
	}
	if a == nil {
		return fmt.Errorf("rd: the theory does not apply to the scenario")
	}
	tr, err := pipeline.TheoryReportRd(b, a)
	if err != nil {
		return fmt.Errorf("rd: %w", err)
	}
	th, err := rdTheoryFile(s.Name, d, rel, cmd, sc, b, tr)
	if err != nil {
		return err
	}
	if err := sameFirstOrder(th.Clipped, rep); err != nil {
		return err
	}
	if err := writeJSONFile(dir, FileRdTheory, th); err != nil {
		return err
	}
	if err := writeFile(dir, FileRdDynamicsCSV, func(w io.Writer) error { return writeRdCSV(w, rep, th) }); err != nil {
		return err
	}

	p.begin("R² sample paths (replica 0 replayed) and basin map", len(rdVariants), float64(len(rdVariants))*float64(d.Steps))
	m, err := rdMap(ctx, d, sc, b, rep, workers, p)
	if err != nil {
		p.end("failed")
		return err
	}
	same := 0
	for _, pa := range m.Paths {
		if pa.SameAsDynamics != nil && *pa.SameAsDynamics {
			same++
		}
	}
	p.end(fmt.Sprintf("%d of %d paths are the dynamics' replica 0", same, len(m.Paths)))
	return writeCompactJSONFile(dir, FileRdMap, m)
}

// rdCommand is the command line that reruns the experiment from the
// repository root (with the results in results/).
func rdCommand(d RdSize) string {
	c := "bin/verify dynamics -scenario results/" + DirScenarios + "/" + rdName + ".toml -variants " + strings.Join(rdVariants, ",")
	if d.TheorySamples > 0 {
		c += " -theory-samples " + strconv.Itoa(d.TheorySamples)
	}
	return c + " -json"
}

// rdTheoryFile assembles rd_theory.json from the loaded scenario sc (the
// setting: landscape, noise, η, start, visiting radius, sizes and seed, as
// the run read them), its build b and the clipped run's theory report.
func rdTheoryFile(sizes string, d RdSize, rel, cmd string, sc *scenario.Scenario, b *scenario.BuiltRd, tr report.TheoryReportRd) (RdTheoryFile, error) {
	a := tr.AnalysisRd
	if len(b.Etas) != 1 || sc.Dynamics == nil || len(sc.SGD.StartX) == 0 {
		return RdTheoryFile{}, fmt.Errorf("rd: want one η, a start_x and a [dynamics] table, got %d step sizes", len(b.Etas))
	}
	th := RdTheoryFile{
		Sizes: sizes, Scenario: rel, Command: cmd, Reproducible: d.defaultNumerics(),
		Landscape: sc.Landscape.Kind, DomainRadius: b.Domain.Radius, Law: b.Noise.Radius().Name(),
		Angular: sc.Noise.AngularOf(), Alpha: b.Noise.Alpha(), Scale: sc.Noise.Scale, Eta: b.Etas[0], B: b.B,
		Start: slices.Clone([]float64(sc.SGD.StartX)), VisitRadius: sc.Dynamics.Radius,
		Replicas: sc.Dynamics.Replicas, Steps: sc.Dynamics.Steps, Seed: uint64(sc.Run.Seed), TheorySamples: a.Samples,
		Warnings: append([]string{}, b.Warnings...),
	}
	for i, s := range b.Minima {
		set := RdSet{Index: i, Kind: "point", A: slices.Clone(s.A), Radius: a.Radius[i]}
		if !s.IsPoint() {
			set.Kind, set.B = "segment", slices.Clone(s.B)
		}
		th.Sets = append(th.Sets, set)
	}
	names, _ := paperBasins(th.Sets)
	for i := range th.Sets {
		th.Sets[i].Paper = names[i]
	}
	if len(tr.Predictions) != 1 {
		return th, fmt.Errorf("rd: want predictions at one η, got %d", len(tr.Predictions))
	}
	pr := tr.Predictions[0]
	n := len(b.Minima)
	v := RdTheoryVariant{
		Variant: pipeline.VariantTruncated, B: bPtr(b.B), Jump: a.JumpNumber, ExitRate: a.ExitRate,
		MeanExitSteps: pr.MeanExitSteps, Landing: a.Landing, Wide: a.Wide, Narrow: []int{},
		Stationary: make([]*float64, n), FirstOrder: pr.TimeFraction, Lambda: pr.Lambda,
		Samples: a.Samples, Warnings: append([]string{}, a.Warnings...),
	}
	for i := range n {
		v.ExitRateLow = append(v.ExitRateLow, tr.ExitRateCI[i][0])
		v.ExitRateHigh = append(v.ExitRateHigh, tr.ExitRateCI[i][1])
	}
	if len(a.Classes) != 1 || !a.Classes[0].Absorbing || len(pr.TimeUnit) != 1 || pr.TimeUnit[0] == nil {
		return th, fmt.Errorf("rd: the clipped typical transition graph is not one absorbing class (%d classes)", len(a.Classes))
	}
	cl := a.Classes[0]
	v.Narrow = append(v.Narrow, cl.Narrow...)
	for i := range n {
		v.Stationary[i] = report.Num(0)
	}
	for k, i := range cl.Wide {
		v.Stationary[i] = report.Num(cl.Stationary[k])
	}
	v.TimeUnit = *pr.TimeUnit[0]
	v.Horizon = float64(th.Steps) / v.TimeUnit
	th.Clipped = v
	return th, nil
}

// paperBasins numbers the basins as the paper does (Appendix A.2, Figure
// 3): Ω_2 holds the segment of minimizers, Ω_1 the other minimum with
// x < 0, Ω_3 and Ω_4 the upper and lower minima with x > 0. When the sets
// do not have that shape (another landscape), it numbers them 1, 2, … in
// results order and reports false. The render step applies it to
// rd_theory.json's sets to tell which numbering the file uses.
func paperBasins(sets []RdSet) ([]int, bool) {
	out := make([]int, len(sets))
	seen := map[int]bool{}
	for i, s := range sets {
		switch {
		case s.Kind == "segment":
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

// writeRdCSV writes one line per (variant, minimum set): the time fractions
// near the set, in its basin and as the marker's state with their 95%
// intervals, and the theory's stationary and first-order fractions.
func writeRdCSV(w io.Writer, rep report.DynamicsReportRd, th RdTheoryFile) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"variant", "b", "eta", "replicas", "steps", "set", "paper_basin", "kind", "jump_number", "sharp",
		"near", "near_low", "near_high", "basin", "basin_low", "basin_high", "marker", "marker_low", "marker_high",
		"stationary", "first_order"}); err != nil {
		return err
	}
	for _, r := range rep.Runs {
		for _, sf := range r.Sets {
			if sf.Set >= len(th.Sets) {
				return fmt.Errorf("set %d: no such minimum set", sf.Set)
			}
			set := th.Sets[sf.Set]
			J := "1" // without clipping every J_i = 1 (THEORY.md section 4)
			if r.Variant == pipeline.VariantTruncated {
				J = strconv.Itoa(th.Clipped.Jump[sf.Set])
			}
			rec := []string{r.Variant, csvNum(r.B), fmtExact(r.Eta), strconv.Itoa(r.Replicas), strconv.FormatInt(r.Steps, 10),
				strconv.Itoa(sf.Set), strconv.Itoa(set.Paper), set.Kind, J, strconv.FormatBool(sf.Sharp),
				csvNum(sf.Near.Estimate), csvNum(sf.Near.Low), csvNum(sf.Near.High),
				csvNum(sf.Basin.Estimate), csvNum(sf.Basin.Low), csvNum(sf.Basin.High),
				csvNum(sf.Marker.Estimate), csvNum(sf.Marker.Low), csvNum(sf.Marker.High),
				csvNum(sf.Stationary), csvNum(sf.FirstOrder)}
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// sameFirstOrder checks that the clipped run of rep was compared with the
// theory of th (the same analysis: same options and seed), so that the
// tables may put C* from rd_theory.json next to the fractions of
// rd_dynamics.json: every first-order fraction must agree to 1e-12.
func sameFirstOrder(th RdTheoryVariant, rep report.DynamicsReportRd) error {
	for _, r := range rep.Runs {
		if r.Variant != pipeline.VariantTruncated {
			continue
		}
		for _, s := range r.Sets {
			if s.Set >= len(th.FirstOrder) || s.FirstOrder == nil || th.FirstOrder[s.Set] == nil ||
				math.Abs(*s.FirstOrder-*th.FirstOrder[s.Set]) > 1e-12 {
				return fmt.Errorf("rd: set %d: the first-order fraction of the dynamics run (%s) is not the theory's (%s)",
					s.Set, fmtG(s.FirstOrder, 6), fmtG(at(th.FirstOrder, s.Set), 6))
			}
		}
		return nil
	}
	return fmt.Errorf("rd: no clipped run in the dynamics report")
}

// at returns p[i], or nil out of range.
func at(p []*float64, i int) *float64 {
	if i < 0 || i >= len(p) {
		return nil
	}
	return p[i]
}
