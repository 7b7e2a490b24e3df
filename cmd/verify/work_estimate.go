package main

import (
	"fmt"
	"time"
)

// workCell is one cell of a run as progress sees it: Units still to run
// (replicas, trajectories, windows), each expected to take Predicted steps
// (0 when nothing predicts it).
type workCell struct {
	Units     int64
	Predicted float64
}

// priorWeight is how many finished units of a cell weigh as much as its
// prior expectation in workEstimate: a cell's own measurements take over
// once it has finished a few tens of units.
const priorWeight = 10

// workEstimate estimates the time a run has left from the steps its
// remaining units are expected to take and the rate at which the run has
// done steps so far.
//
// Let cell c have u_c units left, each predicted to take E_c steps, and
// let its d_c finished units have taken A_c steps. The steps a remaining
// unit of c is expected to take are
//
//	s_c = (A_c + w·κ·E_c) / (d_c + w),    κ = Σ A_k / Σ d_k·E_k,
//
// with the sums over the cells that have a prediction and finished units
// (κ = 1 before any finished): the prediction corrected by the ratio of
// measured to predicted steps seen so far, giving way to the cell's own
// mean as its units finish (w = priorWeight). A cell without a prediction
// takes the mean of all finished units as its prior. With A = Σ A_c steps
// done in the elapsed time t, the run does A/t steps per second and has
//
//	left = t · Σ u_c·s_c / A
//
// to go. Early units of a cell are the short ones when units run in
// parallel, which makes s_c low at first; the measured rate corrects the
// rest. Nothing is known before the first unit finishes.
type workEstimate struct {
	start time.Time
	cells []cellProgress
}

// cellProgress is a cell of a workEstimate with what has finished of it.
type cellProgress struct {
	workCell
	done  int64
	steps float64
}

// newWorkEstimate starts estimating the run of cells at start.
func newWorkEstimate(cells []workCell, start time.Time) *workEstimate {
	e := &workEstimate{start: start, cells: make([]cellProgress, len(cells))}
	for i, c := range cells {
		e.cells[i].workCell = c
	}
	return e
}

// done records a finished unit of cell that took steps steps. A cell index
// out of range is ignored (progress must never stop a run).
func (e *workEstimate) done(cell int, steps int64) {
	if cell < 0 || cell >= len(e.cells) {
		return
	}
	e.cells[cell].done++
	e.cells[cell].steps += float64(steps)
}

// workStatus is the state of a run at one time.
type workStatus struct {
	Done, Units int64         // units finished and in all
	Fraction    float64       // of the expected steps that are done
	Elapsed     time.Duration // since the start
	Left        time.Duration // expected time to the end
	Known       bool          // Fraction and Left are estimated (a unit has finished)
}

// status returns the state of the run at now.
func (e *workEstimate) status(now time.Time) workStatus {
	st := workStatus{Elapsed: now.Sub(e.start)}
	var done, predicted, finished float64
	for _, c := range e.cells {
		st.Done += c.done
		st.Units += c.Units
		done += c.steps
		finished += float64(c.done)
		if c.Predicted > 0 && c.done > 0 {
			predicted += float64(c.done) * c.Predicted
		}
	}
	if finished == 0 || done == 0 {
		return st
	}
	kappa := 1.0
	if predicted > 0 {
		kappa = done / predicted
	}
	meanAll := done / finished
	var left float64
	for _, c := range e.cells {
		remaining := float64(c.Units - c.done)
		if remaining <= 0 {
			continue
		}
		prior := meanAll
		if c.Predicted > 0 {
			prior = kappa * c.Predicted
		}
		left += remaining * (c.steps + priorWeight*prior) / (float64(c.done) + priorWeight)
	}
	st.Known = true
	st.Fraction = done / (done + left)
	st.Left = time.Duration(float64(st.Elapsed) * left / done)
	return st
}

// String renders the status in one line.
func (s workStatus) String() string {
	if !s.Known {
		return fmt.Sprintf("%d of %d done, %s elapsed, time left not known until one finishes", s.Done, s.Units, roundDuration(s.Elapsed))
	}
	return fmt.Sprintf("%d of %d done, %.0f%% of the expected steps, %s elapsed, about %s left",
		s.Done, s.Units, 100*s.Fraction, roundDuration(s.Elapsed), roundDuration(s.Left))
}

// roundDuration rounds d to seconds (to minutes above an hour).
func roundDuration(d time.Duration) time.Duration {
	if d >= time.Hour {
		return d.Round(time.Minute)
	}
	return d.Round(time.Second)
}
