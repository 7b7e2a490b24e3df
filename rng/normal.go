package rng

import "math"

// normZig is the 256-layer ziggurat of the unnormalised half-normal
// f(x) = e^{−x²/2} (Marsaglia & Tsang 2000):
// f^{−1}(y) = √(−2 ln y), ∫_r^∞ f = √(π/2)·erfc(r/√2). The root is
// r = 3.654152885361009 and v = 4.928673233990e−3, the values printed in
// the paper (checked by TestZigguratConstants).
var normZig = newZigTable(
	func(x float64) float64 { return math.Exp(-0.5 * x * x) },
	func(y float64) float64 { return math.Sqrt(-2 * math.Log(y)) },
	func(r float64) float64 { return math.Sqrt(math.Pi/2) * math.Erfc(r/math.Sqrt2) },
	1, 10)

// normK, normW are copies of normZig's fast-path tables as package arrays
// (see expK).
var (
	normK = normZig.k
	normW = normZig.w
)

// NormFloat64 returns a standard normal variate, N(0, 1), by the ziggurat
// method of Marsaglia & Tsang (2000) with 256 layers on |X| and a random
// sign. It is
//
//	j := r.Uint64()
//	if x, ok := NormFast(j); ok {
//		return x
//	}
//	return r.NormSlow(j)
//
// and, like ExpFloat64, is not itself inlinable; a hot loop can write these
// three lines to have Uint64 and NormFast inlined.
func (r *Rand) NormFloat64() float64 {
	j := r.Uint64()
	if x, ok := NormFast(j); ok {
		return x
	}
	return r.NormSlow(j)
}

// NormFast is the fast path of the normal ziggurat, a pure function of one
// uniform 64-bit word j: layer i = bits 0..7, sign = bit 8, u = bits 11..63
// (53 bits), all independent. It accepts ±u·x[i]/2^53 when u < k[i], with
// probability 0.985 (the mean of k[i]/2^53); the sign is OR-ed into the
// IEEE sign bit, without a branch. When ok is false, x is not a sample and
// j must be passed to [Rand.NormSlow].
func NormFast(j uint64) (x float64, ok bool) {
	u := j >> 11
	return math.Float64frombits(math.Float64bits(float64(int64(u))*normW[uint8(j)]) | (j&0x100)<<55),
		u < normK[uint8(j)]
}

// NormSlow returns the standard normal variate determined by the word j and,
// when needed, further draws from r. For a j accepted by NormFast it returns
// the same x. Otherwise, for the magnitude |X|:
//
//   - layer 0 (the base strip, x ≥ r): the tail |X| given |X| > r, by
//     Marsaglia's (1964) method (normal tail fallback): draw
//     ξ = −ln(U1)/r, η = −ln(U2) until 2η > ξ², then |X| = r + ξ. Given
//     acceptance the density of r + ξ is ∝ e^{−rξ}·e^{−ξ²/2} ∝ e^{−(r+ξ)²/2},
//     the normal tail. U1, U2 come from Float64Open so the logs are finite;
//   - layers 1..255 (the wedge x[i+1] ≤ x < x[i]): accept x if a uniform
//     height f(x[i]) + U·(f(x[i+1]) − f(x[i])) is below e^{−x²/2},
//     otherwise draw afresh (sign included).
//
// The sign is bit 8 of the word that decided the layer. j must be uniform
// and independent of r's future outputs.
//
//go:noinline
func (r *Rand) NormSlow(j uint64) float64 {
	for {
		i := uint8(j)
		u := j >> 11
		var x float64
		switch {
		case u < normZig.k[i]:
			x = float64(int64(u)) * normZig.w[i]
		case i == 0:
			for {
				xi := -math.Log(r.Float64Open()) / normZig.r
				eta := -math.Log(r.Float64Open())
				if 2*eta > xi*xi {
					x = normZig.r + xi
					break
				}
			}
		default:
			x = float64(int64(u)) * normZig.w[i]
			y := normZig.f[i] + r.Float64()*(normZig.f[int(i)+1]-normZig.f[i])
			if y >= math.Exp(-0.5*x*x) {
				j = r.Uint64()
				continue
			}
		}
		if j&0x100 != 0 {
			return -x
		}
		return x
	}
}
