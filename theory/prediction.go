package theory

import (
	"math"

	"github.com/htsgd/htsgd/landscapes"
)

// ExitPrediction is what the theory says about the first exit from one
// basin at one step size (docs/theory.md §6.1 and §9), in any dimension.
type ExitPrediction struct {
	// Basin is i and Eta the step size η.
	Basin int
	Eta   float64
	// JumpNumber is J_i (0: Ω_i cannot be left).
	JumpNumber int
	// Rate is q_i = C*_i and RateErr its Monte Carlo standard error (0 when
	// exact).
	Rate, RateErr float64
	// MeanSteps is E τ_i ≈ 1/(q_i η λ(η)^{J_i}) (+Inf when Ω_i cannot be
	// left).
	MeanSteps float64
	// MeanLow and MeanHigh bound MeanSteps at the analysis' level
	// (Options.Level) through the interval [q_lo, q_hi] of q_i
	// (ExitRateCI): [1/(q_hi η λ(η)^J), 1/(q_lo η λ(η)^J)], MeanHigh = +Inf
	// when q_lo ≤ 0. Both are MeanSteps when exact, NaN when Ω_i cannot be
	// left.
	MeanLow, MeanHigh float64
	// Landing maps the label of a basin (Basins.Locate) to the limit
	// probability q_{i,j}/q_i that the first exit lands there: every other
	// minimum set j, and the outside when exits reach it (exact analyses:
	// landscapes.Below and Above() beyond the open ends of the Structure;
	// Monte Carlo: every outside label as landscapes.NoBasin). Empty when
	// Ω_i cannot be left.
	Landing map[int]float64
}

// PredictExit returns the theory's prediction for the first exit from
// basin i at step size eta: J_i, q_i, the predicted mean exit time with its
// interval, and the landing law.
func (a *Analysis) PredictExit(i int, eta float64) (*ExitPrediction, error) {
	mean, err := a.MeanExitSteps(i, eta)
	if err != nil {
		return nil, err
	}
	p := &ExitPrediction{
		Basin: i, Eta: eta, JumpNumber: a.JumpNumber[i],
		Rate: a.ExitRate[i], RateErr: a.ExitRateErr[i],
		MeanSteps: mean, MeanLow: math.NaN(), MeanHigh: math.NaN(),
		Landing: map[int]float64{},
	}
	if math.IsInf(mean, 1) {
		return p, nil
	}
	n := len(a.JumpNumber)
	for j := range n {
		if j != i {
			p.Landing[j] = a.Landing[i][j]
		}
	}
	if a.Exact {
		p.MeanLow, p.MeanHigh = mean, mean
		q := a.ExitRate[i]
		if len(a.ExitBelow) > 0 && a.ExitBelow[i] > 0 {
			p.Landing[landscapes.Below] = a.ExitBelow[i] / q
		}
		if len(a.ExitAbove) > 0 && a.ExitAbove[i] > 0 {
			p.Landing[n] = a.ExitAbove[i] / q
		}
		return p, nil
	}
	if a.Landing[i][n] > 0 {
		p.Landing[landscapes.NoBasin] = a.Landing[i][n]
	}
	// MeanExitSteps = unit/C*, unit = 1/(η λ(η)^J): the interval of C*
	// maps to that of the mean through the same unit.
	unit := mean * a.ExitRate[i]
	lo, hi, err := a.ExitRateCI(i, a.Options.Level)
	if err != nil {
		return nil, err
	}
	p.MeanLow = unit / hi
	p.MeanHigh = math.Inf(1)
	if lo > 0 {
		p.MeanHigh = unit / lo
	}
	return p, nil
}
