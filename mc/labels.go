package mc

// The random streams of htsgd's experiments. Every StreamKey built by the
// project starts with one of these labels, so that no two kinds of
// experiment share a stream under the same seed; the values are part of
// the reproducibility contract (changing one changes every number drawn
// from it) and must never be reused for another purpose.
const (
	// LabelExit is the first label of the first-exit replicas of a cell
	// (ExitKey): {LabelExit, η index, start index}.
	LabelExit uint64 = 1
	// LabelShapeTest is appended to a cell's exit key for the seed of the
	// bootstrap of its exponential-shape test: ExitKey(…).With(LabelShapeTest),
	// generator 0, first word.
	LabelShapeTest uint64 = 2
	// LabelDynamics is the first label of the trajectory replicas of a
	// (variant, η) run (DynamicsKey): {LabelDynamics, variant, η index}.
	LabelDynamics uint64 = 3
	// LabelRare is the first label of the importance-sampled windows of a
	// cell (RareKey): {LabelRare, η index, start index}.
	LabelRare uint64 = 4
	// LabelTheory labels the key from which the seed of the R^d theory's
	// Monte Carlo integrals is drawn (TheoryKey): {LabelTheory}, generator
	// 0, first word. The prediction never sees a simulated path.
	LabelTheory uint64 = 5
	// LabelBruteForce labels the brute-force chains of the rare-event
	// benchmark: {LabelBruteForce}, one generator per worker.
	LabelBruteForce uint64 = 0xb7
	// LabelRareBench labels the importance-sampled windows of the
	// rare-event benchmark: {LabelRareBench}.
	LabelRareBench uint64 = 0x15
)

// The variants of a dynamics run (the second label of DynamicsKey). A
// variant enters by this fixed id, not by its position in a list, so that
// its paths do not depend on which other variants run.
const (
	// VariantTruncated is the scenario as given.
	VariantTruncated uint64 = 0
	// VariantUntruncated is the scenario with b = +Inf.
	VariantUntruncated uint64 = 1
	// VariantGaussian is the scenario with gaussian noise (truncated).
	VariantGaussian uint64 = 2
	// VariantGaussianUntruncated is gaussian noise without truncation (the
	// appendix's fourth sample-path panel; never run by a dynamics run).
	VariantGaussianUntruncated uint64 = 5
)

// ExitKey returns the streams of the first-exit replicas of the cell
// (η index, start index) of a scenario with the given seed.
func ExitKey(seed uint64, etaIndex, startIndex int) StreamKey {
	return StreamKey{Seed: seed, Labels: []uint64{LabelExit, uint64(etaIndex), uint64(startIndex)}}
}

// DynamicsKey returns the streams of the trajectory replicas of a (variant,
// η index) run of a scenario with the given seed.
func DynamicsKey(seed, variant uint64, etaIndex int) StreamKey {
	return StreamKey{Seed: seed, Labels: []uint64{LabelDynamics, variant, uint64(etaIndex)}}
}

// RareKey returns the streams of the importance-sampled windows of the cell
// (η index, start index) of a scenario with the given seed.
func RareKey(seed uint64, etaIndex, startIndex int) StreamKey {
	return StreamKey{Seed: seed, Labels: []uint64{LabelRare, uint64(etaIndex), uint64(startIndex)}}
}

// TheoryKey returns the key from which the seed of the theory's Monte Carlo
// integrals for a scenario with the given seed is drawn (TheoryKey(seed).Rand(0).Uint64()).
func TheoryKey(seed uint64) StreamKey {
	return StreamKey{Seed: seed, Labels: []uint64{LabelTheory}}
}
