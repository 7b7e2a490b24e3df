package pipeline

import "github.com/htsgd/htsgd/param"

// Shard selects part Index (0-based) of Count equal parts of the replicas of
// every cell of a first-exit run: replicas [Index·S/Count, (Index+1)·S/Count)
// of S samples. Replica k draws the same numbers in whichever shard it runs,
// so the shards of a run, merged (MergeRecordFiles), are the run.
type Shard struct {
	Index int `json:"index"`
	Count int `json:"count"`
}

// WholeRun is the shard 0/1: every replica.
var WholeRun = Shard{Index: 0, Count: 1}

// Range returns the replicas [first, last) of the shard for S samples.
func (s Shard) Range(samples int) (first, last int) {
	return s.Index * samples / s.Count, (s.Index + 1) * samples / s.Count
}

// MaxShardCount bounds Shard.Count (2^30): more parts than that would be
// empty for any run.samples allowed (scenario.MaxSamples = 10^9), and it
// keeps Index·samples in Range far inside int64.
const MaxShardCount = 1 << 30

// Validate reports whether the shard is well formed (0 ≤ Index < Count ≤
// MaxShardCount), as a *param.Error named pipeline.Shard.
func (s Shard) Validate() error {
	if s.Count < 1 || s.Count > MaxShardCount || s.Index < 0 || s.Index >= s.Count {
		return param.Errorf("pipeline.Shard", "want i/n with 0 ≤ i < n ≤ %d, got %d/%d", MaxShardCount, s.Index, s.Count)
	}
	return nil
}
