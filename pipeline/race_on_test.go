//go:build race

package pipeline

// raceEnabled reports a test binary built with -race, whose simulations
// run about ten times slower: the longest statistical tests skip.
const raceEnabled = true
