package rng

// jumpPoly holds the coefficients of the jump polynomial of xoshiro256:
// x^(2^128) modulo the characteristic polynomial of the linear engine
// (Blackman & Vigna 2018, xoshiro256plusplus.c, jump()).
var jumpPoly = [4]uint64{0x180ec6d33cfd0aba, 0xd5a61266f0c9392c, 0xa9582618e03fc9aa, 0x39abdc4529b1661c}

// Jump advances r by 2^128 steps, as if Uint64 had been called 2^128 times.
// Copies of one generator jumped 0, 1, 2, … times are non-overlapping
// streams of 2^128 draws each, for parallel replications.
//
// The linear engine T of xoshiro256 is GF(2)-linear, so T^(2^128) = p(T)
// with p(x) = x^(2^128) mod (the characteristic polynomial of T), of degree
// < 256. Jump evaluates p(T)·s = Σ_k p_k T^k·s over GF(2): it walks the 256
// coefficients p_k from the lowest, XORs the current state T^k·s into the
// accumulator when p_k = 1, and steps the state each time.
func (r *Rand) Jump() {
	var a0, a1, a2, a3 uint64
	for _, w := range jumpPoly {
		for b := 0; b < 64; b++ {
			if w&(1<<b) != 0 {
				a0 ^= r.s0
				a1 ^= r.s1
				a2 ^= r.s2
				a3 ^= r.s3
			}
			r.Uint64()
		}
	}
	r.s0, r.s1, r.s2, r.s3 = a0, a1, a2, a3
}
