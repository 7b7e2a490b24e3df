package pipeline

import (
	"slices"

	"github.com/htsgd/htsgd/estimators"
	"github.com/htsgd/htsgd/report"
	"github.com/htsgd/htsgd/theory"
)

// checkLanding checks the landing counts of one cell (exits by the label of
// the basin they landed in) against the limit law pred.Landing at step
// size pred.Eta and scale lambda = λ(η), as one rung of
// estimators.JudgeLanding at the level of the exit rows: exits into basins
// the limit forbids (q_ij = 0, or a label the prediction does not list)
// are counted with the Clopper–Pearson interval of their fraction, the
// allowed basins are G-tested against the limit law renormalised over
// them, and the limit law is rejected at this η when a forbidden landing
// occurred or the G-test rejects (LandingCheck.LimitLawRejected).
func checkLanding(landings map[int]int, pred *theory.ExitPrediction, lambda float64) (estimators.LandingCheck, error) {
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
	}
	v, err := estimators.JudgeLanding([]estimators.LandingRung{{Eta: pred.Eta, Lambda: lambda, Counts: counts}}, probs,
		estimators.LadderOptions{Level: exitLevel})
	if err != nil {
		return estimators.LandingCheck{}, err
	}
	return v.Rungs[0], nil
}

// exitVerdict returns the verdict of a row with a prediction (see
// report.ExitVerdict): the ratio against 1 through its interval, the
// shape test at 1 − exitLevel, and the landing check (landingRejected:
// the limit law rejected by checkLanding; untested without exits).
func exitVerdict(row report.ExitRow, landingRejected bool) *report.ExitVerdict {
	v := &report.ExitVerdict{Ratio: report.CheckUntested, Shape: report.CheckUntested, Landing: report.CheckUntested}
	switch {
	case row.RatioHigh != nil && *row.RatioHigh < 1:
		v.Ratio = report.CheckBelow
	case row.RatioLow != nil && *row.RatioLow > 1:
		v.Ratio = report.CheckAbove
	case row.Ratio != nil:
		v.Ratio = report.CheckConsistent
	}
	if row.ExpTestP != nil {
		v.Shape = report.CheckConsistent
		if *row.ExpTestP < 1-exitLevel {
			v.Shape = report.CheckRejected
		}
	}
	if row.ForbiddenExits != nil {
		v.Landing = report.CheckConsistent
		if landingRejected {
			v.Landing = report.CheckRejected
		}
	}
	return v
}
