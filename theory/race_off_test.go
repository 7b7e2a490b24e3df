//go:build !race

package theory

// rdRace reports whether the tests run under the race detector.
const rdRace = false
