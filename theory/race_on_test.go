//go:build race

package theory

// rdRace reports whether the tests run under the race detector, which slows
// the basin-map flows of the modified Himmelblau tests about fivefold: they
// then check the clipped jump numbers only (the race detector has nothing
// more to find in the second, serial, computation).
const rdRace = true
