package appendix

import (
	"math"
	"testing"
)

// TestNum checks the number format in both outputs: plain digits between
// 10^−3 and 10^5, m×10^e outside, a power of ten without mantissa, a
// negative number as a formula, a dash for a value that does not exist.
func TestNum(t *testing.T) {
	for _, tt := range []struct {
		x       float64
		sig     int
		tex, md string
	}{
		{0.93712, 3, "0.937", "0.937"},
		{1.0, 3, "1.00", "1.00"},
		{9.996, 3, "10.0", "10.0"},
		{42358.4, 3, "42358", "42358"},
		{671300, 3, `$6.71\times10^{5}$`, "6.71×10⁵"},
		{1e-4, 2, `$10^{-4}$`, "10⁻⁴"},
		{3e-5, 2, `$3.0\times10^{-5}$`, "3.0×10⁻⁵"},
		{-1.2, 3, `$-1.20$`, "−1.20"},
		{0, 3, "0", "0"},
	} {
		n := num(tt.x, tt.sig)
		if got := (latex{}).inline(n); got != tt.tex {
			t.Errorf("num(%g, %d) in LaTeX = %q, want %q", tt.x, tt.sig, got, tt.tex)
		}
		if got := (markdown{}).inline(n); got != tt.md {
			t.Errorf("num(%g, %d) in Markdown = %q, want %q", tt.x, tt.sig, got, tt.md)
		}
	}
	if _, err := mnum(math.NaN(), 3); err == nil {
		t.Error("mnum(NaN): want an error, a formula cannot hold a missing value")
	}
}

// TestPercent checks the percentages: two significant digits below 10%,
// one decimal above, and intervals.
func TestPercent(t *testing.T) {
	for _, tt := range []struct {
		p    *float64
		want string
	}{
		{ptr(0.0168), `1.7\%`},
		{ptr(0.891), `89.1\%`},
		{ptr(0), `0\%`},
		{nil, "--"},
	} {
		if got := (latex{}).inline(pct(tt.p)); got != tt.want {
			t.Errorf("pct(%v) = %q, want %q", tt.p, got, tt.want)
		}
	}
	if got, want := (latex{}).inline(pctCI(ptr(0.5), ptr(0.25), nil)), `50.0\% [25.0\%, --]`; got != want {
		t.Errorf("pctCI = %q, want %q", got, want)
	}
}
