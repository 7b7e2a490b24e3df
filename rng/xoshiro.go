package rng

import "math/bits"

// Rand is a xoshiro256++ pseudo-random number generator (Blackman & Vigna
// 2018): 256 bits of state, period 2^256 − 1, 64-bit outputs. The zero
// value is the all-zero state, the one fixed point of the linear engine,
// which outputs zeros forever: always obtain a Rand from [New].
//
// A Rand is not safe for concurrent use.
type Rand struct {
	s0, s1, s2, s3 uint64
}

// splitMix64Gamma is the odd increment of SplitMix64, 2^64/φ rounded to odd
// (Steele, Lea & Flood 2014).
const splitMix64Gamma = 0x9e3779b97f4a7c15

// seed2Key is XORed into the second seed word before it starts its own
// SplitMix64 stream, so that New(a, a) does not give s0 = s2 and s1 = s3.
// Any constant works; this one is the first 64 bits of the fractional part
// of √2 (SHA-512's H0).
const seed2Key = 0x6a09e667f3bcc908

// splitMix64 advances the SplitMix64 state *x by γ and returns the mixed
// value SplitMix64(old *x).
func splitMix64(x *uint64) uint64 {
	z := SplitMix64(*x)
	*x += splitMix64Gamma
	return z
}

// SplitMix64 returns the output of one step of the SplitMix64 generator
// (Steele, Lea & Flood 2014) from state x: with z = x + γ,
// γ = 0x9e3779b97f4a7c15,
//
//	z = (z ⊕ z≫30)·0xbf58476d1ce4e5b9
//	z = (z ⊕ z≫27)·0x94d049bb133111eb
//	return z ⊕ z≫31.
//
// The mixing steps are a bijection of uint64 that maps 0 to 0 only, so
// SplitMix64 is a bijection too: a hash of 64-bit words with good
// avalanche. Package rng seeds its generators with it (New); package mc
// derives the seeds of its random streams with it.
func SplitMix64(x uint64) uint64 {
	z := x + splitMix64Gamma
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// New returns a xoshiro256++ generator whose 256-bit state is filled by
// SplitMix64, as Blackman & Vigna recommend:
//
//	s0, s1 = first two outputs of SplitMix64 started at seed1,
//	s2, s3 = first two outputs of SplitMix64 started at seed2 ⊕ 0x6a09e667f3bcc908.
//
// The state is never all zero: the SplitMix64 mixer is a bijection with
// mix(z) = 0 only for z = 0, and s0 and s1 are mixes of seed1+γ and
// seed1+2γ, which cannot both be 0. Since the mixer is a bijection, s0
// determines seed1 and s2 determines seed2, so distinct seed pairs give
// distinct states. Every pair of seeds is valid.
func New(seed1, seed2 uint64) *Rand {
	r := &Rand{}
	r.Seed(seed1, seed2)
	return r
}

// Seed resets r to the state that New(seed1, seed2) would return.
func (r *Rand) Seed(seed1, seed2 uint64) {
	x := seed1
	r.s0 = splitMix64(&x)
	r.s1 = splitMix64(&x)
	y := seed2 ^ seed2Key
	r.s2 = splitMix64(&y)
	r.s3 = splitMix64(&y)
}

// Uint64 returns a uniformly distributed 64-bit value and advances the state
// by one step of xoshiro256++ (Blackman & Vigna 2018, xoshiro256plusplus.c):
//
//	result = rotl(s0 + s3, 23) + s0
//	t = s1 ≪ 17
//	s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
//	s2 ^= t;  s3 = rotl(s3, 45)
//
// Uint64 makes *Rand a math/rand/v2 rand.Source. It works on the fields in
// place with a named result, the form with the fewest IR nodes found: its
// inlining cost is 54 of the compiler's budget of 80, which leaves room for
// Float64 and Float64Open to be inlined too.
func (r *Rand) Uint64() (result uint64) {
	result = bits.RotateLeft64(r.s0+r.s3, 23) + r.s0
	t := r.s1 << 17
	r.s2 ^= r.s0
	r.s3 ^= r.s1
	r.s1 ^= r.s2
	r.s0 ^= r.s3
	r.s2 ^= t
	r.s3 = bits.RotateLeft64(r.s3, 45)
	return
}
