package nn

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/htsgd/htsgd/rng"
)

// randomData returns n random examples of dimension d with labels in
// [0, k): a data set to check gradients on.
func randomData(n, d, k, side int, r *rng.Rand) *Data {
	x := make([]float64, n*d)
	for i := range x {
		x[i] = r.Float64()
	}
	y := make([]int, n)
	for i := range y {
		y[i] = int(r.Uint64n(uint64(k)))
	}
	return &Data{X: x, Y: y, N: n, D: d, Classes: k, Side: side}
}

// TestGradient checks the backpropagated gradient of each network against
// central differences (L(θ+h e_j) − L(θ−h e_j))/2h, coordinate by
// coordinate, to a relative error of 1e-6: an error in any one weight's
// derivative (a transposed product, a missed ReLU mask, a bias) shows as
// a difference of order 1 in that coordinate.
func TestGradient(t *testing.T) {
	mlp, _ := NewMLP(6, 5, 4, 3)
	conv, _ := NewConv(6, 3, 2, 3)
	for _, tc := range []struct {
		name string
		net  Net
		data *Data
		rows []int
	}{
		{"mlp", mlp, randomData(7, 6, 3, 0, rng.New(1, 1)), nil},
		{"mlp-subset", mlp, randomData(9, 6, 3, 0, rng.New(1, 2)), []int{8, 0, 3, 3}},
		{"conv", conv, randomData(5, 36, 3, 6, rng.New(1, 3)), nil},
		{"mlp-chunked", mlp, randomData(chunk+13, 6, 3, 0, rng.New(1, 4)), nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			net := tc.net.Clone()
			p := net.NumParams()
			theta := make([]float64, p)
			net.Init(theta, rng.New(2, 1))
			grad := make([]float64, p)
			net.Loss(theta, tc.data, tc.rows, grad)
			const h = 1e-6
			worst := 0.0
			for j := range theta {
				t0 := theta[j]
				theta[j] = t0 + h
				lp := net.Loss(theta, tc.data, tc.rows, nil)
				theta[j] = t0 - h
				lm := net.Loss(theta, tc.data, tc.rows, nil)
				theta[j] = t0
				fd := (lp - lm) / (2 * h)
				e := math.Abs(fd-grad[j]) / math.Max(1e-3, math.Abs(fd)+math.Abs(grad[j]))
				worst = math.Max(worst, e)
				if e > 1e-6 {
					t.Errorf("θ[%d]: backprop %.10g, central difference %.10g", j, grad[j], fd)
				}
			}
			t.Logf("%d parameters, worst relative error %.2g", p, worst)
		})
	}
}

// TestGradientDetectsError shows that the check of TestGradient fails on a
// wrong gradient: the gradient of the mean loss scaled by 1.01 (what a
// batch-size off-by-one gives) exceeds its tolerance.
func TestGradientDetectsError(t *testing.T) {
	net, _ := NewMLP(4, 3, 2)
	d := randomData(5, 4, 2, 0, rng.New(3, 1))
	theta := make([]float64, net.NumParams())
	net.Init(theta, rng.New(3, 2))
	grad := make([]float64, len(theta))
	net.Loss(theta, d, nil, grad)
	const h = 1e-6
	flagged := 0
	for j := range theta {
		t0 := theta[j]
		theta[j] = t0 + h
		lp := net.Loss(theta, d, nil, nil)
		theta[j] = t0 - h
		lm := net.Loss(theta, d, nil, nil)
		theta[j] = t0
		fd := (lp - lm) / (2 * h)
		g := 1.01 * grad[j]
		if math.Abs(fd-g)/math.Max(1e-3, math.Abs(fd)+math.Abs(g)) > 1e-6 {
			flagged++
		}
	}
	if flagged == 0 {
		t.Fatal("a gradient off by 1% passed the check")
	}
}

// TestLossValue checks the loss against a hand computation: an MLP with no
// hidden layer and zero weights gives uniform softmax, L = log K.
func TestLossValue(t *testing.T) {
	net, _ := NewMLP(3, 4)
	d := randomData(6, 3, 4, 0, rng.New(4, 1))
	theta := make([]float64, net.NumParams())
	if got, want := net.Loss(theta, d, nil, nil), math.Log(4); math.Abs(got-want) > 1e-14 {
		t.Fatalf("L(0) = %v, want log 4 = %v", got, want)
	}
}

// quadratic is L(θ) = ½ θᵀAθ with gradient Aθ and Hessian A.
func quadratic(a [][]float64) GradFunc {
	return func(theta, grad []float64) {
		for i, row := range a {
			s := 0.0
			for j, v := range row {
				s += v * theta[j]
			}
			grad[i] = s
		}
	}
}

// TestHVPQuadratic checks H·v of L(θ) = ½θᵀAθ against A·v (central
// differences are exact on a quadratic up to rounding).
func TestHVPQuadratic(t *testing.T) {
	a := [][]float64{{4, 1, 0}, {1, 3, -1}, {0, -1, 2}}
	h := HVP{Grad: quadratic(a)}
	theta := []float64{0.3, -2, 5}
	v := []float64{1, 2, -0.5}
	out := make([]float64, 3)
	h.Apply(theta, v, out)
	for i, row := range a {
		want := row[0]*v[0] + row[1]*v[1] + row[2]*v[2]
		if math.Abs(out[i]-want) > 1e-8 {
			t.Errorf("(Hv)[%d] = %v, want %v", i, out[i], want)
		}
	}
}

// TestTopEigen checks power iteration on HVPs of quadratics with known
// spectra: diag(5, 2, 1, …) rotated, and a matrix whose largest-modulus
// eigenvalue is negative.
func TestTopEigen(t *testing.T) {
	for _, tc := range []struct {
		name string
		a    [][]float64
		want float64
	}{
		{"diag", [][]float64{{5, 0, 0, 0}, {0, 2, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 0.5}}, 5},
		// eigenvalues of [[2,1],[1,2]] are 3 and 1.
		{"coupled", [][]float64{{2, 1}, {1, 2}}, 3},
		// eigenvalues −4 and 1: the largest modulus is −4.
		{"negative", [][]float64{{-4, 0}, {0, 1}}, -4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := HVP{Grad: quadratic(tc.a)}
			theta := make([]float64, len(tc.a))
			lam, it := TopEigen(func(v, out []float64) { h.Apply(theta, v, out) }, len(tc.a), rng.New(5, 1), 200, 1e-10)
			if math.Abs(lam-tc.want) > 1e-6*math.Abs(tc.want) {
				t.Fatalf("λ = %v after %d products, want %v", lam, it, tc.want)
			}
		})
	}
}

// TestTopEigenNet checks the power iteration on a network against the
// spectrum of its explicit Hessian, assembled column by column from HVPs
// of the unit vectors, symmetrised and diagonalised by gonum (EigenSym):
// the estimate must equal the eigenvalue of largest modulus to 1e-4.
func TestTopEigenNet(t *testing.T) {
	net, _ := NewMLP(3, 4, 2)
	d := randomData(20, 3, 2, 0, rng.New(6, 1))
	theta := make([]float64, net.NumParams())
	net.Init(theta, rng.New(6, 2))
	p := len(theta)
	h := HVP{Grad: func(th, g []float64) { net.Loss(th, d, nil, g) }, Eps: 1e-5}
	apply := func(v, out []float64) { h.Apply(theta, v, out) }
	hm := mat.NewSymDense(p, nil)
	e := make([]float64, p)
	col := make([]float64, p)
	cols := make([][]float64, p)
	for j := 0; j < p; j++ {
		clear(e)
		e[j] = 1
		apply(e, col)
		cols[j] = append([]float64(nil), col...)
	}
	for i := 0; i < p; i++ {
		for j := i; j < p; j++ {
			hm.SetSym(i, j, (cols[j][i]+cols[i][j])/2)
		}
	}
	var es mat.EigenSym
	if !es.Factorize(hm, false) {
		t.Fatal("EigenSym failed")
	}
	want := 0.0
	for _, v := range es.Values(nil) {
		if math.Abs(v) > math.Abs(want) {
			want = v
		}
	}
	lam, it := TopEigen(apply, p, rng.New(6, 3), 2000, 1e-12)
	if math.Abs(lam-want) > 1e-4*math.Abs(want) {
		t.Fatalf("power iteration λ = %v (%d products), explicit Hessian %v", lam, it, want)
	}
}

// TestTrainSeparable is a known-answer training test: gradient descent on
// linearly separable two-class sets reaches 100% training accuracy. The
// MLP learns the sign of the diagonal sum x₀ + x₅ + x₁₀ + x₁₅ (margin ≥
// 0.1); the conv net, whose pooling discards where a pixel is, learns
// whether the image is offset up or down by 0.3 (pixels uniform ±0.25
// around it): both are separated by a hyperplane.
func TestTrainSeparable(t *testing.T) {
	const n, side = 60, 4
	diag := func(img []float64, r *rng.Rand) int {
		for j := range img {
			img[j] = r.Float64() - 0.5
		}
		s := img[0] + img[5] + img[10] + img[15]
		if math.Abs(s) < 0.1 {
			img[0] += math.Copysign(0.2, s)
			s += math.Copysign(0.2, s)
		}
		if s > 0 {
			return 1
		}
		return 0
	}
	offset := func(img []float64, r *rng.Rand) int {
		c := int(r.Uint64n(2))
		for j := range img {
			img[j] = 0.6*float64(c) - 0.3 + 0.5*(r.Float64()-0.5)
		}
		return c
	}
	mlp, _ := NewMLP(side*side, 8, 2)
	conv, _ := NewConv(side, 1, 4, 2)
	for _, tc := range []struct {
		net   Net
		label func([]float64, *rng.Rand) int
	}{{mlp, diag}, {conv, offset}} {
		r := rng.New(7, 1)
		x := make([]float64, n*side*side)
		y := make([]int, n)
		for i := range y {
			y[i] = tc.label(x[i*side*side:(i+1)*side*side], r)
		}
		d := &Data{X: x, Y: y, N: n, D: side * side, Classes: 2, Side: side}
		net := tc.net
		theta := make([]float64, net.NumParams())
		net.Init(theta, rng.New(7, 2))
		g := make([]float64, len(theta))
		for k := 0; k < 3000; k++ {
			net.Loss(theta, d, nil, g)
			for i := range theta {
				theta[i] -= 0.5 * g[i]
			}
		}
		if acc := Accuracy(net, theta, d, nil); acc != 1 {
			t.Errorf("%T: training accuracy %v after 3000 steps, want 1", net, acc)
		}
	}
}

// TestAccuracyNonFinite checks that a diverged θ scores 0.
func TestAccuracyNonFinite(t *testing.T) {
	net, _ := NewMLP(2, 2)
	d := randomData(4, 2, 2, 0, rng.New(8, 1))
	theta := make([]float64, net.NumParams())
	theta[0] = math.NaN()
	if a := Accuracy(net, theta, d, nil); a != 0 {
		t.Fatalf("accuracy %v at NaN θ", a)
	}
}

// TestHessVecExact checks the R-operator HVP of the MLP against central
// differences of the backpropagated gradient with a small step (1e-6), at
// a point where no pre-activation is that close to 0 (checked: the
// difference quotient is then the derivative of a smooth map), to a
// relative error of 1e-5, and its symmetry uᵀHv = vᵀHu to 1e-12.
func TestHessVecExact(t *testing.T) {
	for _, n := range []int{30, chunk + 7} {
		testHessVec(t, randomData(n, 5, 3, 0, rng.New(9, uint64(n))))
	}
}

func testHessVec(t *testing.T, d *Data) {
	net, _ := NewMLP(5, 6, 4, 3)
	theta := make([]float64, net.NumParams())
	net.Init(theta, rng.New(9, 2))
	p := len(theta)
	r := rng.New(9, 3)
	u, v := make([]float64, p), make([]float64, p)
	for i := range v {
		u[i], v[i] = r.NormFloat64(), r.NormFloat64()
	}
	hv, hu := make([]float64, p), make([]float64, p)
	net.HessVec(theta, d, nil, v, hv)
	net.HessVec(theta, d, nil, u, hu)
	fd := make([]float64, p)
	(&HVP{Grad: func(th, g []float64) { net.Loss(th, d, nil, g) }, Eps: 1e-6}).Apply(theta, v, fd)
	worst := 0.0
	for i := range hv {
		worst = math.Max(worst, math.Abs(hv[i]-fd[i])/(norm(fd)+1e-12))
	}
	if worst > 1e-5 {
		t.Fatalf("R-op and finite differences differ by %.3g (relative to ‖Hv‖)", worst)
	}
	if a, b := dot(u, hv), dot(v, hu); math.Abs(a-b) > 1e-12*math.Max(1, math.Abs(a)) {
		t.Fatalf("uᵀHv = %v, vᵀHu = %v", a, b)
	}
	// The check has power: a Hessian off by 1% fails it.
	for i := range hv {
		hv[i] *= 1.01
	}
	bad := 0.0
	for i := range hv {
		bad = math.Max(bad, math.Abs(hv[i]-fd[i])/(norm(fd)+1e-12))
	}
	if bad <= 1e-5 {
		t.Fatal("a 1% error passed the check")
	}
	t.Logf("worst relative difference %.2g", worst)
}
