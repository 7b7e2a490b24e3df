package pipeline

import (
	"math"
	"slices"
	"strconv"

	"github.com/htsgd/htsgd/estimators"
	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/report"
	"github.com/htsgd/htsgd/scenario"
	"github.com/htsgd/htsgd/theory"
)

// analyseDynamics turns the trajectories of one group into a report run.
func analyseDynamics(b *scenario.Built, a *theory.Analysis, notes []string, variant string, eta float64,
	class int, unit float64, recs []mc.TrajectoryRecord, starts []int, sharp []bool, times []float64) (report.DynamicsRun, error) {
	n := b.Structure.N()
	run := report.DynamicsRun{
		Variant:    variant,
		B:          report.Num(b.B),
		Law:        b.Law.Name(),
		NoiseScale: noiseScale(b),
		Eta:        eta,
		Replicas:   len(recs),
		Generator:  []report.GeneratorEntry{},
		Embedded:   []report.EmbeddedTest{},
		FDD:        []report.FDDPoint{},
		Notes:      append([]string{}, notes...),
		Class:      []int{},
		Wide:       []int{},
	}
	if len(recs) == 0 {
		run.Notes = append(run.Notes, "no trajectory finished")
		return run, nil
	}
	run.Steps = recs[0].Steps
	// Time fractions per basin and in the sharp basins, per replica.
	sharpFrac := make([]float64, len(recs))
	for j := range n {
		x := make([]float64, len(recs))
		for r, rec := range recs {
			x[r] = float64(rec.BasinSteps[j]) / float64(rec.Steps)
			if sharp[j] {
				sharpFrac[r] += x[r]
			}
		}
		run.Basins = append(run.Basins, report.BasinFraction{Basin: j, Sharp: sharp[j], Fraction: fractionInterval(x)})
	}
	run.Sharp = fractionInterval(sharpFrac)
	run.SharpByReplica = sharpFrac
	for _, rec := range recs {
		run.MarkerTransitions += len(rec.Transitions)
		for i := range rec.Crossings {
			for _, c := range rec.Crossings[i] {
				run.Crossings += int(c)
			}
		}
	}
	if a == nil {
		return run, nil
	}
	cl := a.Classes[class]
	run.TimeUnit = report.Num(unit)
	run.Class, run.Absorbing, run.Wide = cl.Members, cl.Absorbing, cl.Wide
	// The limit: stationary weights of the class's wide minima, 0 elsewhere.
	pi := make([]float64, n)
	if cl.Absorbing {
		for w, i := range cl.Wide {
			pi[i] = cl.Stationary[w]
		}
		for j := range n {
			run.Basins[j].Stationary = report.Num(pi[j])
		}
		limit := 0.0
		for j := range n {
			if sharp[j] {
				limit += pi[j]
			}
		}
		run.SharpLimit = report.Num(limit)
		if lam, err := theory.Lambda(b.Law, eta); err == nil && len(cl.Narrow) > 0 {
			if fr, err := a.NarrowFractions(lam); err == nil {
				s := 0.0
				for j := range n {
					if sharp[j] {
						s += fr[j]
					}
				}
				run.SharpFirstOrder = report.Num(s)
			}
		}
	}
	keep := make([]bool, n)
	for _, i := range cl.Wide {
		keep[i] = true
	}
	collapsed := make([]Collapsed, len(recs))
	for r, rec := range recs {
		collapsed[r] = Collapse(rec, keep, starts[r])
	}
	run.Generator = generatorEntries(cl, collapsed, unit)
	run.Embedded = embeddedTests(a, cl, recs)
	if cl.Absorbing {
		fdd, err := fddPoints(a, cl, collapsed, starts, unit, run.Steps, times)
		if err != nil {
			return run, err
		}
		run.FDD = fdd
	} else {
		k, err := killTime(cl, recs, starts, unit)
		if err != nil {
			return run, err
		}
		run.Kill = k
		run.Notes = append(run.Notes, "transient class: the state law at fixed times is not compared (the chain is killed)")
	}
	return run, nil
}

// noiseScale returns the scale c (σ for Gaussian noise) of a built law.
func noiseScale(b *scenario.Built) float64 {
	type scaled interface{ Scale() float64 }
	if s, ok := b.Law.(scaled); ok {
		return s.Scale()
	}
	return math.NaN()
}

// generatorEntries estimates Q_ik = N_ik/T_i (THEORY.md section 7) on the
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

// embeddedTests compares the marker jumps out of each minimum of the class
// with q_ij/q_i by a G-test (cells with q_ij = 0 left out and reported).
func embeddedTests(a *theory.Analysis, cl theory.Class, recs []mc.TrajectoryRecord) []report.EmbeddedTest {
	paths := make([][]mc.Transition, len(recs))
	for r, rec := range recs {
		paths[r] = rec.Transitions
	}
	return embeddedTestsOf(cl.Members, a.Rates, a.ExitRate, paths)
}

// embeddedTestsOf compares the marker jumps (paths, one list per replica)
// out of each minimum i of members with q_ij/q_i, rates[i][j] = q_ij and
// exit[i] = q_i, by a G-test (cells with q_ij = 0 left out and reported).
func embeddedTestsOf(members []int, rates [][]float64, exit []float64, paths [][]mc.Transition) []report.EmbeddedTest {
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
