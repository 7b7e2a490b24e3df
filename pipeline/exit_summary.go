package pipeline

import (
	"math"
	"math/bits"

	"github.com/htsgd/htsgd/mc"
)

// ShapeSample is the number of replicas of a cell whose exit times enter
// the exponential shape test: the finished ones among the first
// ShapeSample replicas of the cell (the shard's first ones), by replica
// index. The test's cost grows with its sample (a parametric bootstrap of
// shapeBootstrap samples of that size: about 0.15 ms per exit time, so
// under a second per cell at the limit), and its power does not need more:
// with thousands of exit times a Lilliefors-type test rejects an
// exponential mixture or a Gamma(2) law at any practical level. 5000 keeps
// the whole sample of every cell of the appendix's runs (at most 4000
// replicas), so their p-values do not change. A prefix by replica index,
// rather than the first replicas to finish, makes the test a function of
// the replicas' randomness alone: the same whatever the workers, the
// scheduling, the shards merged or a resumed checkpoint.
const ShapeSample = 5000

// ExitSummary is what a cell's report row is made of: the sufficient
// statistics of the censored-exponential mean and of the landing law, and
// the bounded sample of the shape test. Add accumulates it one replica at a
// time, so a run streams its replicas and keeps no record of them (unless
// Records are asked for, ExitOptions.Records): its memory does not grow
// with the number of samples.
//
// Every statistic is exact and independent of the order the replicas are
// added in: the total time on test is an integer sum (128-bit, so it
// cannot overflow), the counts are counts, and the shape sample is chosen
// by replica index.
type ExitSummary struct {
	// Samples = Exits + Censored is the number of replicas added.
	Samples, Exits, Censored int
	// Landings counts the exits by the basin they landed in.
	Landings map[int]int
	// Shape holds the records of the replicas added whose index lies in
	// [ShapeFirst, ShapeFirst + ShapeSample), in the order added; the
	// shape test sorts them by replica.
	Shape      []mc.ExitRecord
	ShapeFirst int

	totalHi, totalLo uint64 // Σ steps as a 128-bit integer
}

// NewExitSummary returns an empty summary of a cell whose replicas start
// at index first (the shard's first replica): its shape sample is
// replicas [first, first + ShapeSample).
func NewExitSummary(first int) ExitSummary {
	return ExitSummary{Landings: map[int]int{}, ShapeFirst: first}
}

// Add adds one finished replica: its steps to the total time on test
// (a censored replica counts to its cap, MaxSteps, as the censored
// exponential likelihood needs: docs/theory.md §12.1), an exit or a
// censoring, its landing, and its record to the shape sample when its
// index is in range. Steps must be ≥ 0 (records are checked on reading,
// CheckRecordFile).
func (s *ExitSummary) Add(r mc.ExitRecord) {
	if s.Landings == nil {
		s.Landings = map[int]int{}
	}
	s.Samples++
	var carry uint64
	s.totalLo, carry = bits.Add64(s.totalLo, uint64(r.Steps), 0)
	s.totalHi += carry
	if r.Censored {
		s.Censored++
	} else {
		s.Exits++
		s.Landings[r.Landing]++
	}
	if k := r.Replica - s.ShapeFirst; k >= 0 && k < ShapeSample {
		s.Shape = append(s.Shape, r)
	}
}

// TotalSteps returns the total time on test T = Σ steps over every replica
// added, censored ones to their cap (exact as an integer; rounded to the
// nearest float64 beyond 2^53).
func (s *ExitSummary) TotalSteps() float64 {
	return float64(s.totalHi)*math.Exp2(64) + float64(s.totalLo)
}

// summarise returns the summary of the records of a cell whose replicas
// start at first, added in the order given.
func summarise(recs []mc.ExitRecord, first int) ExitSummary {
	s := NewExitSummary(first)
	for _, r := range recs {
		s.Add(r)
	}
	return s
}
