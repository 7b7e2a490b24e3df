package appendix

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/htsgd/htsgd/pipeline"
)

// progressEvery is the interval between two progress lines within a task.
const progressEvery = 15 * time.Second

// progress prints what the run is doing: a line when a task starts and
// ends, and every progressEvery a line with the task's replicas and steps
// and an estimate of the time left. The estimate is the elapsed time times
// the expected steps still to run over the steps run so far; expected steps
// come from the predicted means (upper bounds: measured means sit below
// them), so it errs on the long side.
type progress struct {
	w        io.Writer
	start    time.Time
	expected float64 // steps of the whole run (estimate)
	finished atomic.Int64

	mu       sync.Mutex
	label    string
	taskExp  float64
	taskN    int
	steps    atomic.Int64
	replicas atomic.Int64
	stop     chan struct{}
	done     chan struct{}
}

func newProgress(w io.Writer, expected float64) *progress {
	if w == nil {
		w = io.Discard
	}
	return &progress{w: w, start: time.Now(), expected: expected}
}

// elapsed returns the time since the run started, rounded for printing.
func (p *progress) elapsed() time.Duration { return time.Since(p.start).Round(100 * time.Millisecond) }

// begin starts a task of n replicas expected to take about exp steps.
func (p *progress) begin(label string, n int, exp float64) {
	p.mu.Lock()
	p.label, p.taskN, p.taskExp = label, n, exp
	p.steps.Store(0)
	p.replicas.Store(0)
	p.stop, p.done = make(chan struct{}), make(chan struct{})
	p.mu.Unlock()
	fmt.Fprintf(p.w, "[%8s] %s: %d replicas, ≤ %s steps expected\n", p.elapsed(), label, n, sci(exp))
	go p.tick()
}

// add records a finished replica of steps steps (safe for concurrent use).
func (p *progress) add(steps int64) {
	p.steps.Add(steps)
	p.replicas.Add(1)
}

// addCell is add for pipeline.ExitOptions.OnReplica.
func (p *progress) addCell(_ pipeline.CellKey, steps int64) { p.add(steps) }

func (p *progress) tick() {
	t := time.NewTicker(progressEvery)
	defer t.Stop()
	defer close(p.done)
	for {
		select {
		case <-p.stop:
			return
		case <-t.C:
			p.mu.Lock()
			s := p.steps.Load()
			done := float64(p.finished.Load() + s)
			left := "?"
			if done > 0 {
				rest := math.Max(p.expected-done, 0) / done * time.Since(p.start).Seconds()
				left = (time.Duration(rest) * time.Second).String()
			}
			fmt.Fprintf(p.w, "[%8s]   %s: %d/%d replicas, %s steps; run ≈ %.0f%% of ≤ %s steps, ≤ %s left\n",
				p.elapsed(), p.label, p.replicas.Load(), p.taskN, sci(float64(s)),
				100*math.Min(done/p.expected, 1), sci(p.expected), left)
			p.mu.Unlock()
		}
	}
}

// end finishes the current task with a one-line summary.
func (p *progress) end(summary string) {
	close(p.stop)
	<-p.done
	s := p.steps.Load()
	p.finished.Add(s)
	fmt.Fprintf(p.w, "[%8s] %s: done, %s steps; %s\n", p.elapsed(), p.label, sci(float64(s)), summary)
}

// note prints a line outside any task.
func (p *progress) note(format string, args ...any) {
	fmt.Fprintf(p.w, "[%8s] "+format+"\n", append([]any{p.elapsed()}, args...)...)
}

// sci formats a step count as 1.2e+09.
func sci(x float64) string { return strconv.FormatFloat(x, 'e', 2, 64) }
