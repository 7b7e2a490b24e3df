package pipeline

import (
	"fmt"

	"github.com/htsgd/htsgd/report"
	"github.com/htsgd/htsgd/scenario"
	"github.com/htsgd/htsgd/theory"
)

// TheoryReport computes the analysis of a built scenario and its predictions
// at every η of the scenario. With checkSamples > 0 it adds the independent
// Monte Carlo cross-check of the rate constants (theory.CrossCheck) with
// that many paths per side of each minimum, seeded by seed.
func TheoryReport(b *scenario.Built, checkSamples int, seed uint64) (report.TheoryReport, error) {
	m, err := Model(b)
	if err != nil {
		return report.TheoryReport{}, err
	}
	a, err := theory.Analyse(m)
	if err != nil {
		return report.TheoryReport{}, err
	}
	rep := report.TheoryReport{Analysis: a, Predictions: []report.EtaPrediction{}}
	n := len(a.Minima)
	for _, eta := range b.Etas {
		lam, err := theory.Lambda(b.Law, eta)
		if err != nil {
			return rep, err
		}
		p := report.EtaPrediction{Eta: eta, Lambda: lam}
		for i := range n {
			s, err := a.MeanExitSteps(i, b.Law, eta)
			if err != nil {
				return rep, err
			}
			p.MeanExitSteps = append(p.MeanExitSteps, report.Num(s))
		}
		for _, c := range a.Classes {
			J := 0
			for _, i := range c.Wide {
				J = max(J, a.JumpNumber[i])
			}
			u, err := theory.TimeUnit(b.Law, eta, J)
			if err != nil {
				return rep, err
			}
			p.TimeUnit = append(p.TimeUnit, report.Num(u))
		}
		fr, err := a.NarrowFractions(lam)
		if err != nil {
			return rep, err
		}
		for _, f := range fr {
			p.NarrowFraction = append(p.NarrowFraction, report.Num(f))
		}
		rep.Predictions = append(rep.Predictions, p)
	}
	if checkSamples > 0 {
		rates, se, err := theory.CrossCheck(m, checkSamples, seed)
		if err != nil {
			return rep, fmt.Errorf("cross-check: %w", err)
		}
		chk := &report.TheoryCheck{Samples: checkSamples}
		for i := range n {
			chk.Rates = append(chk.Rates, rates[i][:n])
			chk.Stderr = append(chk.Stderr, se[i][:n])
		}
		rep.Check = chk
	}
	return rep, nil
}
