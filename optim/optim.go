package optim

import (
	"math"

	"github.com/htsgd/htsgd/rng"
)

// Config is the setting of an optimiser.
type Config struct {
	Method Method
	// Eta is the step size η > 0.
	Eta float64
	// SmallBatch and LargeBatch are the sizes of SB and LB (≤ the number
	// of training examples; LB = all of them is full-batch GD).
	SmallBatch, LargeBatch int
	// B is the truncation threshold b > 0 of φ_b (truncated methods).
	B float64
	// C and Alpha set the heavy-tailed multiplier Z = c·W, W Pareto(α)
	// on [1, ∞) (heavy methods).
	C, Alpha float64
	// Rho is SAM's neighbourhood radius ρ > 0.
	Rho float64
}

// Loss is the training loss as the optimiser sees it: the mean loss over
// the examples idx of the training set and its gradient in grad.
type Loss interface {
	Loss(theta []float64, idx []int, grad []float64) float64
	// N returns the number of training examples.
	N() int
}

// Optimizer runs one method. Not safe for concurrent use.
type Optimizer struct {
	cfg  Config
	loss Loss
	r    *rng.Rand

	perm                 []int
	g, gs, gl, tmp, step []float64
}

// New returns an optimiser of cfg on loss with p parameters, drawing its
// batches and noise from r.
func New(cfg Config, loss Loss, p int, r *rng.Rand) *Optimizer {
	n := loss.N()
	perm := make([]int, n)
	for i := range perm {
		perm[i] = i
	}
	return &Optimizer{cfg: cfg, loss: loss, r: r, perm: perm,
		g: make([]float64, p), gs: make([]float64, p), gl: make([]float64, p),
		tmp: make([]float64, p), step: make([]float64, p)}
}

// StepInfo describes one step.
type StepInfo struct {
	// Loss is the loss of the (first) batch at θ before the step.
	Loss float64
	// Norm is ‖step‖, after truncation.
	Norm float64
	// Clipped reports whether φ_b shortened the step.
	Clipped bool
	// Z is the heavy-tailed multiplier drawn (0 without noise).
	Z float64
}

// batch draws k distinct indices uniformly (a partial Fisher–Yates
// shuffle of the persistent permutation); k = N gives all of them.
func (o *Optimizer) batch(k int) []int {
	n := len(o.perm)
	if k >= n {
		return o.perm
	}
	for i := 0; i < k; i++ {
		j := i + int(o.r.Uint64n(uint64(n-i)))
		o.perm[i], o.perm[j] = o.perm[j], o.perm[i]
	}
	return o.perm[:k]
}

// Pareto returns W with P(W > w) = w^{−α} for w ≥ 1: W = U^{−1/α} with U
// uniform on (0, 1].
func Pareto(r *rng.Rand, alpha float64) float64 {
	return math.Pow(r.Float64Open(), -1/alpha)
}

// Step updates θ in place by one step of the method; with plain set (the
// final phase of the heavy-tailed methods) it takes a large-batch gradient
// step instead.
func (o *Optimizer) Step(theta []float64, plain bool) StepInfo {
	c := o.cfg
	var info StepInfo
	m := c.Method
	if plain {
		m = LB
	}
	switch m {
	case LB:
		info.Loss = o.loss.Loss(theta, o.batch(c.LargeBatch), o.g)
		copy(o.step, o.g)
	case SB, SBClip:
		info.Loss = o.loss.Loss(theta, o.batch(c.SmallBatch), o.g)
		copy(o.step, o.g)
	case SAM:
		b := o.batch(c.SmallBatch)
		info.Loss = o.loss.Loss(theta, b, o.g)
		ng := norm(o.g)
		s := 0.0
		if ng > 0 {
			s = c.Rho / ng
		}
		for i, t := range theta {
			o.tmp[i] = t + s*o.g[i]
		}
		o.loss.Loss(o.tmp, b, o.step)
	case SBNoise, Ours1, Ours2:
		sb := o.batch(c.SmallBatch)
		info.Loss = o.loss.Loss(theta, sb, o.g)
		gs := o.g
		if m == Ours1 {
			gs = o.gs
			o.loss.Loss(theta, o.batch(c.SmallBatch), gs)
		}
		// The LB batch is drawn after SB (and SB*) are used: batch
		// reshuffles the shared permutation.
		o.loss.Loss(theta, o.batch(c.LargeBatch), o.gl)
		info.Z = c.C * Pareto(o.r, c.Alpha)
		for i := range o.step {
			o.step[i] = o.g[i] + info.Z*(gs[i]-o.gl[i])
		}
	}
	for i := range o.step {
		o.step[i] *= c.Eta
	}
	info.Norm = norm(o.step)
	if !plain && m.Truncated() {
		if f := Truncate(o.step, c.B); f < 1 {
			info.Clipped = true
			info.Norm = c.B
		}
	}
	for i := range theta {
		theta[i] -= o.step[i]
	}
	return info
}

// Truncate applies φ_b(w) = w·min(1, b/‖w‖) to w in place and returns the
// factor min(1, b/‖w‖) (docs/theory.md §1).
func Truncate(w []float64, b float64) float64 {
	n := norm(w)
	if n <= b || n == 0 {
		return 1
	}
	f := b / n
	for i := range w {
		w[i] *= f
	}
	return f
}

func norm(a []float64) float64 {
	s := 0.0
	for _, v := range a {
		s += v * v
	}
	return math.Sqrt(s)
}
