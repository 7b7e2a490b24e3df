package nn

import (
	"math"

	"github.com/htsgd/htsgd/rng"
)

// GradFunc writes ∇L(θ) into grad.
type GradFunc func(theta, grad []float64)

// HVP computes Hessian-vector products of a loss by central differences
// of its gradient:
//
//	H(θ)·v ≈ (∇L(θ + εu) − ∇L(θ − εu)) / (2ε) · ‖v‖,   u = v/‖v‖,
//
// exact up to O(ε²) for a twice differentiable loss (exact for a quadratic
// up to rounding). ReLU nets are piecewise smooth: the product is the
// derivative of the gradient along v averaged over [−ε, ε], which is what
// a curvature of the trained net means there. Eps is ε (0: 1e-4).
type HVP struct {
	Grad GradFunc
	Eps  float64

	tp, tm, gp []float64
}

// Apply writes H(θ)·v into out.
func (h *HVP) Apply(theta, v, out []float64) {
	eps := h.Eps
	if eps == 0 {
		eps = 1e-4
	}
	nv := norm(v)
	if nv == 0 {
		clear(out)
		return
	}
	h.tp = grow(h.tp, len(theta))
	h.tm = grow(h.tm, len(theta))
	h.gp = grow(h.gp, len(theta))
	for i, t := range theta {
		u := v[i] / nv
		h.tp[i] = t + eps*u
		h.tm[i] = t - eps*u
	}
	h.Grad(h.tp, h.gp)
	h.Grad(h.tm, out)
	s := nv / (2 * eps)
	for i := range out {
		out[i] = (h.gp[i] - out[i]) * s
	}
}

// TopEigen estimates the eigenvalue of largest modulus of the symmetric
// operator apply (H·v) on R^p by power iteration from a random start drawn
// from r: v_{k+1} = H v_k/‖H v_k‖ with the Rayleigh quotient
// λ_k = v_kᵀ H v_k, stopped when the residual is small,
// ‖H v_k − λ_k v_k‖ ≤ tol·|λ_k| (then |λ_k − λ| ≲ tol²·|λ|·‖H‖/gap, the
// Rayleigh quotient being accurate to second order in the error of v_k), or
// after maxIter products. It returns the last λ_k and the number of
// products. The convergence rate is |λ_2/λ_1| per iteration: a run stopped
// at maxIter reports an estimate of |λ_1| from below.
func TopEigen(apply func(v, out []float64), p int, r *rng.Rand, maxIter int, tol float64) (float64, int) {
	v := make([]float64, p)
	hv := make([]float64, p)
	for i := range v {
		v[i] = r.NormFloat64()
	}
	scale(v, 1/norm(v))
	lambda := 0.0
	for k := 1; k <= maxIter; k++ {
		apply(v, hv)
		lambda = dot(v, hv)
		nh := norm(hv)
		if nh == 0 || math.IsNaN(nh) {
			return lambda, k
		}
		res := 0.0
		for i, x := range hv {
			d := x - lambda*v[i]
			res += d * d
		}
		if math.Sqrt(res) <= tol*math.Abs(lambda) {
			return lambda, k
		}
		copy(v, hv)
		scale(v, 1/nh)
	}
	return lambda, maxIter
}

func dot(a, b []float64) float64 {
	s := 0.0
	for i, v := range a {
		s += v * b[i]
	}
	return s
}

func norm(a []float64) float64 { return math.Sqrt(dot(a, a)) }

func scale(a []float64, s float64) {
	for i := range a {
		a[i] *= s
	}
}
