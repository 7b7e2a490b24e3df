//go:build race

package rare

// raceEnabled reports whether the tests run under the race detector, which
// slows the statistical checks against brute force about tenfold; they are
// skipped then (their concurrency is that of TestWorkerInvariance).
const raceEnabled = true
