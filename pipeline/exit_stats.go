package pipeline

import (
	"cmp"
	"slices"
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

// exitRow summarises the finished replicas of cell c (its Summary) into a
// report row (docs/theory.md §12): the censored-exponential mean with its
// exact CI from the total time on test, censored replicas counted to their
// cap (estimators.ExpMeanFromTotals), the exponential shape test on the
// cell's shape sample (estimators.ExpShapeTest, its bootstrap seeded by
// seed; see ShapeSample), the landing
// fractions and, when pred is not nil, J, the predicted mean, the ratio
// R = τ̄/predicted with its interval (ratioInterval), the check of the
// landing counts against the limit law q_{i,j}/q_i at scale
// lambda = λ(η) (checkLanding: forbidden landings counted, G-test of the
// allowed basins), and the row's verdict (exitVerdict).
func exitRow(c ExitCell, pred *theory.ExitPrediction, lambda float64, seed uint64) (report.ExitRow, error) {
	sum := c.Summary
	landings := sum.Landings
	row := report.ExitRow{
		Eta:      c.Experiment.Eta,
		Basin:    c.Basin,
		Samples:  sum.Samples,
		Exits:    sum.Exits,
		Censored: sum.Censored,
		Landing:  map[string]float64{},
	}
	for j, n := range landings {
		row.Landing[strconv.Itoa(j)] = float64(n) / float64(row.Exits)
	}
	if sum.Samples > 0 {
		m, err := estimators.ExpMeanFromTotals(sum.TotalSteps(), row.Exits, row.Censored, exitLevel)
		if err != nil {
			return row, err
		}
		row.MeanSteps, row.CILow, row.CIHigh = report.Num(m.Mean), report.Num(m.Low), report.Num(m.High)
	}
	if times, censored := shapeSample(sum); len(times) >= 2 && slices.Contains(censored, false) {
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

// shapeSample returns the exit times of the shape sample of s in replica
// order and whether each is censored; the test needs two exits among them.
func shapeSample(s ExitSummary) (times []float64, censored []bool) {
	recs := slices.Clone(s.Shape)
	slices.SortFunc(recs, func(a, b mc.ExitRecord) int { return cmp.Compare(a.Replica, b.Replica) })
	exits := 0
	for _, r := range recs {
		times = append(times, float64(r.Steps))
		censored = append(censored, r.Censored)
		if !r.Censored {
			exits++
		}
	}
	if exits < 2 {
		return nil, nil
	}
	return times, censored
}

// shapeSeed returns the seed of the shape test's bootstrap for a cell: a
// function of the scenario seed and the cell only, drawn from the cell's
// exit key labelled mc.LabelShapeTest.
func shapeSeed(seed uint64, k CellKey) uint64 {
	return mc.ExitKey(seed, k.EtaIndex, k.StartIndex).With(mc.LabelShapeTest).Rand(0).Uint64()
}
