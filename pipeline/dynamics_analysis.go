package pipeline

import (
	"math"
	"slices"
	"strconv"

	"github.com/htsgd/htsgd/estimators"
	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/report"
	"github.com/htsgd/htsgd/theory"
)

// analyse turns the trajectories of one group of a cell (recs, with the
// basins of their starts) into a report run: the measured time fractions
// and transitions, and, where the theory applies, the comparisons with the
// limiting chain of the group's class.
func (c dynamicsCell) analyse(g *startGroup, recs []mc.TrajectoryRecord, starts []int) (report.DynamicsRun, error) {
	p, a := c.plan, c.a
	n := len(c.sharp)
	eta := p.Etas[c.etaIndex]
	run := report.DynamicsRun{
		Variant:     c.variant,
		B:           report.Num(p.B),
		Law:         lawName(p.Noise),
		NoiseScale:  noiseScale(p.Noise),
		Eta:         eta,
		Replicas:    len(recs),
		Radius:      p.Dynamics.Radius,
		Starts:      g.points,
		Class:       []int{},
		Wide:        []int{},
		Transitions: make([][]int, n),
		Generator:   []report.GeneratorEntry{},
		Embedded:    []report.EmbeddedTest{},
		FDD:         []report.FDDPoint{},
		Notes:       append([]string{}, c.notes...),
	}
	for i := range run.Transitions {
		run.Transitions[i] = make([]int, n)
	}
	if len(recs) == 0 {
		run.Notes = append(run.Notes, "no trajectory finished")
		return run, nil
	}
	run.Steps = recs[0].Steps
	measureFractions(&run, recs, c.sharp)
	paths := make([][]mc.Transition, len(recs))
	for r, rec := range recs {
		paths[r] = rec.Transitions
		run.MarkerTransitions += len(rec.Transitions)
		for _, tr := range rec.Transitions {
			if tr.From >= 0 && tr.From < n && tr.To >= 0 && tr.To < n {
				run.Transitions[tr.From][tr.To]++
			}
		}
		for i := range rec.Crossings {
			for _, x := range rec.Crossings[i] {
				run.Crossings += int(x)
			}
		}
	}
	if a == nil {
		return run, nil
	}

	cl := a.Classes[g.class]
	run.Class, run.Absorbing, run.Wide = cl.Members, cl.Absorbing, cl.Wide
	lam, err := theory.Lambda(p.Noise, eta)
	if err != nil {
		return run, err
	}
	run.Lambda, run.TimeUnit = report.Num(lam), report.Num(g.unit)
	if cl.Absorbing {
		if err := compareFractions(&run, a, g.class, lam, c.sharp); err != nil {
			return run, err
		}
	}
	// The collapsed marker process on the wide minima of the class.
	keep := make([]bool, n)
	for _, i := range cl.Wide {
		keep[i] = true
	}
	collapsed := make([]Collapsed, len(recs))
	for r, rec := range recs {
		collapsed[r] = Collapse(rec, keep, starts[r])
	}
	run.Generator = generatorEntries(cl, collapsed, g.unit)
	run.Embedded = embeddedTests(cl.Members, a.Rates, a.ExitRate, paths)
	times := p.Dynamics.Times
	if cl.Absorbing {
		fdd, err := fddPoints(a, cl, collapsed, starts, g.unit, run.Steps, times)
		if err != nil {
			return run, err
		}
		run.FDD = fdd
		return run, nil
	}
	k, err := killTime(cl, recs, starts, g.unit)
	if err != nil {
		return run, err
	}
	run.Kill = k
	if len(times) > 0 {
		run.Notes = append(run.Notes, "transient class: the state law at fixed times is not compared (the chain is killed)")
	} else {
		run.Notes = append(run.Notes, "transient class: the time fractions have no limit law (the chain is killed); see verify theory")
	}
	return run, nil
}

// measureFractions fills the measured time fractions of run from the
// records: per minimum set in its basin and as the marker's state (and near
// it when the kernel recorded the near process), in no basin (and near no
// set), and in the sharp basins, per replica and on average.
func measureFractions(run *report.DynamicsRun, recs []mc.TrajectoryRecord, sharp []bool) {
	frac := func(steps func(mc.TrajectoryRecord) int64) ([]float64, report.Interval) {
		x := make([]float64, len(recs))
		for r, rec := range recs {
			x[r] = float64(steps(rec)) / float64(rec.Steps)
		}
		return x, fractionInterval(x)
	}
	near := recs[0].NearSteps != nil
	sharpBasin := make([]float64, len(recs))
	sharpNear := make([]float64, len(recs))
	run.Sets = make([]report.SetFraction, len(sharp))
	for j := range sharp {
		s := report.SetFraction{Set: j, Sharp: sharp[j]}
		var basin, nearX []float64
		basin, s.Basin = frac(func(r mc.TrajectoryRecord) int64 { return r.BasinSteps[j] })
		_, s.Marker = frac(func(r mc.TrajectoryRecord) int64 { return r.MarkerSteps[j] })
		if near {
			nearX, s.Near = frac(func(r mc.TrajectoryRecord) int64 { return r.NearSteps[j] })
		}
		if sharp[j] {
			for r := range recs {
				sharpBasin[r] += basin[r]
				if near {
					sharpNear[r] += nearX[r]
				}
			}
		}
		run.Sets[j] = s
	}
	_, run.NoBasin = frac(func(r mc.TrajectoryRecord) int64 { return r.NoBasinSteps })
	if near {
		_, run.Out = frac(func(r mc.TrajectoryRecord) int64 { return r.OutSteps })
		run.SharpNear = fractionInterval(sharpNear)
	}
	run.Sharp, run.SharpByReplica = fractionInterval(sharpBasin), sharpBasin
}

// compareFractions fills, for a run started in the absorbing class c of a
// (λ = lambda), the theory's time fractions of every set and of the sharp
// ones: the limit (classFractions) and the first-order estimate, with
// their intervals when the analysis has bootstrap resamples
// (classFractionsCI).
func compareFractions(run *report.DynamicsRun, a *theory.Analysis, c int, lambda float64, sharp []bool) error {
	limit, first, err := classFractions(a, a.Classes[c], lambda)
	if err != nil {
		return err
	}
	var sl, sf float64
	for j := range run.Sets {
		run.Sets[j].Stationary, run.Sets[j].FirstOrder = report.Num(limit[j]), report.Num(first[j])
		if sharp[j] {
			sl += limit[j]
			sf += first[j]
		}
	}
	run.SharpLimit, run.SharpFirstOrder = report.Num(sl), report.Num(sf)
	return classFractionsCI(run, a, c, lambda, sharp)
}

// classFractions returns, for an absorbing class cl, the limit time
// fractions (the stationary law π on its wide minima, 0 elsewhere) and the
// first-order finite-η fractions of docs/theory.md §8.4: frac_k of
// NarrowFractions for the narrow members k, π_i·(1 − Σ_k frac_k) for the
// wide ones, 0 outside the class. For an irreducible graph this is
// theory.Analysis.TimeFractions.
func classFractions(a *theory.Analysis, cl theory.Class, lambda float64) (limit, first []float64, err error) {
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

// classFractionsCI fills the 95% intervals of the limit and first-order
// fractions of the sets of run (absorbing class c of a, λ = lambda) and of
// their totals over the sharp sets: theory's percentile bootstrap over the
// Monte Carlo paths of the rates (theory.Analysis.ClassTimeFractionsCI,
// whose λ = 0 is the limit; the totals from the same resamples). Nothing is
// filled when the analysis kept no resamples (always so for exact rates,
// whose intervals would be points).
func classFractionsCI(run *report.DynamicsRun, a *theory.Analysis, c int, lambda float64, sharp []bool) error {
	if a.Resamples == 0 {
		return nil
	}
	var sets []int
	for j, s := range sharp {
		if s {
			sets = append(sets, j)
		}
	}
	limLo, limHi, err := a.ClassTimeFractionsCI(c, 0, dynamicsLevel)
	if err != nil {
		return err
	}
	firLo, firHi, err := a.ClassTimeFractionsCI(c, lambda, dynamicsLevel)
	if err != nil {
		return err
	}
	for j := range run.Sets {
		s := &run.Sets[j]
		s.StationaryLow, s.StationaryHigh = report.Num(limLo[j]), report.Num(limHi[j])
		s.FirstOrderLow, s.FirstOrderHigh = report.Num(firLo[j]), report.Num(firHi[j])
	}
	lo, hi, err := a.ClassTimeFractionTotalCI(c, 0, dynamicsLevel, sets)
	if err != nil {
		return err
	}
	run.SharpLimitLow, run.SharpLimitHigh = report.Num(lo), report.Num(hi)
	if lo, hi, err = a.ClassTimeFractionTotalCI(c, lambda, dynamicsLevel, sets); err != nil {
		return err
	}
	run.SharpFirstOrderLow, run.SharpFirstOrderHigh = report.Num(lo), report.Num(hi)
	return nil
}

// generatorEntries estimates Q_ik = N_ik/T_i (docs/theory.md §12.5) on the
// wide minima of a class from the collapsed marker processes, T_i in
// scaled time, with exact Poisson intervals.
func generatorEntries(cl theory.Class, cs []Collapsed, unit float64) []report.GeneratorEntry {
	var out []report.GeneratorEntry
	for a, i := range cl.Wide {
		var exposure int64
		for _, c := range cs {
			exposure += c.Exposure[i]
		}
		T := float64(exposure) / unit
		for c, k := range cl.Wide {
			if k == i {
				continue
			}
			N := 0
			for _, col := range cs {
				N += col.Counts[i][k]
			}
			rate, lo, hi := estimators.RateCI(N, T, dynamicsLevel)
			e := report.GeneratorEntry{From: i, To: k, Transitions: N, Exposure: T, Rate: report.NewInterval(rate, lo, hi),
				Predicted: report.Num(cl.Generator[a][c])}
			if e.Predicted != nil && *e.Predicted > 0 && T > 0 {
				e.Ratio = report.Num(rate / *e.Predicted)
			}
			out = append(out, e)
		}
	}
	return out
}

// embeddedTests compares the marker jumps (paths, one list per replica)
// out of each minimum i of members with q_ij/q_i, rates[i][j] = q_ij and
// exit[i] = q_i, by a G-test (cells with q_ij = 0 left out and reported).
func embeddedTests(members []int, rates [][]float64, exit []float64, paths [][]mc.Transition) []report.EmbeddedTest {
	n := len(rates)
	var out []report.EmbeddedTest
	for _, i := range members {
		counts := make([]int, n)
		total := 0
		for _, path := range paths {
			for _, tr := range path {
				if tr.From == i {
					counts[tr.To]++
					total++
				}
			}
		}
		t := report.EmbeddedTest{From: i, Transitions: total, Observed: map[string]float64{}, Predicted: map[string]float64{}}
		probs := make([]float64, n)
		for j := range n {
			if j == i {
				continue
			}
			probs[j] = rates[i][j] / exit[i]
			if probs[j] > 0 {
				t.Predicted[strconv.Itoa(j)] = probs[j]
			}
			if total > 0 && counts[j] > 0 {
				t.Observed[strconv.Itoa(j)] = float64(counts[j]) / float64(total)
			}
		}
		if total > 0 {
			if g, err := estimators.GTest(counts, probs); err == nil {
				t.PValue = report.Num(g.PValue)
			}
		}
		out = append(out, t)
	}
	return out
}

// fddPoints compares the collapsed state at each scaled time t with the
// limit P(Y_t = k) = Σ_a start_law(a)·exp(tQ)_{a,k}, averaged over the
// replicas' starts.
func fddPoints(a *theory.Analysis, cl theory.Class, cs []Collapsed, starts []int, unit float64, steps int64, times []float64) ([]report.FDDPoint, error) {
	var out []report.FDDPoint
	for _, t := range times {
		step := int64(math.Round(t * unit))
		if step > steps {
			continue
		}
		P, err := cl.Transition(t)
		if err != nil {
			return nil, err
		}
		pred := make([]float64, len(cl.Wide))
		for _, s := range starts {
			_, law, _, err := a.StartLaw(s)
			if err != nil {
				return nil, err
			}
			for x, px := range law {
				for k := range pred {
					pred[k] += px * P[x][k] / float64(len(starts))
				}
			}
		}
		counts := make([]int, len(cl.Wide))
		none := 0
		for _, c := range cs {
			st := c.StateAt(step)
			if w := slices.Index(cl.Wide, st); w >= 0 {
				counts[w]++
			} else {
				none++
			}
		}
		pt := report.FDDPoint{T: t, Step: step, Observed: map[string]float64{}, ObservedCI: map[string]report.Interval{}, Predicted: map[string]float64{}}
		for w, i := range cl.Wide {
			p, lo, hi := estimators.ProportionCI(counts[w], len(cs), dynamicsLevel)
			key := strconv.Itoa(i)
			pt.Observed[key] = p
			pt.ObservedCI[key] = report.NewInterval(p, lo, hi)
			pt.Predicted[key] = pred[w]
		}
		if none > 0 {
			p, lo, hi := estimators.ProportionCI(none, len(cs), dynamicsLevel)
			pt.Observed["none"] = p
			pt.ObservedCI["none"] = report.NewInterval(p, lo, hi)
		}
		if len(cl.Wide) > 1 {
			if g, err := estimators.GTest(counts, pred); err == nil {
				pt.PValue = report.Num(g.PValue)
			}
		}
		out = append(out, pt)
	}
	return out, nil
}

// fractionInterval returns the mean of per-replica fractions with its t
// interval across replicas, clipped to [0, 1] (a fraction cannot leave it;
// with few replicas the t interval otherwise can).
func fractionInterval(x []float64) report.Interval {
	m, lo, hi := estimators.ReplicaMean(x, dynamicsLevel)
	return report.NewInterval(m, math.Max(lo, 0), math.Min(hi, 1))
}
