package scenario

import (
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"

	"github.com/BurntSushi/toml"
)

// Parse decodes a scenario file and validates it (see Validate). Decoding is
// strict: a key the format does not define is a *FieldError naming it, and
// so is a missing required key. A malformed value or one of the wrong TOML
// type (a string for a number, a float for an integer, …) is a *FieldError
// naming its key, with the line in Msg; any other TOML syntax error has
// Field "toml" and the line in Msg.
//
// A file longer than MaxFileSize is refused before it is decoded (Field
// "toml").
func Parse(data []byte) (*Scenario, error) {
	if len(data) > MaxFileSize {
		return nil, fieldErr("toml", "the file has %d bytes, more than the %d of scenario.MaxFileSize (a scenario is a few hundred bytes)", len(data), MaxFileSize)
	}
	s := new(Scenario)
	md, err := toml.Decode(string(data), s)
	if err != nil {
		return nil, decodeError(err)
	}
	if u := md.Undecoded(); len(u) > 0 {
		return nil, unknownKey(u[0])
	}
	if err := checkKeyCase(&md); err != nil {
		return nil, err
	}
	if err := checkRequired(&md, s); err != nil {
		return nil, err
	}
	if err := s.Validate(); err != nil {
		return nil, err
	}
	return s, nil
}

// Load reads the file at path and parses it with Parse. A read failure is
// returned wrapped ("scenario: " prefix), so errors.Is(err, fs.ErrNotExist)
// works; every other error is a *FieldError.
//
// Load reads at most MaxFileSize+1 bytes, so that a huge file (or a device
// that never ends) is refused without being read whole.
func Load(path string) (*Scenario, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("scenario: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("scenario: %w", err)
	}
	return Parse(data)
}

// decodeMsg matches the errors of the TOML decoder that are not ParseErrors:
// `toml: line 3 (last key "noise.alpha"): incompatible types: …`. They are
// the one error text this package reads: github.com/BurntSushi/toml v1.6
// returns a value of the wrong type as a plain fmt error, with no typed
// key or position (only its syntax errors are a toml.ParseError).
var decodeMsg = regexp.MustCompile(`^toml: line (\d+) \(last key "([^"]*)"\): (.*)$`)

// typeMsg matches the decoder's type-mismatch message.
var typeMsg = regexp.MustCompile(`^incompatible types: TOML value has type (\S+); destination has type (\S+)$`)

// tomlTypeName names a Go or TOML type of a decoder message for a user.
func tomlTypeName(t string) string {
	switch t {
	case "float", "float64":
		return "a number"
	case "integer", "int64":
		return "an integer"
	case "slice", "[]any":
		return "an array"
	case "string":
		return "a string"
	case "bool":
		return "a boolean"
	}
	return t
}

// decodeError turns an error of toml.Decode into a *FieldError: a syntax
// error (toml.ParseError) in a value, or a value of the wrong type or range,
// gets the key it concerns; any other syntax error (in a key or a table
// header) gets Field "toml". The message gives the line.
func decodeError(err error) *FieldError {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		// The parser's last key is the key whose value was being read
		// when it is dotted ("noise.alpha"); an undotted one is only the
		// current table (the error is in a key or a header).
		field := "toml"
		if strings.Contains(pe.LastKey, ".") {
			field = pe.LastKey
		}
		return fieldErr(field, "line %d: %s", pe.Position.Line, pe.Message)
	}
	if m := decodeMsg.FindStringSubmatch(err.Error()); m != nil && m[2] != "" {
		msg := m[3]
		if t := typeMsg.FindStringSubmatch(msg); t != nil {
			msg = fmt.Sprintf("must be %s, got %s", tomlTypeName(t[2]), tomlTypeName(t[1]))
		}
		return fieldErr(m[2], "line %s: %s", m[1], msg)
	}
	return &FieldError{Field: "toml", Err: errors.New(strings.TrimPrefix(err.Error(), "toml: "))}
}

// knownKeys lists the keys of each table, for the message of an unknown key.
var knownKeys = map[string]string{
	"":          "name, [landscape], [noise], [sgd], [run], [dynamics]",
	"landscape": "kind, points, scale, domain, basin, dimension, hessian, basin_radius, basin_lo, basin_hi, centers, depths, widths, confinement, domain_radius",
	"noise":     "law, alpha, scale, p_plus, angular, directions, weights",
	"sgd":       "b, eta, start, start_x",
	"run":       "samples, max_steps, seed",
	"dynamics":  "replicas, steps, radius, times",
}

// unknownKey returns the error for a key that was not decoded.
func unknownKey(k toml.Key) *FieldError {
	table := ""
	if len(k) > 1 {
		table = k[0]
	}
	if known, ok := knownKeys[table]; ok {
		where := "the file's top level"
		if table != "" {
			where = "[" + table + "]"
		}
		return fieldErr(k.String(), "unknown key (%s has %s)", where, known)
	}
	return fieldErr(k.String(), "unknown key")
}

// checkKeyCase reports the first key of the file that is not written in
// lower case. The decoder matches keys to the format's case-insensitively
// ("AlphA" sets alpha), but every key of the format is lower case, so a key
// in another case is a misspelling the file should not get away with.
func checkKeyCase(md *toml.MetaData) error {
	for _, k := range md.Keys() {
		for _, part := range k {
			if part != strings.ToLower(part) {
				return fieldErr(k.String(), "keys are lower case: write %q", strings.ToLower(k.String()))
			}
		}
	}
	return nil
}

// checkRequired reports the first required key (in file order) that the
// decoded file lacks. Keys whose absence has a meaning (optional pointers) or
// whose requirement depends on the kind or law (points, domain, basin, alpha)
// are left to Validate.
func checkRequired(md *toml.MetaData, s *Scenario) error {
	req := [][]string{
		{"name"},
		{"landscape", "kind"},
		{"noise", "law"},
		{"noise", "scale"},
		{"sgd", "eta"},
		{"run", "samples"},
		{"run", "max_steps"},
		{"run", "seed"},
	}
	if s.Dynamics != nil {
		req = append(req,
			[]string{"dynamics", "replicas"},
			[]string{"dynamics", "steps"},
			[]string{"dynamics", "radius"})
		if !s.isRd() { // the R^d trajectory experiment may go without times
			req = append(req, []string{"dynamics", "times"})
		}
	}
	for _, k := range req {
		if !md.IsDefined(k...) {
			return fieldErr(strings.Join(k, "."), "required")
		}
	}
	return nil
}
