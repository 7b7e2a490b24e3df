package mc

import "github.com/htsgd/htsgd/rng"

// splitmix64 is the output function of the SplitMix64 generator (Steele,
// Lea and Flood 2014): a bijective mixer of 64-bit words with good avalanche.
func splitmix64(z uint64) uint64 {
	z += 0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// StreamKey identifies one experiment within a scenario: the random stream of
// each of its replicas is derived from the scenario seed, these labels and
// the replica index only.
type StreamKey struct {
	// Seed is the scenario seed.
	Seed uint64
	// Labels distinguish experiments run under the same seed (for example
	// the index of η and of the start), so that they use disjoint streams.
	Labels []uint64
}

// seeds returns the two 64-bit words that seed replica k's generator.
func (s StreamKey) seeds(k int) (hi, lo uint64) {
	h := splitmix64(s.Seed)
	for _, l := range s.Labels {
		h = splitmix64(h ^ splitmix64(l+0x632be59bd9b4e019))
	}
	return h, splitmix64(h ^ uint64(k))
}

// Rand returns the random generator of replica k: a xoshiro256++ generator
// (package rng) seeded with rng.New(hi, lo) from the two words of seeds, so
// its state depends only on the key and k. Distinct (key, k) give distinct
// seed pairs except for 64-bit hash collisions, and rng.New maps distinct
// seed pairs to distinct states.
func (s StreamKey) Rand(k int) *rng.Rand {
	hi, lo := s.seeds(k)
	return rng.New(hi, lo)
}
