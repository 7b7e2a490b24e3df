package pipeline

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/report"
	"github.com/htsgd/htsgd/scenario"
	"github.com/htsgd/htsgd/theory"
)

// ExitPredictionRd is what the theory says about one (η, basin) cell in
// R^d: the 1-D fields, and the interval of the predicted mean that comes
// from the Monte Carlo error of C*.
type ExitPredictionRd struct {
	ExitPrediction
	// CStar is C*_i = q_i and CStarErr its Monte Carlo standard error.
	CStar, CStarErr float64
	// Low and High bound the predicted mean at the level of the exit rows:
	// [1/(C*_hi η λ(η)^J), 1/(C*_lo η λ(η)^J)] with [C*_lo, C*_hi] the
	// normal interval C* ± z·SE (theory.AnalysisRd.ExitRateCI); High is
	// +Inf when C*_lo ≤ 0.
	Low, High float64
}

// PredictExitRd returns the theory's prediction for basin i at step size
// eta (THEORY.md sections 3 and 5): J_i, E τ_i ≈ 1/(C*_i η λ(η)^{J_i}) with
// its interval, and the landing law q_{i,j}/q_i, the key
// landscapes.NoBasin (−1) holding the exits to points in no basin.
func PredictExitRd(a *theory.AnalysisRd, b *scenario.BuiltRd, i int, eta float64) (*ExitPredictionRd, error) {
	mean, err := a.MeanExitSteps(i, b.Noise, eta)
	if err != nil {
		return nil, err
	}
	p := &ExitPredictionRd{
		ExitPrediction: ExitPrediction{Jump: a.JumpNumber[i], MeanSteps: mean, Landing: map[int]float64{}},
		CStar:          a.ExitRate[i], CStarErr: a.ExitRateErr[i],
		Low: math.NaN(), High: math.NaN(),
	}
	if math.IsInf(mean, 1) {
		return p, nil
	}
	// MeanExitSteps = unit/C*, unit = 1/(η λ(η)^J): the interval of C*
	// maps to that of the mean through the same unit.
	unit := mean * a.ExitRate[i]
	lo, hi := a.ExitRateCI(i, exitLevel)
	p.Low = unit / hi
	p.High = math.Inf(1)
	if lo > 0 {
		p.High = unit / lo
	}
	n := len(a.JumpNumber)
	for j := range n {
		if j != i {
			p.Landing[j] = a.Landing[i][j]
		}
	}
	if a.Landing[i][n] > 0 {
		p.Landing[landscapes.NoBasin] = a.Landing[i][n]
	}
	return p, nil
}

// ExitReportRd turns the cells of an R^d first-exit run into the report of
// `verify exit`: per cell the 1-D row (exact censored-exponential CI of the
// mean, shape test, landing law and its G-test against q_{i,j}/q_i, seeded
// as in 1-D), the start point, and the prediction with its interval. a is
// the analysis (nil when the theory does not apply, notes then say why).
func ExitReportRd(sc *scenario.Scenario, b *scenario.BuiltRd, cells []ExitCellRd, a *theory.AnalysisRd, notes []string) (report.ExitReportRd, error) {
	rep := report.ExitReportRd{Scenario: sc, Dimension: b.Landscape.Dim(), Rows: []report.ExitRowRd{},
		Warnings: append(append([]string{}, b.Warnings...), notes...)}
	for _, c := range cells {
		eta := c.Experiment.Eta
		var pred *ExitPredictionRd
		if a != nil {
			var err error
			if pred, err = PredictExitRd(a, b, c.Basin, eta); err != nil {
				return rep, err
			}
		}
		var p1 *ExitPrediction
		if pred != nil {
			p1 = &pred.ExitPrediction
		}
		row, err := exitRowStats(eta, c.Basin, c.Result.Records, p1, shapeSeed(uint64(sc.Run.Seed), c.EtaIndex, c.StartIndex))
		if err != nil {
			return rep, err
		}
		rd := report.ExitRowRd{ExitRow: row, Start: slices.Clone(c.Experiment.Start)}
		if pred != nil {
			rd.CStar, rd.CStarErr = report.Num(pred.CStar), report.Num(pred.CStarErr)
			rd.PredictedLow, rd.PredictedHigh = report.Num(pred.Low), report.Num(pred.High)
			rd.RatioLow, rd.RatioHigh = ratioInterval(row, pred)
		}
		rep.Rows = append(rep.Rows, rd)
	}
	return rep, nil
}

// ratioInterval returns an approximate interval, at the level of the exit
// rows, of R = τ̄ / prediction = τ̄ · C* η λ(η)^J (THEORY.md section 7), in
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
func ratioInterval(row report.ExitRow, pred *ExitPredictionRd) (lo, hi *float64) {
	if row.Ratio == nil || row.MeanSteps == nil || !(pred.CStar > 0) {
		return nil, nil
	}
	r, mean := *row.Ratio, *row.MeanSteps
	c := distuv.UnitNormal.Quantile(0.5+exitLevel/2) * pred.CStarErr / pred.CStar
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
