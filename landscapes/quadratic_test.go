package landscapes

import (
	"math"
	"testing"

	"github.com/htsgd/htsgd/param"
)

func TestNewQuadratic(t *testing.T) {
	tests := []struct {
		name    string
		k, a, c float64
		field   string // "" for success; otherwise the field of Quadratic at fault
	}{
		{"docs fixture", 1, -2.1, 1.5, ""},
		{"infinite side", 2, math.Inf(-1), 1, ""},
		{"zero scale", 0, -1, 1, "K"},
		{"NaN scale", math.NaN(), -1, 1, "K"},
		{"infinite scale", math.Inf(1), -1, 1, "K"},
		{"a = 0", 1, 0, 1, "A"},
		{"a > 0", 1, 0.5, 1, "A"},
		{"c = 0", 1, -1, 0, "C"},
		{"NaN a", 1, math.NaN(), 1, "A"},
		{"NaN c", 1, -1, math.NaN(), "C"},
	}
	for _, tt := range tests {
		q, err := NewQuadratic(tt.k, tt.a, tt.c)
		if tt.field == "" {
			if err != nil || q != (Quadratic{K: tt.k, A: tt.a, C: tt.c}) {
				t.Errorf("%s: got %+v, %v", tt.name, q, err)
			}
			continue
		}
		wantParamErr(t, tt.name, err, "landscapes.Quadratic."+tt.field, param.Whole)
	}
}

func TestQuadratic(t *testing.T) {
	q, err := NewQuadratic(3, -2.1, 1.5)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range []float64{-5, -2.1, -0.3, 0, 1, 1.5, 4} {
		if q.F(x) != 1.5*x*x || q.Deriv(x) != 3*x || q.SecondDeriv(x) != 3 {
			t.Errorf("x = %v: F, Deriv, SecondDeriv = %v, %v, %v", x, q.F(x), q.Deriv(x), q.SecondDeriv(x))
		}
	}
	lo, hi := q.Domain()
	if !math.IsInf(lo, -1) || !math.IsInf(hi, 1) {
		t.Errorf("Domain() = [%v, %v], want (−Inf, +Inf)", lo, hi)
	}
	if q.Name() != "quadratic" || q.Dim() != 1 {
		t.Errorf("Name, Dim = %q, %d", q.Name(), q.Dim())
	}
	x := []float64{0.4}
	if q.Value(x) != q.F(0.4) || q.Gradient(make([]float64, 1), x)[0] != q.Deriv(0.4) {
		t.Errorf("Value, Gradient disagree with F, Deriv")
	}
	st := q.Structure()
	want := Structure{Minima: []float64{0}, Lo: -2.1, Hi: 1.5, OpenLo: true, OpenHi: true}
	if !sameStructure(st, want) {
		t.Errorf("Structure() = %+v, want %+v", st, want)
	}
	// docs/theory.md §10.2: r = min(2.1, 1.5) = 1.5.
	if r := st.Radius(0); r != 1.5 {
		t.Errorf("Radius(0) = %v, want 1.5", r)
	}
}
