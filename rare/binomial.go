package rare

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/mathext"

	"github.com/htsgd/htsgd/rng"
)

// binomTail returns P(N ≥ k) for N ~ Binomial(n, h): 1 for k ≤ 0, 0 for
// k > n, and otherwise the regularised incomplete beta function
//
//	P(N ≥ k) = I_h(k, n − k + 1)
//
// (Abramowitz & Stegun 26.5.24), which keeps its relative precision when
// the result is tiny (no 1 − Σ cancellation).
func binomTail(n int64, h float64, k int64) float64 {
	switch {
	case k <= 0:
		return 1
	case k > n:
		return 0
	case h <= 0:
		return 0
	case h >= 1:
		return 1
	}
	return mathext.RegIncBeta(float64(k), float64(n-k+1), h)
}

// seqSlack is how far the mean n·h may exceed k before condBinomial stops
// searching upwards from k and bisects instead: below it the search takes
// a handful of terms.
const seqSlack = 10

// condBinomial samples N ~ Binomial(n, h) conditioned on N ≥ k, exactly by
// inversion, which is the count of big noises in a window under P(· | B) of
// docs/theory.md §13 (B = {at least J big noises among n}).
//
// When n·h ≤ k + 10 the conditional law sits within a few units of k, and
// the inversion searches upwards from k with the pmf recursion
//
//	P(N = k) = Π_{i<k} (n−i)/(i+1) · h^k (1−h)^{n−k},
//	P(N = j+1) = P(N = j)·(n−j)/(j+1)·h/(1−h),
//
// normalised by the sum of the same terms (summed at construction until
// they no longer change it), so that the law sampled and the P(N ≥ k)
// reported are one number. Otherwise it bisects on j for the largest j with
// P(N ≥ j) ≥ V·P(N ≥ k), V uniform on (0, 1), with P(N ≥ j) from binomTail.
type condBinomial struct {
	n, k   int64
	h      float64
	tail   float64 // P(N ≥ k)
	pmfK   float64 // P(N = k), sequential mode only
	ratio  float64 // h/(1−h)
	seqMax int64   // last j whose term still changes the sum (sequential mode)
	seq    bool
}

func newCondBinomial(n int64, h float64, k int64) condBinomial {
	c := condBinomial{n: n, k: k, h: h, ratio: h / (1 - h)}
	if float64(n)*h > float64(k)+seqSlack || k > n {
		c.tail = binomTail(n, h, k)
		return c
	}
	c.seq = true
	// P(N = k) as a product, accurate for small k (no lgamma of large n).
	p := math.Exp(float64(n-k) * math.Log1p(-h))
	for i := int64(0); i < k; i++ {
		p *= float64(n-i) / float64(i+1) * h
	}
	c.pmfK = p
	sum, j := p, k
	for j < n {
		p *= float64(n-j) / float64(j+1) * c.ratio
		if sum+p == sum {
			break
		}
		sum += p
		j++
	}
	c.tail, c.seqMax = sum, j
	return c
}

// Tail returns P(N ≥ k), the probability P(B) of the conditioning event.
func (c condBinomial) Tail() float64 { return c.tail }

// Sample draws N given N ≥ k.
func (c condBinomial) Sample(r *rng.Rand) int64 {
	if c.seq {
		u := r.Float64Open53() * c.tail
		p, j := c.pmfK, c.k
		cum := p
		for cum < u && j < c.seqMax {
			p *= float64(c.n-j) / float64(j+1) * c.ratio
			j++
			cum += p
		}
		return j
	}
	target := r.Float64Open53() * c.tail
	lo, hi := c.k, c.n+1 // P(N ≥ lo) ≥ target > P(N ≥ hi) = 0
	for hi-lo > 1 {
		mid := lo + (hi-lo)/2
		if binomTail(c.n, c.h, mid) >= target {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo
}

// positions draws m distinct indices uniformly from [0, n) and returns them
// sorted in dst (reusing its storage), by Floyd's algorithm (Bentley & Floyd,
// CACM 30(9), 1987): for j = n−m, …, n−1 draw t uniform on [0, j] and insert
// t, or j if t is already present. Every m-subset has probability 1/C(n, m).
func positions(r *rng.Rand, n, m int64, dst []int64) []int64 {
	dst = dst[:0]
	for j := n - m; j < n; j++ {
		t := int64(r.Uint64n(uint64(j + 1)))
		i, found := slices.BinarySearch(dst, t)
		if found {
			t = j
			i = len(dst) // j exceeds every element inserted so far
		}
		dst = slices.Insert(dst, i, t)
	}
	return dst
}
