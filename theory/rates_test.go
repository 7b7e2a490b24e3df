package theory

import (
	"context"
	"math"
	"testing"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/param"
)

// ratesOf returns the jump numbers and the rates of the recursion for a
// model on the fast path.
func ratesOf(t testing.TB, m Model) (*jumps, *rateTable) {
	t.Helper()
	c := curveOf(t, m)
	jm, err := computeJumps(c)
	if err != nil {
		t.Fatal(err)
	}
	r, err := computeRates(context.Background(), c, jm)
	if err != nil {
		t.Fatal(err)
	}
	return jm, r
}

// TestRatesSection6 reproduces the q tables of docs/theory.md §10.1
// (paper-1d, Pareto c = 0.1, α = 1.2, p_+ = ½) to the printed digits.
func TestRatesSection6(t *testing.T) {
	type cell struct {
		i, j int
		want string
	}
	tests := []struct {
		name  string
		b     float64
		cells []cell   // q_{i,j}, 0-based; "0" means exactly zero
		exit  []string // q_i
	}{
		{"b=0.5", 0.5, []cell{
			{0, 1, "3.225803"}, {0, 2, "0"}, {0, 3, "0"},
			{1, 0, "3.847145"}, {1, 2, "0.233749"}, {1, 3, "0"},
			{2, 0, "0"}, {2, 1, "2.152730"}, {2, 3, "3.373175"},
			{3, 0, "0"}, {3, 1, "0"}, {3, 2, "2.968726"},
		}, []string{"3.225803", "4.080894", "5.525905", "2.968726"}},
		{"b=0.28", 0.28, []cell{
			{1, 0, "3.390561"}, {1, 2, "0"}, {3, 2, "2.444649"},
			{2, 3, "3.373175"}, {2, 1, "0"}, // the edge m_3 → m_2 disappears
		}, []string{"", "3.390561", "", "2.444649"}},
		{"b=inf", inf, nil, []string{"3.225803", "1.489569", "5.525905", "0.883778"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, r := ratesOf(t, paperModel(t, tt.b))
			for _, c := range tt.cells {
				got := r.Q[c.i][c.j]
				if c.want == "0" && got != 0 || !agrees(got, c.want) {
					t.Errorf("q_{%d,%d} = %.9g, want %s", c.i, c.j, got, c.want)
				}
			}
			for i, want := range tt.exit {
				if want != "" && !agrees(r.Exit[i], want) {
					t.Errorf("q_%d = %.9g, want %s", i, r.Exit[i], want)
				}
			}
		})
	}
}

// TestRatesSection8 reproduces the quadratic fixtures of docs/theory.md §10.2
// (f = x²/2, basin (−2.1, 1.5), α = 1.5, p_± = ½): all exits to the right.
func TestRatesSection8(t *testing.T) {
	tests := []struct {
		b    float64
		want string
	}{{1, "0.436486"}, {0.6, "0.276749"}}
	for _, tt := range tests {
		_, r := ratesOf(t, quadraticModel(t, -2.1, 1.5, tt.b))
		if !agrees(r.Above[0], tt.want) || !agrees(r.Exit[0], tt.want) || r.Below[0] != 0 {
			t.Errorf("b=%v: above %.9g below %v exit %.9g, want %s all above", tt.b, r.Above[0], r.Below[0], r.Exit[0], tt.want)
		}
	}
}

// TestRatesInvariants checks Σ_j q_{i,j} + exits through open ends = q_i and
// that q_{i,j} > 0 exactly when J_{i,j} = J_i (docs/theory.md §7.1).
func TestRatesInvariants(t *testing.T) {
	models := map[string]Model{
		"paper b=0.5":    paperModel(t, 0.5),
		"paper b=0.28":   paperModel(t, 0.28),
		"paper b=0.19":   paperModel(t, 0.19), // J up to 4
		"paper b=inf":    paperModel(t, inf),
		"quadratic b=1":  quadraticModel(t, -2.1, 1.5, 1),
		"quadratic b=.6": quadraticModel(t, -2.1, 1.5, 0.6),
		"quadratic b=.4": quadraticModel(t, -2.1, 1.5, 0.4), // J = 4
	}
	for name, m := range models {
		t.Run(name, func(t *testing.T) {
			jm, r := ratesOf(t, m)
			n := len(r.Q)
			for i := range n {
				sum := r.Below[i] + r.Above[i]
				for j := range n {
					sum += r.Q[i][j]
					if j == i {
						if r.Q[i][i] != 0 {
							t.Errorf("q_{%d,%d} = %v", i, i, r.Q[i][i])
						}
						continue
					}
					if (r.Q[i][j] > 0) != (jm.Pair[i][j] == jm.J[i]) {
						t.Errorf("q_{%d,%d} = %v with J_{i,j} = %d, J_i = %d", i, j, r.Q[i][j], jm.Pair[i][j], jm.J[i])
					}
				}
				if math.Abs(sum-r.Exit[i]) > 1e-14*r.Exit[i] {
					t.Errorf("Σ_j q_{%d,j} = %v, q_i = %v", i, sum, r.Exit[i])
				}
				if !(r.Exit[i] > 0) {
					t.Errorf("q_%d = %v", i, r.Exit[i])
				}
			}
		})
	}
}

// TestRatesAccuracy demonstrates the accuracy of the tabulated recursion:
// (1) for J = 2 against a nested Gauss–Legendre evaluation without tables
// (which agrees with a 30-digit mpmath evaluation, 0.436485667399103410, to
// 1e-15);
// (2) for J = 3 and 4 against the same recursion with the Chebyshev
// tolerance tightened to its rounding floor (chebFloor ≈ 1.4e-14).
func TestRatesAccuracy(t *testing.T) {
	// (1) Quadratic, b = 1: q = P_1(0) with Q_1 computed by a direct
	// integral for every node.
	m := curveOf(t, quadraticModel(t, -2.1, 1.5, 1))
	_, r := ratesOf(t, quadraticModel(t, -2.1, 1.5, 1))
	pi := newPathIntegral(m, 0, target{basin: 1, side: 1, near: 1.5, far: inf}, 2)
	L := pi.start(2)
	Q1 := func(z float64) float64 {
		g := func(u float64) float64 { return pi.last(u) * pi.flowDensity(u) }
		return integrate(g, L, z, nil, 0, pi.near)
	}
	kernel := func(d float64) float64 { return m.alpha * math.Pow(d, -m.alpha-1) * Q1(d) }
	direct := pi.p*integrate(kernel, L, m.b, nil, 0, pi.near) + pi.pbAlpha*Q1(m.b)
	if d := math.Abs(direct - r.Above[0]); d > 1e-12*direct {
		t.Errorf("J=2: table %.15g, direct %.15g, difference %.2g", r.Above[0], direct, d)
	}

	// (2) Tolerance 1e-13 against the floor.
	cases := map[string]Model{
		"paper b=0.28 (J=3)":    paperModel(t, 0.28),
		"paper b=0.19 (J=4)":    paperModel(t, 0.19),
		"quadratic b=0.4 (J=4)": quadraticModel(t, -2.1, 1.5, 0.4),
	}
	for name, m := range cases {
		_, coarse := ratesOf(t, m)
		saved := chebTol
		chebTol = 0
		_, fine := ratesOf(t, m)
		chebTol = saved
		for i := range coarse.Exit {
			if d := math.Abs(coarse.Exit[i] - fine.Exit[i]); d > 1e-12*fine.Exit[i] {
				t.Errorf("%s: q_%d = %.15g vs %.15g with a tighter tolerance", name, i, coarse.Exit[i], fine.Exit[i])
			}
		}
	}
}

func TestPathMeasure(t *testing.T) {
	m := curveOf(t, paperModel(t, 0.5))
	// J = J_i reproduces q_{1,0} (docs/theory.md §10.1: 3.847145).
	if q, err := pathMeasure(m, 1, 0, 2); err != nil || !agrees(q, "3.847145") {
		t.Errorf("pathMeasure(1, 0, 2) = %v, %v", q, err)
	}
	// J < J_{i,j}: no path with one jump reaches Ω_0 from m_1.
	if q, err := pathMeasure(m, 1, 0, 1); err != nil || q != 0 {
		t.Errorf("pathMeasure(1, 0, 1) = %v, %v; want 0", q, err)
	}
	bad := []struct {
		name    string
		i, j, J int
		param   string
	}{
		{"J above J_i", 1, 0, 3, "theory.pathMeasure.J"},
		{"J zero", 1, 0, 0, "theory.pathMeasure.J"},
		{"minimum out of range", 4, 0, 1, "theory.pathMeasure.i"},
		{"own basin", 1, 1, 2, "theory.pathMeasure.j"},
		{"closed end", 0, landscapes.Below, 1, "theory.pathMeasure.j"},
	}
	for _, tt := range bad {
		if _, err := pathMeasure(m, tt.i, tt.j, tt.J); param.As(err) == nil || param.As(err).Name != tt.param {
			t.Errorf("%s: error %v, want a *param.Error naming %s", tt.name, err, tt.param)
		}
	}
}
