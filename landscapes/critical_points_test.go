package landscapes

import (
	"math"
	"testing"

	"github.com/htsgd/htsgd/param"
	"gonum.org/v1/gonum/integrate/quad"
)

func TestNewCriticalPoints(t *testing.T) {
	inf, W := math.Inf(1), param.Whole
	tests := []struct {
		name   string
		scale  float64
		points []float64
		lo, hi float64
		field  string // "" for success; otherwise the field of CriticalPoints at fault
		index  int    // and the element at fault
	}{
		{"one minimum", 1, []float64{0}, -1, 1, "", 0},
		{"three", 2, []float64{-1, 0, 1}, -2, 2, "", 0},
		{"unbounded domain", 2, []float64{-1, 0, 1}, -inf, inf, "", 0},
		{"zero scale", 0, []float64{0}, -1, 1, "Scale", W},
		{"negative scale", -1, []float64{0}, -1, 1, "Scale", W},
		{"NaN scale", math.NaN(), []float64{0}, -1, 1, "Scale", W},
		{"infinite scale", inf, []float64{0}, -1, 1, "Scale", W},
		{"no points", 1, nil, -1, 1, "Points", W},
		{"even count", 1, []float64{-0.5, 0.5}, -1, 1, "Points", W},
		{"not increasing", 1, []float64{0, 0.5, 0.2}, -1, 1, "Points", 2},
		{"repeated", 1, []float64{0, 0.5, 0.5}, -1, 1, "Points", 2},
		{"NaN point", 1, []float64{0, math.NaN(), 0.5}, -1, 1, "Points", 1},
		{"infinite point", 1, []float64{inf}, -inf, inf, "Points", 0},
		{"point on the edge", 1, []float64{-1, 0, 0.5}, -1, 1, "Points", 0},
		{"point outside", 1, []float64{0, 0.5, 2}, -1, 1, "Points", 2},
		{"NaN domain", 1, []float64{0}, math.NaN(), 1, "Domain", W},
		{"reversed domain", 1, []float64{0}, 1, -1, "Domain", W},
	}
	for _, tt := range tests {
		_, err := NewCriticalPoints(tt.scale, tt.points, tt.lo, tt.hi)
		if tt.field == "" {
			if err != nil {
				t.Errorf("%s: unexpected error %v", tt.name, err)
			}
			continue
		}
		wantParamErr(t, tt.name, err, "landscapes.CriticalPoints."+tt.field, tt.index)
	}
}

func TestCriticalPoints(t *testing.T) {
	points := []float64{-1.2, -0.5, 0.3, 0.9, 1.4}
	cp, err := NewCriticalPoints(0.7, points, -2, 2)
	if err != nil {
		t.Fatal(err)
	}
	points[0] = -5 // the constructor copied the points
	if got := cp.Points(); got[0] != -1.2 || cp.Scale() != 0.7 {
		t.Fatalf("Points, Scale = %v, %v; want a copy of the input and 0.7", got, cp.Scale())
	}
	if cp.F(0) != 0 {
		t.Errorf("F(0) = %v, want 0 (normalisation)", cp.F(0))
	}
	for i := 0; i <= 200; i++ {
		x := -2 + 4*float64(i)/200
		// Deriv is the defining product.
		want := 0.7 * (x + 1.2) * (x + 0.5) * (x - 0.3) * (x - 0.9) * (x - 1.4)
		if relErr(cp.Deriv(x), want, 1e-12) > 1e-14 {
			t.Errorf("Deriv(%v) = %v, want %v", x, cp.Deriv(x), want)
		}
		// F is its antiderivative from 0: Gauss–Legendre with 3 nodes is
		// exact for the degree-5 integrand, up to rounding.
		var integral float64
		if x >= 0 {
			integral = quad.Fixed(cp.Deriv, 0, x, 3, nil, 0)
		} else {
			integral = -quad.Fixed(cp.Deriv, x, 0, 3, nil, 0)
		}
		if math.Abs(cp.F(x)-integral) > 1e-13*(1+math.Abs(integral)) {
			t.Errorf("F(%v) = %.15g, ∫_0^x f' = %.15g", x, cp.F(x), integral)
		}
		// The exact f'' agrees with a difference of f'.
		if e := relErr(cp.SecondDeriv(x), fd8(cp.Deriv, x, 1e-2), 1); e > 1e-12 {
			t.Errorf("SecondDeriv(%v) = %v, difference %v", x, cp.SecondDeriv(x), fd8(cp.Deriv, x, 1e-2))
		}
	}
	want := Structure{Minima: []float64{-1.2, 0.3, 1.4}, Saddles: []float64{-0.5, 0.9}, Lo: -2, Hi: 2}
	if st := cp.Structure(); !sameStructure(st, want) {
		t.Errorf("Structure() = %+v, want %+v", st, want)
	}
	var l Line = cp
	lo, hi := l.Domain()
	if l.Name() != "critical-points" || l.Dim() != 1 || lo != -2 || hi != 2 {
		t.Errorf("Name, Dim, Domain = %q, %d, [%v, %v]", l.Name(), l.Dim(), lo, hi)
	}
	x := []float64{0.1}
	if l.Value(x) != cp.F(0.1) || l.Gradient(make([]float64, 1), x)[0] != cp.Deriv(0.1) {
		t.Errorf("Value, Gradient disagree with F, Deriv")
	}
	if n := testing.AllocsPerRun(100, func() { sink = cp.Deriv(x[0]) }); n != 0 {
		t.Errorf("Deriv allocates %v times per call", n)
	}
}

func TestExpand(t *testing.T) {
	// (x − 1)(x + 2)(x − 3) = x³ − 2x² − 5x + 6.
	got := expand([]float64{1, -2, 3})
	want := []float64{6, -5, -2, 1}
	if !closeSlices(got, want, 0) {
		t.Errorf("expand = %v, want %v", got, want)
	}
	// ∫_0^x: 6x − 5x²/2 − 2x³/3 + x⁴/4.
	if a := antiderivative(want); !closeSlices(a, []float64{0, 6, -2.5, -2.0 / 3, 0.25}, 1e-16) {
		t.Errorf("antiderivative = %v", a)
	}
}

func BenchmarkCriticalPointsDeriv(b *testing.B) {
	cp, err := NewCriticalPoints(1, []float64{-1.2, -0.5, 0.3, 0.9, 1.4}, -2, 2)
	if err != nil {
		b.Fatal(err)
	}
	s := 0.0
	for i := 0; b.Loop(); i++ {
		s += cp.Deriv(-2 + 4*float64(i&1023)/1024)
	}
	sink = s
}
