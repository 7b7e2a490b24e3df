//go:build !race

package appendix

// raceEnabled reports whether the tests run under the race detector.
const raceEnabled = false
