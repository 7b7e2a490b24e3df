package pipeline

import "github.com/htsgd/htsgd/mc"

// noState is the collapsed state of a trajectory before it has reached any
// of the kept minima.
const noState = -1

// Collapsed is a marker process seen only through a subset of the minima
// (the wide ones, docs/theory.md §8.2): its state is the last kept minimum
// visited, so an excursion wide i → narrow j → wide k is one jump i → k and an
// excursion that returns to i is invisible, exactly as in the definition of
// the effective generator.
type Collapsed struct {
	// Counts[i][k] is the number of jumps i → k between kept minima.
	Counts [][]int
	// Exposure[i] is the number of steps spent with state i (excursions
	// into other basins included).
	Exposure []int64
	// Lead is the number of steps before the first kept minimum was
	// reached (state noState), when the start is not a kept minimum.
	Lead int64
	// transitions of the collapsed process, for StateAt.
	path []mc.Transition
	// start is the state at step 0.
	start int
}

// Collapse returns the process of rec's marker restricted to the minima with
// keep[j] true; start is the marker state at step 0.
func Collapse(rec mc.TrajectoryRecord, keep []bool, start int) Collapsed {
	n := len(keep)
	c := Collapsed{Counts: make([][]int, n), Exposure: make([]int64, n), start: noState}
	for i := range c.Counts {
		c.Counts[i] = make([]int, n)
	}
	state := noState
	if keep[start] {
		state = start
	}
	c.start = state
	var last int64
	credit := func(until int64) {
		if state == noState {
			c.Lead += until - last
		} else {
			c.Exposure[state] += until - last
		}
		last = until
	}
	for _, tr := range rec.Transitions {
		if !keep[tr.To] || tr.To == state {
			continue
		}
		// The marker changes at step tr.Step: steps last+1 … tr.Step−1 are
		// spent in the old state, step tr.Step onwards in the new one, as
		// mc counts occupation after each step.
		credit(tr.Step - 1)
		if state != noState {
			c.Counts[state][tr.To]++
		}
		c.path = append(c.path, mc.Transition{Step: tr.Step, From: state, To: tr.To})
		state = tr.To
	}
	credit(rec.Steps)
	return c
}

// StateAt returns the collapsed state at step n (after n steps).
func (c Collapsed) StateAt(n int64) int {
	s := c.start
	for _, tr := range c.path {
		if tr.Step > n {
			break
		}
		s = tr.To
	}
	return s
}
