package main

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestProgressQuiet: a run shorter than progressDelay prints nothing, and
// Done may be called from several goroutines while it runs.
func TestProgressQuiet(t *testing.T) {
	var buf bytes.Buffer
	p := newProgress(&buf, "replicas", []workCell{{Units: 1000, Predicted: 10}})
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 250 {
				p.Done(0, 10)
			}
		}()
	}
	wg.Wait()
	p.Close()
	if st := p.work.status(time.Now()); st.Done != 1000 || buf.Len() != 0 {
		t.Errorf("done %d, printed %q", st.Done, buf.String())
	}
}

// TestWorkEstimate checks the time left on runs whose cells differ in
// cost, the case a count of replicas gets wrong.
//
// Two cells of 100 replicas: the first predicted 1,000 steps a replica,
// the second 100,000. After 10 s the first cell is done in 100,000 steps
// (its replicas took what was predicted), so the run does 10,000 steps a
// second and κ = 1. The second cell has 100·100,000 = 10^7 steps left:
// 1,000 s. A count of replicas (half done after 10 s) would say 10 s.
//
// If the first cell's replicas took half their prediction (κ = ½), the
// second cell's prior halves too: 5·10^6 steps at 5,000 steps a second,
// again 1,000 s, since the rate was measured in the same steps.
func TestWorkEstimate(t *testing.T) {
	t0 := time.Unix(0, 0)
	for _, tc := range []struct {
		name     string
		perUnit  int64
		wantLeft time.Duration
	}{
		{"as predicted", 1000, 1000 * time.Second},
		{"half the prediction", 500, 1000 * time.Second},
	} {
		e := newWorkEstimate([]workCell{{Units: 100, Predicted: 1000}, {Units: 100, Predicted: 1e5}}, t0)
		if st := e.status(t0.Add(time.Second)); st.Known {
			t.Fatalf("%s: known before any unit finished: %+v", tc.name, st)
		}
		for range 100 {
			e.done(0, tc.perUnit)
		}
		st := e.status(t0.Add(10 * time.Second))
		if !st.Known || st.Left != tc.wantLeft || st.Done != 100 || st.Units != 200 {
			t.Errorf("%s: %+v, want %v left", tc.name, st, tc.wantLeft)
		}
		if want := 1.0 / 101; st.Fraction < want*0.999 || st.Fraction > want*1.001 {
			t.Errorf("%s: fraction %v, want %v", tc.name, st.Fraction, want)
		}
	}

	// A cell's own replicas take over from its prior: after 90 replicas of
	// the second cell at 200,000 steps (twice the prediction), each of the
	// 10 left is expected to take close to their mean.
	e := newWorkEstimate([]workCell{{Units: 100, Predicted: 1000}, {Units: 100, Predicted: 1e5}}, t0)
	for range 100 {
		e.done(0, 1000)
	}
	for range 90 {
		e.done(1, 2e5)
	}
	st := e.status(t0.Add(100 * time.Second))
	// κ = (1e5 + 1.8e7)/(1e5 + 9e6) = 1.98901…; the prior of cell 1 is
	// κ·1e5, so s = (1.8e7 + 10·κ·1e5)/100 and left = 100 s·10·s/1.81e7.
	kappa := (1e5 + 1.8e7) / (1e5 + 9e6)
	s := (1.8e7 + 10*kappa*1e5) / 100
	want := time.Duration(100 * float64(time.Second) * 10 * s / 1.81e7)
	if d := st.Left - want; d < -time.Millisecond || d > time.Millisecond {
		t.Errorf("own replicas: left %v, want %v", st.Left, want)
	}
	e.done(7, 1) // out of range: ignored, no panic
	if !strings.Contains(st.String(), "190 of 200 done") || !strings.Contains(st.String(), "left") {
		t.Errorf("status line %q", st.String())
	}
}

// TestProgressLines: without a terminal, progress writes whole lines with
// the time left (not a bar), the first one after progressDelay.
func TestProgressLines(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for progressDelay")
	}
	var buf safeBuffer
	p := newProgress(&buf, "exit replicas", []workCell{{Units: 10, Predicted: 100}})
	p.Done(0, 100)
	time.Sleep(progressDelay + 400*time.Millisecond)
	p.Close()
	out := buf.String()
	if !strings.HasPrefix(out, "exit replicas: 1 of 10 done, 10% of the expected steps") || !strings.HasSuffix(out, "left\n") || strings.Contains(out, "\r") {
		t.Errorf("progress without a terminal wrote %q", out)
	}
}

// safeBuffer is a bytes.Buffer safe for the reporter's goroutine.
type safeBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *safeBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *safeBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
