//go:build !race

package rare

// raceEnabled reports whether the tests run under the race detector.
const raceEnabled = false
