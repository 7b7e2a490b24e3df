package pipeline

import (
	"slices"
	"strconv"

	"github.com/htsgd/htsgd/estimators"
	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/report"
)

// Confidence level of every interval in exit rows.
const exitLevel = 0.95

// shapeBootstrap is the number of parametric-bootstrap samples of the
// exponential shape test: p-values resolve to 1/1000.
const shapeBootstrap = 999

// ExitPrediction is what the theory says about one (η, basin) cell.
type ExitPrediction struct {
	// Jump is J_i.
	Jump int
	// MeanSteps is 1/(q_i η λ(η)^{J_i}) (THEORY.md section 3).
	MeanSteps float64
	// Landing maps a basin index j to q_{i,j}/q_i (including the pseudo
	// basins beyond open ends).
	Landing map[int]float64
}

// ExitStats summarises one cell's finished replicas into a report row:
// the censored-exponential mean with its exact CI, the exponential shape
// test, the landing fractions and, when pred is not nil, the predicted
// mean, the ratio and the landing G-test. The shape test's bootstrap is
// seeded by shapeSeed.
func ExitStats(cell ExitCell, pred *ExitPrediction, shapeSeed uint64) (report.ExitRow, error) {
	return exitRowStats(cell.Experiment.Eta, cell.Experiment.Basin(), cell.Result.Records, pred, shapeSeed)
}

// exitRowStats is ExitStats for the records of one cell, whatever the
// dimension: eta and basin label the row.
func exitRowStats(eta float64, basin int, recs []mc.ExitRecord, pred *ExitPrediction, shapeSeed uint64) (report.ExitRow, error) {
	row := report.ExitRow{
		Eta:     eta,
		Basin:   basin,
		Samples: len(recs),
		Landing: map[string]float64{},
	}
	times := make([]float64, len(recs))
	censored := make([]bool, len(recs))
	landings := map[int]int{}
	var total float64
	for i, r := range recs {
		times[i] = float64(r.Steps)
		censored[i] = r.Censored
		total += float64(r.Steps)
		if r.Censored {
			row.Censored++
			continue
		}
		row.Exits++
		landings[r.Landing]++
	}
	for j, n := range landings {
		row.Landing[strconv.Itoa(j)] = float64(n) / float64(row.Exits)
	}
	if len(recs) > 0 {
		m, err := estimators.ExpMeanFromTotals(total, row.Exits, row.Censored, exitLevel)
		if err != nil {
			return row, err
		}
		row.MeanSteps, row.CILow, row.CIHigh = report.Num(m.Mean), report.Num(m.Low), report.Num(m.High)
	}
	if row.Exits >= 2 {
		st, err := estimators.ExpShapeTest(times, censored, shapeBootstrap, shapeSeed)
		if err != nil {
			return row, err
		}
		row.ExpTestP = report.Num(st.PValue)
	}
	if pred == nil {
		return row, nil
	}
	j := pred.Jump
	row.Jump = &j
	row.PredictedSteps = report.Num(pred.MeanSteps)
	if row.MeanSteps != nil && row.PredictedSteps != nil {
		row.Ratio = report.Num(*row.MeanSteps / *row.PredictedSteps)
	}
	row.PredictedLanding = map[string]float64{}
	var basins []int
	for k := range pred.Landing {
		basins = append(basins, k)
	}
	for k := range landings {
		if _, ok := pred.Landing[k]; !ok {
			basins = append(basins, k)
		}
	}
	slices.Sort(basins)
	counts := make([]int, len(basins))
	probs := make([]float64, len(basins))
	for i, k := range basins {
		counts[i] = landings[k]
		probs[i] = pred.Landing[k]
		if p, ok := pred.Landing[k]; ok {
			row.PredictedLanding[strconv.Itoa(k)] = p
		}
	}
	if row.Exits > 0 {
		g, err := estimators.GTest(counts, probs)
		if err == nil {
			row.LandingTestP = report.Num(g.PValue)
		}
	}
	return row, nil
}

// shapeSeed returns the seed of the shape test's bootstrap for a cell: a
// function of the scenario seed and the cell only.
func shapeSeed(seed uint64, etaIndex, startIndex int) uint64 {
	k := exitKey(seed, etaIndex, startIndex)
	k.Labels = append(k.Labels, 2)
	return k.Rand(0).Uint64()
}
