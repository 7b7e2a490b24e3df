package control

import (
	"context"
	"runtime"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/htsgd/htsgd/optim"
)

// Jobs lists the runs of a spec: every method of the table in every
// replication at (noise.b, noise.alpha), then the sweep method at every
// (b, α) of the sweep in its replications (the first sweep.replications of
// the table's, so that sweep runs are paired with the table's too).
func (s *Spec) Jobs() []Job {
	var jobs []Job
	for r := 0; r < s.Replications; r++ {
		for _, name := range s.Methods {
			m, _ := optim.Parse(name)
			jobs = append(jobs, Job{Method: m, B: s.Noise.B, Alpha: s.Noise.Alpha, Rep: r})
		}
	}
	if s.sweeps() {
		m, _ := optim.Parse(s.Sweep.Method)
		for r := 0; r < s.Sweep.Replications; r++ {
			for _, b := range s.Sweep.B {
				for _, a := range s.Sweep.Alpha {
					jobs = append(jobs, Job{Method: m, B: b, Alpha: a, Rep: r, Sweep: true})
				}
			}
		}
	}
	return jobs
}

// Cost returns the total per-example gradients of the jobs, the unit of
// Options.Work.
func (s *Spec) Cost() int64 {
	var c int64
	for _, j := range s.Jobs() {
		c += jobCost(s, j.Method)
	}
	return c
}

// Options are the run options.
type Options struct {
	// Workers is the number of jobs run at once (0: GOMAXPROCS).
	Workers int
	// Work, when set, is called (concurrently) with the per-example
	// gradients each step cost.
	Work func(n int64)
	// JobDone, when set, is called (concurrently) with each finished run.
	JobDone func(Result)
}

// Run executes every job of s and returns their results in the order of
// s.Jobs(). The results depend on s alone, not on the number of workers or
// the order the jobs run in: each job draws from its replication's
// streams. When ctx is cancelled the jobs under way stop, Run returns the
// results with Done set for the runs that finished, and ctx.Err().
func Run(ctx context.Context, s *Spec, m *MNIST, opt Options) ([]Result, error) {
	jobs := s.Jobs()
	res := make([]Result, len(jobs))
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	work := opt.Work
	if work == nil {
		work = func(int64) {}
	}
	base, err := s.NewNet()
	if err != nil {
		return nil, err
	}
	sets := make([]*Sets, s.Replications)
	once := make([]sync.Once, s.Replications)
	var setErr error
	var mu sync.Mutex
	test, err := MakeTest(m, s.Data.Test, s.Data.Pool)
	if err != nil {
		return nil, err
	}
	getSets := func(r int) *Sets {
		once[r].Do(func() {
			tr, err := MakeTrain(m, s.Data.Train, s.Data.Corrupt, s.Data.Pool, stream(s.Seed, r, streamData))
			if err != nil {
				mu.Lock()
				setErr = err
				mu.Unlock()
				return
			}
			sets[r] = &Sets{Train: tr.Train, Corrupted: tr.Corrupted, Test: test}
		})
		return sets[r]
	}
	var g errgroup.Group
	g.SetLimit(workers)
	for i, j := range jobs {
		if ctx.Err() != nil {
			break
		}
		g.Go(func() error {
			st := getSets(j.Rep)
			if st == nil {
				return nil
			}
			res[i] = runJob(ctx, s, st, base.Clone(), j, work)
			if res[i].Done && opt.JobDone != nil {
				opt.JobDone(res[i])
			}
			return nil
		})
	}
	g.Wait()
	for i := range res {
		res[i].Job = jobs[i]
	}
	if setErr != nil {
		return res, setErr
	}
	return res, ctx.Err()
}

// sweeps reports whether the spec has a sensitivity sweep.
func (s *Spec) sweeps() bool { return len(s.Sweep.B) > 0 && len(s.Sweep.Alpha) > 0 }

// RunReport runs s (Run) and summarises it, with the wall and CPU time of
// the run (the process's CPU time over the run: run nothing else in the
// process meanwhile).
func RunReport(ctx context.Context, s *Spec, m *MNIST, opt Options) (*Report, error) {
	t0, c0 := time.Now(), CPUSeconds()
	res, err := Run(ctx, s, m, opt)
	if res == nil {
		return nil, err
	}
	rep := Summarize(s, res)
	w := opt.Workers
	if w <= 0 {
		w = runtime.GOMAXPROCS(0)
	}
	rep.Timing = Timing{WallSeconds: time.Since(t0).Seconds(), CPUSeconds: CPUSeconds() - c0, Workers: w}
	return rep, err
}
