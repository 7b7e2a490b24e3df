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
	// LabelConverge is the first label of the brute-force exit replicas of
	// one rung of a step-size ladder (ConvergeKey): {LabelConverge, start
	// index, rung index}. The rung index, not an index of η, labels it: the
	// ladder is adaptive, and each rung's η is a deterministic function of
	// the rungs before it.
	LabelConverge uint64 = 6
	// LabelConvergeRare is the first label of the importance-sampled
	// windows of one rung of a step-size ladder (ConvergeRareKey): {label,
	// start index, rung index, 0 for the pilot or 1 for the estimate}.
	LabelConvergeRare uint64 = 7
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

// ConvergeKey returns the streams of the brute-force exit replicas of rung
// k of the step-size ladder of start si of a scenario with the given seed.
func ConvergeKey(seed uint64, si, k int) StreamKey {
	return StreamKey{Seed: seed, Labels: []uint64{LabelConverge, uint64(si), uint64(k)}}
}

// ConvergeRareKey returns the streams of the importance-sampled windows of
// rung k of the step-size ladder of start si: the pilot's (main false) or
// the estimate's (main true), which are disjoint.
func ConvergeRareKey(seed uint64, si, k int, main bool) StreamKey {
	var part uint64
	if main {
		part = 1
	}
	return StreamKey{Seed: seed, Labels: []uint64{LabelConvergeRare, uint64(si), uint64(k), part}}
}

// TheoryKey returns the key from which the seed of the theory's Monte Carlo
// integrals for a scenario with the given seed is drawn (TheoryKey(seed).Rand(0).Uint64()).
func TheoryKey(seed uint64) StreamKey {
	return StreamKey{Seed: seed, Labels: []uint64{LabelTheory}}
}
