package rng

import "math"

// expZig is the 256-layer ziggurat of f(x) = e^{−x} (Marsaglia & Tsang
// 2000): f^{−1}(y) = −ln y, ∫_r^∞ f = e^{−r}. The root is
// r = 7.697117470131050 and v = r·e^{−r} + e^{−r} = 3.949659822581572e−3,
// the values printed in the paper (checked by TestZigguratConstants).
var expZig = newZigTable(
	func(x float64) float64 { return math.Exp(-x) },
	func(y float64) float64 { return -math.Log(y) },
	func(r float64) float64 { return math.Exp(-r) },
	1, 20)

// expK, expW are copies of expZig's fast-path tables as package arrays, so
// that ExpFast indexes them by a byte with no bounds check or pointer load.
var (
	expK = expZig.k
	expW = expZig.w
)

// ExpFloat64 returns a standard exponential variate, density e^{−x} on
// x ≥ 0, by the ziggurat method of Marsaglia & Tsang (2000) with 256 layers
// of equal area under e^{−x}. It is
//
//	j := r.Uint64()
//	if x, ok := ExpFast(j); ok {
//		return x
//	}
//	return r.ExpSlow(j)
//
// ExpFloat64 itself is not inlinable: Go's inliner charges 57 of its budget
// of 80 for any call to a non-inlined function (here ExpSlow) and the
// xoshiro256++ step costs 54. A hot loop that wants the draw inlined writes
// the three lines above itself; Uint64 and ExpFast are then inlined and only
// the rare ExpSlow is a call.
func (r *Rand) ExpFloat64() float64 {
	j := r.Uint64()
	if x, ok := ExpFast(j); ok {
		return x
	}
	return r.ExpSlow(j)
}

// ExpFast is the fast path of the exponential ziggurat, a pure function of
// one uniform 64-bit word j (normally from Uint64). The layer is i = j mod
// 256 (bits 0..7) and u = j ≫ 11 a 53-bit uniform (bits 11..63, disjoint
// from i, so independent of it); x = u·x[i]/2^53 is accepted when
// u < k[i] = ⌈2^53·x[i+1]/x[i]⌉, i.e. when x lies in the part of layer i that
// is under e^{−x} at any height. This happens with probability 0.978 (the
// mean of k[i]/2^53 over the 256 layers). When ok is false, x is not a
// sample and j must be passed to [Rand.ExpSlow]; discarding j and drawing
// again would bias the law.
func ExpFast(j uint64) (x float64, ok bool) {
	u := j >> 11
	return float64(int64(u)) * expW[uint8(j)], u < expK[uint8(j)]
}

// ExpSlow returns the standard exponential variate determined by the word j
// and, when needed, further draws from r. For a j accepted by ExpFast it
// returns the same x; otherwise (Marsaglia & Tsang 2000):
//
//   - layer 0 (the base strip, x ≥ r): the tail. By memorylessness,
//     E | E > r has the law of r + E', so r is added to an offset and a fresh
//     E' is drawn (exponential tail fallback);
//   - layers 1..255 (the wedge x[i+1] ≤ x < x[i]): accept x if a uniform
//     height f(x[i]) + U·(f(x[i+1]) − f(x[i])) is below e^{−x}, otherwise
//     draw afresh.
//
// Fresh draws go through the fast path first, so the loop ends with
// probability 1 after few draws. j must be uniform and
// independent of r's future outputs (a word just drawn from r is).
//
//go:noinline
func (r *Rand) ExpSlow(j uint64) float64 {
	off := 0.0
	for {
		i := uint8(j)
		u := j >> 11
		if u < expZig.k[i] {
			return off + float64(int64(u))*expZig.w[i]
		}
		if i == 0 {
			off += expZig.r
		} else {
			x := float64(int64(u)) * expZig.w[i]
			y := expZig.f[i] + r.Float64()*(expZig.f[int(i)+1]-expZig.f[i])
			if y < math.Exp(-x) {
				return off + x
			}
		}
		j = r.Uint64()
	}
}
