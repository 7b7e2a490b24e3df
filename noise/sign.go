package noise

import "math"

// signThreshold returns t such that a uniform 64-bit word u satisfies
// P(u < t) = p up to 2^−64: t = ⌊p·2^64⌋, capped at 2^64 − 1. It turns one
// call of rand.Rand.Uint64 into the sign U of THEORY.md section 1 with
// P(U = +1) = p_+, without a branch on a float and without allocation.
func signThreshold(p float64) uint64 {
	const two64 = 18446744073709551616.0 // 2^64, exact in float64
	t := p * two64
	switch {
	case !(t > 0):
		return 0
	case t >= two64:
		return math.MaxUint64
	}
	return uint64(t)
}
