package report

import (
	"math"
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

func TestFmtRange(t *testing.T) {
	for _, tt := range []struct {
		lo, hi *float64
		want   string
	}{
		{Num(1.5), Num(2.25), "[1.5, 2.25]"},
		{Num(1.5), nil, "[1.5, ∞]"},
		{nil, nil, "–"},
		{nil, Num(2), "[–, 2]"},
	} {
		if got := fmtRange(tt.lo, tt.hi, 4); got != tt.want {
			t.Errorf("fmtRange(%v, %v) = %q, want %q", Value(tt.lo), Value(tt.hi), got, tt.want)
		}
	}
	if got := fmtPoint([]float64{2.9, 1, -0.123456}, 4); got != "(2.9, 1, -0.1235)" {
		t.Errorf("fmtPoint = %q", got)
	}
}
