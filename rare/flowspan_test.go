package rare

import (
	"math"
	"testing"

	"github.com/htsgd/htsgd/landscapes"
)

// TestFlowSpanQuadratic checks FlowSpan on f = k·x²/2, where the flow clock
// is φ(d) = ln(d/s)/k: D_2 = φ(b) = ln(b/s)/k, and for every J ≥ 2 the
// longest sequence waits at the lowest allowed distance after its first
// jump and jumps straight on after, so D_J = ln(b/s)/k as well (by
// induction V_k(d) = ln(d/a_k)/k: the maximand ln(d/y) + ln((y+b)/a_{k+1})
// decreases in y, so y = a_k, and a_k + b = a_{k+1}). D_1 = 0. Tolerance
// 10^−3 relative: the grid of 2000 cells and linear interpolation at every
// level (6 levels for J = 8 with s = b/5) leave about 3·10^−4.
func TestFlowSpanQuadratic(t *testing.T) {
	for _, c := range []struct {
		k, r, b float64
		j       int
	}{
		{1, 1.5, 1, 2},     // s = 0.5
		{2, 1.5, 0.6, 3},   // s = 0.3
		{0.5, 2.1, 0.6, 4}, // s = 0.3
		{1, 0.62, 0.25, 3}, // s = 0.12
		{3, 0.9, 0.125, 8}, // s = 0.025
		{1, 1.5, math.Inf(1), 1},
	} {
		q, err := landscapes.NewQuadratic(c.k, -5, c.r)
		if err != nil {
			t.Fatal(err)
		}
		got, err := FlowSpan(q, 0, c.r, c.b, c.j)
		if err != nil {
			t.Fatalf("%+v: %v", c, err)
		}
		want := 0.0
		if c.j > 1 {
			s := c.r - float64(c.j-1)*c.b
			want = math.Log(c.b/s) / c.k
		}
		if math.Abs(got-want) > 1e-3*math.Max(want, 1e-3) {
			t.Errorf("%+v: D = %.9g, want %.9g", c, got, want)
		}
	}
}

// TestFlowSpanPaper cross-checks FlowSpan on paper-1d (m_2 = −0.69927 to
// the saddle −1.3, b = 0.25, J = 3, slack 0.1007) against an independent
// computation: the flow times by RK4 integration of dy/dt = −f'(y) in time
// (not the quadrature in space of FlowSpan), maximised over the position y
// after the first gap on a grid: D_3 = max_y T(m−b → y) + T(y−b → s+b).
func TestFlowSpanPaper(t *testing.T) {
	l, err := landscapes.NewPaper1D(landscapes.Paper1DLo, landscapes.Paper1DHi)
	if err != nil {
		t.Fatal(err)
	}
	st, err := landscapes.Discover(l)
	if err != nil {
		t.Fatal(err)
	}
	m, s, b := st.Minima[1], st.Saddles[0], 0.25
	got, err := FlowSpan(l, m, s, b, 3)
	if err != nil {
		t.Fatal(err)
	}
	// flowTime integrates from x (left of m) until the flow reaches y > x.
	flowTime := func(x, y float64) float64 {
		const h = 1e-4
		tm := 0.0
		f := func(z float64) float64 { return -l.Deriv(z) }
		for x < y {
			k1 := f(x)
			k2 := f(x + h/2*k1)
			k3 := f(x + h/2*k2)
			k4 := f(x + h*k3)
			nx := x + h/6*(k1+2*k2+2*k3+k4)
			if nx >= y { // last partial step, linear in time
				tm += h * (y - x) / (nx - x)
				break
			}
			x = nx
			tm += h
		}
		return tm
	}
	slack := (m - s) - 2*b
	best := 0.0
	for i := 0; i <= 200; i++ {
		// y: where the first gap ends, distance from m in [slack, b].
		dist := slack + (b-slack)*float64(i)/200
		d := flowTime(m-b, m-dist) + flowTime(m-dist-b, s+b)
		best = math.Max(best, d)
	}
	t.Logf("FlowSpan %.5f, RK4 grid maximum %.5f", got, best)
	if math.Abs(got-best) > 2e-3*best {
		t.Errorf("FlowSpan = %.6f, independent RK4 maximum %.6f", got, best)
	}
}

// TestFlowTimeQuadratic checks FlowTime against ln(d1/d0)/k on f = k·x²/2.
func TestFlowTimeQuadratic(t *testing.T) {
	q, err := landscapes.NewQuadratic(2.5, -3, 3)
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range []float64{-1, 1} {
		got, err := FlowTime(q, 0, dir, 0.01, 0.5)
		if err != nil {
			t.Fatal(err)
		}
		if want := math.Log(50) / 2.5; math.Abs(got-want) > 1e-9 {
			t.Errorf("dir %v: %.12g, want %.12g", dir, got, want)
		}
	}
}

// TestFlowSpanErrors checks that impossible inputs are reported.
func TestFlowSpanErrors(t *testing.T) {
	q, err := landscapes.NewQuadratic(1, -2.1, 1.5)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		s, b float64
		j    int
	}{
		{"j = 0", 1.5, 1, 0},
		{"J too small", 1.5, 0.5, 2}, // slack 1 > b
		{"J too large", 1.5, 1, 3},   // slack −0.5
		{"b infinite", 1.5, math.Inf(1), 2},
	} {
		if _, err := FlowSpan(q, 0, c.s, c.b, c.j); err == nil {
			t.Errorf("%s: no error", c.name)
		}
	}
	if _, err := FlowTime(q, 0, 1, 0.5, 0.1); err == nil {
		t.Error("FlowTime with d0 > d1: no error")
	}
}
