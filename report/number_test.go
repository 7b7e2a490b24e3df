package report

import (
	"bytes"
	"math"
	"strings"
	"testing"
)

func TestNum(t *testing.T) {
	for _, x := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		if Num(x) != nil {
			t.Errorf("Num(%v) is not nil", x)
		}
	}
	if p := Num(2.5); p == nil || *p != 2.5 {
		t.Error("Num(2.5)")
	}
	if !math.IsNaN(Value(nil)) || Value(Num(3)) != 3 {
		t.Error("Value")
	}
}

// TestFmtSig checks the rule of number.go: 4 significant digits with
// their trailing zeros, plain decimals from 10⁻³ up to 10⁵, scientific
// notation beyond (decided after rounding).
func TestFmtSig(t *testing.T) {
	for _, tt := range []struct {
		x    float64
		want string
	}{
		{3357.0416, "3357"}, {0.90587, "0.9059"}, {1.2, "1.200"}, {12.5, "12.50"}, {0, "0"},
		{98765, "98765"}, {108511.7, "1.085e+05"}, {99999.6, "1.000e+05"}, {0.0012346, "0.001235"},
		{0.00099996, "0.001000"}, {0.00025, "2.500e-04"}, {-0.5, "-0.5000"},
	} {
		got := fmtSig(tt.x, sigDigits, needsExponent(tt.x, sigDigits))
		if got != tt.want {
			t.Errorf("fmtSig(%v) = %q, want %q", tt.x, got, tt.want)
		}
	}
	for _, tt := range []struct {
		p    *float64
		want string
	}{
		{Num(0.29), "0.29"}, {Num(0.0616), "0.062"}, {Num(1), "1.0"}, {Num(0.0074), "0.0074"}, {Num(0.0004), "<0.001"}, {nil, "–"},
	} {
		if got := fmtPValue(tt.p); got != tt.want {
			t.Errorf("fmtPValue(%v) = %q, want %q", Value(tt.p), got, tt.want)
		}
	}
	for x, want := range map[float64]string{math.Inf(1): "inf", math.Inf(-1): "-inf", math.NaN(): "", 0.1: "0.1", 1e-300: "1e-300"} {
		if got := csvFloat(x); got != want {
			t.Errorf("csvFloat(%v) = %q, want %q", x, got, want)
		}
	}
}

// TestFmtRange: an interval inline has both ends in one notation (the
// finding "[9866, 1.2e+04]"), without trailing zeros; a missing upper end
// is ∞.
func TestFmtRange(t *testing.T) {
	for _, tt := range []struct {
		lo, hi *float64
		want   string
	}{
		{Num(1.5), Num(2.25), "[1.5, 2.25]"},
		{Num(9866), Num(12040), "[9866, 12040]"},
		{Num(9866), Num(1.2e5), "[9.866e+03, 1.2e+05]"},
		{Num(1.5), nil, "[1.5, ∞]"},
		{nil, nil, "–"},
		{nil, Num(2), "[–, 2]"},
	} {
		if got := fmtRange(tt.lo, tt.hi, 4); got != tt.want {
			t.Errorf("fmtRange(%v, %v) = %q, want %q", Value(tt.lo), Value(tt.hi), got, tt.want)
		}
	}
	if got := fmtPoint([]float64{2.9, 1, -0.123456, 1e-9}, 4); got != "(2.9, 1, -0.1235, 1e-09)" {
		t.Errorf("fmtPoint = %q", got)
	}
}

// TestTableColumnNotation: a column with one number of 10⁵ or more is
// written in scientific notation throughout, intervals included; the
// other columns keep plain decimals.
func TestTableColumnNotation(t *testing.T) {
	var buf bytes.Buffer
	tb := newTable(&buf, "mean (95% CI)", "ratio")
	_ = tb.Append(numCI(Num(3357), Num(2335), Num(5239)), numF(0.9059))
	_ = tb.Append(numCI(Num(1.085e5), Num(7.546e4), Num(1.694e5)), numF(0.7747))
	if err := tb.Render(); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{"3.357e+03 [2.335e+03, 5.239e+03]", "1.085e+05 [7.546e+04, 1.694e+05]", "0.9059", "0.7747"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	buf.Reset()
	tb = newTable(&buf, "mean (95% CI)")
	_ = tb.Append(numCI(Num(3357), Num(2335), Num(5239)))
	_ = tb.Append(numCI(nil, Num(2.169e4), nil))
	if err := tb.Render(); err != nil {
		t.Fatal(err)
	}
	if out := buf.String(); !strings.Contains(out, "3357 [2335, 5239]") || !strings.Contains(out, "– [21690, ∞]") {
		t.Errorf("plain column:\n%s", out)
	}
}
