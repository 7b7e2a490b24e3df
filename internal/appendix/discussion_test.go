package appendix

import (
	"strings"
	"testing"
)

// TestSlopeVerdict checks that the slope's wording follows where its
// interval lies against the prediction −1.4, moved across it both ways.
func TestSlopeVerdict(t *testing.T) {
	for _, tc := range []struct {
		lo, hi float64
		want   string
	}{
		{-1.5, -1.3, "the prediction lies in the 95% interval"},
		{-1.6, -1.45, "steeper than predicted"},
		{-1.35, -1.2, "shallower than predicted"},
	} {
		f := SeriesFit{B: ptr(0.5), PredictedSlope: -1.4, Slope: &LineFit{Slope: (tc.lo + tc.hi) / 2, Low: tc.lo, High: tc.hi, EtaMin: 1e-3, EtaMax: 0.1}}
		got := texOf(t, "discussion.slope", slopeOf(f))
		if !strings.Contains(got, strings.ReplaceAll(tc.want, "%", `\%`)) {
			t.Errorf("[%g, %g]: %q lacks %q", tc.lo, tc.hi, got, tc.want)
		}
	}
}

// TestRatioVerdict checks the wording of R at the smallest η against 1 and
// of R0 against 1, each moved across 1: inside, below, above; and an R0
// interval without an end.
func TestRatioVerdict(t *testing.T) {
	r := &results{theory: TheoryFile{Alpha: 1.2}}
	fit := func(lo, hi *float64) *RatioFitResult {
		return &RatioFitResult{R0: 1, R0Low: lo, R0High: hi, Kappa: 1, LambdaMin: 0.01, LambdaMax: 0.04, Extrapolation: 0.5}
	}
	for _, tc := range []struct {
		name       string
		p          RatioPoint
		r0lo, r0hi *float64
		want       []string
	}{
		{"inside", RatioPoint{Eta: 1e-3, R: 0.98, Low: 0.95, High: 1.02}, ptr(0.9), ptr(1.1),
			[]string{"consistent with the limit 1.", "consistent with the theory's $R_0 = 1$"}},
		{"below", RatioPoint{Eta: 1e-3, R: 0.8, Low: 0.75, High: 0.85}, ptr(0.8), ptr(0.95),
			[]string{": 20.0\\% below the limit.", "which excludes $R_0 = 1$"}},
		{"above", RatioPoint{Eta: 1e-3, R: 1.2, Low: 1.15, High: 1.25}, nil, ptr(1.2),
			[]string{": 20.0\\% above the limit.", "which the data do not bound"}},
	} {
		d, ok := ratioOf(r, SeriesFit{B: ptr(0.5), Jump: 2, Points: []RatioPoint{tc.p}, Ratio: fit(tc.r0lo, tc.r0hi)})
		if !ok {
			t.Fatalf("%s: no ratio", tc.name)
		}
		got := texOf(t, "discussion.ratio", d)
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: %q lacks %q", tc.name, got, w)
			}
		}
	}
}
