// Package rng is the random number generator of the htsgd simulation
// kernel: xoshiro256++ for the uniform bits, and Marsaglia–Tsang ziggurats
// for the standard exponential and the standard normal law.
//
// The kernel draws of the order of 10^9 variates per run, so everything here
// is built for speed on a concrete pointer type, with no interface calls and
// no allocation. Uint64, Float64 and Float64Open are inlinable. ExpFloat64
// and NormFloat64 are not (Go's inliner charges 57 of its budget of 80 for
// the call to their rare slow path, on top of the 54 of the xoshiro step),
// so their fast paths are also exported as pure functions of one word,
// [ExpFast] and [NormFast], for hot loops:
//
//	j := r.Uint64()
//	x, ok := rng.ExpFast(j)
//	if !ok {
//		x = r.ExpSlow(j) // 2.2% of draws; not inlined
//	}
//
// gives the same stream as x := r.ExpFloat64() with everything but the slow
// path inlined. (Built with a PGO profile in which the call site is hot, the
// compiler inlines ExpFloat64 itself.)
//
// A *Rand is not safe for concurrent use; give each goroutine its own,
// seeded with [New] from distinct seed pairs or separated with [Rand.Jump].
//
// *Rand has the method Uint64() uint64 and so satisfies math/rand/v2's
// rand.Source: it can be wrapped with rand.New or used as the Src of a gonum
// stat/distuv distribution.
//
// References:
//   - D. Blackman, S. Vigna, Scrambled linear pseudorandom number generators,
//     ACM Trans. Math. Softw. 47(4), 36 (2021); arXiv:1805.01407 (2018).
//     Reference C code: https://prng.di.unimi.it/xoshiro256plusplus.c.
//   - G. Steele, D. Lea, C. Flood, Fast splittable pseudorandom number
//     generators, OOPSLA 2014 (SplitMix64, used for seeding).
//   - G. Marsaglia, W. W. Tsang, The ziggurat method for generating random
//     variables, Journal of Statistical Software 5(8) (2000).
//   - G. Marsaglia, Generating a variable from the tail of the normal
//     distribution, Technometrics 6(1), 101–102 (1964).
//   - D. Lemire, Fast random integer generation in an interval,
//     ACM Trans. Model. Comput. Simul. 29(1), 3 (2019); arXiv:1805.10941.
package rng
