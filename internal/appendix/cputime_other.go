//go:build !unix

package appendix

import "math"

// cpuSeconds returns NaN: the process CPU time is read on unix only.
func cpuSeconds() float64 { return math.NaN() }
