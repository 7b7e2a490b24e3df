//go:build !race

package noise

// raceEnabled reports whether the tests run under the race detector.
const raceEnabled = false
