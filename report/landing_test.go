package report

import (
	"strings"
	"testing"
)

func TestSortedKeys(t *testing.T) {
	got := sortedKeys(map[string]float64{"10": 0, "2": 0, "-1": 0, "none": 0})
	want := []string{"-1", "2", "10", "none"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("sortedKeys = %v, want %v", got, want)
	}
}

func TestLandingString(t *testing.T) {
	for _, tt := range []struct {
		m    map[string]float64
		want string
	}{
		{nil, "–"},
		{map[string]float64{"3": 0.617, "1": 0.383}, "1:0.383 3:0.617"},
		{nonZero(map[string]float64{"0": 0, "-1": 1}), "-1:1.000"},
	} {
		if got := landingString(tt.m); got != tt.want {
			t.Errorf("landingString(%v) = %q, want %q", tt.m, got, tt.want)
		}
	}
}
