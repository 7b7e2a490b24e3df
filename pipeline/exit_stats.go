package pipeline

import (
	"strconv"

	"github.com/htsgd/htsgd/estimators"
	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/report"
	"github.com/htsgd/htsgd/theory"
)

// exitLevel is the confidence level of every interval in exit rows (and of
// the theory's intervals reported next to them).
const exitLevel = 0.95

// shapeBootstrap is the number of parametric-bootstrap samples of the
// exponential shape test: p-values resolve to 1/1000.
const shapeBootstrap = 999

// exitRow summarises the finished replicas of cell c into a report row
// (docs/theory.md §12): the censored-exponential mean with its exact CI
// (estimators.ExpMeanFromTotals), the exponential shape test
// (estimators.ExpShapeTest, its bootstrap seeded by seed), the landing
// fractions and, when pred is not nil, J, the predicted mean, the ratio
// R = τ̄/predicted with its interval (ratioInterval), the check of the
// landing counts against the limit law q_{i,j}/q_i at scale
// lambda = λ(η) (checkLanding: forbidden landings counted, G-test of the
// allowed basins), and the row's verdict (exitVerdict).
func exitRow(c ExitCell, pred *theory.ExitPrediction, lambda float64, seed uint64) (report.ExitRow, error) {
	recs := c.Records
	row := report.ExitRow{
		Eta:     c.Experiment.Eta,
		Basin:   c.Basin,
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
		st, err := estimators.ExpShapeTest(times, censored, shapeBootstrap, seed)
		if err != nil {
			return row, err
		}
		row.ExpTestP = report.Num(st.PValue)
	}
	if pred == nil {
		return row, nil
	}
	var landingRejected bool
	j := pred.JumpNumber
	row.Jump = &j
	row.PredictedSteps = report.Num(pred.MeanSteps)
	if row.MeanSteps != nil && row.PredictedSteps != nil {
		row.Ratio = report.Num(*row.MeanSteps / *row.PredictedSteps)
	}
	row.PredictedLanding = map[string]float64{}
	for k, q := range pred.Landing {
		row.PredictedLanding[strconv.Itoa(k)] = q
	}
	if row.Exits > 0 && len(pred.Landing) > 0 {
		lc, err := checkLanding(landings, pred, lambda)
		if err != nil {
			return row, err
		}
		row.LandingTestP = report.Num(float64(lc.GPValue))
		forbidden := lc.Forbidden
		row.ForbiddenExits = &forbidden
		row.ForbiddenFraction, row.ForbiddenLow, row.ForbiddenHigh = report.Num(lc.ForbiddenFrac), report.Num(lc.ForbiddenLow), report.Num(lc.ForbiddenHigh)
		landingRejected = lc.LimitLawRejected
	}
	row.RatioLow, row.RatioHigh = ratioInterval(row, pred)
	row.Verdict = exitVerdict(row, landingRejected)
	return row, nil
}

// shapeSeed returns the seed of the shape test's bootstrap for a cell: a
// function of the scenario seed and the cell only, drawn from the cell's
// exit key labelled mc.LabelShapeTest.
func shapeSeed(seed uint64, k CellKey) uint64 {
	return mc.ExitKey(seed, k.EtaIndex, k.StartIndex).With(mc.LabelShapeTest).Rand(0).Uint64()
}
