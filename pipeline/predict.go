package pipeline

import (
	"fmt"

	"github.com/htsgd/htsgd/scenario"
	"github.com/htsgd/htsgd/theory"
)

// Model returns the theory's model of a built scenario, or an error when the
// theory does not apply (a light-tailed law has no α: THEORY.md section 1).
func Model(b *scenario.Built) (theory.Model, error) {
	if !b.Law.HeavyTailed() {
		return theory.Model{}, fmt.Errorf("noise.law: the heavy-tail theory does not apply to %s noise", b.Law.Name())
	}
	return theory.Model{
		Structure: b.Structure,
		Deriv:     b.Line.Deriv,
		Alpha:     b.Law.Alpha(),
		PPlus:     b.Law.PPlus(),
		B:         b.B,
	}, nil
}

// Analyse returns the theory's analysis of a built scenario, or nil and a
// note when the theory does not apply.
func Analyse(b *scenario.Built) (*theory.Analysis, []string, error) {
	m, err := Model(b)
	if err != nil {
		return nil, []string{err.Error() + ": predictions are not applicable"}, nil
	}
	a, err := theory.Analyse(m)
	if err != nil {
		return nil, nil, err
	}
	return a, a.Warnings, nil
}

// PredictExits returns the theory's prediction for each (η index, basin)
// of a built scenario, with the theory's warnings, or nil and a note when
// the theory does not apply (Gaussian noise).
func PredictExits(b *scenario.Built) (func(etaIndex, basin int) *ExitPrediction, []string, error) {
	a, notes, err := Analyse(b)
	if err != nil || a == nil {
		return nil, notes, err
	}
	preds := make([][]*ExitPrediction, len(b.Etas))
	for ei, eta := range b.Etas {
		preds[ei] = make([]*ExitPrediction, b.Structure.N())
		for i := range b.Structure.N() {
			mean, err := a.MeanExitSteps(i, b.Law, eta)
			if err != nil {
				return nil, notes, err
			}
			p := &ExitPrediction{Jump: a.JumpNumber[i], MeanSteps: mean, Landing: map[int]float64{}}
			q := a.ExitRate[i]
			if q > 0 {
				for j, qij := range a.Rates[i] {
					if j != i {
						p.Landing[j] = qij / q
					}
				}
				if len(a.ExitBelow) > 0 && a.ExitBelow[i] > 0 {
					p.Landing[-1] = a.ExitBelow[i] / q
				}
				if len(a.ExitAbove) > 0 && a.ExitAbove[i] > 0 {
					p.Landing[b.Structure.N()] = a.ExitAbove[i] / q
				}
			}
			preds[ei][i] = p
		}
	}
	return func(ei, basin int) *ExitPrediction {
		if basin < 0 || basin >= len(preds[ei]) {
			return nil
		}
		return preds[ei][basin]
	}, notes, nil
}
