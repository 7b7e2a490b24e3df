package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progressDelay is how long a run goes before it shows progress: runs
// shorter than this print nothing on stderr.
const progressDelay = time.Second

// progress reports the replicas finished so far on stderr: a bar on a
// terminal, a line every 10 seconds otherwise (logs, CI). It stays silent for
// runs shorter than progressDelay. Add is safe for concurrent use.
type progress struct {
	total   int64
	done    atomic.Int64
	stop    chan struct{}
	stopped sync.WaitGroup
}

// newProgress starts reporting progress towards total units on w.
func newProgress(w io.Writer, total int64, description string) *progress {
	p := &progress{total: total, stop: make(chan struct{})}
	p.stopped.Add(1)
	go p.loop(w, description)
	return p
}

// Add records n finished units.
func (p *progress) Add(n int64) { p.done.Add(n) }

// Close stops reporting and waits until the reporter has finished writing.
func (p *progress) Close() {
	close(p.stop)
	p.stopped.Wait()
}

func (p *progress) loop(w io.Writer, description string) {
	defer p.stopped.Done()
	start := time.Now()
	tick := time.NewTicker(200 * time.Millisecond)
	defer tick.Stop()
	var bar *progressbar.ProgressBar
	var lastLine time.Time
	isTerm := false
	if f, ok := w.(*os.File); ok {
		isTerm = term.IsTerminal(int(f.Fd()))
	}
	for {
		select {
		case <-p.stop:
			if bar != nil {
				_ = bar.Set64(p.done.Load())
				fmt.Fprintln(w)
			}
			return
		case now := <-tick.C:
			if now.Sub(start) < progressDelay {
				continue
			}
			if isTerm {
				if bar == nil {
					bar = progressbar.NewOptions64(p.total,
						progressbar.OptionSetWriter(w),
						progressbar.OptionSetDescription(description),
						progressbar.OptionShowCount(),
						progressbar.OptionSetPredictTime(true),
						progressbar.OptionSetElapsedTime(true),
						progressbar.OptionThrottle(200*time.Millisecond),
					)
				}
				_ = bar.Set64(p.done.Load())
			} else if now.Sub(lastLine) >= 10*time.Second {
				lastLine = now
				fmt.Fprintf(w, "%s: %d/%d (%.0f%%) after %s\n", description, p.done.Load(), p.total,
					100*float64(p.done.Load())/float64(max(p.total, 1)), now.Sub(start).Round(time.Second))
			}
		}
	}
}
