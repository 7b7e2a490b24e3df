//go:build race

package main

// raceEnabled reports whether the tests run under the race detector, which
// slows the R^d theory of the modified Himmelblau landscape about fivefold.
const raceEnabled = true
