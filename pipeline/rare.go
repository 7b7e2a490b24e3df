package pipeline

import (
	"context"
	"fmt"
	"math"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/rare"
	"github.com/htsgd/htsgd/report"
	"github.com/htsgd/htsgd/scenario"
	"github.com/htsgd/htsgd/theory"
)

// rareKey returns the random streams of the rare-event estimate of a cell,
// disjoint from the brute-force streams of the same cell.
func rareKey(seed uint64, etaIndex, startIndex int) mc.StreamKey {
	return mc.StreamKey{Seed: seed, Labels: []uint64{4, uint64(etaIndex), uint64(startIndex)}}
}

// RareDesign returns the default importance-sampling design of the exit
// from basin i (rare.DefaultDesign): the jump number J_i, the slack
// s = r_i − (J_i−1)b that every jump of a J-jump exit must exceed, and the
// curvature f”(m_i). J is the sampling design's parameter here, not a
// prediction: the estimator is unbiased for any design.
func RareDesign(b *scenario.Built, i int) (rare.Design, error) {
	r := b.Structure.Radius(i)
	if math.IsInf(r, 0) {
		return rare.Design{}, fmt.Errorf("sgd.start: basin %d cannot be left", i)
	}
	J := theory.JumpNumber(r, b.B)
	slack := r
	if J > 1 {
		slack = r - float64(J-1)*b.B
	}
	curv := landscapes.SecondDeriv(b.Line, b.Structure.Minima[i])
	return rare.DefaultDesign(J, slack, curv), nil
}

// RareExitRows estimates the mean exit time of every (η, start) cell by the
// importance sampler of package rare with sc.Run.Samples windows per cell,
// next to the theory's prediction. Starts must be minima (the windows start
// at rest at the minimum). onWindows, if not nil, reports progress.
func RareExitRows(ctx context.Context, sc *scenario.Scenario, b *scenario.Built, workers int, onWindows func(int)) ([]report.ExitRow, []string, error) {
	preds, notes, err := PredictExits(b)
	if err != nil {
		return nil, nil, err
	}
	var rows []report.ExitRow
	for ei, eta := range b.Etas {
		for si, st := range b.Starts {
			if st.X != b.Structure.Minima[st.Basin] {
				return rows, notes, fmt.Errorf("sgd.start_x: -method is starts its windows at a minimum; use sgd.start")
			}
			design, err := RareDesign(b, st.Basin)
			if err != nil {
				return rows, notes, err
			}
			cfg := rare.Config{
				System: mc.System{Line: b.Line, Structure: b.Structure, Law: b.Law, Eta: eta, B: b.B},
				Start:  st.X,
				Design: design,
				Level:  exitLevel,
			}
			if onWindows != nil {
				last := 0
				cfg.Progress = func(done int) { onWindows(done - last); last = done }
			}
			res, err := rare.Estimate(ctx, cfg, rareKey(uint64(sc.Run.Seed), ei, si), sc.Run.Samples, workers)
			if err != nil {
				return rows, notes, err
			}
			row := report.ExitRow{
				Eta:       eta,
				Basin:     st.Basin,
				Samples:   res.Samples,
				Exits:     res.Exits,
				MeanSteps: report.Num(res.MeanSteps),
				CILow:     report.Num(res.MeanLow),
				CIHigh:    report.Num(res.MeanHigh),
				Landing:   map[string]float64{},
				Method:    "is",
				RelErr:    report.Num(res.Rate.RelErr),
			}
			if preds != nil {
				if p := preds(ei, st.Basin); p != nil {
					j := p.Jump
					row.Jump = &j
					row.PredictedSteps = report.Num(p.MeanSteps)
					if row.MeanSteps != nil && row.PredictedSteps != nil {
						row.Ratio = report.Num(*row.MeanSteps / *row.PredictedSteps)
					}
				}
			}
			rows = append(rows, row)
		}
	}
	return rows, notes, nil
}
