package pipeline

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/htsgd/htsgd/report"
	"github.com/htsgd/htsgd/theory"
)

// ratioInterval returns an approximate interval, at the level of the exit
// rows, of R = τ̄ / prediction = τ̄ · C* η λ(η)^J (docs/theory.md §11.1), in
// which both factors are estimates: τ̄ from the simulation (exact
// chi-square interval [L, U]) and C* from the theory's independent Monte
// Carlo integral (normal, standard error SE). On the log scale the two
// errors add; treating each as normal there, with half-widths
// a_− = log(τ̄/L), a_+ = log(U/τ̄) and c = z·SE/C* (delta method),
//
//	[ R·exp(−√(a_−² + c²)),  R·exp(+√(a_+² + c²)) ].
//
// With SE = 0 this is the interval of τ̄ divided by the prediction, exactly.
// Ends that do not exist (no exits, C* = 0) are nil.
func ratioInterval(row report.ExitRow, pred *theory.ExitPrediction) (lo, hi *float64) {
	if row.Ratio == nil || row.MeanSteps == nil || !(pred.Rate > 0) {
		return nil, nil
	}
	r, mean := *row.Ratio, *row.MeanSteps
	c := distuv.UnitNormal.Quantile(0.5+exitLevel/2) * pred.RateErr / pred.Rate
	if row.CILow != nil && *row.CILow > 0 {
		a := math.Log(mean / *row.CILow)
		lo = report.Num(r * math.Exp(-math.Hypot(a, c)))
	}
	if row.CIHigh != nil {
		a := math.Log(*row.CIHigh / mean)
		hi = report.Num(r * math.Exp(math.Hypot(a, c)))
	}
	return lo, hi
}
