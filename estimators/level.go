package estimators

import (
	"fmt"
	"math"
)

// CheckLevel reports whether level is a usable confidence level, i.e. a
// number in the open interval (0, 1). The error names the parameter "level".
func CheckLevel(level float64) error {
	return checkLevel("level", level)
}

// checkLevel is CheckLevel with the parameter name chosen by the caller.
func checkLevel(name string, level float64) error {
	if !(level > 0 && level < 1) { // also rejects NaN
		return fmt.Errorf("%s: must be in (0, 1), got %v", name, level)
	}
	return nil
}

// validLevel is the NaN-returning functions' version of checkLevel.
func validLevel(level float64) bool {
	return level > 0 && level < 1
}

// finiteNonNeg reports whether x is a finite number ≥ 0.
func finiteNonNeg(x float64) bool {
	return x >= 0 && !math.IsInf(x, 1)
}
