//go:build race

package noise

// raceEnabled reports whether the tests run under the race detector, which
// slows the numerical stable CDF about sixfold; see ksSampleSize.
const raceEnabled = true
