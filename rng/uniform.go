package rng

import "math/bits"

// Float64 returns a uniform value in [0, 1): the top 53 bits of Uint64
// times 2^−53, so every multiple of 2^−53 in [0, 1) has probability 2^−53.
func (r *Rand) Float64() float64 {
	// int64 conversion: the value is < 2^53, so the signed conversion is
	// exact and avoids the unsigned-conversion branch.
	return float64(int64(r.Uint64()>>11)) * 0x1p-53
}

// Float64Open returns a uniform value in the open interval (0, 1), safe for
// math.Log: (k + ½)·2^−52 with k the top 52 bits of Uint64, i.e. the
// midpoints of the 2^52 cells of width 2^−52. The smallest value is 2^−53
// and the largest 1 − 2^−53, both exactly representable.
func (r *Rand) Float64Open() float64 {
	return (float64(int64(r.Uint64()>>12)) + 0.5) * 0x1p-52
}

// Float64Open53 returns a uniform value in the open interval (0, 1) with
// one bit more than Float64Open: (k + ½)·2^−53 with k the top 53 bits of
// Uint64, the midpoints of the 2^53 cells of width 2^−53. The smallest
// value is 2^−54 and the largest 1 − 2^−54, both exactly representable.
// The importance samplers of package rare draw every uniform they invert
// with it (their outputs are pinned to this form).
func (r *Rand) Float64Open53() float64 {
	return (float64(int64(r.Uint64()>>11)) + 0.5) * 0x1p-53
}

// Uint64n returns a uniform value in [0, n) without modulo bias, by
// Lemire's nearly divisionless multiply-and-reject method (Lemire 2019): with x
// uniform on [0, 2^64), the high word of the 128-bit product x·n is
// ⌊x·n/2^64⌋; the low word l tells which of the n residues were
// over-represented, and draws with l < (2^64 − n) mod n are rejected. The
// rejection probability is below n/2^64 and the division is only computed
// when l < n. Uint64n(0) returns 0.
func (r *Rand) Uint64n(n uint64) uint64 {
	hi, lo := bits.Mul64(r.Uint64(), n)
	if lo < n {
		thresh := -n % n // (2^64 − n) mod n
		for lo < thresh {
			hi, lo = bits.Mul64(r.Uint64(), n)
		}
	}
	return hi
}
