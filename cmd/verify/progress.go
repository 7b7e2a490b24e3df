package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"
)

// progressDelay is how long a run goes before it shows progress: runs
// shorter than this print nothing on stderr.
const progressDelay = time.Second

// progressEvery is the interval between progress lines when stderr is not a
// terminal (a log file, CI); on a terminal one line is redrawn five times a
// second.
const progressEvery = 10 * time.Second

// progress reports on stderr how far a run is and how long it has left: a
// line redrawn in place on a terminal, a line every progressEvery otherwise
// (logs, CI). It stays silent for runs shorter than progressDelay. The time
// left comes from the work still to do, measured in steps (workEstimate),
// not from a count of replicas: a run whose last cells are its slowest is
// not announced as nearly done. Done is safe for concurrent use.
type progress struct {
	what    string
	mu      sync.Mutex
	work    *workEstimate
	stop    chan struct{}
	stopped sync.WaitGroup
}

// newProgress starts reporting on w the progress of the run of what (e.g.
// "exit replicas") through the cells of work.
func newProgress(w io.Writer, what string, work []workCell) *progress {
	p := &progress{what: what, work: newWorkEstimate(work, time.Now()), stop: make(chan struct{})}
	p.stopped.Add(1)
	go p.loop(w, isTerminal(w))
	return p
}

// Done records a finished unit of cell (an index into the cells given to
// newProgress) that took the given number of steps.
func (p *progress) Done(cell int, steps int64) {
	p.mu.Lock()
	p.work.done(cell, steps)
	p.mu.Unlock()
}

// Close stops reporting and waits until the reporter has finished writing.
func (p *progress) Close() {
	close(p.stop)
	p.stopped.Wait()
}

// line renders the state of the run at now.
func (p *progress) line(now time.Time) string {
	p.mu.Lock()
	s := p.work.status(now)
	p.mu.Unlock()
	return p.what + ": " + s.String()
}

func (p *progress) loop(w io.Writer, onTerminal bool) {
	defer p.stopped.Done()
	reportProgress(w, onTerminal, time.Now(), p.stop, p.line)
}

// reportProgress writes line(now) on w until stop is closed: redrawn in
// place five times a second on a terminal, once every progressEvery
// otherwise, and nothing before progressDelay has passed since start. On
// a terminal it erases its line when it stops. Every long-running
// subcommand reports through it.
func reportProgress(w io.Writer, onTerminal bool, start time.Time, stop <-chan struct{}, line func(time.Time) string) {
	tick := time.NewTicker(200 * time.Millisecond)
	defer tick.Stop()
	var last time.Time
	drawn := 0 // width of the line on the terminal
	for {
		select {
		case <-stop:
			if drawn > 0 {
				fmt.Fprintf(w, "\r%s\r", strings.Repeat(" ", drawn))
			}
			return
		case now := <-tick.C:
			if now.Sub(start) < progressDelay {
				continue
			}
			if onTerminal {
				s := line(now)
				pad := max(0, drawn-len(s))
				fmt.Fprintf(w, "\r%s%s", s, strings.Repeat(" ", pad))
				drawn = len(s)
			} else if last.IsZero() || now.Sub(last) >= progressEvery {
				last = now
				fmt.Fprintln(w, line(now))
			}
		}
	}
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
