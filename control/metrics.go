package control

import (
	"context"
	"math"
	"sort"

	"github.com/htsgd/htsgd/nn"
	"github.com/htsgd/htsgd/rng"
)

// Sharpness returns the expected sharpness E|L(θ+ν) − L(θ)|, ν ~
// N(0, σ²I), estimated by the mean over draws perturbations from r, with L
// the training loss over all of d (the measure of Table 2 of the paper,
// with σ = 0.01 and 100 draws there).
// It returns NaN when ctx is cancelled.
func Sharpness(ctx context.Context, net nn.Net, theta []float64, d *nn.Data, sigma float64, draws int, r *rng.Rand) float64 {
	l0 := net.Loss(theta, d, nil, nil)
	tp := make([]float64, len(theta))
	s := 0.0
	for k := 0; k < draws; k++ {
		if ctx.Err() != nil {
			return math.NaN()
		}
		for i, t := range theta {
			tp[i] = t + sigma*r.NormFloat64()
		}
		s += math.Abs(net.Loss(tp, d, nil, nil) - l0)
	}
	return s / float64(draws)
}

// TopEigenvalue returns the eigenvalue of largest modulus of the Hessian
// of the training loss over all of d at θ, by power iteration (nn.TopEigen,
// stopped at a residual ‖Hv − λv‖ ≤ tol·|λ| or after maxIter products) on
// exact Hessian-vector products where the network has them
// (nn.HessVecer: the MLP) and on finite differences of the gradient
// otherwise (nn.HVP: the conv net), and the number of products it took.
// When ctx is cancelled the iteration stops at the next product (the
// caller discards the value).
func TopEigenvalue(ctx context.Context, net nn.Net, theta []float64, d *nn.Data, maxIter int, tol float64, r *rng.Rand) (float64, int) {
	var hv func(v, out []float64)
	if h, ok := net.(nn.HessVecer); ok {
		hv = func(v, out []float64) { h.HessVec(theta, d, nil, v, out) }
	} else {
		f := nn.HVP{Grad: func(th, g []float64) { net.Loss(th, d, nil, g) }}
		hv = func(v, out []float64) { f.Apply(theta, v, out) }
	}
	return nn.TopEigen(func(v, out []float64) {
		if ctx.Err() != nil {
			clear(out) // a zero product ends the power iteration
			return
		}
		hv(v, out)
	}, len(theta), r, maxIter, tol)
}

// exitTracker measures how often the iterate leaves the region it has
// settled in (docs/control.md, "exit frequency"). From step start it keeps
// the moving centre θ̄ (an exponential average with window W: θ̄ ← θ̄ +
// (θ − θ̄)/W); from step start + 2W, the settling time, it records the
// distance d_k = ‖θ_k − θ̄_{k−1}‖ of each new iterate from the centre of
// the steps before. After the run the radius is R = κ·median(d), a
// multiple of the run's own typical fluctuation, and an exit is a step
// with d_k > R after one with d_{k−1} ≤ R (an up-crossing).
type exitTracker struct {
	w      int
	start  int
	centre []float64
	d      []float64
}

func newExitTracker(p, w, start int) *exitTracker {
	return &exitTracker{w: w, start: start, centre: make([]float64, p)}
}

// observe records θ after step k (0-based).
func (e *exitTracker) observe(k int, theta []float64) {
	switch {
	case k < e.start:
		return
	case k == e.start:
		copy(e.centre, theta)
		return
	}
	if k >= e.start+2*e.w {
		s := 0.0
		for i, t := range theta {
			d := t - e.centre[i]
			s += d * d
		}
		e.d = append(e.d, math.Sqrt(s))
	}
	a := 1 / float64(e.w)
	for i, t := range theta {
		e.centre[i] += a * (t - e.centre[i])
	}
}

// exits returns the number of up-crossings of R = κ·median(d), R, and the
// number of steps recorded.
func (e *exitTracker) exits(kappa float64) (n int, radius float64, steps int) {
	return countExits(e.d, kappa)
}

// excursion returns max d / median d (NaN without records).
func (e *exitTracker) excursion() float64 {
	if len(e.d) == 0 {
		return math.NaN()
	}
	_, r, _ := countExits(e.d, 1)
	m := 0.0
	for _, v := range e.d {
		m = math.Max(m, v)
	}
	return m / r
}

// countExits counts the up-crossings of κ·median(d) by the sequence d.
func countExits(d []float64, kappa float64) (n int, radius float64, steps int) {
	if len(d) == 0 {
		return 0, math.NaN(), 0
	}
	s := append([]float64(nil), d...)
	sort.Float64s(s)
	med := s[len(s)/2]
	if len(s)%2 == 0 {
		med = (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	radius = kappa * med
	inside := true
	for _, v := range d {
		out := v > radius
		if out && inside {
			n++
		}
		inside = !out
	}
	return n, radius, len(d)
}
