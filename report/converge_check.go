package report

import (
	"errors"
	"fmt"
	"math"
)

// check refuses a converge report that no run of `verify converge` writes:
// one without a scenario name or start basins (an empty file, or the
// placeholder an older -out left when the run died before its first
// rung), with a dimension below 1, settings outside their ranges (level
// and look level in (0, 1), at least one look, a positive band), or a rung
// whose step size, λ(η) or prediction is not a positive finite number.
// Each error names the field. Without it -show would print a heading of
// zeros and an empty verdict list as if it were a result.
func (r *ConvergeReport) check() error {
	if r.Scenario == "" {
		return errors.New(`report: field "scenario" is empty: not a results file of verify converge (an empty report, or the placeholder of a run that ended before its first rung)`)
	}
	if len(r.Basins) == 0 {
		return fmt.Errorf(`report: field "basins" is empty: scenario %q has no start basin in this file (the run ended before its first rung?)`, r.Scenario)
	}
	if r.Dimension < 1 {
		return fmt.Errorf(`report: field "dimension" = %d, want at least 1`, r.Dimension)
	}
	s := r.Settings
	if !(s.Level > 0 && s.Level < 1) {
		return fmt.Errorf(`report: field "settings.level" = %v, want in (0, 1)`, s.Level)
	}
	if !(s.LookLevel > 0 && s.LookLevel < 1) {
		return fmt.Errorf(`report: field "settings.look_level" = %v, want in (0, 1)`, s.LookLevel)
	}
	if s.Looks < 1 {
		return fmt.Errorf(`report: field "settings.looks" = %d, want at least 1`, s.Looks)
	}
	if !(s.Tol > 0) || math.IsInf(s.Tol, 0) {
		return fmt.Errorf(`report: field "settings.tol" = %v, want a positive number`, s.Tol)
	}
	for i, b := range r.Basins {
		for k, g := range b.Rungs {
			for _, f := range []struct {
				name string
				v    float64
			}{{"eta", g.Eta}, {"lambda", g.Lambda}, {"predicted_steps", g.Predicted}} {
				if !(f.v > 0) || math.IsInf(f.v, 0) {
					return fmt.Errorf(`report: field "basins[%d].rungs[%d].%s" = %v, want a positive finite number`, i, k, f.name, f.v)
				}
			}
		}
	}
	return nil
}
