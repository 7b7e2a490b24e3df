package pipeline

import (
	"testing"

	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/param"
	"github.com/htsgd/htsgd/scenario"
	"github.com/htsgd/htsgd/theory"
)

// TestTheorySamplesPolicy checks the theory-sample policy: 0 is the
// default, negative settings and any setting on the real line are refused
// with the parameter's name (which scenario.FieldOf turns into the flag),
// and the options' seed is the theory's stream of the scenario seed.
func TestTheorySamplesPolicy(t *testing.T) {
	if TheorySamples(0) != theory.DefaultSamples || TheorySamples(2000) != 2000 {
		t.Errorf("TheorySamples(0) = %d, TheorySamples(2000) = %d", TheorySamples(0), TheorySamples(2000))
	}
	line, rd := exitPlan(t, fastExit), exitPlan(t, quadraticExit)
	for _, tt := range []struct {
		p  *scenario.Plan
		n  int
		ok bool
	}{
		{line, 0, true}, {line, 100, false}, {line, -1, false},
		{rd, 0, true}, {rd, 100, true}, {rd, -1, false},
	} {
		err := CheckTheorySamples(tt.p, tt.n)
		if (err == nil) != tt.ok || (err != nil && param.As(err).Name != "theory.Options.Samples") {
			t.Errorf("%s, %d: error %v", tt.p.Name, tt.n, err)
		}
		if fe, ok := scenario.FieldOf(err).(*scenario.FieldError); err != nil && (!ok || fe.Field != "-theory-samples") {
			t.Errorf("%s, %d: FieldOf gives %v", tt.p.Name, tt.n, scenario.FieldOf(err))
		}
	}
	if err := checkTheorySamples(0, 20000); err != nil {
		t.Errorf("0 and the default: %v", err)
	}
	if err := checkTheorySamples(2000, 3000); err == nil {
		t.Error("2000 and 3000 theory samples taken as the same")
	}
	opt := TheoryOptions(rd, 2000)
	if opt.Samples != 2000 || opt.Level != 0.95 || opt.Seed != mc.TheoryKey(9).Rand(0).Uint64() {
		t.Errorf("options %+v", opt)
	}
}

// TestShardRange: the shards i/n of S samples partition [0, S) in order.
func TestShardRange(t *testing.T) {
	for _, s := range []int{1, 7, 64, 1001} {
		for n := 1; n <= 5; n++ {
			next := 0
			for i := range n {
				first, last := Shard{i, n}.Range(s)
				if first != next || last < first {
					t.Fatalf("S = %d, shard %d/%d: [%d, %d) after %d", s, i, n, first, last, next)
				}
				next = last
			}
			if next != s {
				t.Fatalf("S = %d, %d shards end at %d", s, n, next)
			}
		}
	}
	if WholeRun.Validate() != nil || (Shard{3, 3}).Validate() == nil || (Shard{}).Validate() == nil {
		t.Error("Validate")
	}
}
