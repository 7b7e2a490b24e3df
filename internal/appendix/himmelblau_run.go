package appendix

import (
	"context"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/noise"
	"github.com/htsgd/htsgd/pipeline"
	"github.com/htsgd/htsgd/report"
	"github.com/htsgd/htsgd/scenario"
)

// himmelblauVariants are the two runs of the experiment, in the order of
// the dynamics report: clipped at b = 2.15, then unclipped. `verify
// dynamics` with -variants truncated,untruncated runs the same streams.
var himmelblauVariants = []string{pipeline.VariantTruncated, pipeline.VariantUntruncated}

// steps returns the number of steps the experiment simulates: every
// replica of both variants, plus replica 0 of each replayed for its path.
func (d HimmelblauSize) steps() int64 {
	if !d.enabled() {
		return 0
	}
	return int64(len(himmelblauVariants)) * (int64(d.Replicas) + 1) * d.Steps
}

// runHimmelblau runs the paper's R² experiment as `verify dynamics` does: it
// writes the scenario to dir/scenarios/rd-himmelblau.toml, loads it back (so
// the run sees exactly what the command line would), builds it with d's
// basin map options, and runs pipeline.RunDynamics on the clipped and
// unclipped variants. It writes rd_dynamics.json (the report, as `verify
// dynamics -json` prints it), rd_dynamics.csv, rd_theory.json (the clipped
// run's theory, as `verify theory` computes it with the same options) and
// rd_map.json (basin labels and loss on a grid, and the thinned path of
// replica 0 of each variant, replayed from its stream).
func runHimmelblau(ctx context.Context, s Sizes, dir string, workers int, p *progress) error {
	d := s.Himmelblau
	rel := filepath.ToSlash(filepath.Join(DirScenarios, himmelblauName+".toml"))
	cmd := himmelblauCommand(d)
	head := "# The R² experiment of the appendix (Wang, Oh & Rhee, ICLR 2022, Appendix A.2),\n" +
		"# written by internal/appendix. Rerun it from the repository root with\n#   " + cmd + "\n"
	if err := writeScenarioWithHead(filepath.Join(dir, rel), himmelblauScenario(d), head); err != nil {
		return fmt.Errorf("himmelblau: %w", err)
	}
	sc, err := scenario.Load(filepath.Join(dir, rel))
	if err != nil {
		return fmt.Errorf("himmelblau: %w", err)
	}
	plan, err := sc.Build(scenario.BuildOptions{Basins: d.Basins})
	if err != nil {
		return fmt.Errorf("himmelblau: %w", err)
	}
	topt := pipeline.TheoryOptions(plan, d.TheorySamples)
	topt.Directions = d.TheoryDirections

	n := len(himmelblauVariants) * d.Replicas
	p.begin(fmt.Sprintf("R² dynamics (clipped b = %g, unclipped)", plan.B), n, float64(n)*float64(d.Steps))
	rep, err := pipeline.RunDynamics(ctx, plan, pipeline.DynamicsOptions{
		Workers: workers, Variants: himmelblauVariants, Theory: topt, OnReplica: func() { p.add(d.Steps) },
	})
	if err != nil {
		p.end("failed")
		return fmt.Errorf("himmelblau: %w", err)
	}
	var summary []string
	for _, r := range rep.Runs {
		summary = append(summary, r.Variant+" J=1 basins "+fmtG(r.Sharp.Estimate, 3)+" (first order "+fmtG(r.SharpFirstOrder, 3)+")")
	}
	p.end(strings.Join(summary, "; "))
	if err := writeFile(dir, FileHimmelblauDynamics, func(w io.Writer) error { return report.WriteJSON(w, rep) }); err != nil {
		return err
	}

	p.note("R² theory of the clipped run (pipeline.TheoryReport, -theory-samples %d; 0: the default)", d.TheorySamples)
	tr, err := pipeline.TheoryReport(ctx, plan, topt, 0)
	if err != nil {
		return fmt.Errorf("himmelblau: %w", err)
	}
	if tr.Analysis == nil {
		return fmt.Errorf("himmelblau: the theory does not apply to the scenario: %s", tr.Reason)
	}
	th, err := himmelblauTheoryFile(s.Name, d, rel, cmd, sc, plan, tr)
	if err != nil {
		return err
	}
	if err := sameFirstOrder(th.Clipped, rep); err != nil {
		return err
	}
	if err := writeJSONFile(dir, FileHimmelblauTheory, th); err != nil {
		return err
	}
	if err := writeFile(dir, FileHimmelblauDynamicsCSV, func(w io.Writer) error { return writeHimmelblauCSV(w, rep, th) }); err != nil {
		return err
	}

	p.begin("R² sample paths (replica 0 replayed) and basin map", len(himmelblauVariants), float64(len(himmelblauVariants))*float64(d.Steps))
	m, err := himmelblauMap(ctx, d, plan, rep, workers, p)
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
	return writeCompactJSONFile(dir, FileHimmelblauMap, m)
}

// himmelblauCommand is the command line that reruns the experiment from
// the repository root (with the results in results/).
func himmelblauCommand(d HimmelblauSize) string {
	c := "bin/verify dynamics -scenario results/" + DirScenarios + "/" + himmelblauName + ".toml -variants " + strings.Join(himmelblauVariants, ",")
	if d.TheorySamples > 0 {
		c += " -theory-samples " + strconv.Itoa(d.TheorySamples)
	}
	return c + " -json"
}

// himmelblauTheoryFile assembles rd_theory.json from the loaded scenario sc
// (the setting: landscape, noise, η, start, visiting radius, sizes and
// seed, as the run read them), its plan and the clipped run's theory
// report.
func himmelblauTheoryFile(sizes string, d HimmelblauSize, rel, cmd string, sc *scenario.Scenario, plan *scenario.Plan, tr report.TheoryReport) (HimmelblauTheoryFile, error) {
	a := tr.Analysis
	ball, ok := plan.Domain.(landscapes.Ball)
	if len(plan.Etas) != 1 || sc.Dynamics == nil || len(sc.SGD.StartX) == 0 || !ok {
		return HimmelblauTheoryFile{}, fmt.Errorf("himmelblau: want one η, a start_x, a [dynamics] table and a ball, got %d step sizes", len(plan.Etas))
	}
	sets := plan.Basins.MinimumSets()
	th := HimmelblauTheoryFile{
		Sizes: sizes, Scenario: rel, Command: cmd, Reproducible: d.defaultNumerics(),
		Landscape: sc.Landscape.Kind, DomainRadius: ball.Radius, Law: plan.Noise.(noise.Radial).Radius().Name(),
		Angular: sc.Noise.AngularOf(), Alpha: plan.Noise.Alpha(), Scale: sc.Noise.Scale, Eta: plan.Etas[0], B: plan.B,
		Start: slices.Clone([]float64(sc.SGD.StartX)), VisitRadius: sc.Dynamics.Radius,
		Replicas: sc.Dynamics.Replicas, Steps: sc.Dynamics.Steps, Seed: uint64(sc.Run.Seed), TheorySamples: a.Samples,
		Warnings: append([]string{}, plan.Warnings...),
	}
	for i, s := range sets {
		set := SetResult{Index: i, Kind: SetPoint, A: slices.Clone(s.A), Radius: a.Radius[i]}
		if !s.IsPoint() {
			set.Kind, set.B = SetSegment, slices.Clone(s.B)
		}
		th.Sets = append(th.Sets, set)
	}
	names, _ := paperBasins(th.Sets)
	for i := range th.Sets {
		th.Sets[i].Paper = names[i]
	}
	if len(tr.Predictions) != 1 {
		return th, fmt.Errorf("himmelblau: want predictions at one η, got %d", len(tr.Predictions))
	}
	pr := tr.Predictions[0]
	n := len(sets)
	v := ClippedTheory{
		Variant: pipeline.VariantTruncated, B: bPtr(plan.B), Jump: a.JumpNumber, ExitRate: a.ExitRate,
		MeanExitSteps: pr.MeanExitSteps, Landing: a.Landing, Wide: a.Wide, Narrow: []int{},
		Stationary: make([]*float64, n), FirstOrder: pr.TimeFraction, Lambda: pr.Lambda,
		Samples: a.Samples, Warnings: append([]string{}, a.Warnings...),
	}
	for i := range n {
		v.ExitRateLow = append(v.ExitRateLow, tr.ExitRateCI[i][0])
		v.ExitRateHigh = append(v.ExitRateHigh, tr.ExitRateCI[i][1])
	}
	if len(a.Classes) != 1 || !a.Classes[0].Absorbing || len(pr.TimeUnit) != 1 || pr.TimeUnit[0] == nil {
		return th, fmt.Errorf("himmelblau: the clipped typical transition graph is not one absorbing class (%d classes)", len(a.Classes))
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

// sameFirstOrder checks that the clipped run of rep was compared with the
// theory of th (the same analysis: same options and seed), so that the
// tables may put C* from rd_theory.json next to the fractions of
// rd_dynamics.json: every first-order fraction must agree to 1e-12.
func sameFirstOrder(th ClippedTheory, rep report.DynamicsReport) error {
	for _, r := range rep.Runs {
		if r.Variant != th.Variant {
			continue
		}
		for _, s := range r.Sets {
			if s.Set >= len(th.FirstOrder) || s.FirstOrder == nil || th.FirstOrder[s.Set] == nil ||
				math.Abs(*s.FirstOrder-*th.FirstOrder[s.Set]) > 1e-12 {
				return fmt.Errorf("himmelblau: set %d: the first-order fraction of the dynamics run (%s) is not the theory's (%s)",
					s.Set, fmtG(s.FirstOrder, 6), fmtG(at(th.FirstOrder, s.Set), 6))
			}
		}
		return nil
	}
	return fmt.Errorf("himmelblau: no clipped run in the dynamics report")
}

// at returns p[i], or nil out of range.
func at(p []*float64, i int) *float64 {
	if i < 0 || i >= len(p) {
		return nil
	}
	return p[i]
}
