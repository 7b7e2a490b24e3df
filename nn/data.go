package nn

// Data is a labelled data set: N examples of dimension D stored row-major
// in X (example i is X[i*D:(i+1)*D]) with labels Y[i] in [0, Classes).
// Side is the side of a square image (D = Side²) for convolutional nets,
// 0 when the examples are not images.
type Data struct {
	X       []float64
	Y       []int
	N, D    int
	Classes int
	Side    int
}

// chunk is the largest number of examples a network processes at once; a
// larger set of rows is processed in chunks of this size, which bounds the
// scratch memory (the 10,000 test images do not need a 10,000-row buffer).
const chunk = 512

// rows returns idx, or 0..N−1 when idx is nil.
func (d *Data) rows(idx []int) []int {
	if idx != nil {
		return idx
	}
	all := make([]int, d.N)
	for i := range all {
		all[i] = i
	}
	return all
}

// gather copies the examples idx of d into dst (len(idx)×D, row-major)
// and their labels into y.
func (d *Data) gather(idx []int, dst []float64, y []int) {
	for k, i := range idx {
		copy(dst[k*d.D:(k+1)*d.D], d.X[i*d.D:(i+1)*d.D])
		y[k] = d.Y[i]
	}
}

// grow returns s with length n, reallocating when its capacity is short.
func grow(s []float64, n int) []float64 {
	if cap(s) < n {
		return make([]float64, n)
	}
	return s[:n]
}

func growInt(s []int, n int) []int {
	if cap(s) < n {
		return make([]int, n)
	}
	return s[:n]
}
