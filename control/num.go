package control

import (
	"encoding/json"
	"math"
	"strconv"
)

// Num is a float64 that JSON writes as null when it is not finite (a
// metric of a diverged run) and reads back from null as NaN.
type Num float64

// MarshalJSON writes the number, or null for NaN and ±Inf.
func (x Num) MarshalJSON() ([]byte, error) {
	f := float64(x)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, f, 'g', -1, 64), nil
}

// UnmarshalJSON reads a number, or null as NaN.
func (x *Num) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*x = Num(math.NaN())
		return nil
	}
	var f float64
	if err := json.Unmarshal(b, &f); err != nil {
		return err
	}
	*x = Num(f)
	return nil
}

func nan() float64 { return math.NaN() }
