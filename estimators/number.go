package estimators

import (
	"bytes"
	"math"
	"strconv"
)

// Number is a float64 that may be NaN (not determined by the data) or ±Inf
// (an unbounded interval end) and still encodes as JSON, which has neither:
// a finite value encodes as a JSON number, anything else as null. null
// decodes as NaN, so a decoded unbounded end reads as NaN, not ±Inf; use
// IsFinite to test either. The verdict types (Verdict, LandingVerdict) use it
// for every field the data may leave undetermined.
type Number float64

// IsFinite reports whether x is neither NaN nor ±Inf.
func (x Number) IsFinite() bool {
	return !math.IsNaN(float64(x)) && !math.IsInf(float64(x), 0)
}

// MarshalJSON encodes x as the shortest decimal that reads back as the same
// float64, or as null when x is not finite.
func (x Number) MarshalJSON() ([]byte, error) {
	if !x.IsFinite() {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, float64(x), 'g', -1, 64), nil
}

// UnmarshalJSON decodes a JSON number, or null as NaN.
func (x *Number) UnmarshalJSON(b []byte) error {
	if bytes.Equal(bytes.TrimSpace(b), []byte("null")) {
		*x = Number(math.NaN())
		return nil
	}
	v, err := strconv.ParseFloat(string(bytes.TrimSpace(b)), 64)
	if err != nil {
		return err
	}
	*x = Number(v)
	return nil
}
