package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Setting is what the title of a text report states about the experiment:
// the scenario and its seed, the landscape, the noise law with its
// parameters, and the truncation threshold. pipeline.SettingOf fills it
// from a plan.
type Setting struct {
	// Scenario is the scenario's name and Seed its run.seed.
	Scenario string
	Seed     uint64
	// Landscape is the landscape's kind ("paper-1d", "gaussian-wells", …;
	// empty when unknown) and Dimension its d.
	Landscape string
	Dimension int
	// Law is the noise law's name (of the radial law on R^d), with its tail
	// index α, scale c and p_+ (NaN where the law has none: σ of a
	// Gaussian is its Scale, and p_+ is not stated on R^d).
	Law                 string
	Alpha, Scale, PPlus float64
	// Angular is the angular law on R^d ("isotropic" or "finite"); empty
	// on the line.
	Angular string
	// B is the truncation threshold b; +Inf for none.
	B float64
}

// Title returns the two title lines of a report of kind what ("first
// exit", "theory", "dynamics"): "<what> — scenario <name>, seed <seed>",
// then "setting: <landscape>; <noise>; <b>".
func (s Setting) Title(what string) string {
	return fmt.Sprintf("%s — scenario %s, seed %d\nsetting: %s", what, s.Scenario, s.Seed, s.String())
}

// String states the landscape, the noise and b in one line, e.g.
// "critical-points on the line; pareto noise (α = 1.5, c = 0.1, p_+ = 0.5);
// b = 1.2".
func (s Setting) String() string {
	land := s.Landscape
	if land == "" {
		land = "a landscape"
	}
	if s.Dimension > 1 {
		land += fmt.Sprintf(" in R^%d", s.Dimension)
	} else {
		land += " on the line"
	}
	var params []string
	num := func(name string, x float64) {
		if !math.IsNaN(x) {
			params = append(params, name+" = "+strconv.FormatFloat(x, 'g', -1, 64))
		}
	}
	law := s.Law + " noise"
	if s.Law == "gaussian" {
		num("σ", s.Scale)
	} else {
		num("α", s.Alpha)
		num("c", s.Scale)
		num("p_+", s.PPlus)
	}
	if s.Dimension > 1 {
		law = s.Law + " radial noise"
	}
	if len(params) > 0 {
		law += " (" + strings.Join(params, ", ") + ")"
	}
	if s.Angular != "" {
		law += ", " + s.Angular + " directions"
	}
	return land + "; " + law + "; " + bPhrase(s.B)
}

// bPhrase states the truncation threshold: "b = 0.5", or "no truncation
// (b = ∞)".
func bPhrase(b float64) string {
	if math.IsInf(b, 1) || b > 1e300 {
		return "no truncation (b = ∞)"
	}
	return "b = " + strconv.FormatFloat(b, 'g', -1, 64)
}
