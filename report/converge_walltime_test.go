package report

import "testing"

// TestWallTime: wall times print as durations, beyond 1000 hours in years,
// and a time beyond time.Duration's range (292 years) does not overflow
// into a negative duration.
func TestWallTime(t *testing.T) {
	for _, tc := range []struct {
		seconds float64
		want    string
	}{
		{0.25, "250ms"}, {90, "1m30s"}, {3600, "1h0m0s"}, {4e6, "0.127 years"}, {7.7e11, "2.44e+04 years"}, {0, "–"},
	} {
		if got := wallTime(tc.seconds); got != tc.want {
			t.Errorf("wallTime(%v) = %q, want %q", tc.seconds, got, tc.want)
		}
	}
}
