package control

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// Interval is a mean with its 95% confidence interval over N values.
type Interval struct {
	Mean Num `json:"mean"`
	Lo   Num `json:"lo"`
	Hi   Num `json:"hi"`
	N    int `json:"n"`
}

// Level is the confidence level of every interval of the report.
const Level = 0.95

// MeanCI returns the mean of the finite values of x with the Student-t
// interval mean ± t_{n−1, 0.975}·s/√n (s the sample standard deviation):
// exact for normal values, and the usual large-sample interval otherwise.
// Non-finite values (metrics of diverged runs) are left out; with fewer
// than two values the bounds are NaN.
func MeanCI(x []float64) Interval {
	var v []float64
	for _, a := range x {
		if !math.IsNaN(a) && !math.IsInf(a, 0) {
			v = append(v, a)
		}
	}
	n := len(v)
	nan := Num(math.NaN())
	if n == 0 {
		return Interval{Mean: nan, Lo: nan, Hi: nan}
	}
	m := 0.0
	for _, a := range v {
		m += a
	}
	m /= float64(n)
	if n < 2 {
		return Interval{Mean: Num(m), Lo: nan, Hi: nan, N: n}
	}
	ss := 0.0
	for _, a := range v {
		ss += (a - m) * (a - m)
	}
	se := math.Sqrt(ss / float64(n-1) / float64(n))
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(n - 1)}.Quantile(1 - (1-Level)/2)
	return Interval{Mean: Num(m), Lo: Num(m - t*se), Hi: Num(m + t*se), N: n}
}

// PairedCI returns the interval of the mean difference a_r − b_r over the
// replications r where both are finite: the runs of one replication share
// data, labels and initial weights, so the difference removes what they
// share (a paired t interval).
func PairedCI(a, b []float64) Interval {
	d := make([]float64, 0, len(a))
	for r := range a {
		if r < len(b) {
			d = append(d, a[r]-b[r])
		}
	}
	return MeanCI(d)
}

// Covers reports whether the interval contains x.
func (iv Interval) Covers(x float64) bool { return float64(iv.Lo) <= x && x <= float64(iv.Hi) }
