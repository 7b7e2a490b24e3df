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
// Absent or inapplicable values are nil (JSON null): "b" for no truncation
// (B nil or +Inf), "alpha" for gaussian, "p_plus" for the symmetric laws
// (pareto and lomax show the default 0.5 when p_plus was omitted), "start"
// and "start_x" when not given. An infinite end of the quadratic basin is
// null, as is any other non-finite number (which Validate rejects). The
// result shares no memory with s.
func (s *Scenario) Canonical() map[string]any {
	l := &s.Landscape
	lo, hi := l.DomainOf()
	land := map[string]any{"kind": l.Kind}
	switch l.Kind {
	case KindPaper1D:
		land["domain"] = []any{num(lo), num(hi)}
	case KindCriticalPoints:
		land["domain"] = []any{num(lo), num(hi)}
		land["points"] = nums(l.Points)
		land["scale"] = num(l.ScaleOf())
	case KindQuadratic:
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
	if g.StartX != nil {
		sgd["start_x"] = num(*g.StartX)
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
