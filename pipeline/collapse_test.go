package pipeline

import (
	"reflect"
	"testing"

	"github.com/htsgd/htsgd/mc"
)

func TestCollapse(t *testing.T) {
	// Minima 0 and 2 are kept (wide), 1 and 3 are not. The marker goes
	// 1 (start) → 0 at step 10 → 1 at 20 → 2 at 30 → 3 at 40 → 2 at 50 → 0 at 60,
	// over 100 steps.
	rec := mc.TrajectoryRecord{Steps: 100, Transitions: []mc.Transition{
		{Step: 10, From: 1, To: 0}, {Step: 20, From: 0, To: 1}, {Step: 30, From: 1, To: 2},
		{Step: 40, From: 2, To: 3}, {Step: 50, From: 3, To: 2}, {Step: 60, From: 2, To: 0},
	}}
	keep := []bool{true, false, true, false}
	c := Collapse(rec, keep, 1)
	wantCounts := [][]int{{0, 0, 1, 0}, {0, 0, 0, 0}, {1, 0, 0, 0}, {0, 0, 0, 0}}
	if !reflect.DeepEqual(c.Counts, wantCounts) {
		t.Errorf("counts %v, want %v", c.Counts, wantCounts)
	}
	// Steps 1..9 before the first kept minimum; state 0 on steps 10..29 and
	// 60..100; state 2 on steps 30..59 (the visit to 3 is an excursion).
	if c.Lead != 9 {
		t.Errorf("lead %d, want 9", c.Lead)
	}
	wantExposure := []int64{20 + 41, 0, 30, 0}
	if !reflect.DeepEqual(c.Exposure, wantExposure) {
		t.Errorf("exposure %v, want %v", c.Exposure, wantExposure)
	}
	for _, tt := range []struct {
		step int64
		want int
	}{{0, noState}, {9, noState}, {10, 0}, {29, 0}, {30, 2}, {45, 2}, {59, 2}, {60, 0}, {100, 0}} {
		if got := c.StateAt(tt.step); got != tt.want {
			t.Errorf("StateAt(%d) = %d, want %d", tt.step, got, tt.want)
		}
	}
}
