package theory

import (
	"errors"
	"math"
	"testing"

	"github.com/htsgd/htsgd/noise"
	"github.com/htsgd/htsgd/param"
)

// paperNoise is the Pareto law of docs/theory.md §10.1: c = 0.1, α = 1.2,
// p_+ = ½.
func paperNoise(t *testing.T) noise.Scalar {
	t.Helper()
	return pareto(t, 1.2, 0.1, 0.5)
}

func TestLambda(t *testing.T) {
	l := paperNoise(t)
	// Pareto with p_+ = ½: λ(η) = c^α η^{α−1} for η ≤ 1/c (docs/theory.md
	// §3.4); §11.6 quotes λ = 0.040 at η = 0.1 and 0.016 at 1e-3.
	for _, tt := range []struct {
		eta  float64
		want string
	}{{0.1, "0.040"}, {1e-3, "0.016"}} {
		got, err := Lambda(l, tt.eta)
		if err != nil {
			t.Fatal(err)
		}
		exact := math.Pow(0.1, 1.2) * math.Pow(tt.eta, 0.2)
		if math.Abs(got-exact) > 1e-14*exact || !agrees(got, tt.want) {
			t.Errorf("λ(%v) = %v, want %v (%s)", tt.eta, got, exact, tt.want)
		}
		// The radial law has the tail of its radius: the same λ.
		if r, err := Lambda(radialPareto(t, 2, 1.2, nil), tt.eta); err != nil || math.Abs(r-math.Pow(tt.eta, 0.2)) > 1e-14 {
			t.Errorf("radial λ(%v) = %v, %v; want η^{α−1}", tt.eta, r, err)
		}
	}
	g, err := noise.NewGaussian(1)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Lambda(noise.Scalar{Law: g}, 1e-3); !errors.Is(err, ErrNotApplicable) {
		t.Errorf("Gaussian: error %v, want ErrNotApplicable", err)
	}
	for _, eta := range []float64{0, -1, math.NaN(), math.Inf(1)} {
		if _, err := Lambda(l, eta); param.As(err) == nil || param.As(err).Name != "theory.Lambda.eta" {
			t.Errorf("η = %v: error %v", eta, err)
		}
	}
	if _, err := Lambda(nil, 1e-3); param.As(err) == nil {
		t.Errorf("nil law: error %v", err)
	}
}

func TestTimeScales(t *testing.T) {
	l := paperNoise(t)
	const eta = 1e-3
	lam, _ := Lambda(l, eta)
	a := mustAnalyse(t, paperModel(t, 0.5))
	// E τ_i ≈ 1/(q_i η λ^{J_i}): J = (1, 2, 1, 2).
	for i := range a.JumpNumber {
		got, err := a.MeanExitSteps(i, eta)
		if err != nil {
			t.Fatal(err)
		}
		want := 1 / (a.ExitRate[i] * eta * math.Pow(lam, float64(a.JumpNumber[i])))
		if math.Abs(got-want) > 1e-12*want {
			t.Errorf("E τ_%d = %v, want %v", i, got, want)
		}
	}
	// Untruncated: 1/(q_i H(1/η)), the J = 1 case of the same formula.
	u := mustAnalyse(t, paperModel(t, inf))
	got, err := u.MeanExitSteps(1, eta)
	if want := 1 / (u.ExitRate[1] * l.Tail(1/eta)); err != nil || math.Abs(got-want) > 1e-12*want {
		t.Errorf("untruncated E τ_1 = %v, want %v (%v)", got, want, err)
	}
	unit, err := TimeUnit(l, eta, 2)
	if want := 1 / (eta * lam * lam); err != nil || math.Abs(unit-want) > 1e-12*want {
		t.Errorf("TimeUnit = %v, want %v", unit, want)
	}
	// The class's time unit is that of J_G = 2.
	if cu, err := a.ClassTimeUnit(0, eta); err != nil || cu != unit {
		t.Errorf("ClassTimeUnit = %v, %v; want %v", cu, err, unit)
	}

	// Wrong inputs.
	for _, tt := range []struct {
		name  string
		err   error
		param string
	}{
		{"J = 0", func() error { _, err := TimeUnit(l, eta, 0); return err }(), "theory.TimeUnit.J"},
		{"index", func() error { _, err := a.MeanExitSteps(7, eta); return err }(), "theory.Analysis.MeanExitSteps.i"},
		{"η", func() error { _, err := a.MeanExitSteps(0, -1); return err }(), "theory.Lambda.eta"},
		{"class", func() error { _, err := a.ClassTimeUnit(1, eta); return err }(), "theory.Analysis.ClassTimeUnit.c"},
		{"prediction", func() error { _, err := a.PredictExit(-1, eta); return err }(), "theory.Analysis.MeanExitSteps.i"},
	} {
		if pe := param.As(tt.err); pe == nil || pe.Name != tt.param {
			t.Errorf("%s: error %v, want a *param.Error naming %s", tt.name, tt.err, tt.param)
		}
	}
}

// TestNarrowFraction reproduces docs/theory.md §8.4: paper-1d at b = 0.5
// spends a fraction 1.1583·λ(η) of its time in narrow basins, 1.84% at
// η = 10^{−3}. By hand: N = I (no narrow-to-narrow edges), so
// frac_1 = λπ_2 q_{2,1}/q_1 = λ·0.890174·3.847145/3.225803 = 1.061641λ and
// frac_3 = λ(π_2 q_{2,3} + π_4 q_{4,3})/q_3 = 0.096658λ.
func TestNarrowFraction(t *testing.T) {
	a := mustAnalyse(t, paperModel(t, 0.5))
	const lam = 1.0
	f, err := a.NarrowFractions(lam)
	if err != nil {
		t.Fatal(err)
	}
	if f[1] != 0 || f[3] != 0 {
		t.Errorf("wide minima have narrow fractions %v", f)
	}
	if !agrees(f[0], "1.06164") || !agrees(f[2], "0.09666") || !agrees(f[0]+f[2], "1.1583") {
		t.Errorf("fractions %v (sum %v), want 1.06164, 0.09666, 1.1583", f, f[0]+f[2])
	}
	lamEta, _ := Lambda(paperNoise(t), 1e-3)
	f, _ = a.NarrowFractions(lamEta)
	if !agrees(f[0]+f[2], "0.0184") {
		t.Errorf("narrow fraction at η = 1e-3: %v, want 0.0184", f[0]+f[2])
	}
	// The time fractions: the narrow ones, and π on the time left over.
	tf, err := a.TimeFractions(lamEta)
	if err != nil || tf[0] != f[0] || tf[2] != f[2] || math.Abs(tf[0]+tf[1]+tf[2]+tf[3]-1) > 1e-15 {
		t.Errorf("time fractions %v, %v", tf, err)
	}
	// Visits through other narrow basins: the hand-built chain of
	// TestNewChainHand (wide {0, 3}, narrow {1, 2}, J = (2, 1, 1, 2),
	// π = (0.4, 0.6)). N = (I − P_NN)^{−1} = (8/7)[[1, ½], [¼, 1]];
	// entries into the narrow set: from 0 to 1 at rate 0.4·1, from 3 to 2 at
	// 0.6·2 = 1.2. frac_1 = λ/q_1·(0.4·8/7 + 1.2·2/7) = λ·(5.6/7)/2 = 0.4λ
	// and frac_2 = λ/q_2·(0.4·4/7 + 1.2·8/7) = λ·(11.2/7)/4 = 0.4λ.
	h := &Analysis{
		JumpNumber: []int{2, 1, 1, 2},
		Rates:      [][]float64{{0, 1, 0, 0}, {1, 0, 1, 0}, {0, 1, 0, 3}, {0, 0, 2, 0}},
		ExitRate:   []float64{1, 2, 4, 2},
		Classes: []Class{{Members: []int{0, 1, 2, 3}, Absorbing: true, Wide: []int{0, 3}, Narrow: []int{1, 2},
			Stationary: []float64{0.4, 0.6}}},
	}
	f, err = h.NarrowFractions(0.1)
	if err != nil {
		t.Fatal(err)
	}
	if want := 0.1 * 5.6 / 7 / 2; math.Abs(f[1]-want) > 1e-15 {
		t.Errorf("frac_1 = %v, want %v", f[1], want)
	}
	if want := 0.1 * 11.2 / 7 / 4; math.Abs(f[2]-want) > 1e-15 {
		t.Errorf("frac_2 = %v, want %v", f[2], want)
	}
	if _, err := a.NarrowFractions(0); param.As(err) == nil {
		t.Errorf("λ = 0: error %v", err)
	}
	if _, err := mustAnalyse(t, paperModel(t, 0.28)).TimeFractions(lamEta); !errors.Is(err, ErrNoLimitChain) {
		t.Errorf("reducible graph: error %v, want ErrNoLimitChain", err)
	}
}
