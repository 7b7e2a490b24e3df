package pipeline

import (
	"context"
	"errors"
	"fmt"
	"slices"
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

// CheckRare reports whether the rare-event estimator can run p: heavy-tailed
// noise whose magnitude the sampler can condition (a scalar law on the
// real line, a noise.Radial law in R^d), and every start at the minimum of
// its basin (the windows start at rest there), an isolated point. The
// error wraps ErrRareNotApplicable.
func CheckRare(p *scenario.Plan) error {
	switch z := p.Noise.(type) {
	case noise.Scalar, noise.Radial:
		if !z.HeavyTailed() {
			return fmt.Errorf("%w: it needs heavy-tailed noise (its design uses J and the tail)", ErrRareNotApplicable)
		}
	default:
		return fmt.Errorf("%w: it needs a scalar or radial noise law, not %T", ErrRareNotApplicable, p.Noise)
	}
	sets := p.Basins.MinimumSets()
	for si, s := range p.Starts {
		set := sets[s.Basin]
		if !set.IsPoint() {
			return fmt.Errorf("%w: the minimum set of basin %d (start %d) is a segment; its design needs an isolated minimum", ErrRareNotApplicable, s.Basin, si)
		}
		if !slices.Equal(s.X, startPoint(p, s.Basin)) {
			return fmt.Errorf("%w: its windows start at a minimum, and start %d (%v) is not one", ErrRareNotApplicable, si, s.X)
		}
	}
	return nil
}

// startPoint returns the minimum of basin i, where the windows start: the
// Structure's minimum on the line, the point of the minimum set in R^d.
func startPoint(p *scenario.Plan, i int) []float64 {
	if st, ok := p.Basins.(landscapes.Structure); ok && p.Dim() == 1 {
		return []float64{st.Minima[i]}
	}
	return p.Basins.MinimumSets()[i].A
}

// RareOptions control RareEstimate and RareExitReport.
type RareOptions struct {
	// Workers is the number of goroutines (GOMAXPROCS when ≤ 0).
	Workers int
	// Samples is the number of windows of the main run; 0 means the
	// plan's Run.Samples.
	Samples int
	// Level is the confidence level of the intervals; 0 means that of
	// the exit rows (0.95).
	Level float64
	// Budget bounds the pilots' search for a design (rare.Budget; the
	// zero value is rare's defaults: pilots of a quarter of Samples, warm-up
	// and burn-in lengthened up to 8 times).
	Budget rare.Budget
	// OnWindows, if not nil, is called with the number of windows
	// finished (pilots and main runs alike) since its last call, for
	// progress reporting.
	OnWindows func(n int)
}

// RareCell is one importance-sampled estimate of a mean exit time: start
// Start of a plan (in basin Basin) at step size Eta, conditioned on J
// jumps, with rare.Run's outcome (the main run's Result and diagnostics,
// the basis the design was read from, the pilots).
type RareCell struct {
	Start, Basin int
	Eta          float64
	J            int
	Outcome      rare.Outcome
}

// MeanSteps returns the estimated mean exit time in steps and its
// interval at the estimate's level (normal-theory on the rate; the upper
// end is +Inf when the rate's interval reaches 0).
func (c RareCell) MeanSteps() (mean, low, high float64) {
	r := c.Outcome.Result
	return r.MeanSteps, r.MeanLow, r.MeanHigh
}

// Diagnostics returns the main run's self-checks; Warning is set when one
// fails, and the estimate may then be wrong or its interval too narrow.
func (c RareCell) Diagnostics() rare.Diagnostics { return c.Outcome.Result.Diagnostics }

// RareEstimate estimates the mean exit time from start si of p at step
// size eta by the rare-event estimator: rare.Run with J = a.JumpNumber of
// the start's basin (the theory's; the estimator is unbiased for any
// design, J only shapes it), the design of rare.DefaultRule checked and
// lengthened by pilots, then opt.Samples windows from key (pilots on
// streams disjoint from the main run's). The plan must pass CheckRare and
// a must not be nil (without the theory there is no J).
//
// It is the one entry point of importance sampling in this package: exit
// rows (RareExitReport) and the rungs of a step-size ladder use it.
// Errors: ErrRareNotApplicable (wrapped) without an analysis; a
// *rare.DesignError when no design passed its pilots within opt.Budget
// (the cell's Outcome then holds the pilots); ctx.Err() on cancellation;
// rare's *param.Error otherwise.
func RareEstimate(ctx context.Context, p *scenario.Plan, a *theory.Analysis, si int, eta float64, key mc.StreamKey, opt RareOptions) (RareCell, error) {
	st := p.Starts[si]
	cell := RareCell{Start: si, Basin: st.Basin, Eta: eta}
	if a == nil {
		return cell, fmt.Errorf("%w: it conditions on the theory's jump number J, and the theory does not apply", ErrRareNotApplicable)
	}
	cell.J = a.JumpNumber[st.Basin]
	samples := opt.Samples
	if samples == 0 {
		samples = p.Run.Samples
	}
	level := opt.Level
	if level == 0 {
		level = exitLevel
	}
	plan := rare.Plan{
		System: mc.System{Landscape: p.Landscape, Basins: p.Basins, Noise: p.Noise, Eta: eta, B: p.B, Domain: p.Domain},
		Start:  slices.Clone(st.X),
		J:      cell.J,
		Level:  level,
	}
	if opt.OnWindows != nil {
		last := 0
		plan.Progress = func(done int) {
			opt.OnWindows(done - last)
			last = done
		}
	}
	out, err := rare.Run(ctx, plan, key, samples, opt.Workers, opt.Budget)
	cell.Outcome = out
	return cell, err
}

// RareExitReport estimates the mean exit time of every (η, start) cell of
// p by the rare-event estimator (RareEstimate, Run.Samples windows per
// cell from mc.RareKey), next to the prediction of a (notes follow the
// plan's warnings). Its rows have Method "is": Samples are windows, Exits
// the windows that exited, the interval of the mean is normal-theory from
// the windows' likelihood ratios, RelErr is the relative error per window,
// and Rare carries the design and its self-checks (Rare.Warning when one
// fails). A cell whose design is refused (*rare.DesignError) gets a row
// with State report.RowRefused and no estimate (Rare.Refused says why), the
// other cells still run, and the first refusal is returned with the
// report. On cancellation it returns ctx.Err() and the report of the cells
// that finished, marked Interrupted, with a row of 0 windows marked
// report.RowNotStarted for every other cell (the one under way included:
// an importance-sampling estimate needs all its windows, so those drawn
// are dropped).
func RareExitReport(ctx context.Context, p *scenario.Plan, a *theory.Analysis, notes []string, opt RareOptions) (report.ExitReport, error) {
	rep := report.ExitReport{Scenario: p.Source, Rows: []report.ExitRow{},
		Warnings: append(append([]string{}, p.Warnings...), notes...)}
	if p.Dim() > 1 {
		rep.Dimension = p.Dim()
	}
	if err := CheckRare(p); err != nil {
		return rep, err
	}
	var refused error
	for ei, eta := range p.Etas {
		for si := range p.Starts {
			cell, err := RareEstimate(ctx, p, a, si, eta, mc.RareKey(p.Run.Seed, ei, si), opt)
			if err != nil && ctx.Err() != nil {
				return rareInterrupted(p, rep, ei, si), err
			}
			var de *rare.DesignError
			switch {
			case errors.As(err, &de):
				if refused == nil {
					refused = err
				}
				row, err := rareRefusedRow(p, a, cell, de)
				if err != nil {
					return rep, err
				}
				rep.Rows = append(rep.Rows, row)
				continue
			case err != nil:
				return rep, err
			}
			row, err := rareRow(p, a, cell)
			if err != nil {
				return rep, err
			}
			rep.Rows = append(rep.Rows, row)
		}
	}
	return rep, refused
}

// rareRow is the exit row of an importance-sampled cell, with the
// prediction of a.
func rareRow(p *scenario.Plan, a *theory.Analysis, c RareCell) (report.ExitRow, error) {
	res := c.Outcome.Result
	row := report.ExitRow{
		Eta:       c.Eta,
		Basin:     c.Basin,
		Samples:   res.Samples,
		Exits:     res.Exits,
		MeanSteps: report.Num(res.MeanSteps),
		CILow:     report.Num(res.MeanLow),
		CIHigh:    report.Num(res.MeanHigh),
		Landing:   map[string]float64{},
		Method:    "is",
		RelErr:    report.Num(res.Rate.RelErr),
		Rare:      rareDiagnostics(c.Outcome, res.Design, res.Diagnostics, ""),
	}
	pred, err := a.PredictExit(c.Basin, c.Eta)
	if err != nil {
		return row, err
	}
	j := pred.JumpNumber
	row.Jump = &j
	row.PredictedSteps = report.Num(pred.MeanSteps)
	if row.MeanSteps != nil && row.PredictedSteps != nil {
		row.Ratio = report.Num(*row.MeanSteps / *row.PredictedSteps)
	}
	row.RatioLow, row.RatioHigh = ratioInterval(row, pred)
	row.Verdict = exitVerdict(row, false)
	if p.Dim() > 1 {
		row.Start = slices.Clone(p.Starts[c.Start].X)
		row.PredictionUncertainty = uncertainty(pred)
	}
	return row, nil
}

// rareRefusedRow is the row of a cell whose design was refused: the
// prediction, no estimate, and the last pilot's size, design and checks
// with the reason.
func rareRefusedRow(p *scenario.Plan, a *theory.Analysis, c RareCell, de *rare.DesignError) (report.ExitRow, error) {
	row := report.ExitRow{Eta: c.Eta, Basin: c.Basin, Samples: de.Last.Samples, Landing: map[string]float64{}, Method: "is",
		State: report.RowRefused,
		Rare:  rareDiagnostics(c.Outcome, de.Last.Design, de.Last.Diagnostics, string(de.Reason))}
	pred, err := a.PredictExit(c.Basin, c.Eta)
	if err != nil {
		return row, err
	}
	j := pred.JumpNumber
	row.Jump = &j
	row.PredictedSteps = report.Num(pred.MeanSteps)
	if p.Dim() > 1 {
		row.Start = slices.Clone(p.Starts[c.Start].X)
		row.PredictionUncertainty = uncertainty(pred)
	}
	return row, nil
}

// rareDiagnostics converts the design and the checks of a rare-event run
// (the main run, or the last pilot of a refused one) to their report form.
func rareDiagnostics(out rare.Outcome, d rare.Design, dg rare.Diagnostics, refused string) *report.RareDiagnostics {
	check := func(c rare.Check) report.RareCheck {
		return report.RareCheck{Value: report.Num(c.Value), Low: report.Num(c.Low), High: report.Num(c.High),
			Limit: report.Num(c.Limit), Pass: c.Pass}
	}
	b := out.Basis
	stretch := out.Stretch
	if refused != "" && len(out.Pilots) > 0 {
		stretch = out.Pilots[len(out.Pilots)-1].Stretch
	}
	r := &report.RareDiagnostics{
		Design: report.RareDesign{J: d.J, Gamma: d.Gamma, Warmup: d.Warmup, Burn: d.Burn, Window: d.Window,
			Weight: d.Weight, ReplayAll: d.ReplayAll},
		Basis: report.RareBasis{Distance: b.Distance, Slack: b.Slack, FlowSpan: b.FlowSpan, RelaxTime: b.RelaxTime,
			ReturnTime: b.ReturnTime, Contracting: b.Contracting},
		Stretch:        stretch,
		Pilots:         len(out.Pilots),
		PilotSteps:     out.PilotSteps,
		TotalSteps:     out.Result.TotalSteps,
		StepsPerWindow: out.Result.StepsPerSample,
		HazardRatio:    check(dg.HazardRatio),
		TransientBias:  check(dg.TransientBias),
		MaxShare:       check(dg.MaxShare),
		ESS:            check(dg.ESS),
		LongSequences:  check(dg.LongSequences),
		OutsideB:       check(dg.OutsideB),
		Warning:        dg.Warning,
		Failed:         append([]string{}, dg.Failed...),
		Refused:        refused,
	}
	if refused != "" {
		r.Warning = true
		r.TotalSteps, r.StepsPerWindow = 0, 0
	}
	return r
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

// isRefusal reports whether err is the rare-event estimator's refusal of a
// design (*rare.DesignError).
func isRefusal(err error) bool {
	var de *rare.DesignError
	return errors.As(err, &de)
}
