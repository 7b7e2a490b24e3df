//go:build race

package appendix

// raceEnabled reports whether the tests run under the race detector, which
// slows the R² theory (basin map and Monte Carlo constants) about fivefold.
const raceEnabled = true
