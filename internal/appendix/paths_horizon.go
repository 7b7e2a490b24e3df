package appendix

import (
	"context"
	"fmt"
	"math"
	"strings"

	"github.com/htsgd/htsgd/estimators"
	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/noise"
	"github.com/htsgd/htsgd/pipeline"
	"github.com/htsgd/htsgd/report"
	"github.com/htsgd/htsgd/scenario"
	"github.com/htsgd/htsgd/theory"
)

// horizonPanels is the number of Simpson panels (even) of the horizon
// average; exp(tQ) is smooth on the scale 1/max|Q_ii|, and the horizons here
// are a few hundred time units at most, so 2000 panels leave an error far
// below the Monte Carlo error.
const horizonPanels = 2000

// summarisePaths turns a variant's paths into its panel: the histogram,
// the basin time fractions with t intervals across replicas, the theory's
// weights for heavy-tailed noise and the trace of replica 0.
func summarisePaths(ctx context.Context, v pathVariant, p *scenario.Plan, d DynamicsSize, recs []pathRecord, dyn report.DynamicsReport) (PathVariant, error) {
	st := p.Basins.(landscapes.Structure)
	n := st.N()
	pv := PathVariant{
		Name: v.name, Law: p.Noise.(noise.Scalar).Law.Name(), NoiseScale: d.GaussianScale, B: bPtr(p.B),
		Counts: make([]int64, d.Bins), DynamicsVariant: v.dynVariant,
		Stationary: make([]*float64, n), Horizon: make([]*float64, n), FirstOrder: make([]*float64, n),
	}
	if !v.gaussian {
		pv.NoiseScale = paperScale
	}
	for k, r := range recs {
		for i, c := range r.counts {
			pv.Counts[i] += c
		}
		fr := make([]float64, n)
		for j := range n {
			fr[j] = float64(r.basin[j]) / float64(d.Steps)
		}
		pv.BasinFraction = append(pv.BasinFraction, fr)
		if k == 0 {
			pv.TraceMin, pv.TraceMax = r.tmin, r.tmax
		}
	}
	for j := range n {
		x := make([]float64, len(recs))
		for k := range recs {
			x[k] = pv.BasinFraction[k][j]
		}
		pv.Basin = append(pv.Basin, report.NewInterval(estimators.ReplicaMean(x, level)))
	}
	for _, run := range dyn.Runs {
		if run.Variant != v.dynVariant || v.dynVariant == "" || len(run.Sets) != n || run.Replicas != len(recs) {
			continue
		}
		same := true
		for j := range n {
			if run.Sets[j].Basin.Estimate == nil || pv.Basin[j].Estimate == nil ||
				math.Abs(*run.Sets[j].Basin.Estimate-*pv.Basin[j].Estimate) > 1e-12 {
				same = false
			}
		}
		pv.SameAsDynamics = &same
	}
	if v.gaussian {
		return pv, nil
	}
	a, _, err := pipeline.Analyse(ctx, p, theory.Options{})
	if err != nil || a == nil {
		return pv, fmt.Errorf("paths %s: no analysis: %v", v.name, err)
	}
	if len(a.Classes) != 1 {
		return pv, fmt.Errorf("paths %s: the graph is reducible; the horizon average needs one class", v.name)
	}
	for w, i := range a.Wide {
		pv.Stationary[i] = report.Num(a.Stationary[w])
	}
	for j := range n {
		if pv.Stationary[j] == nil {
			pv.Stationary[j] = report.Num(0)
		}
	}
	lam, err := theory.Lambda(p.Noise, d.Eta)
	if err != nil {
		return pv, err
	}
	fr, err := a.NarrowFractions(lam)
	if err != nil {
		return pv, err
	}
	for j, f := range fr {
		pv.FirstOrder[j] = report.Num(f)
	}
	J := 0
	for _, i := range a.Wide {
		J = max(J, a.JumpNumber[i])
	}
	unit, err := theory.TimeUnit(p.Noise, d.Eta, J)
	if err != nil {
		return pv, err
	}
	T := float64(d.Steps) / unit
	pv.TimeUnit, pv.HorizonScaled = report.Num(unit), report.Num(T)
	occ, err := horizonOccupation(a, st.Basin(d.Start), T)
	if err != nil {
		return pv, err
	}
	for w, i := range a.Wide {
		pv.Horizon[i] = report.Num(occ[w])
	}
	for j := range n {
		if pv.Horizon[j] == nil {
			pv.Horizon[j] = report.Num(0)
		}
	}
	return pv, nil
}

// horizonOccupation returns, for each wide minimum k of an irreducible
// graph, the expected fraction of the scaled time [0, T] the limiting chain
// Y spends in k when X starts in basin j (a narrow start maps to a wide
// minimum with the law B, docs/theory.md §8.3):
//
//	occ_k = (1/T) ∫_0^T Σ_a μ_a exp(tQ)_{a,k} dt,   μ = StartLaw(j),
//
// by composite Simpson's rule on horizonPanels panels. As T → ∞ it tends
// to the stationary law; at finite T it is the limit's prediction for the
// time fractions of paths of T time units.
func horizonOccupation(a *theory.Analysis, j int, T float64) ([]float64, error) {
	_, mu, _, err := a.StartLaw(j)
	if err != nil {
		return nil, err
	}
	occ := make([]float64, len(a.Wide))
	h := T / horizonPanels
	for s := 0; s <= horizonPanels; s++ {
		w := 2.0
		switch {
		case s == 0 || s == horizonPanels:
			w = 1
		case s%2 == 1:
			w = 4
		}
		P, err := a.Transition(float64(s) * h)
		if err != nil {
			return nil, err
		}
		for x, px := range mu {
			for k := range occ {
				occ[k] += w * px * P[x][k]
			}
		}
	}
	for k := range occ {
		occ[k] *= h / 3 / T
	}
	return occ, nil
}

// fmtFractions renders basin time fractions as "(0.012, 0.871, …)".
func fmtFractions(iv []report.Interval) string {
	parts := make([]string, len(iv))
	for i, x := range iv {
		parts[i] = fmtG(x.Estimate, 3)
	}
	return "(" + strings.Join(parts, ", ") + ")"
}
