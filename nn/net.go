package nn

import (
	"math"

	"github.com/htsgd/htsgd/rng"
)

// Net is a classifier with parameters θ ∈ R^P and the mean softmax
// cross-entropy loss.
type Net interface {
	// NumParams returns P, the length of θ.
	NumParams() int
	// Init fills θ with initial weights: biases 0 and weights N(0, 2/fan-in)
	// (He initialisation), drawn from r.
	Init(theta []float64, r *rng.Rand)
	// Loss returns the mean cross-entropy L(θ) over the examples idx of d
	// (all of d when idx is nil); when grad is not nil it is overwritten
	// with ∇L(θ).
	Loss(theta []float64, d *Data, idx []int, grad []float64) float64
	// Predict writes into out[k] the class of largest logit of example
	// idx[k] (all of d when idx is nil).
	Predict(theta []float64, d *Data, idx []int, out []int)
	// Clone returns a network of the same shape with its own scratch
	// buffers.
	Clone() Net
}

// Accuracy returns the fraction of the examples idx of d (all when nil)
// that net classifies correctly at θ. A θ with a non-finite entry scores 0.
func Accuracy(net Net, theta []float64, d *Data, idx []int) float64 {
	for _, v := range theta {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return 0
		}
	}
	rows := d.rows(idx)
	out := make([]int, len(rows))
	net.Predict(theta, d, rows, out)
	ok := 0
	for k, i := range rows {
		if out[k] == d.Y[i] {
			ok++
		}
	}
	return float64(ok) / float64(len(rows))
}

// heInit fills w (fan-in fanIn) with N(0, 2/fanIn) draws.
func heInit(w []float64, fanIn int, r *rng.Rand) {
	s := math.Sqrt(2 / float64(fanIn))
	for i := range w {
		w[i] = s * r.NormFloat64()
	}
}
