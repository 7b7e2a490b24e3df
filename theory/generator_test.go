package theory

import (
	"math"
	"testing"

	"github.com/htsgd/htsgd/param"
)

// TestLimitChainSection6 reproduces the limit chain of docs/theory.md §10.1.
func TestLimitChainSection6(t *testing.T) {
	// b = 0.5: on {m_2, m_4}, m_2 → m_4 at 0.142687, m_4 → m_2 at 1.156528,
	// stationary (0.890174, 0.109826).
	a := mustAnalyse(t, paperModel(t, 0.5))
	if len(a.Wide) != 2 || a.Wide[0] != 1 || a.Wide[1] != 3 {
		t.Fatalf("wide = %v", a.Wide)
	}
	want := [][]string{{"-0.142687", "0.142687"}, {"1.156528", "-1.156528"}}
	for i := range want {
		for k := range want[i] {
			if !agrees(a.Generator[i][k], want[i][k]) {
				t.Errorf("Q[%d][%d] = %.9g, want %s", i, k, a.Generator[i][k], want[i][k])
			}
		}
	}
	for i, w := range []string{"0.890174", "0.109826"} {
		if !agrees(a.Stationary[i], w) {
			t.Errorf("π_%d = %.9g, want %s", i, a.Stationary[i], w)
		}
	}
	// Q_{i,i} ≠ −q_i: the returns m_2 → m_3 → m_2 are invisible.
	if math.Abs(a.Generator[0][0]+a.ExitRate[1]) < 1 {
		t.Errorf("Q_{2,2} = %v should differ from −q_2 = %v", a.Generator[0][0], -a.ExitRate[1])
	}
	// The start map from narrow m_3 (index 2): to m_2 with
	// q_{3,2}/q_3 = 2.152730/5.525905 = 0.389571, to m_4 with 0.610429.
	wide, law, killed, err := a.StartLaw(2)
	if err != nil || len(wide) != 2 || !agrees(law[0], "0.389571") || !agrees(law[1], "0.610429") || killed != 0 {
		t.Errorf("StartLaw(2) = %v %v %v %v", wide, law, killed, err)
	}

	// b = ∞: stationary law on all four minima.
	a = mustAnalyse(t, paperModel(t, inf))
	for i, w := range []string{"0.143071", "0.421485", "0.050838", "0.384606"} {
		if !agrees(a.Stationary[i], w) {
			t.Errorf("b=∞: π_%d = %.9g, want %s", i, a.Stationary[i], w)
		}
	}
	// Untruncated: the generator is q_{i,j} itself, diagonal −q_i.
	for i := range a.Generator {
		for k := range a.Generator[i] {
			want := a.Rates[i][k]
			if i == k {
				want = -a.ExitRate[i]
			}
			if math.Abs(a.Generator[i][k]-want) > 1e-14 {
				t.Errorf("b=∞: Q[%d][%d] = %v, want %v", i, k, a.Generator[i][k], want)
			}
		}
	}
}

// TestChainInvariants: rows of Q sum to 0 (−κ_i when killed), πQ = 0, and
// exp(tQ) rows are probability vectors (sub-probability when killed).
func TestChainInvariants(t *testing.T) {
	for name, m := range map[string]Model{
		"paper b=0.5": paperModel(t, 0.5), "paper b=0.28": paperModel(t, 0.28),
		"paper b=0.19": paperModel(t, 0.19), "paper b=inf": paperModel(t, inf),
	} {
		a := mustAnalyse(t, m)
		for _, c := range a.Classes {
			for i, row := range c.Generator {
				sum := 0.0
				for _, v := range row {
					sum += v
				}
				kill := 0.0
				if c.KillRate != nil {
					kill = c.KillRate[i]
				}
				if math.Abs(sum+kill) > 1e-12 {
					t.Errorf("%s class %v: row %d sums to %v, κ = %v", name, c.Members, i, sum, kill)
				}
			}
			if c.Absorbing {
				for k := range c.Generator {
					s := 0.0
					for i := range c.Generator {
						s += c.Stationary[i] * c.Generator[i][k]
					}
					if math.Abs(s) > 1e-12 {
						t.Errorf("%s class %v: (πQ)_%d = %v", name, c.Members, k, s)
					}
				}
			}
			for _, tm := range []float64{0, 0.1, 1, 10, 100} {
				P, err := c.Transition(tm)
				if err != nil {
					t.Fatal(err)
				}
				for i, row := range P {
					sum := 0.0
					for k, v := range row {
						if v < -1e-12 {
							t.Errorf("%s t=%v: P[%d][%d] = %v", name, tm, i, k, v)
						}
						sum += v
					}
					if c.Absorbing && math.Abs(sum-1) > 1e-10 {
						t.Errorf("%s t=%v: row %d sums to %v", name, tm, i, sum)
					}
					if tm == 0 && math.Abs(row[i]-1) > 1e-14 {
						t.Errorf("%s: exp(0·Q) is not the identity", name)
					}
					// Far in time every row is the stationary law.
					if c.Absorbing && tm == 100 {
						for k := range row {
							if math.Abs(row[k]-c.Stationary[k]) > 1e-8 {
								t.Errorf("%s: exp(100Q)[%d][%d] = %v, π = %v", name, i, k, row[k], c.Stationary[k])
							}
						}
					}
				}
			}
		}
	}
}

// TestNewChainHand checks the absorption formulas on hand-computed chains.
func TestNewChainHand(t *testing.T) {
	// Wide {0, 3}, narrow {1, 2}: q_{0,1} = 1; q_{1,0} = q_{1,2} = 1;
	// q_{2,1} = 1, q_{2,3} = 3; q_{3,2} = 2. Embedded chain: P(1→0) = ½,
	// P(1→2) = ½, P(2→1) = ¼, P(2→3) = ¾, so B_{1,0} = ½ + ½B_{2,0},
	// B_{2,0} = ¼B_{1,0}: B_{1,0} = 4/7, B_{2,0} = 1/7. Hence
	// Q_{0,3} = q_{0,1}B_{1,3} = 3/7, Q_{3,0} = q_{3,2}B_{2,0} = 2/7 and
	// π = (2/5, 3/5).
	r := &rateTable{
		Q: [][]float64{
			{0, 1, 0, 0},
			{1, 0, 1, 0},
			{0, 1, 0, 3},
			{0, 0, 2, 0},
		},
		Exit: []float64{1, 2, 4, 2},
	}
	c, err := newChain(r, []int{0, 3}, []int{1, 2})
	if err != nil {
		t.Fatal(err)
	}
	want := [][]float64{{-3.0 / 7, 3.0 / 7}, {2.0 / 7, -2.0 / 7}}
	for i := range want {
		for k := range want[i] {
			if math.Abs(c.Generator[i][k]-want[i][k]) > 1e-15 {
				t.Errorf("Q[%d][%d] = %v, want %v", i, k, c.Generator[i][k], want[i][k])
			}
		}
	}
	wantB := [][]float64{{4.0 / 7, 3.0 / 7}, {1.0 / 7, 6.0 / 7}}
	for a := range wantB {
		for k := range wantB[a] {
			if math.Abs(c.Absorb[a][k]-wantB[a][k]) > 1e-15 {
				t.Errorf("B[%d][%d] = %v, want %v", a, k, c.Absorb[a][k], wantB[a][k])
			}
		}
	}
	pi, err := Stationary(c.Generator)
	if err != nil || math.Abs(pi[0]-0.4) > 1e-15 || math.Abs(pi[1]-0.6) > 1e-15 {
		t.Errorf("π = %v, %v; want (0.4, 0.6)", pi, err)
	}

	// Killed: class {0, 1} (wide {0}, narrow {1}) of a chain with a third
	// minimum 2 outside. q_{0,1} = 2, q_{0,2} = 1, q_{1,0} = 3, q_{1,2} = 1:
	// B_{1,0} = ¾, B_{1,†} = ¼, κ_0 = 1 + 2·¼ = 1.5, Q = [[−1.5]].
	r = &rateTable{
		Q:    [][]float64{{0, 2, 1}, {3, 0, 1}, {0, 0, 0}},
		Exit: []float64{3, 4, 0},
	}
	c, err = newChain(r, []int{0}, []int{1})
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(c.Generator[0][0]+1.5) > 1e-15 || math.Abs(c.Kill[0]-1.5) > 1e-15 ||
		math.Abs(c.Absorb[0][0]-0.75) > 1e-15 || math.Abs(c.AbsorbKilled[0]-0.25) > 1e-15 {
		t.Errorf("killed chain: Q %v κ %v B %v B† %v", c.Generator, c.Kill, c.Absorb, c.AbsorbKilled)
	}
	P, err := Transition(c.Generator, 2)
	if err != nil || math.Abs(P[0][0]-math.Exp(-3)) > 1e-14 {
		t.Errorf("exp(2Q) = %v, %v; want e^{−3}", P, err)
	}
}

func TestTransitionInput(t *testing.T) {
	for _, tm := range []float64{-1, math.NaN(), math.Inf(1)} {
		if _, err := Transition([][]float64{{0}}, tm); param.As(err) == nil || param.As(err).Name != "theory.Transition.t" {
			t.Errorf("t = %v: error %v", tm, err)
		}
	}
	if _, err := Transition(nil, 1); err == nil {
		t.Error("empty generator accepted")
	}
	if _, err := Stationary(nil); err == nil {
		t.Error("empty generator accepted")
	}
}
