package landscapes

import (
	"math"
	"strings"
	"testing"

	"github.com/htsgd/htsgd/param"
)

// Paper-1d reference numbers of docs/theory.md §4.2.
var (
	paperMinima  = []float64{-1.51148, -0.69927, 0.49624, 1.32209}
	paperSaddles = []float64{-1.3, 0.2, 0.7}
	paperRadii   = []float64{0.2115, 0.6007, 0.2038, 0.6221}
)

func TestDiscoverPaper1D(t *testing.T) {
	p, err := NewPaper1D(-1.6, 1.6)
	if err != nil {
		t.Fatal(err)
	}
	st, err := Discover(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Minima) != 4 || len(st.Saddles) != 3 {
		t.Fatalf("Discover: minima %v, saddles %v; want 4 and 3", st.Minima, st.Saddles)
	}
	if st.Lo != -1.6 || st.Hi != 1.6 || st.OpenLo || st.OpenHi {
		t.Errorf("ends [%v, %v] open (%v, %v), want closed [-1.6, 1.6]", st.Lo, st.Hi, st.OpenLo, st.OpenHi)
	}
	// docs/theory.md §4.2 prints 5 decimals: agreement to half a unit of the last one.
	for i, m := range st.Minima {
		if math.Abs(m-paperMinima[i]) > 5e-6 {
			t.Errorf("m_%d = %.8f, want %v", i+1, m, paperMinima[i])
		}
	}
	// The saddles are double zeros of f: exact up to the rounding of the
	// constants 1.3, 0.2, 0.7 in the formula.
	for i, s := range st.Saddles {
		if math.Abs(s-paperSaddles[i]) > 4e-16 {
			t.Errorf("s_%d = %.17g, want %v", i+1, s, paperSaddles[i])
		}
	}
	// Full precision: f' changes sign between the neighbouring floats of
	// every root found.
	for _, x := range append(append([]float64{}, st.Minima...), st.Saddles...) {
		below, above := p.Deriv(math.Nextafter(x, -2)), p.Deriv(math.Nextafter(x, 2))
		if below*above > 0 && math.Abs(p.Deriv(x)) > 1e-12 {
			t.Errorf("root %.17g: f' = %g, %g, %g around it: not a sign change to one ulp",
				x, below, p.Deriv(x), above)
		}
	}
}

// TestDiscoverPaper1DDomains moves the domain ends, so the grid points fall
// at different places relative to the roots (including exactly on them), and
// checks that the same interior critical points are found.
func TestDiscoverPaper1DDomains(t *testing.T) {
	ref, err := Discover(Paper1D{Lo: -1.6, Hi: 1.6})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		lo, hi         float64
		firstMin, nMin int // the minima expected, as a range of ref.Minima
	}{
		{-1.6, 1.6, 0, 4},
		{-1.55, 1.6, 0, 4},
		{-1.6, 1.62, 0, 4}, // f has a spurious maximum at 1.6327, before the cusp
		{-1.6 + 1e-7, 1.6 - 3e-7, 0, 4},
		{-1.6, 1.6 - 0.3/3.2*1e-4, 0, 4}, // grid points near the saddles
		{-1.2, 1.6, 1, 3},                // first well cut off
		{-1, 0.6, 1, 2},
		{-1, -0.5, 1, 1}, // a single minimum
		{0.3, 0.65, 2, 1},
	}
	for _, tt := range tests {
		st, err := Discover(Paper1D{Lo: tt.lo, Hi: tt.hi})
		if err != nil {
			t.Errorf("domain [%v, %v]: %v", tt.lo, tt.hi, err)
			continue
		}
		wantMin := ref.Minima[tt.firstMin : tt.firstMin+tt.nMin]
		wantSad := ref.Saddles[tt.firstMin : tt.firstMin+tt.nMin-1]
		if !closeSlices(st.Minima, wantMin, 1e-12) || !closeSlices(st.Saddles, wantSad, 1e-15) {
			t.Errorf("domain [%v, %v]: minima %v saddles %v, want %v %v",
				tt.lo, tt.hi, st.Minima, st.Saddles, wantMin, wantSad)
		}
	}
}

func closeSlices(a, b []float64, tol float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Abs(a[i]-b[i]) > tol*math.Max(1, math.Abs(b[i])) {
			return false
		}
	}
	return true
}

func TestDiscoverExact(t *testing.T) {
	cp, err := NewCriticalPoints(2, []float64{-1, 0, 1}, -2, 2)
	if err != nil {
		t.Fatal(err)
	}
	q, err := NewQuadratic(1, -2.1, 1.5)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		l    Line
		want Structure
	}{
		{"critical-points", cp, Structure{Minima: []float64{-1, 1}, Saddles: []float64{0}, Lo: -2, Hi: 2}},
		{"quadratic", q, Structure{Minima: []float64{0}, Lo: -2.1, Hi: 1.5, OpenLo: true, OpenHi: true}},
	}
	for _, tt := range tests {
		st, err := Discover(tt.l)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if !sameStructure(st, tt.want) {
			t.Errorf("%s: Discover = %+v, want %+v", tt.name, st, tt.want)
		}
	}
}

func sameStructure(a, b Structure) bool {
	return closeSlices(a.Minima, b.Minima, 0) && closeSlices(a.Saddles, b.Saddles, 0) &&
		a.Lo == b.Lo && a.Hi == b.Hi && a.OpenLo == b.OpenLo && a.OpenHi == b.OpenHi
}

// TestDiscoverNumeric runs the numerical search on landscapes whose critical
// points are known exactly.
func TestDiscoverNumeric(t *testing.T) {
	mustCP := func(points []float64, lo, hi float64) Line {
		cp, err := NewCriticalPoints(1, points, lo, hi)
		if err != nil {
			t.Fatal(err)
		}
		return hidden{cp}
	}
	tests := []struct {
		name            string
		l               Line
		minima, saddles []float64
		tol             float64
	}{
		{"five wells", mustCP([]float64{-0.9, -0.5, 0.1, 0.35, 0.8, 0.81, 0.95, 0.99, 0.999}, -1, 1),
			[]float64{-0.9, 0.1, 0.8, 0.95, 0.999}, []float64{-0.5, 0.35, 0.81, 0.99}, 1e-14},
		// Three roots inside one coarse cell (width 1e-4): found by the
		// sub-cell refinement.
		{"roots within one cell", mustCP([]float64{3e-5, 4e-5, 5e-5}, -1, 1),
			[]float64{3e-5, 5e-5}, []float64{4e-5}, 1e-14},
		// f' = x vanishes exactly on the grid point 0.
		{"root on a grid point", funcLine{f: func(x float64) float64 { return x * x / 2 },
			d: func(x float64) float64 { return x }, lo: -1, hi: 1},
			[]float64{0}, nil, 0},
		// f' = x(x − 0.3)² touches zero at 0.3 without changing sign: an
		// inflection, not a basin boundary.
		{"touching zero ignored", funcLine{f: math.Sin,
			d: func(x float64) float64 { return x * (x - 0.3) * (x - 0.3) }, lo: -1, hi: 1},
			[]float64{0}, nil, 0},
		// A user-defined landscape: f = −cos(x) on [−4, 10], minima at 0 and
		// 2π, maximum at π.
		{"cosine", funcLine{f: func(x float64) float64 { return -math.Cos(x) }, d: math.Sin, lo: -2, hi: 8},
			[]float64{0, 2 * math.Pi}, []float64{math.Pi}, 1e-15},
	}
	for _, tt := range tests {
		st, err := Discover(tt.l)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if !closeSlices(st.Minima, tt.minima, tt.tol) || !closeSlices(st.Saddles, tt.saddles, tt.tol) {
			t.Errorf("%s: minima %v saddles %v, want %v %v", tt.name, st.Minima, st.Saddles, tt.minima, tt.saddles)
		}
	}
}

func TestDiscoverErrors(t *testing.T) {
	lin := func(d func(float64) float64, lo, hi float64) Line {
		return funcLine{f: func(float64) float64 { return 0 }, d: d, lo: lo, hi: hi}
	}
	tests := []struct {
		name    string
		l       Line
		wantSub string // a fragment of the cause
	}{
		{"paper-1d ending with a maximum", Paper1D{Lo: -1.6, Hi: 0.3}, "last critical point"},
		{"paper-1d starting with a maximum", Paper1D{Lo: -1.4, Hi: 1.6}, "first critical point"},
		// Between 1.6 and the cusp f has a spurious maximum at 1.63274.
		{"paper-1d reaching towards the cusp", Paper1D{Lo: -1.6, Hi: 1.64}, "last critical point"},
		{"paper-1d without critical point", Paper1D{Lo: -0.6, Hi: 0.1}, "does not change sign"},
		{"maximum only", lin(func(x float64) float64 { return -x }, -1, 1), "first critical point"},
		{"zero at the lower end", lin(func(x float64) float64 { return x }, 0, 1), "lower domain end"},
		{"zero at the upper end", lin(func(x float64) float64 { return x - 1 }, 0, 1), "upper domain end"},
		{"flat stretch", lin(func(x float64) float64 {
			return math.Copysign(math.Max(math.Abs(x)-0.1, 0), x)
		}, -1, 1), "vanishes on the whole interval"},
		{"NaN derivative", lin(func(x float64) float64 { return math.Log(x) }, -1, 1), "NaN"},
		{"infinite domain", lin(func(x float64) float64 { return x }, math.Inf(-1), math.Inf(1)), "finite domain"},
		{"NaN domain", lin(func(x float64) float64 { return x }, math.NaN(), 1), "finite domain"},
		{"reversed domain", lin(func(x float64) float64 { return x }, 1, -1), "finite domain"},
	}
	for _, tt := range tests {
		_, err := Discover(tt.l)
		if !isParamErr(err, "landscapes.Line", param.Whole) || !strings.Contains(err.Error(), tt.wantSub) {
			t.Errorf("%s: error %v, want \"landscapes.Line: …%s…\"", tt.name, err, tt.wantSub)
		}
	}
}

func TestBrentRoot(t *testing.T) {
	tests := []struct {
		name  string
		f     func(float64) float64
		a, b  float64
		root  float64
		wantE error
	}{
		{"linear", func(x float64) float64 { return 3*x - 1 }, 0, 1, 1.0 / 3, nil},
		{"cubic", func(x float64) float64 { return x*x*x - 2 }, 0, 2, math.Cbrt(2), nil},
		{"cosine", math.Cos, 1, 2, math.Pi / 2, nil},
		{"steep", func(x float64) float64 { return math.Tanh(1e4 * (x - 0.123)) }, -1, 1, 0.123, nil},
		{"triple root", func(x float64) float64 { return math.Pow(x-0.3, 3) }, 0, 1, 0.3, nil},
		{"endpoint root", func(x float64) float64 { return x }, 0, 1, 0, nil},
		{"no bracket", func(x float64) float64 { return x*x + 1 }, -1, 1, math.NaN(), errBrentNoBracket},
	}
	for _, tt := range tests {
		x, err := brentRoot(tt.f, tt.a, tt.b, tt.f(tt.a), tt.f(tt.b), 1e-300)
		if err != tt.wantE {
			t.Errorf("%s: error %v, want %v", tt.name, err, tt.wantE)
			continue
		}
		if err != nil {
			continue
		}
		// Triple root: f is flat to rounding over ~ε^{1/3}; accept that.
		tol := 4e-16
		if tt.name == "triple root" {
			tol = 1e-5
		}
		if math.Abs(x-tt.root) > tol*math.Max(1, math.Abs(tt.root)) {
			t.Errorf("%s: root %.17g, want %.17g", tt.name, x, tt.root)
		}
	}
}

func BenchmarkDiscoverPaper1D(b *testing.B) {
	p := Paper1D{Lo: -1.6, Hi: 1.6}
	for b.Loop() {
		if _, err := Discover(p); err != nil {
			b.Fatal(err)
		}
	}
}
