//go:build !race

package gen

// raceEnabled reports whether the tests run under the race detector.
const raceEnabled = false
