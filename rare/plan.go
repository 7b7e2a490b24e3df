package rare

import (
	"context"
	"fmt"
	"math"

	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/param"
)

// Defaults of Budget.
const (
	// DefaultPilotFraction is the pilot's share of the main run's windows
	// when Budget.PilotSamples is 0.
	DefaultPilotFraction = 0.25
	// DefaultMaxStretch is the largest lengthening of the rule's warm-up
	// and burn-in when Budget.MaxStretch is 0.
	DefaultMaxStretch = 8
)

// pilotLabel is the stream label that separates the pilots' windows from
// the main run's: pilot a of a run with key K uses K + (pilotLabel, a).
const pilotLabel = 0x9170

// Plan is a rare-event estimation whose design comes from a Rule: the
// system, where the windows start, the number of jumps J to condition on
// (from the theory, see Rule.Design), the rule and the CI level.
type Plan struct {
	// System is the loss, its basins, the noise law, η and b.
	mc.System
	// Start is X_0 of every window (d coordinates), normally the minimum
	// of the basin.
	Start []float64
	// J is the number of jumps the design conditions on.
	J int
	// Rule is the design rule; the zero value means DefaultRule.
	Rule Rule
	// Level is the confidence level of the CIs; 0 means DefaultLevel.
	Level float64
	// Progress, if not nil, is called after every batch of windows with
	// the number of windows Run has finished so far, pilots and main run
	// together.
	Progress func(done int)
}

// NoPilot is the Budget.PilotSamples that skips the pilots.
const NoPilot = -1

// Budget bounds Run's search for a design whose pilot passes.
type Budget struct {
	// PilotSamples is the number of windows of a pilot; 0 means
	// DefaultPilotFraction of the main run's. A pilot with fewer than
	// MinESS effective exits is repeated with four times as many windows,
	// up to the main run's number. NoPilot runs the rule's design as it is:
	// only the main run's own Diagnostics then judge it (for a point where
	// a pilot large enough to check the design costs more than the budget;
	// a design that needed lengthening shows as a failed transient check
	// there).
	PilotSamples int
	// MaxStretch is the largest factor by which Run may lengthen the rule's
	// warm-up and burn-in, doubling them each time; 0 means
	// DefaultMaxStretch. 1 runs the rule's design or refuses.
	MaxStretch float64
}

// Pilot is one pilot run of Run: its design, its size and its diagnostics.
type Pilot struct {
	// Stretch is the factor applied to the rule's warm-up and burn-in.
	Stretch float64 `json:"stretch"`
	// Design is the design it ran.
	Design Design `json:"design"`
	// Samples is its number of windows, TotalSteps its SGD steps.
	Samples    int   `json:"samples"`
	TotalSteps int64 `json:"total_steps"`
	// Diagnostics are its diagnostics.
	Diagnostics Diagnostics `json:"diagnostics"`
}

// Outcome is the result of Run: the main run's Result (with its own
// Diagnostics), what the rule read off the landscape, the stretch that was
// needed and the pilots that decided it.
type Outcome struct {
	// Result is the main run's result.
	Result Result `json:"result"`
	// Basis is what the rule read off the landscape.
	Basis Basis `json:"basis"`
	// Stretch is the factor by which the rule's warm-up and burn-in were
	// lengthened (1: the rule's design passed).
	Stretch float64 `json:"stretch"`
	// Pilots lists the pilot runs in order; PilotSteps is their total
	// number of SGD steps (the cost of the design search, on top of
	// Result.TotalSteps).
	Pilots     []Pilot `json:"pilots"`
	PilotSteps int64   `json:"pilot_steps"`
}

// DesignReason says why Run refused.
type DesignReason string

// The reasons of a DesignError.
const (
	// ReasonTransient: the pilot's transient checks (HazardRatio,
	// TransientBias) still failed at Budget.MaxStretch.
	ReasonTransient DesignReason = "transient"
	// ReasonTooFewExits: even a pilot as large as the main run had fewer
	// than MinESS effective exits, too few to check the design.
	ReasonTooFewExits DesignReason = "too_few_exits"
)

// DesignError is Run's refusal: no design within the budget passed its
// pilot. The command line maps it to a message and a non-zero exit status.
type DesignError struct {
	// Reason says which check could not be passed.
	Reason DesignReason `json:"reason"`
	// Basis is what the rule read off the landscape.
	Basis Basis `json:"basis"`
	// Last is the last pilot, with the diagnostics that failed.
	Last Pilot `json:"last"`
	// MaxStretch is the budget's largest stretch.
	MaxStretch float64 `json:"max_stretch"`
}

// Error describes the refusal and what to change.
func (e *DesignError) Error() string {
	d := e.Last.Diagnostics
	switch e.Reason {
	case ReasonTransient:
		return fmt.Sprintf("rare: the start transient is not over even with warm-up and burn-in %g times the rule's "+
			"(hazard ratio %.3g [%.3g, %.3g], transient bias %.3g [%.3g, %.3g]); raise the stretch budget or η",
			e.Last.Stretch, d.HazardRatio.Value, d.HazardRatio.Low, d.HazardRatio.High,
			d.TransientBias.Value, d.TransientBias.Low, d.TransientBias.High)
	case ReasonTooFewExits:
		return fmt.Sprintf("rare: %d pilot windows gave %.3g effective exits (at least %d are needed to check the design); raise samples",
			e.Last.Samples, d.ESS.Value, MinESS)
	}
	return "rare: no design passed its pilot (" + string(e.Reason) + ")"
}

// Stretch returns d with its warm-up and burn-in multiplied by s ≥ 1 and
// the counting length re-optimised for them (Rule).
func (d Design) Stretch(s float64) Design {
	d.Warmup *= s
	d.Burn *= s
	d.Window = d.Burn + countingLength(d.Warmup, d.Burn, d.J)
	return d
}

// Run estimates the exit rate and mean exit time of p with the design of
// its rule, checked by pilots: a pilot of Budget.PilotSamples windows (on
// streams disjoint from the main run's) runs the design; if its transient
// checks (Diagnostics.Transient) fail, the warm-up and burn-in are doubled
// and a new pilot runs, up to Budget.MaxStretch; a pilot with fewer than
// MinESS effective exits, which cannot check anything, is repeated four
// times larger, up to samples windows. The main run then uses the key's own
// streams with samples windows, and its Result carries its own
// Diagnostics, with Warning set if any check fails there.
//
// Run returns a *DesignError when no design within the budget passed, and
// the errors of Rule.Design and Estimate otherwise. The result depends on
// the key, samples and budget, never on workers.
func Run(ctx context.Context, p Plan, key mc.StreamKey, samples, workers int, budget Budget) (Outcome, error) {
	rule := p.Rule
	if rule == (Rule{}) {
		rule = DefaultRule
	}
	base, basis, err := rule.Design(p.System, p.Start, p.J)
	if err != nil {
		return Outcome{}, err
	}
	if samples < 2 {
		return Outcome{}, param.Errorf("rare.Run.samples", "must be ≥ 2, got %d", samples)
	}
	pilotN := budget.PilotSamples
	if pilotN == 0 {
		pilotN = max(2, int(math.Ceil(DefaultPilotFraction*float64(samples))))
	}
	if pilotN < 2 && pilotN != NoPilot {
		return Outcome{}, param.Errorf("rare.Budget.PilotSamples", "must be ≥ 2, or NoPilot (−1), got %d", budget.PilotSamples)
	}
	maxStretch := budget.MaxStretch
	if maxStretch == 0 {
		maxStretch = DefaultMaxStretch
	}
	if !(maxStretch >= 1) || math.IsInf(maxStretch, 0) {
		return Outcome{}, param.Errorf("rare.Budget.MaxStretch", "must be ≥ 1 and finite, got %v", budget.MaxStretch)
	}
	finished := 0 // windows of the runs done, for Progress
	config := func(d Design) Config {
		c := Config{System: p.System, Start: p.Start, Design: d, Level: p.Level}
		if p.Progress != nil {
			before := finished
			c.Progress = func(done int) { p.Progress(before + done) }
		}
		return c
	}

	out := Outcome{Basis: basis}
	stretch := 1.0
	for attempt := 0; pilotN != NoPilot; attempt++ {
		d := base.Stretch(stretch)
		pk := mc.StreamKey{Seed: key.Seed, Labels: append(append([]uint64(nil), key.Labels...), pilotLabel, uint64(attempt))}
		res, err := Estimate(ctx, config(d), pk, pilotN, workers)
		if err != nil {
			return out, err
		}
		finished += pilotN
		pilot := Pilot{Stretch: stretch, Design: d, Samples: pilotN, TotalSteps: res.TotalSteps, Diagnostics: res.Diagnostics}
		out.Pilots = append(out.Pilots, pilot)
		out.PilotSteps += res.TotalSteps
		if !res.Diagnostics.ESS.Pass {
			if pilotN < samples {
				pilotN = min(4*pilotN, samples)
				continue
			}
			return out, &DesignError{Reason: ReasonTooFewExits, Basis: basis, Last: pilot, MaxStretch: maxStretch}
		}
		if !res.Diagnostics.Transient() {
			break
		}
		if 2*stretch > maxStretch {
			return out, &DesignError{Reason: ReasonTransient, Basis: basis, Last: pilot, MaxStretch: maxStretch}
		}
		stretch *= 2
	}
	res, err := Estimate(ctx, config(base.Stretch(stretch)), key, samples, workers)
	if err != nil {
		return out, err
	}
	out.Result, out.Stretch = res, stretch
	return out, nil
}
