package noise

import (
	"math"

	"github.com/htsgd/htsgd/rng"
)

// signThreshold returns t such that a uniform 64-bit word u satisfies
// P(u < t) = p up to 2^−64: t = ⌊p·2^64⌋, capped at 2^64 − 1. It turns one
// call of rand.Rand.Uint64 into the sign U of docs/theory.md §3.2 with
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

// signSplit draws the sign U of a law with P(U = +1) = t/2^64,
// t = signThreshold(p_+), from bits 8..10 of the ziggurat's word (which the
// ziggurat does not use), needing fresh bits only rarely.
//
// U = +1 iff V < t for a uniform 64-bit V. Write V = a·2^61 + b with a the
// 3-bit value of bits 8..10 of the word j and b a 61-bit uniform,
// independent of a, that is drawn only when needed; write t = T·2^61 + L.
// Then
//
//	a < T: V < t, U = +1;     a > T: V ≥ t, U = −1;
//	a = T: U = +1 iff b < L — never when L = 0, so U = −1 without b.
//
// When L = 0 (p_+ a multiple of ⅛, such as ½) every a decides; otherwise
// a = T, probability ⅛, leaves the sign undecided until b is drawn (by
// slow, on the law's slow path). Since a is independent of the ziggurat's
// layer and u (bits 0..7 and 11..63), the sign is independent of the
// magnitude.
//
// The fast path reads two 8-entry tables indexed by a, so that it stays
// within the inliner's budget: sgn[a] = U (±1; +1 where undecided) and
// mask[a] = 0 where a leaves U undecided, all ones elsewhere, to be ANDed
// into the ziggurat's acceptance bound (u < k & 0 is false).
type signSplit struct {
	sgn  [8]float64 // U for each a (+1 for the undecided a)
	mask [8]uint64  // 0 for the undecided a, 2^64 − 1 otherwise
	top  uint64     // T = t ≫ 61
	low  uint64     // L = t mod 2^61
}

// newSignSplit returns the split of signThreshold(p).
func newSignSplit(p float64) signSplit {
	t := signThreshold(p)
	s := signSplit{top: t >> 61, low: t & (1<<61 - 1)}
	for a := range uint64(8) {
		s.sgn[a], s.mask[a] = 1, math.MaxUint64
		switch {
		case a == s.top && s.low != 0:
			s.mask[a] = 0
		case a >= s.top:
			s.sgn[a] = -1
		}
	}
	return s
}

// slow returns U (±1) for the word j and, when bits 8..10 of j leave it
// undecided, the top 61 bits of one fresh r.Uint64() as b.
func (s signSplit) slow(r *rng.Rand, j uint64) float64 {
	a := j >> 8 & 7
	if s.mask[a] == 0 && r.Uint64()>>3 >= s.low {
		return -1
	}
	return s.sgn[a]
}
