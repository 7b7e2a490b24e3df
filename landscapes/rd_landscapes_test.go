package landscapes

import (
	"math"
	"testing"

	"github.com/htsgd/htsgd/param"
)

// numGrad returns the central finite-difference gradient of l at x.
func numGrad(l Landscape, x []float64) []float64 {
	g := make([]float64, len(x))
	y := append([]float64(nil), x...)
	for k := range x {
		h := 1e-6 * (1 + math.Abs(x[k]))
		y[k] = x[k] + h
		fp := l.Value(y)
		y[k] = x[k] - h
		fm := l.Value(y)
		y[k] = x[k]
		g[k] = (fp - fm) / (2 * h)
	}
	return g
}

func mustHimmelblau(t testing.TB) HimmelblauModified {
	h, err := NewHimmelblauModified(PaperHimmelblau())
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func TestRdGradientsMatchFiniteDifferences(t *testing.T) {
	q, err := NewQuadraticRd([][]float64{{2, 0.5, 0}, {0.5, 1, 0.2}, {0, 0.2, 3}}, 1)
	if err != nil {
		t.Fatal(err)
	}
	g, err := NewGaussianWells([][]float64{{-1, 0}, {1.5, 0.5}}, []float64{1, 2}, []float64{0.8, 0.3}, 0.5)
	if err != nil {
		t.Fatal(err)
	}
	h := mustHimmelblau(t)
	tests := []struct {
		name string
		l    Landscape
		x    []float64
	}{
		{"quadratic-3d", q, []float64{0.3, -0.2, 0.7}},
		{"wells-near-sharp", g, []float64{1.4, 0.6}},
		{"wells-between", g, []float64{0.2, -0.3}},
		{"himmelblau-m3-region", h, []float64{2.7, 1.3}},
		{"himmelblau-m1-region", h, []float64{-1.2, 2.0}},
		{"himmelblau-cut-zone", h, []float64{-2.5, -2.7}},  // c_1|y − a_y|^1.1 < h_φ
		{"himmelblau-cut-hphi", h, []float64{-1.8, -2.86}}, // h_φ < cut near its minimizer
		{"himmelblau-outside-cut", h, []float64{0.5, -2.0}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.l.Gradient(make([]float64, len(tc.x)), tc.x)
			want := numGrad(tc.l, tc.x)
			for k := range got {
				// Central differences with h ≈ 1e-6 are accurate to about
				// 1e-8 relative here (smooth pieces, away from the kinks).
				if math.Abs(got[k]-want[k]) > 1e-5*(1+math.Abs(want[k])) {
					t.Errorf("∂_%d f = %v, finite difference %v", k, got[k], want[k])
				}
			}
		})
	}
}

func TestHimmelblauPaperPoints(t *testing.T) {
	h := mustHimmelblau(t)
	// With c_x = a_x = 1.5, s(1.5) = 2 maps Himmelblau's minimum (3, 2) to
	// m_3 = (3, 1) exactly: f = 0 and ∇f = 0 there.
	if v := h.Value([]float64{3, 1}); v != 0 {
		t.Errorf("f(3, 1) = %v, want 0", v)
	}
	g := h.Gradient(make([]float64, 2), []float64{3, 1})
	if g[0] != 0 || g[1] != 0 {
		t.Errorf("∇f(3, 1) = %v, want 0", g)
	}
	// The cut's zero set y = a_y inside [b_l, b_r] is flat at 0.
	for _, x := range []float64{-3, -2, -0.6} {
		if v := h.Value([]float64{x, -2.9}); v != 0 {
			t.Errorf("f(%v, −2.9) = %v, want 0", x, v)
		}
	}
	// Outside the cut rectangle the function is h_φ: positive off minima.
	if v := h.Value([]float64{-0.4, -2.9}); !(v > 0) {
		t.Errorf("f(−0.4, −2.9) = %v, want > 0 (outside the cut)", v)
	}
}

func TestRdConstructorErrors(t *testing.T) {
	const W = param.Whole
	tests := []struct {
		name, param string
		index       int
		err         error
	}{
		{"hessian-empty", "landscapes.QuadraticRd.Hessian", W, func() error { _, e := NewQuadraticRd(nil, 1); return e }()},
		{"hessian-ragged", "landscapes.QuadraticRd.Hessian", 1, func() error { _, e := NewQuadraticRd([][]float64{{1, 0}, {0}}, 1); return e }()},
		{"hessian-asym", "landscapes.QuadraticRd.Hessian", 1, func() error { _, e := NewQuadraticRd([][]float64{{1, 0.5}, {0, 1}}, 1); return e }()},
		{"hessian-indefinite", "landscapes.QuadraticRd.Hessian", W, func() error { _, e := NewQuadraticRd([][]float64{{1, 0}, {0, -1}}, 1); return e }()},
		{"hessian-nan", "landscapes.QuadraticRd.Hessian", 0, func() error { _, e := NewQuadraticRd([][]float64{{math.NaN()}}, 1); return e }()},
		{"basin-radius", "landscapes.QuadraticRd.BasinRadius", W, func() error { _, e := NewQuadraticRd([][]float64{{1}}, 0); return e }()},
		{"box-side-lo", "landscapes.QuadraticRd.BasinLo", 0, func() error { _, e := NewQuadraticRdBox([][]float64{{1}}, []float64{0.1}, []float64{1}); return e }()},
		{"box-side-hi", "landscapes.QuadraticRd.BasinHi", 1, func() error {
			_, e := NewQuadraticRdBox([][]float64{{1, 0}, {0, 1}}, []float64{-1, -1}, []float64{1, math.NaN()})
			return e
		}()},
		{"box-dim-lo", "landscapes.QuadraticRd.BasinLo", W, func() error { _, e := NewQuadraticRdBox([][]float64{{1}}, []float64{-1, -1}, []float64{1}); return e }()},
		{"box-dim-hi", "landscapes.QuadraticRd.BasinHi", W, func() error { _, e := NewQuadraticRdBox([][]float64{{1}}, []float64{-1}, nil); return e }()},
		{"centers-none", "landscapes.GaussianWells.Centers", W, func() error { _, e := NewGaussianWells(nil, nil, nil, 1); return e }()},
		{"centers-dim", "landscapes.GaussianWells.Centers", 1, func() error {
			_, e := NewGaussianWells([][]float64{{0, 0}, {1}}, []float64{1, 1}, []float64{1, 1}, 1)
			return e
		}()},
		{"centers-inf", "landscapes.GaussianWells.Centers", 0, func() error {
			_, e := NewGaussianWells([][]float64{{math.Inf(1)}}, []float64{1}, []float64{1}, 1)
			return e
		}()},
		{"depths-count", "landscapes.GaussianWells.Depths", W, func() error { _, e := NewGaussianWells([][]float64{{0}}, nil, []float64{1}, 1); return e }()},
		{"depths", "landscapes.GaussianWells.Depths", 0, func() error { _, e := NewGaussianWells([][]float64{{0}}, []float64{-1}, []float64{1}, 1); return e }()},
		{"widths", "landscapes.GaussianWells.Widths", 0, func() error { _, e := NewGaussianWells([][]float64{{0}}, []float64{1}, []float64{0}, 1); return e }()},
		{"confinement", "landscapes.GaussianWells.Confinement", W, func() error { _, e := NewGaussianWells([][]float64{{0}}, []float64{1}, []float64{1}, 0); return e }()},
		{"c1", "landscapes.HimmelblauParams.C1", W, func() error { p := PaperHimmelblau(); p.C1 = 0; _, e := NewHimmelblauModified(p); return e }()},
		{"bl", "landscapes.HimmelblauParams.BL", W, func() error { p := PaperHimmelblau(); p.BL = 0; _, e := NewHimmelblauModified(p); return e }()},
		{"cx-nan", "landscapes.HimmelblauParams.CX", W, func() error { p := PaperHimmelblau(); p.CX = math.NaN(); _, e := NewHimmelblauModified(p); return e }()},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			wantParamErr(t, tc.name, tc.err, tc.param, tc.index)
		})
	}
}

func TestQuadraticRdBasin(t *testing.T) {
	ball, _ := NewQuadraticRd([][]float64{{1, 0}, {0, 2}}, 1.5)
	box, _ := NewQuadraticRdBox([][]float64{{1, 0}, {0, 2}}, []float64{-2, -0.5}, []float64{1, 3})
	tests := []struct {
		name string
		q    QuadraticRd
		x    []float64
		want int
	}{
		{"ball-inside", ball, []float64{1, 1}, 0},
		{"ball-outside", ball, []float64{1.1, 1.1}, NoBasin},
		{"box-inside", box, []float64{-1.9, 2.9}, 0},
		{"box-outside", box, []float64{0, -0.6}, NoBasin},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.q.Locate(tc.x); got != tc.want {
				t.Errorf("Locate(%v) = %d, want %d", tc.x, got, tc.want)
			}
		})
	}
	if ball.Core(0) != 1.5 || box.Core(0) != 0.5 {
		t.Errorf("cores %v, %v, want 1.5, 0.5", ball.Core(0), box.Core(0))
	}
	if e := ball.Eigenvalues(); e[0] != 1 || e[1] != 2 {
		t.Errorf("eigenvalues %v", e)
	}
}

func TestMinimumSetAndBall(t *testing.T) {
	seg := SegmentSet([]float64{-1, 0}, []float64{1, 0})
	pt := PointSet([]float64{2, 2})
	tests := []struct {
		name string
		s    MinimumSet
		x    []float64
		want float64
	}{
		{"segment-interior", seg, []float64{0.3, 2}, 2},
		{"segment-beyond-end", seg, []float64{4, 4}, 5},
		{"point", pt, []float64{5, 6}, 5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.s.Dist(tc.x); math.Abs(got-tc.want) > 1e-15 {
				t.Errorf("Dist = %v, want %v", got, tc.want)
			}
		})
	}
	b := Ball{Radius: 2}
	x := []float64{3, 4}
	if !b.Project(x) || math.Abs(x[0]-1.2) > 1e-15 || math.Abs(x[1]-1.6) > 1e-15 {
		t.Errorf("Π(3, 4) = %v, want (1.2, 1.6)", x)
	}
	if b.Project([]float64{1, 1}) {
		t.Error("a point inside moved")
	}
	for _, c := range []struct {
		ball Ball
		name string
	}{
		{Ball{Radius: -1}, "landscapes.Ball.Radius"},
		{Ball{Radius: 1, Center: []float64{0}}, "landscapes.Ball.Center"},
		{Ball{Radius: 1, Center: []float64{0, math.NaN()}}, "landscapes.Ball.Center"},
	} {
		if pe := param.As(c.ball.Validate(2)); pe == nil || pe.Name != c.name {
			t.Errorf("%+v.Validate(2) = %v, want a parameter error naming %s", c.ball, pe, c.name)
		}
	}
	if err := (Ball{Radius: math.Inf(1)}).Validate(2); err != nil {
		t.Errorf("the infinite ball: %v", err)
	}
}

func TestFlowMatchesExactQuadraticFlow(t *testing.T) {
	// y(t) = e^{−Ht}y(0) for f = ½xᵀHx; with H diagonal each coordinate
	// decays at its own rate.
	q, _ := NewQuadraticRd([][]float64{{1, 0}, {0, 3}}, 10)
	f := NewFlow(q, Ball{Radius: math.Inf(1)})
	var path FlowPath
	y := []float64{1, -2}
	el, stopped := f.Run(y, 1.5, nil, &path)
	if stopped || el != 1.5 {
		t.Fatalf("elapsed %v stopped %v", el, stopped)
	}
	want := []float64{math.Exp(-1.5), -2 * math.Exp(-4.5)}
	for k := range y {
		// Tolerances 1e-10 absolute, 1e-8 relative per step.
		if math.Abs(y[k]-want[k]) > 1e-7 {
			t.Errorf("y_%d(1.5) = %v, want %v", k, y[k], want[k])
		}
	}
	if path.T[0] != 0 || path.State(0, 2)[0] != 1 {
		t.Errorf("path does not start at (0, y0)")
	}
	// Stopping rule: first time ‖y‖ < 0.5 from (1, 0) is ln 2.
	y = []float64{1, 0}
	el, stopped = f.Run(y, math.Inf(1), func(z []float64) bool { return norm(z) < 0.5 }, nil)
	if !stopped || el < math.Ln2 || norm(y) >= 0.5 {
		t.Errorf("stop at t = %v (ln 2 = %v), y = %v", el, math.Ln2, y)
	}
}

func TestUnitDirections(t *testing.T) {
	for _, tc := range []struct{ d, n int }{{1, 2}, {2, 12}, {3, 50}, {5, 40}} {
		dirs := UnitDirections(tc.d, tc.n)
		if tc.d > 1 && len(dirs) != tc.n {
			t.Errorf("d = %d: %d directions, want %d", tc.d, len(dirs), tc.n)
		}
		for _, v := range dirs {
			if math.Abs(norm(v)-1) > 1e-12 {
				t.Errorf("d = %d: |v| = %v", tc.d, norm(v))
			}
		}
	}
}
