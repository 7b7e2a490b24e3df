package control

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/htsgd/htsgd/scenario"
)

// ParseSpec parses a control scenario from TOML over DefaultSpec and
// validates it. Every error is a *scenario.FieldError naming the key: an
// unknown key, a value of the wrong type, a value out of range, or "toml"
// for a syntax error.
func ParseSpec(src string) (*Spec, error) {
	s := DefaultSpec()
	s.Methods = nil
	s.Network.Hidden = nil
	s.Sweep.B, s.Sweep.Alpha = nil, nil
	md, err := toml.Decode(src, &s)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, &scenario.FieldError{Field: "toml", Err: fmt.Errorf("line %d: %s", pe.Position.Line, pe.Message)}
		}
		return nil, &scenario.FieldError{Field: typeErrorField(err.Error()), Err: err}
	}
	if und := md.Undecoded(); len(und) > 0 {
		return nil, &scenario.FieldError{Field: und[0].String(), Err: errors.New("unknown key")}
	}
	def := DefaultSpec()
	if !md.IsDefined("methods") {
		s.Methods = def.Methods
	}
	if !md.IsDefined("network", "hidden") {
		s.Network.Hidden = def.Network.Hidden
	}
	if !md.IsDefined("sweep", "b") {
		s.Sweep.B = def.Sweep.B
	}
	if !md.IsDefined("sweep", "alpha") {
		s.Sweep.Alpha = def.Sweep.Alpha
	}
	if err := s.Validate(); err != nil {
		return nil, err
	}
	return &s, nil
}

// typeErrorField picks the key out of a decoding error of the toml
// package ("toml: line 3 (last key "train.eta"): incompatible types: …").
func typeErrorField(msg string) string {
	if i := strings.Index(msg, `last key "`); i >= 0 {
		rest := msg[i+len(`last key "`):]
		if j := strings.IndexByte(rest, '"'); j >= 0 {
			return rest[:j]
		}
	}
	return "toml"
}

// LoadSpec reads and parses the scenario file path.
func LoadSpec(path string) (*Spec, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParseSpec(string(b))
}
