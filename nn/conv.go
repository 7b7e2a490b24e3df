package nn

import (
	"fmt"
	"math"

	"github.com/htsgd/htsgd/rng"
)

// Conv is a small convolutional net on Side×Side single-channel images:
// Filters filters of Kernel×Kernel (valid, stride 1) with biases, ReLU,
// 2×2 max pooling, and a dense layer to Classes logits:
//
//	c_{i,p,f} = Σ_q x_{i,p+q}·K_{q,f} + β_f,   r = max(c, 0),
//	s_{i,u,f} = max_{p ∈ pool(u)} r_{i,p,f},    z_i = s_i·W + b.
//
// The convolution is a matrix product on the image patches (im2col). θ
// holds K (Kernel²×Filters, row-major), β, W ((P²·Filters)×Classes with
// P = (Side−Kernel+1)/2 and s flattened as (u, f)), b. The gradient is
// backpropagation: δz = (softmax(z) − onehot(y))/n, ∇W = sᵀδz, δs = δz·Wᵀ
// routed to the maximum of each pool, δc = δr ⊙ 1[c > 0], ∇K = patchesᵀ·δc.
type Conv struct {
	Side, Kernel, Filters, Classes int

	cols   []float64 // patches: (n·O²)×Kernel²
	c      []float64 // convolution output after ReLU: (n·O²)×Filters
	s      []float64 // pooled: n×(P²·Filters)
	arg    []int     // index into c of each pooled maximum
	z      []float64 // logits n×Classes
	dz, ds []float64
	dc     []float64
	x      []float64
	y      []int
}

// NewConv returns a convolutional net; Side−Kernel+1 must be even and ≥ 2.
func NewConv(side, kernel, filters, classes int) (*Conv, error) {
	o := side - kernel + 1
	switch {
	case side < 2 || kernel < 1 || filters < 1 || classes < 2:
		return nil, fmt.Errorf("nn: conv net needs side ≥ 2, kernel ≥ 1, filters ≥ 1, classes ≥ 2; got %d, %d, %d, %d", side, kernel, filters, classes)
	case o < 2 || o%2 != 0:
		return nil, fmt.Errorf("nn: conv net: side − kernel + 1 = %d must be even and ≥ 2 (2×2 pooling)", o)
	}
	return &Conv{Side: side, Kernel: kernel, Filters: filters, Classes: classes}, nil
}

func (m *Conv) out() int  { return m.Side - m.Kernel + 1 }
func (m *Conv) pool() int { return m.out() / 2 }

// offsets of K, β, W, b in θ.
func (m *Conv) offsets() (k, beta, w, b, end int) {
	kk := m.Kernel * m.Kernel
	beta = kk * m.Filters
	w = beta + m.Filters
	p := m.pool()
	b = w + p*p*m.Filters*m.Classes
	return 0, beta, w, b, b + m.Classes
}

// NumParams returns Kernel²·Filters + Filters + P²·Filters·Classes + Classes.
func (m *Conv) NumParams() int { _, _, _, _, e := m.offsets(); return e }

// Init sets biases to 0 and weights to N(0, 2/fan-in).
func (m *Conv) Init(theta []float64, r *rng.Rand) {
	k, beta, w, b, e := m.offsets()
	heInit(theta[k:beta], m.Kernel*m.Kernel, r)
	clear(theta[beta:w])
	p := m.pool()
	heInit(theta[w:b], p*p*m.Filters, r)
	clear(theta[b:e])
}

// Clone returns a net of the same shape with its own buffers.
func (m *Conv) Clone() Net {
	c, _ := NewConv(m.Side, m.Kernel, m.Filters, m.Classes)
	return c
}

// forward computes the logits of rows (n×Classes).
func (m *Conv) forward(theta []float64, d *Data, rows []int) []float64 {
	n, S, Kn, F := len(rows), m.Side, m.Kernel, m.Filters
	O, P := m.out(), m.pool()
	kk := Kn * Kn
	m.x = grow(m.x, n*d.D)
	m.y = growInt(m.y, n)
	d.gather(rows, m.x, m.y)
	m.cols = grow(m.cols, n*O*O*kk)
	for i := 0; i < n; i++ {
		img := m.x[i*d.D : (i+1)*d.D]
		for py := 0; py < O; py++ {
			for px := 0; px < O; px++ {
				row := m.cols[((i*O+py)*O+px)*kk:]
				for qy := 0; qy < Kn; qy++ {
					copy(row[qy*Kn:(qy+1)*Kn], img[(py+qy)*S+px:(py+qy)*S+px+Kn])
				}
			}
		}
	}
	k, beta, w, b, e := m.offsets()
	m.c = grow(m.c, n*O*O*F)
	gemm(false, false, 1, m.cols, n*O*O, kk, theta[k:beta], kk, F, 0, m.c)
	addBias(m.c, n*O*O, F, theta[beta:w])
	for i, v := range m.c {
		if v < 0 {
			m.c[i] = 0
		}
	}
	m.s = grow(m.s, n*P*P*F)
	m.arg = growInt(m.arg, n*P*P*F)
	for i := 0; i < n; i++ {
		for uy := 0; uy < P; uy++ {
			for ux := 0; ux < P; ux++ {
				for f := 0; f < F; f++ {
					best, at := math.Inf(-1), 0
					for dy := 0; dy < 2; dy++ {
						for dx := 0; dx < 2; dx++ {
							j := ((i*O+2*uy+dy)*O+2*ux+dx)*F + f
							if m.c[j] > best {
								best, at = m.c[j], j
							}
						}
					}
					o := ((i*P+uy)*P+ux)*F + f
					m.s[o], m.arg[o] = best, at
				}
			}
		}
	}
	D := P * P * F
	m.z = grow(m.z, n*m.Classes)
	gemm(false, false, 1, m.s, n, D, theta[w:b], D, m.Classes, 0, m.z)
	addBias(m.z, n, m.Classes, theta[b:e])
	return m.z
}

// Loss returns the mean cross-entropy over idx and, with grad, its gradient.
func (m *Conv) Loss(theta []float64, d *Data, idx []int, grad []float64) float64 {
	rows := d.rows(idx)
	if grad != nil {
		clear(grad)
	}
	n := len(rows)
	F, O, P, kk := m.Filters, m.out(), m.pool(), m.Kernel*m.Kernel
	D := P * P * F
	k, beta, w, b, e := m.offsets()
	sum := 0.0
	for s := 0; s < n; s += chunk {
		part := rows[s:min(n, s+chunk)]
		c := len(part)
		z := m.forward(theta, d, part)
		if grad == nil {
			sum += softmaxCE(z, m.y[:c], m.Classes, 0, nil)
			continue
		}
		m.dz = grow(m.dz, c*m.Classes)
		sum += softmaxCE(z, m.y[:c], m.Classes, 1/float64(n), m.dz)
		gemm(true, false, 1, m.s, c, D, m.dz, c, m.Classes, 1, grad[w:b])
		colSums(m.dz, c, m.Classes, grad[b:e])
		m.ds = grow(m.ds, c*D)
		gemm(false, true, 1, m.dz, c, m.Classes, theta[w:b], D, m.Classes, 0, m.ds)
		m.dc = grow(m.dc, c*O*O*F)
		clear(m.dc)
		for o, v := range m.ds {
			if j := m.arg[o]; m.c[j] > 0 {
				m.dc[j] += v
			}
		}
		gemm(true, false, 1, m.cols, c*O*O, kk, m.dc, c*O*O, F, 1, grad[k:beta])
		colSums(m.dc, c*O*O, F, grad[beta:w])
	}
	return sum / float64(n)
}

// Predict writes the class of largest logit of each row.
func (m *Conv) Predict(theta []float64, d *Data, idx []int, out []int) {
	rows := d.rows(idx)
	for s := 0; s < len(rows); s += chunk {
		part := rows[s:min(len(rows), s+chunk)]
		argmax(m.forward(theta, d, part), m.Classes, out[s:s+len(part)])
	}
}
