package mc

import (
	"slices"

	"github.com/htsgd/htsgd/rng"
)

// StreamKey identifies one experiment within a scenario: the random stream of
// each of its replicas is derived from the scenario seed, these labels and
// the replica index only. The labels of htsgd's experiments are the named
// constants of labels.go and the keys built by ExitKey, DynamicsKey,
// RareKey and TheoryKey.
type StreamKey struct {
	// Seed is the scenario seed.
	Seed uint64
	// Labels distinguish experiments run under the same seed (for example
	// the index of η and of the start), so that they use disjoint streams.
	Labels []uint64
}

// labelSalt is added to every label before it is hashed, so that a label 0
// does not hash to the identity of SplitMix64's state.
const labelSalt = 0x632be59bd9b4e019

// seeds returns the two 64-bit words that seed replica k's generator: with
// m = rng.SplitMix64,
//
//	h ← m(Seed);  h ← m(h ⊕ m(l + 0x632be59bd9b4e019)) for each label l;
//	return h, m(h ⊕ k).
func (s StreamKey) seeds(k int) (hi, lo uint64) {
	h := rng.SplitMix64(s.Seed)
	for _, l := range s.Labels {
		h = rng.SplitMix64(h ^ rng.SplitMix64(l+labelSalt))
	}
	return h, rng.SplitMix64(h ^ uint64(k))
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

// With returns the key with labels appended (a new key; s is unchanged):
// the streams of a sub-experiment, disjoint from s's own.
func (s StreamKey) With(labels ...uint64) StreamKey {
	return StreamKey{Seed: s.Seed, Labels: append(slices.Clip(s.Labels), labels...)}
}
