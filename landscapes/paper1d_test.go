package landscapes

import (
	"math"
	"testing"

	"github.com/htsgd/htsgd/param"
	"gonum.org/v1/gonum/integrate/quad"
)

func TestNewPaper1D(t *testing.T) {
	tests := []struct {
		name   string
		lo, hi float64
		field  string // "" for success; otherwise the field of Paper1D at fault
	}{
		{"default", -1.6, 1.6, ""},
		{"narrow", -1, -0.5, ""},
		{"just below cusp", -1.6, 1.6499, ""},
		{"nan lo", math.NaN(), 1, "Lo"},
		{"nan hi", -1, math.NaN(), "Hi"},
		{"infinite lo", math.Inf(-1), 1, "Lo"},
		{"infinite hi", -1, math.Inf(1), "Hi"},
		{"reversed", 1, -1, "Hi"},
		{"empty", 0.5, 0.5, "Hi"},
		{"reaches cusp", -1.6, 1.65, "Hi"},
		{"beyond cusp", -1.6, 2, "Hi"},
		{"entirely beyond cusp", 1.7, 2, "Hi"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := NewPaper1D(tt.lo, tt.hi)
			if tt.field == "" {
				if err != nil {
					t.Fatalf("NewPaper1D(%v, %v): unexpected error %v", tt.lo, tt.hi, err)
				}
				if lo, hi := p.Domain(); lo != tt.lo || hi != tt.hi {
					t.Errorf("Domain() = [%v, %v], want [%v, %v]", lo, hi, tt.lo, tt.hi)
				}
				return
			}
			wantParamErr(t, "NewPaper1D", err, "landscapes.Paper1D."+tt.field, param.Whole)
		})
	}
}

// paperLiteral is an independent transcription of the formula of docs/theory.md
// §4.2, written with math.Pow throughout.
func paperLiteral(x float64) float64 {
	return (x + 1.6) * math.Pow(x+1.3, 2) * math.Pow(x-0.2, 2) * math.Pow(x-0.7, 2) * (x - 1.6) *
		math.Pow(0.05*math.Abs(1.65-x), 0.6) *
		(1 + 1/(0.01+4*math.Pow(x-0.5, 2))) *
		(1 + 1/(0.1+4*math.Pow(x+1.5, 2))) *
		(1 - 0.25*math.Exp(-5*math.Pow(x+0.8, 2)))
}

// paperPoints returns n+1 equally spaced points of [lo, hi] plus the zeros of
// f and the reference minima.
func paperPoints(lo, hi float64, n int) []float64 {
	xs := []float64{-1.6, -1.3, 0.2, 0.7, 1.6, -1.51148, -0.69927, 0.49624, 1.32209, 0.5, -1.5, -0.8}
	for i := 0; i <= n; i++ {
		xs = append(xs, lo+(hi-lo)*float64(i)/float64(n))
	}
	return xs
}

func TestPaper1DF(t *testing.T) {
	var p Paper1D
	for _, x := range append(paperPoints(-1.6, 1.6, 1000), paperPoints(1.7, 2.5, 50)...) {
		got, want := p.F(x), paperLiteral(x)
		// Both are products of ~10 correctly rounded factors: a few ulp.
		if relErr(got, want, 1e-300) > 1e-14 {
			t.Errorf("F(%v) = %v, literal formula %v", x, got, want)
		}
	}
	// f vanishes at the roots of its polynomial factor.
	for _, z := range []float64{-1.6, -1.3, 0.2, 0.7, 1.6} {
		if v := p.F(z); math.Abs(v) > 1e-14 {
			t.Errorf("F(%v) = %v, want 0 (to rounding of the root)", z, v)
		}
	}
}

// TestPaper1DDeriv compares the analytic derivative with an eighth-order
// central difference of F. The worst case is the narrow bump at 0.5 (width
// 0.05), where the truncation error h⁸f⁽⁹⁾/630 dominates: measured worst
// relative errors 7.1e-6, 3.3e-8, 1.3e-10 at h = 4e-3, 2e-3, 1e-3 (the h⁸
// law), then 1.3e-12 at h = 5e-4, where rounding (≈ ε·|f|/h) takes over. An
// error in any factor of the product rule would be O(1).
func TestPaper1DDeriv(t *testing.T) {
	var p Paper1D
	const h = 5e-4
	scale := 0.0 // max |f'| on the domain, for an absolute floor
	xs := append(paperPoints(-1.6, 1.6, 2000), paperPoints(1.7, 2.5, 50)...)
	for _, x := range xs {
		scale = math.Max(scale, math.Abs(p.Deriv(x)))
	}
	worst := 0.0
	for _, x := range xs {
		if math.Abs(x-Paper1DCusp) < 20*h { // the stencil must stay clear of the cusp
			continue
		}
		got, want := p.Deriv(x), fd8(p.F, x, h)
		e := math.Abs(got-want) / (math.Abs(want) + 1e-3*scale)
		worst = math.Max(worst, e)
		if e > 1e-10 {
			t.Errorf("Deriv(%v) = %.15g, finite difference %.15g (relative error %.2g)", x, got, want, e)
		}
	}
	t.Logf("max |f'| = %.4g, worst relative error %.3g", scale, worst)
}

// TestPaper1DIntegral checks F(b) − F(a) = ∫_a^b f'(x) dx by Gauss–Legendre
// quadrature over short pieces, a check of Deriv that does not difference F.
func TestPaper1DIntegral(t *testing.T) {
	var p Paper1D
	for i := 0; i < 64; i++ {
		a := -1.6 + 3.2*float64(i)/64
		b := a + 3.2/64
		got := quad.Fixed(p.Deriv, a, b, 30, nil, 0)
		want := p.F(b) - p.F(a)
		if math.Abs(got-want) > 1e-11*(1+math.Abs(p.F(a))+math.Abs(p.F(b))) {
			t.Errorf("∫_%v^%v f' = %.15g, F(b) − F(a) = %.15g", a, b, got, want)
		}
	}
}

func TestPaper1DLine(t *testing.T) {
	p, err := NewPaper1D(-1.6, 1.6)
	if err != nil {
		t.Fatal(err)
	}
	var l Line = p
	if l.Name() != "paper-1d" || l.Dim() != 1 {
		t.Errorf("Name, Dim = %q, %d, want paper-1d, 1", l.Name(), l.Dim())
	}
	x := []float64{0.3}
	if v := l.Value(x); v != p.F(0.3) {
		t.Errorf("Value = %v, want F = %v", v, p.F(0.3))
	}
	dst := make([]float64, 1)
	if g := l.Gradient(dst, x); &g[0] != &dst[0] || g[0] != p.Deriv(0.3) {
		t.Errorf("Gradient = %v, want dst = [%v]", g, p.Deriv(0.3))
	}
	if n := testing.AllocsPerRun(100, func() { sink = p.Deriv(x[0]) }); n != 0 {
		t.Errorf("Deriv allocates %v times per call", n)
	}
}

var sink float64

func BenchmarkPaper1DDeriv(b *testing.B) {
	var p Paper1D
	s := 0.0
	for i := 0; b.Loop(); i++ {
		s += p.Deriv(-1.6 + 3.2*float64(i&1023)/1024)
	}
	sink = s
}

func BenchmarkPaper1DF(b *testing.B) {
	var p Paper1D
	s := 0.0
	for i := 0; b.Loop(); i++ {
		s += p.F(-1.6 + 3.2*float64(i&1023)/1024)
	}
	sink = s
}
