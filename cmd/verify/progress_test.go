package main

import (
	"bytes"
	"sync"
	"testing"
)

// TestProgressQuiet: a run shorter than progressDelay prints nothing, and
// Add may be called from several goroutines while it runs.
func TestProgressQuiet(t *testing.T) {
	var buf bytes.Buffer
	p := newProgress(&buf, 1000, "replicas")
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 250 {
				p.Add(1)
			}
		}()
	}
	wg.Wait()
	p.Close()
	if p.done.Load() != 1000 || buf.Len() != 0 {
		t.Errorf("done %d, printed %q", p.done.Load(), buf.String())
	}
}
