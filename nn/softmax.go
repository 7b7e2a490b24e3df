package nn

import "math"

// softmaxCE computes, for the n×K logits z (row-major) and labels y, the
// summed cross-entropy Σ_i (log Σ_k e^{z_ik} − z_{i,y_i}) and, when dz is not
// nil, dz = scale·(softmax(z) − onehot(y)), the gradient of scale times the
// sum with respect to z. The log-sum-exp is taken after subtracting the row
// maximum, so large logits do not overflow.
func softmaxCE(z []float64, y []int, K int, scale float64, dz []float64) float64 {
	n := len(y)
	sum := 0.0
	for i := 0; i < n; i++ {
		row := z[i*K : (i+1)*K]
		m := math.Inf(-1)
		for _, v := range row {
			m = math.Max(m, v)
		}
		s := 0.0
		for _, v := range row {
			s += math.Exp(v - m)
		}
		lse := m + math.Log(s)
		sum += lse - row[y[i]]
		if dz != nil {
			d := dz[i*K : (i+1)*K]
			for k, v := range row {
				d[k] = scale * math.Exp(v-lse)
			}
			d[y[i]] -= scale
		}
	}
	return sum
}

// argmax returns the index of the largest entry of each of the n rows of
// z (K columns) in out.
func argmax(z []float64, K int, out []int) {
	for i := range out {
		row := z[i*K : (i+1)*K]
		best := 0
		for k, v := range row {
			if v > row[best] {
				best = k
			}
		}
		out[i] = best
	}
}
