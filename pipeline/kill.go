package pipeline

import (
	"slices"

	"gonum.org/v1/gonum/mat"

	"github.com/htsgd/htsgd/estimators"
	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/report"
	"github.com/htsgd/htsgd/theory"
)

// killTime compares the scaled time trajectories started in a transient
// class take to leave it (the marker reaching a minimum outside the class)
// with the killed chain: from the start law μ on the wide minima the mean
// killing time is μ·(−Q)^{−1}·1, Q the class's sub-generator (docs/theory.md
// §8.5). Trajectories still in the class at the end are censored.
func killTime(cl theory.Class, recs []mc.TrajectoryRecord, starts []int, unit float64) (*report.KillTime, error) {
	k := &report.KillTime{}
	var total float64
	for _, rec := range recs {
		left := false
		for _, tr := range rec.Transitions {
			if !slices.Contains(cl.Members, tr.To) {
				total += float64(tr.Step) / unit
				left = true
				break
			}
		}
		if left {
			k.Left++
		} else {
			k.Censored++
			total += float64(rec.Steps) / unit
		}
	}
	m, err := estimators.ExpMeanFromTotals(total, k.Left, k.Censored, dynamicsLevel)
	if err != nil {
		return nil, err
	}
	k.Mean = report.NewInterval(m.Mean, m.Low, m.High)
	// Mean killing time from each wide minimum: h = (−Q)^{−1}·1.
	w := len(cl.Wide)
	negQ := mat.NewDense(w, w, nil)
	for i := range w {
		for j := range w {
			negQ.Set(i, j, -cl.Generator[i][j])
		}
	}
	ones := mat.NewVecDense(w, nil)
	for i := range w {
		ones.SetVec(i, 1)
	}
	var h mat.VecDense
	if err := h.SolveVec(negQ, ones); err != nil {
		return k, nil // singular: no killing from some state; no prediction
	}
	var pred float64
	for _, s := range starts {
		if a := slices.Index(cl.Wide, s); a >= 0 {
			pred += h.AtVec(a) / float64(len(starts))
			continue
		}
		if a := slices.Index(cl.Narrow, s); a >= 0 && a < len(cl.StartLaw) {
			for c, p := range cl.StartLaw[a] {
				pred += p * h.AtVec(c) / float64(len(starts))
			}
		}
	}
	k.Predicted = report.Num(pred)
	return k, nil
}
