//go:build race

package rng

// raceEnabled reports whether the tests run under the race detector, which
// slows the generators by an order of magnitude; statistical tests use it to
// size their samples so that `go test -race ./rng` stays within ~20 s.
const raceEnabled = true
