package scenario

import "encoding/json"

// Source is the scenario a Plan was built from, kept for the outputs that
// quote it (the "scenario" object of a report, the scenario text of a record
// file). It is opaque to a run: nothing in it changes what a Plan does, and
// a variant of a Plan (WithoutTruncation, WithLaw) keeps the Source of the
// plan it comes from. Its methods on a nil *Source describe no scenario.
type Source struct {
	s *Scenario // a private copy, never modified
}

// newSource returns the Source of s (a copy).
func newSource(s *Scenario) *Source { return &Source{s: s.Clone()} }

// Name returns the scenario's name ("" for nil).
func (src *Source) Name() string {
	if src == nil {
		return ""
	}
	return src.s.Name
}

// Scenario returns a copy of the scenario (nil for nil).
func (src *Source) Scenario() *Scenario {
	if src == nil {
		return nil
	}
	return src.s.Clone()
}

// MarshalJSON encodes the scenario's canonical form (Scenario.Canonical:
// every default filled in), or null for nil.
func (src *Source) MarshalJSON() ([]byte, error) {
	if src == nil {
		return []byte("null"), nil
	}
	return json.Marshal(src.s.Canonical())
}

// TOML returns the scenario as a scenario file that Parse reads back to the
// same Scenario (Scenario.TOML), or nil for nil.
func (src *Source) TOML() ([]byte, error) {
	if src == nil {
		return nil, nil
	}
	return src.s.TOML()
}
