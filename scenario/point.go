package scenario

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Point is a point of R^d written in a scenario file (the key sgd.start_x):
// a plain number for a point of the line (start_x = 0.3), or an array of d
// numbers (start_x = [2.9, 1.0]). Both forms decode to a Point; a Point of
// one coordinate is encoded as a plain number, any other as an array, so a
// 1-D file is written back as it was. nil means the key is absent.
type Point []float64

// UnmarshalTOML decodes a number (integer or float) or an array of numbers.
// Any other TOML value is an error, which Parse reports as a *FieldError
// naming the key.
func (p *Point) UnmarshalTOML(v any) error {
	switch x := v.(type) {
	case float64:
		*p = Point{x}
		return nil
	case int64:
		*p = Point{float64(x)}
		return nil
	case []any:
		out := make(Point, len(x))
		for k, e := range x {
			switch c := e.(type) {
			case float64:
				out[k] = c
			case int64:
				out[k] = float64(c)
			default:
				return fmt.Errorf("must be a number or an array of numbers, got %s at index %d", tomlValueName(e), k)
			}
		}
		*p = out
		return nil
	}
	return fmt.Errorf("must be a number or an array of numbers, got %s", tomlValueName(v))
}

// MarshalTOML encodes p as the TOML encoder writes a float (shortest
// round-trip form with a decimal point or exponent; inf, -inf, nan): one
// coordinate as a plain number, otherwise as an array "[x, y, …]".
func (p Point) MarshalTOML() ([]byte, error) {
	if len(p) == 1 {
		return []byte(tomlFloat(p[0])), nil
	}
	parts := make([]string, len(p))
	for k, x := range p {
		parts[k] = tomlFloat(x)
	}
	return []byte("[" + strings.Join(parts, ", ") + "]"), nil
}

// tomlFloat formats x as github.com/BurntSushi/toml encodes a float64, so
// that a 1-D scenario's TOML text is unchanged by the Point type.
func tomlFloat(x float64) string {
	switch {
	case math.IsNaN(x):
		if math.Signbit(x) {
			return "-nan"
		}
		return "nan"
	case math.IsInf(x, 1):
		return "inf"
	case math.IsInf(x, -1):
		return "-inf"
	}
	s := strconv.FormatFloat(x, 'g', -1, 64)
	if !strings.ContainsAny(s, ".e") {
		s += ".0"
	}
	return s
}

// tomlValueName names the TOML type of a decoded value for a message.
func tomlValueName(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case []any:
		return "an array"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("%T", v)
}
