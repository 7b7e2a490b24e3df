package pipeline

import (
	"context"
	"errors"
	"math"
	"slices"

	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/noise"
	"github.com/htsgd/htsgd/report"
	"github.com/htsgd/htsgd/scenario"
	"github.com/htsgd/htsgd/theory"
)

// variantBuiltRd returns the built objects of a variant of an R^d scenario.
// Only the noise or b change, so the landscape and its basin map (the
// expensive part of scenario.BuildRd) are shared with the scenario's own:
// untruncated sets b = ∞; gaussian replaces the radial law by |N(0, σ²)|
// times the same angular law (THEORY.md section 1, the light-tailed
// contrast; σ = sigma, or the scenario's noise.scale when sigma ≤ 0).
func variantBuiltRd(sc *scenario.Scenario, b *scenario.BuiltRd, variant string, sigma float64) (*scenario.BuiltRd, error) {
	v := *b
	switch variant {
	case VariantTruncated:
	case VariantUntruncated:
		v.B = math.Inf(1)
	case VariantGaussian:
		if !(sigma > 0) {
			sigma = sc.Noise.Scale
		}
		g, err := noise.NewGaussian(sigma)
		if err != nil {
			return nil, &scenario.FieldError{Field: "noise.scale", Msg: err.Error()}
		}
		var ang *noise.Angular
		if !b.Noise.Isotropic() {
			dirs, w := b.Noise.Directions()
			ang = &noise.Angular{Directions: dirs, Weights: w}
		}
		if v.Noise, err = noise.NewRadial(b.Landscape.Dim(), g, ang); err != nil {
			return nil, &scenario.FieldError{Field: "noise", Msg: err.Error()}
		}
	default:
		return nil, &scenario.FieldError{Field: "variants", Msg: "unknown variant " + variant + " (want truncated, untruncated or gaussian)"}
	}
	return &v, nil
}

// RunDynamicsRd runs the trajectory experiment of an R^d scenario's
// [dynamics] table (replicas, steps, radius = the visiting distance) for
// every variant and η, and compares it with the theory (THEORY.md sections
// 4 and 7): per minimum set the fraction of time near it, in its basin and
// as the marker's state, against the stationary law of the limiting chain
// on the wide minima and the first-order finite-η time fractions; the
// transition counts; the generator of the collapsed marker process and its
// jump law. Replica k starts from the scenario's start k mod (number of
// starts) and draws from DynamicsKey(seed, variant, η index).Rand(k) only,
// so results do not depend on the number of workers. The analyses use topt
// (TheoryOptionsRd); the [dynamics] times are not used (R^d trajectories
// record no snapshots). On cancellation it returns the runs completed so
// far with ctx.Err().
func RunDynamicsRd(ctx context.Context, sc *scenario.Scenario, b *scenario.BuiltRd, opt DynamicsOptions, topt theory.RdOptions) (report.DynamicsReportRd, error) {
	rep := report.DynamicsReportRd{Scenario: sc, Dimension: b.Landscape.Dim(), Minima: []any{}, MinimumKind: []string{},
		Runs: []report.DynamicsRunRd{}, Warnings: append([]string{}, b.Warnings...)}
	if sc.Dynamics == nil {
		return rep, &scenario.FieldError{Field: "dynamics", Msg: "the scenario has no [dynamics] table (replicas, steps, radius)"}
	}
	for _, s := range b.Minima {
		if s.IsPoint() {
			rep.Minima = append(rep.Minima, slices.Clone(s.A))
			rep.MinimumKind = append(rep.MinimumKind, "point")
		} else {
			rep.Minima = append(rep.Minima, [][]float64{slices.Clone(s.A), slices.Clone(s.B)})
			rep.MinimumKind = append(rep.MinimumKind, "segment")
		}
	}
	variants := opt.Variants
	if variants == nil {
		variants = []string{VariantTruncated, VariantUntruncated, VariantGaussian}
	}
	// The sharp sets are the narrow minima of the scenario's own
	// (truncated) dynamics: the sets whose time fraction the theory says
	// vanishes. Without heavy tails there are none.
	sharp := make([]bool, len(b.Minima))
	base, baseNotes, err := AnalyseRd(b, topt)
	if err != nil {
		return rep, err
	}
	if base != nil {
		for _, c := range base.Classes {
			for _, j := range c.Narrow {
				sharp[j] = true
			}
		}
	}
	for _, v := range variants {
		vb, err := variantBuiltRd(sc, b, v, opt.GaussianScale)
		if err != nil {
			return rep, err
		}
		if v == VariantUntruncated && math.IsInf(b.B, 1) {
			rep.Warnings = append(rep.Warnings, "variants: the scenario is already untruncated; the untruncated run repeats it")
		}
		a, notes := base, baseNotes
		if v != VariantTruncated {
			if a, notes, err = AnalyseRd(vb, topt); err != nil {
				return rep, err
			}
		}
		for ei, eta := range vb.Etas {
			runs, err := runDynamicsCellRd(ctx, sc, vb, a, notes, v, ei, eta, sharp, opt)
			rep.Runs = append(rep.Runs, runs...)
			if err != nil {
				return rep, err
			}
		}
	}
	return rep, nil
}

// runDynamicsCellRd simulates one (variant, η) cell and analyses it per
// class of the starts.
func runDynamicsCellRd(ctx context.Context, sc *scenario.Scenario, b *scenario.BuiltRd, a *theory.AnalysisRd, notes []string,
	variant string, ei int, eta float64, sharp []bool, opt DynamicsOptions) ([]report.DynamicsRunRd, error) {
	d := sc.Dynamics
	exps := make([]mc.TrajectoryRd, len(b.Starts))
	for s, st := range b.Starts {
		exps[s] = mc.TrajectoryRd{
			SystemRd:     mc.SystemRd{Landscape: b.Landscape, Basins: b.Basins, Noise: b.Noise, Eta: eta, B: b.B, Domain: b.Domain},
			Start:        slices.Clone(st.X),
			Steps:        d.Steps,
			Radius:       d.Radius,
			RecordBasins: true,
		}
		if err := exps[s].Validate(); err != nil {
			return nil, rdFieldError(err)
		}
	}
	// Replica k runs exps[k mod S] with the stream key.Rand(k): the record
	// mc.RunTrajectoriesRd(exps[s], key, …) gives replica k.
	key := DynamicsKey(uint64(sc.Run.Seed), variant, ei)
	run := func(ctx context.Context, k int) (mc.TrajectoryRdRecord, error) {
		rec, err := exps[k%len(exps)].Run(ctx, key.Rand(k))
		rec.Replica = k
		return rec, err
	}
	var onDone func(int, mc.TrajectoryRdRecord)
	if opt.OnReplica != nil {
		onDone = func(int, mc.TrajectoryRdRecord) { opt.OnReplica() }
	}
	results, done, runErr := mc.Replicas(ctx, 0, d.Replicas, opt.Workers, run, onDone)
	if runErr != nil && !errors.Is(runErr, context.Canceled) {
		return nil, runErr
	}
	// Group the finished replicas by the class of their start (one group
	// when the graph is irreducible or the theory does not apply).
	type group struct {
		class  int
		points [][]float64
		recs   []mc.TrajectoryRdRecord
		starts []int
	}
	var groups []*group
	byClass := map[int]*group{}
	for k := range d.Replicas {
		st := b.Starts[k%len(b.Starts)]
		c := -1
		if a != nil {
			c = classOf(a.Classes, st.Basin)
		}
		g := byClass[c]
		if g == nil {
			g = &group{class: c}
			byClass[c] = g
			groups = append(groups, g)
		}
		if k < len(b.Starts) {
			g.points = append(g.points, slices.Clone(st.X))
		}
		if done[k] {
			g.recs = append(g.recs, results[k])
			g.starts = append(g.starts, st.Basin)
		}
	}
	var out []report.DynamicsRunRd
	for _, g := range groups {
		r, err := analyseDynamicsRd(b, a, notes, variant, eta, g.class, g.points, g.recs, g.starts, sharp, d.Radius)
		if err != nil {
			return out, err
		}
		out = append(out, r)
	}
	return out, runErr
}

// analyseDynamicsRd turns the trajectories of one group into a report run.
func analyseDynamicsRd(b *scenario.BuiltRd, a *theory.AnalysisRd, notes []string, variant string, eta float64,
	class int, points [][]float64, recs []mc.TrajectoryRdRecord, starts []int, sharp []bool, radius float64) (report.DynamicsRunRd, error) {
	n := len(b.Minima)
	run := report.DynamicsRunRd{
		Variant:     variant,
		B:           report.Num(b.B),
		Law:         b.Noise.Radius().Name(),
		NoiseScale:  radialScale(b.Noise),
		Eta:         eta,
		Replicas:    len(recs),
		Radius:      radius,
		Starts:      points,
		Class:       []int{},
		Wide:        []int{},
		Sets:        []report.SetFractionRd{},
		Transitions: make([][]int, n),
		Generator:   []report.GeneratorEntry{},
		Embedded:    []report.EmbeddedTest{},
		Notes:       append([]string{}, notes...),
	}
	for i := range run.Transitions {
		run.Transitions[i] = make([]int, n)
	}
	if len(recs) == 0 {
		run.Notes = append(run.Notes, "no trajectory finished")
		return run, nil
	}
	run.Steps = recs[0].Steps
	frac := func(steps func(mc.TrajectoryRdRecord) int64) ([]float64, report.Interval) {
		x := make([]float64, len(recs))
		for r, rec := range recs {
			x[r] = float64(steps(rec)) / float64(rec.Steps)
		}
		return x, fractionInterval(x)
	}
	sharpBasin := make([]float64, len(recs))
	sharpNear := make([]float64, len(recs))
	for j := range n {
		near, nearIv := frac(func(r mc.TrajectoryRdRecord) int64 { return r.NearSteps[j] })
		basin, basinIv := frac(func(r mc.TrajectoryRdRecord) int64 { return r.BasinSteps[j] })
		_, markerIv := frac(func(r mc.TrajectoryRdRecord) int64 { return r.MarkerSteps[j] })
		if sharp[j] {
			for r := range recs {
				sharpBasin[r] += basin[r]
				sharpNear[r] += near[r]
			}
		}
		run.Sets = append(run.Sets, report.SetFractionRd{Set: j, Sharp: sharp[j], Near: nearIv, Basin: basinIv, Marker: markerIv})
	}
	_, run.Out = frac(func(r mc.TrajectoryRdRecord) int64 { return r.OutSteps })
	_, run.NoBasin = frac(func(r mc.TrajectoryRdRecord) int64 { return r.NoBasinSteps })
	run.Sharp, run.SharpNear, run.SharpByReplica = fractionInterval(sharpBasin), fractionInterval(sharpNear), sharpBasin
	paths := make([][]mc.Transition, len(recs))
	for r, rec := range recs {
		paths[r] = rec.Transitions
		run.MarkerTransitions += len(rec.Transitions)
		for _, tr := range rec.Transitions {
			if tr.From >= 0 && tr.From < n && tr.To >= 0 && tr.To < n {
				run.Transitions[tr.From][tr.To]++
			}
		}
	}
	if a == nil {
		return run, nil
	}
	cl := a.Classes[class]
	run.Class, run.Absorbing, run.Wide = cl.Members, cl.Absorbing, cl.Wide
	law := b.Noise.Radius()
	lam, err := theory.Lambda(law, eta)
	if err != nil {
		return run, err
	}
	unit, err := theory.TimeUnit(law, eta, wideJump(a.Classes[class], a.JumpNumber))
	if err != nil {
		return run, err
	}
	run.Lambda, run.TimeUnit = report.Num(lam), report.Num(unit)
	if cl.Absorbing {
		limit, first, err := classFractionsRd(a, cl, lam)
		if err != nil {
			return run, err
		}
		var sl, sf float64
		for j := range n {
			run.Sets[j].Stationary, run.Sets[j].FirstOrder = report.Num(limit[j]), report.Num(first[j])
			if sharp[j] {
				sl += limit[j]
				sf += first[j]
			}
		}
		run.SharpLimit, run.SharpFirstOrder = report.Num(sl), report.Num(sf)
		if err := classFractionsCIRd(&run, a, class, lam, sharp); err != nil {
			return run, err
		}
	} else {
		run.Notes = append(run.Notes, "transient class: the time fractions have no limit law (the chain is killed); see verify theory")
	}
	// The collapsed marker process on the wide minima of the class
	// (Collapse needs only the steps and the marker jumps).
	keep := make([]bool, n)
	for _, i := range cl.Wide {
		keep[i] = true
	}
	collapsed := make([]Collapsed, len(recs))
	for r, rec := range recs {
		collapsed[r] = Collapse(mc.TrajectoryRecord{Steps: rec.Steps, Transitions: rec.Transitions}, keep, starts[r])
	}
	run.Generator = generatorEntries(cl, collapsed, unit)
	run.Embedded = embeddedTestsOf(cl.Members, a.Rates, a.ExitRate, paths)
	if run.Generator == nil {
		run.Generator = []report.GeneratorEntry{}
	}
	if run.Embedded == nil {
		run.Embedded = []report.EmbeddedTest{}
	}
	return run, nil
}

// classFractionsRd returns, for an absorbing class cl, the limit time
// fractions (the stationary law π on its wide minima, 0 elsewhere) and the
// first-order finite-η fractions of THEORY.md section 4: frac_k of
// NarrowFractions for the narrow members k, π_i·(1 − Σ_k frac_k) for the
// wide ones, 0 outside the class. For an irreducible graph this is
// theory.AnalysisRd.TimeFractions.
func classFractionsRd(a *theory.AnalysisRd, cl theory.Class, lambda float64) (limit, first []float64, err error) {
	n := len(a.Sets)
	limit, first = make([]float64, n), make([]float64, n)
	fr, err := a.NarrowFractions(lambda)
	if err != nil {
		return nil, nil, err
	}
	narrow := 0.0
	for _, k := range cl.Narrow {
		first[k] = fr[k]
		narrow += fr[k]
	}
	for w, i := range cl.Wide {
		limit[i] = cl.Stationary[w]
		first[i] = cl.Stationary[w] * (1 - narrow)
	}
	return limit, first, nil
}

// classFractionsCIRd fills the 95% intervals of the limit and first-order
// fractions of the sets of run (absorbing class c of a, λ = lambda) and of
// their totals over the sharp sets: theory's percentile bootstrap over the
// Monte Carlo paths of the rates (theory.AnalysisRd.ClassTimeFractionsCI,
// whose λ = 0 is the limit; the totals from the same resamples). Nothing is
// filled when the analysis kept no resamples.
func classFractionsCIRd(run *report.DynamicsRunRd, a *theory.AnalysisRd, c int, lambda float64, sharp []bool) error {
	if a.Resamples == 0 {
		return nil
	}
	var sets []int
	for j, s := range sharp {
		if s {
			sets = append(sets, j)
		}
	}
	limLo, limHi, err := a.ClassTimeFractionsCI(c, 0, exitLevel)
	if err != nil {
		return err
	}
	firLo, firHi, err := a.ClassTimeFractionsCI(c, lambda, exitLevel)
	if err != nil {
		return err
	}
	for j := range run.Sets {
		s := &run.Sets[j]
		s.StationaryLow, s.StationaryHigh = report.Num(limLo[j]), report.Num(limHi[j])
		s.FirstOrderLow, s.FirstOrderHigh = report.Num(firLo[j]), report.Num(firHi[j])
	}
	lo, hi, err := a.ClassTimeFractionTotalCI(c, 0, exitLevel, sets)
	if err != nil {
		return err
	}
	run.SharpLimitLow, run.SharpLimitHigh = report.Num(lo), report.Num(hi)
	if lo, hi, err = a.ClassTimeFractionTotalCI(c, lambda, exitLevel, sets); err != nil {
		return err
	}
	run.SharpFirstOrderLow, run.SharpFirstOrderHigh = report.Num(lo), report.Num(hi)
	return nil
}

// radialScale returns the scale c (σ for Gaussian noise) of a radial law's
// 1-D law.
func radialScale(z noise.Radial) float64 {
	type scaled interface{ Scale() float64 }
	if s, ok := z.Radius().(scaled); ok {
		return s.Scale()
	}
	return math.NaN()
}
