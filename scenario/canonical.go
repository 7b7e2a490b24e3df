package scenario

import (
	"bytes"
	"encoding/json"
	"math"

	"github.com/BurntSushi/toml"
)

// Canonical returns the effective scenario as nested maps ready for
// encoding/json, with every default filled in and a fixed set of keys:
//
//	name
//	landscape: kind; domain [lo, hi] (paper-1d, critical-points); points
//	           (critical-points); scale (critical-points, quadratic); basin
//	           (quadratic)
//	noise:     law, alpha, scale, p_plus
//	sgd:       b, eta, start, start_x
//	run:       samples, max_steps, seed
//	dynamics:  replicas, steps, radius, times  (the whole table null when absent)
//
// and for a landscape on R^d (Dimension() ≥ 2) these instead, so that an output that
// echoes the scenario describes it completely:
//
//	landscape: kind, dimension; hessian, basin_radius, basin_lo, basin_hi
//	           (quadratic: the unused basin form null); centers, depths,
//	           widths, confinement (gaussian-wells); domain_radius
//	           (gaussian-wells, himmelblau-modified: default 4.2 filled in)
//	noise:     law, alpha, scale, p_plus (null: the angular law replaces
//	           it), angular ("isotropic" filled in), directions and weights
//	           (null for isotropic; equal weights 1 filled in when omitted)
//	sgd:       start_x an array of d numbers
//
// Absent or inapplicable values are nil (JSON null): "b" for no truncation
// (B nil or +Inf), "alpha" for gaussian, "p_plus" for the symmetric laws
// (pareto and lomax show the default 0.5 when p_plus was omitted), "start"
// and "start_x" when not given. An infinite end of the quadratic basin is
// null, as is any other non-finite number (which Validate rejects). The
// result shares no memory with s.
func (s *Scenario) Canonical() map[string]any {
	l := &s.Landscape
	rd := s.isRd()
	lo, hi := l.DomainOf()
	land := map[string]any{"kind": l.Kind}
	switch {
	case rd:
		land = l.canonicalRd()
	case l.Kind == KindPaper1D:
		land["domain"] = []any{num(lo), num(hi)}
	case l.Kind == KindCriticalPoints:
		land["domain"] = []any{num(lo), num(hi)}
		land["points"] = nums(l.Points)
		land["scale"] = num(l.ScaleOf())
	case l.Kind == KindQuadratic:
		land["scale"] = num(l.ScaleOf())
		land["basin"] = nums(l.Basin)
	}
	n := &s.Noise
	noise := map[string]any{
		"law":    n.Law,
		"alpha":  nil,
		"scale":  num(n.Scale),
		"p_plus": num(n.PPlusOf()),
	}
	if n.Alpha != nil {
		noise["alpha"] = num(*n.Alpha)
	}
	if rd {
		n.canonicalRd(noise)
	}
	g := &s.SGD
	sgd := map[string]any{
		"b":       num(g.BOf()),
		"eta":     nums(g.Eta),
		"start":   nil,
		"start_x": nil,
	}
	if g.Start != nil {
		sgd["start"] = *g.Start
	}
	switch {
	case g.StartX == nil:
	case len(g.StartX) == 1 && !rd:
		sgd["start_x"] = num(g.StartX[0])
	default:
		sgd["start_x"] = nums(g.StartX)
	}
	out := map[string]any{
		"name":      s.Name,
		"landscape": land,
		"noise":     noise,
		"sgd":       sgd,
		"run": map[string]any{
			"samples":   s.Run.Samples,
			"max_steps": s.Run.MaxSteps,
			"seed":      s.Run.Seed,
		},
		"dynamics": nil,
	}
	if d := s.Dynamics; d != nil {
		out["dynamics"] = map[string]any{
			"replicas": d.Replicas,
			"steps":    d.Steps,
			"radius":   num(d.Radius),
			"times":    nums(d.Times),
		}
	}
	return out
}

// canonicalRd returns the canonical [landscape] table on R^d.
func (l *Landscape) canonicalRd() map[string]any {
	land := map[string]any{"kind": l.Kind, "dimension": l.dim()}
	switch l.Kind {
	case KindQuadratic:
		land["hessian"] = rowsNums(l.Hessian)
		land["basin_radius"] = nil
		if l.BasinRadius != nil {
			land["basin_radius"] = num(*l.BasinRadius)
		}
		land["basin_lo"] = nums(l.BasinLo)
		land["basin_hi"] = nums(l.BasinHi)
	case KindGaussianWells:
		land["centers"] = rowsNums(l.Centers)
		land["depths"] = nums(l.Depths)
		land["widths"] = nums(l.Widths)
		land["confinement"] = nil
		if l.Confinement != nil {
			land["confinement"] = num(*l.Confinement)
		}
		land["domain_radius"] = num(l.DomainRadiusOf())
	case KindHimmelblau:
		land["domain_radius"] = num(l.DomainRadiusOf())
	}
	return land
}

// canonicalRd sets the [noise] keys of R^d in the canonical table t.
func (n *Noise) canonicalRd(t map[string]any) {
	t["p_plus"] = nil
	t["angular"] = n.AngularOf()
	t["directions"] = rowsNums(n.Directions)
	t["weights"] = nums(n.Weights)
	if n.Directions != nil && n.Weights == nil {
		w := make([]any, len(n.Directions))
		for k := range w {
			w[k] = 1.0
		}
		t["weights"] = w
	}
}

// rowsNums maps nums over the rows of a matrix; nil stays nil.
func rowsNums(rows [][]float64) []any {
	if rows == nil {
		return nil
	}
	out := make([]any, len(rows))
	for i, r := range rows {
		out[i] = nums(r)
	}
	return out
}

// num returns x, or nil for NaN and ±Inf (which JSON cannot represent).
func num(x float64) any {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	return x
}

// nums maps num over xs; nil stays nil.
func nums(xs []float64) []any {
	if xs == nil {
		return nil
	}
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = num(x)
	}
	return out
}

// MarshalJSON encodes s as its Canonical form, so json.Marshal of a
// Scenario never fails on b = +Inf (it becomes "b": null) and records the
// defaults in effect. Object keys come out sorted.
func (s Scenario) MarshalJSON() ([]byte, error) {
	return json.Marshal(s.Canonical())
}

// TOML returns s encoded as a scenario file that Parse reads back to an
// equal Scenario (absent optional keys stay absent; b = +Inf is written as
// inf).
func (s *Scenario) TOML() ([]byte, error) {
	var buf bytes.Buffer
	enc := toml.NewEncoder(&buf)
	enc.Indent = ""
	if err := enc.Encode(s); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
