package rare

import (
	"math/bits"

	"github.com/htsgd/htsgd/rng"
)

// Rand is the random generator of the simulation: the type that
// mc.StreamKey.Rand returns and that noise.Law.Sample consumes. This alias is
// the one line to change when the kernel's generator type changes.
//
// The package itself calls only its Uint64 method (uniformOpen,
// uniformInt), plus what the noise laws call.
type Rand = rng.Rand

// uniformOpen returns a uniform value in the open interval (0, 1), safe for
// math.Log: (k + ½)·2^−53 with k the top 53 bits of one r.Uint64(). Every
// value is a multiple of 2^−54 in [2^−54, 1 − 2^−54].
func uniformOpen(r *Rand) float64 {
	return (float64(r.Uint64()>>11) + 0.5) * 0x1p-53
}

// uniformInt returns a uniform integer in [0, n) for n ≥ 1, without modulo
// bias, by Lemire's multiply-and-reject method (D. Lemire, ACM TOMACS 29(1),
// 2019): with x uniform on [0, 2^64), the high word of x·n is ⌊x·n/2^64⌋,
// and the draws whose low word falls below (2^64 − n) mod n are rejected so
// that every residue has exactly the same number of preimages.
func uniformInt(r *Rand, n uint64) uint64 {
	hi, lo := bits.Mul64(r.Uint64(), n)
	if lo < n {
		thresh := -n % n // (2^64 − n) mod n
		for lo < thresh {
			hi, lo = bits.Mul64(r.Uint64(), n)
		}
	}
	return hi
}
