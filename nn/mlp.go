package nn

import (
	"fmt"

	"github.com/htsgd/htsgd/rng"
)

// MLP is a multilayer perceptron with layer widths Sizes[0] (the input
// dimension), …, Sizes[L] (the number of classes): for l = 1..L
//
//	z_l = a_{l−1}·W_l + b_l,   a_l = max(z_l, 0) (l < L),
//
// and the logits z_L. θ holds W_1 (Sizes[0]×Sizes[1], row-major), b_1, W_2,
// b_2, … in this order. The gradient is backpropagation:
//
//	δ_L = (softmax(z_L) − onehot(y))/n,  ∇W_l = a_{l−1}ᵀ·δ_l,  ∇b_l = Σ_rows δ_l,
//	δ_{l−1} = (δ_l·W_lᵀ) ⊙ 1[z_{l−1} > 0].
type MLP struct {
	Sizes []int

	x  []float64
	y  []int
	zs [][]float64 // pre-activations of each layer (ReLU applied in place for hidden layers)
	ds [][]float64 // δ of each layer
}

// NewMLP returns an MLP with the given layer widths (at least an input and
// an output width, all ≥ 1).
func NewMLP(sizes ...int) (*MLP, error) {
	if len(sizes) < 2 {
		return nil, fmt.Errorf("nn: an MLP needs at least 2 layer widths, got %d", len(sizes))
	}
	for i, s := range sizes {
		if s < 1 {
			return nil, fmt.Errorf("nn: layer width %d must be ≥ 1, got %d", i, s)
		}
	}
	return &MLP{Sizes: append([]int(nil), sizes...)}, nil
}

// NumParams returns Σ_l (Sizes[l−1]+1)·Sizes[l].
func (m *MLP) NumParams() int {
	p := 0
	for l := 1; l < len(m.Sizes); l++ {
		p += (m.Sizes[l-1] + 1) * m.Sizes[l]
	}
	return p
}

// layer returns the offsets of W_l and b_l in θ.
func (m *MLP) layer(l int) (w, b int) {
	off := 0
	for k := 1; k < l; k++ {
		off += (m.Sizes[k-1] + 1) * m.Sizes[k]
	}
	return off, off + m.Sizes[l-1]*m.Sizes[l]
}

// Init sets the biases to 0 and the weights of layer l to N(0, 2/Sizes[l−1]).
func (m *MLP) Init(theta []float64, r *rng.Rand) {
	for l := 1; l < len(m.Sizes); l++ {
		w, b := m.layer(l)
		heInit(theta[w:b], m.Sizes[l-1], r)
		clear(theta[b : b+m.Sizes[l]])
	}
}

// Clone returns an MLP of the same widths with its own buffers.
func (m *MLP) Clone() Net { c, _ := NewMLP(m.Sizes...); return c }

// forward gathers rows into the input buffer and computes the logits,
// which it returns (n×K).
func (m *MLP) forward(theta []float64, d *Data, rows []int) []float64 {
	n, L := len(rows), len(m.Sizes)-1
	m.x = grow(m.x, n*m.Sizes[0])
	m.y = growInt(m.y, n)
	d.gather(rows, m.x, m.y)
	if len(m.zs) != L+1 {
		m.zs = make([][]float64, L+1)
		m.ds = make([][]float64, L+1)
	}
	m.zs[0] = m.x
	for l := 1; l <= L; l++ {
		in, out := m.Sizes[l-1], m.Sizes[l]
		w, b := m.layer(l)
		m.zs[l] = grow(m.zs[l], n*out)
		z := m.zs[l]
		gemm(false, false, 1, m.zs[l-1], n, in, theta[w:b], in, out, 0, z)
		addBias(z, n, out, theta[b:b+out])
		if l < L {
			for i, v := range z {
				if v < 0 {
					z[i] = 0
				}
			}
		}
	}
	return m.zs[L]
}

// Loss returns the mean cross-entropy over idx and, with grad, its gradient.
func (m *MLP) Loss(theta []float64, d *Data, idx []int, grad []float64) float64 {
	rows := d.rows(idx)
	if grad != nil {
		clear(grad)
	}
	n := len(rows)
	L, K := len(m.Sizes)-1, m.Sizes[len(m.Sizes)-1]
	sum := 0.0
	for s := 0; s < n; s += chunk {
		part := rows[s:min(n, s+chunk)]
		c := len(part)
		z := m.forward(theta, d, part)
		if grad == nil {
			sum += softmaxCE(z, m.y[:c], K, 0, nil)
			continue
		}
		m.ds[L] = grow(m.ds[L], c*K)
		sum += softmaxCE(z, m.y[:c], K, 1/float64(n), m.ds[L])
		for l := L; l >= 1; l-- {
			in, out := m.Sizes[l-1], m.Sizes[l]
			w, b := m.layer(l)
			dl := m.ds[l]
			gemm(true, false, 1, m.zs[l-1], c, in, dl, c, out, 1, grad[w:b])
			colSums(dl, c, out, grad[b:b+out])
			if l == 1 {
				break
			}
			m.ds[l-1] = grow(m.ds[l-1], c*in)
			dp := m.ds[l-1]
			gemm(false, true, 1, dl, c, out, theta[w:b], in, out, 0, dp)
			a := m.zs[l-1] // ReLU output: positive exactly where z > 0
			for i, v := range a {
				if v <= 0 {
					dp[i] = 0
				}
			}
		}
	}
	return sum / float64(n)
}

// Predict writes the class of largest logit of each row.
func (m *MLP) Predict(theta []float64, d *Data, idx []int, out []int) {
	rows := d.rows(idx)
	K := m.Sizes[len(m.Sizes)-1]
	for s := 0; s < len(rows); s += chunk {
		part := rows[s:min(len(rows), s+chunk)]
		argmax(m.forward(theta, d, part), K, out[s:s+len(part)])
	}
}
