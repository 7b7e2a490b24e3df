package pipeline

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/noise"
	"github.com/htsgd/htsgd/rare"
	"github.com/htsgd/htsgd/report"
	"github.com/htsgd/htsgd/scenario"
	"github.com/htsgd/htsgd/theory"
)

// ErrRareNotApplicable reports a plan that the rare-event estimator of
// package rare cannot run; the wrapping error gives the reason.
var ErrRareNotApplicable = errors.New("the rare-event estimator does not apply")

// rareLine returns the one-dimensional parts of p that the rare-event
// estimator needs: the curve, its basin structure and the noise law.
func rareLine(p *scenario.Plan) (landscapes.Curve, landscapes.Structure, noise.Law, error) {
	c, ok1 := p.Landscape.(landscapes.Curve)
	st, ok2 := p.Basins.(landscapes.Structure)
	z, ok3 := p.Noise.(noise.Scalar)
	if !ok1 || !ok2 || !ok3 || p.Dim() != 1 {
		return nil, st, nil, fmt.Errorf("%w: it runs on the real line only", ErrRareNotApplicable)
	}
	if !z.HeavyTailed() {
		return nil, st, nil, fmt.Errorf("%w: it needs heavy-tailed noise (its design uses J and the tail)", ErrRareNotApplicable)
	}
	return c, st, z.Law, nil
}

// RareDesign returns the default importance-sampling design of the exit
// from basin i of a plan on the real line (rare.DefaultDesign): the jump
// number J_i = ⌈r_i/b⌉, the slack s = r_i − (J_i−1)b that every jump of a
// J-jump exit must exceed, and the curvature f″(m_i). J is the sampling
// design's parameter here, not a prediction: the estimator is unbiased for
// any design. An error wraps ErrRareNotApplicable.
func RareDesign(p *scenario.Plan, i int) (rare.Design, error) {
	c, st, _, err := rareLine(p)
	if err != nil {
		return rare.Design{}, err
	}
	r := st.Radius(i)
	if math.IsInf(r, 0) {
		return rare.Design{}, fmt.Errorf("%w: basin %d cannot be left", ErrRareNotApplicable, i)
	}
	J := theory.JumpNumber(r, p.B)
	slack := r
	if J > 1 {
		slack = r - float64(J-1)*p.B
	}
	curv := landscapes.SecondDeriv(c, st.Minima[i])
	return rare.DefaultDesign(J, slack, curv), nil
}

// RareOptions control RareExitReport.
type RareOptions struct {
	// Workers is the number of goroutines (GOMAXPROCS when ≤ 0).
	Workers int
	// OnWindows, if not nil, is called with the number of windows finished
	// since its last call (for progress reporting).
	OnWindows func(n int)
}

// CheckRare reports whether the rare-event estimator can run p: a plan on
// the real line with heavy-tailed noise, every start at a minimum (the
// windows start at rest there) whose basin can be left. The error wraps
// ErrRareNotApplicable.
func CheckRare(p *scenario.Plan) error {
	_, st, _, err := rareLine(p)
	if err != nil {
		return err
	}
	for si, s := range p.Starts {
		if s.X[0] != st.Minima[s.Basin] {
			return fmt.Errorf("%w: its windows start at a minimum, and start %d (x = %v) is not one", ErrRareNotApplicable, si, s.X[0])
		}
		if _, err := RareDesign(p, s.Basin); err != nil {
			return err
		}
	}
	return nil
}

// RareExitReport estimates the mean exit time of every (η, start) cell of
// p by the importance sampler of package rare (rare.Estimate, design
// RareDesign) with Run.Samples windows per cell, drawn from mc.RareKey,
// next to the prediction of a (nil: the theory does not apply; notes
// follow the plan's warnings). Its rows have Method "is": Samples are
// windows, Exits the windows that exited, the interval of the mean is
// normal-theory from the windows' likelihood ratios and RelErr is the
// relative error per window. The plan must pass CheckRare. On cancellation
// it returns ctx.Err() and the report of the cells that finished, marked
// Interrupted, with a row of 0 windows marked report.RowNotStarted for
// every other cell (the one under way included: an importance-sampling
// estimate needs all its windows, so those drawn are dropped).
func RareExitReport(ctx context.Context, p *scenario.Plan, a *theory.Analysis, notes []string, opt RareOptions) (report.ExitReport, error) {
	rep := report.ExitReport{Scenario: p.Source, Rows: []report.ExitRow{},
		Warnings: append(append([]string{}, p.Warnings...), notes...)}
	if err := CheckRare(p); err != nil {
		return rep, err
	}
	for ei, eta := range p.Etas {
		for si, st := range p.Starts {
			design, err := RareDesign(p, st.Basin)
			if err != nil {
				return rep, err
			}
			cfg := rare.Config{
				System: mc.System{Landscape: p.Landscape, Basins: p.Basins, Noise: p.Noise, Eta: eta, B: p.B, Domain: p.Domain},
				Start:  st.X[0],
				Design: design,
				Level:  exitLevel,
			}
			if opt.OnWindows != nil {
				last := 0
				cfg.Progress = func(done int) { opt.OnWindows(done - last); last = done }
			}
			res, err := rare.Estimate(ctx, cfg, mc.RareKey(p.Run.Seed, ei, si), p.Run.Samples, opt.Workers)
			if err != nil && ctx.Err() != nil {
				return rareInterrupted(p, rep, ei, si), err
			}
			if err != nil {
				return rep, err
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
			if a != nil {
				pred, err := a.PredictExit(st.Basin, eta)
				if err != nil {
					return rep, err
				}
				j := pred.JumpNumber
				row.Jump = &j
				row.PredictedSteps = report.Num(pred.MeanSteps)
				if row.MeanSteps != nil && row.PredictedSteps != nil {
					row.Ratio = report.Num(*row.MeanSteps / *row.PredictedSteps)
					// The 1-D prediction is exact: the ratio's interval
					// is the mean's divided by it.
					row.RatioLow = report.Num(report.Value(row.CILow) / *row.PredictedSteps)
					row.RatioHigh = report.Num(report.Value(row.CIHigh) / *row.PredictedSteps)
				}
				row.Verdict = exitVerdict(row, false)
			}
			rep.Rows = append(rep.Rows, row)
		}
	}
	return rep, nil
}

// rareInterrupted completes the report of an importance-sampling run
// interrupted in cell (ei, si): that cell and the later ones, η-major, get
// a row of 0 windows marked report.RowNotStarted, and a warning lists them.
func rareInterrupted(p *scenario.Plan, rep report.ExitReport, ei, si int) report.ExitReport {
	var names []string
	for e := ei; e < len(p.Etas); e++ {
		for s := range p.Starts {
			if e == ei && s < si {
				continue
			}
			basin := p.Starts[s].Basin
			rep.Rows = append(rep.Rows, report.ExitRow{Eta: p.Etas[e], Basin: basin, Landing: map[string]float64{},
				Method: "is", State: report.RowNotStarted})
			names = append(names, fmt.Sprintf("η = %g, basin %d", p.Etas[e], basin))
		}
	}
	rep.Interrupted = true
	rep.Warnings = append(rep.Warnings, "interrupted: never finished (an importance-sampling estimate needs all its windows): "+strings.Join(names, "; "))
	return rep
}
