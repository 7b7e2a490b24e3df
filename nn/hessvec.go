package nn

import "math"

// HessVecer is a network that computes exact Hessian-vector products of its
// loss.
type HessVecer interface {
	// HessVec writes H(θ)·v into out, H the Hessian of the mean loss over
	// the examples idx of d (all when nil).
	HessVec(theta []float64, d *Data, idx []int, v, out []float64)
}

// HessVec computes H(θ)·v exactly by forward- and reverse-mode
// differentiation of the gradient along v (Pearlmutter's R-operator,
// Neural Computation 6, 1994): with V the direction's weights, the forward
// pass carries R(z_l) = R(a_{l−1})W_l + a_{l−1}V_l + v_{b,l} and R(a_l) =
// R(z_l) ⊙ 1[z_l > 0]; the backward pass carries R(δ_L) = (p ⊙ R(z_L) −
// p·⟨p, R(z_L)⟩)/n (p the softmax) and R(δ_{l−1}) = (R(δ_l)W_lᵀ + δ_l V_lᵀ) ⊙
// 1[z_{l−1} > 0], and
//
//	R(∇W_l) = R(a_{l−1})ᵀδ_l + a_{l−1}ᵀR(δ_l),   R(∇b_l) = Σ_rows R(δ_l).
//
// ReLU's second derivative is 0 wherever it exists, so this is the
// Hessian of the loss with the activation pattern of θ held fixed: the
// exact Hessian at every θ off the measure-zero set where a pre-activation
// is 0, and symmetric (unlike a finite difference across such a kink).
func (m *MLP) HessVec(theta []float64, d *Data, idx []int, v, out []float64) {
	rows := d.rows(idx)
	clear(out)
	n := len(rows)
	L, K := len(m.Sizes)-1, m.Sizes[len(m.Sizes)-1]
	rz := make([][]float64, L+1)
	delta := make([][]float64, L+1)
	rdelta := make([][]float64, L+1)
	for s := 0; s < n; s += chunk {
		part := rows[s:min(n, s+chunk)]
		c := len(part)
		z := m.forward(theta, d, part)
		// R forward pass; rz[0] = R(a_0) = 0.
		rz[0] = nil
		for l := 1; l <= L; l++ {
			in, o := m.Sizes[l-1], m.Sizes[l]
			w, b := m.layer(l)
			rz[l] = grow(rz[l], c*o)
			r := rz[l]
			gemm(false, false, 1, m.zs[l-1], c, in, v[w:b], in, o, 0, r)
			if rz[l-1] != nil {
				gemm(false, false, 1, rz[l-1], c, in, theta[w:b], in, o, 1, r)
			}
			addBias(r, c, o, v[b:b+o])
			if l < L {
				for i, a := range m.zs[l] {
					if a <= 0 {
						r[i] = 0
					}
				}
			}
		}
		// Output layer: δ_L and R(δ_L).
		delta[L] = grow(delta[L], c*K)
		rdelta[L] = grow(rdelta[L], c*K)
		inv := 1 / float64(n)
		for i := 0; i < c; i++ {
			zi, ri := z[i*K:(i+1)*K], rz[L][i*K:(i+1)*K]
			mx := math.Inf(-1)
			for _, x := range zi {
				mx = math.Max(mx, x)
			}
			sum := 0.0
			for _, x := range zi {
				sum += math.Exp(x - mx)
			}
			pr := 0.0
			di, rdi := delta[L][i*K:(i+1)*K], rdelta[L][i*K:(i+1)*K]
			for k, x := range zi {
				p := math.Exp(x-mx) / sum
				di[k] = p * inv
				pr += p * ri[k]
			}
			di[m.y[i]] -= inv
			for k := range zi {
				p := di[k]
				if k == m.y[i] {
					p += inv
				}
				rdi[k] = p * (ri[k] - pr) // p carries the 1/n
			}
		}
		for l := L; l >= 1; l-- {
			in, o := m.Sizes[l-1], m.Sizes[l]
			w, b := m.layer(l)
			dl, rdl := delta[l], rdelta[l]
			gemm(true, false, 1, m.zs[l-1], c, in, rdl, c, o, 1, out[w:b])
			if rz[l-1] != nil {
				gemm(true, false, 1, rz[l-1], c, in, dl, c, o, 1, out[w:b])
			}
			colSums(rdl, c, o, out[b:b+o])
			if l == 1 {
				break
			}
			delta[l-1] = grow(delta[l-1], c*in)
			rdelta[l-1] = grow(rdelta[l-1], c*in)
			dp, rdp := delta[l-1], rdelta[l-1]
			gemm(false, true, 1, dl, c, o, theta[w:b], in, o, 0, dp)
			gemm(false, true, 1, rdl, c, o, theta[w:b], in, o, 0, rdp)
			gemm(false, true, 1, dl, c, o, v[w:b], in, o, 1, rdp)
			for i, a := range m.zs[l-1] {
				if a <= 0 {
					dp[i], rdp[i] = 0, 0
				}
			}
		}
	}
}
