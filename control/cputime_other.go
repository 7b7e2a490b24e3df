//go:build !unix

package control

import "math"

// CPUSeconds returns NaN: the process CPU time is read on unix only.
func CPUSeconds() float64 { return math.NaN() }
