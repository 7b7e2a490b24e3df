package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/pipeline"
	"github.com/htsgd/htsgd/report"
	"github.com/htsgd/htsgd/scenario"
	"github.com/htsgd/htsgd/theory"
)

// parseShard parses "i/n".
func parseShard(s string) (pipeline.Shard, error) {
	i, n, ok := strings.Cut(s, "/")
	if !ok {
		return pipeline.Shard{}, badInputf("flag -shard: want i/n (0 ≤ i < n), got %q", s)
	}
	a, err1 := strconv.Atoi(i)
	b, err2 := strconv.Atoi(n)
	sh := pipeline.Shard{Index: a, Count: b}
	if err1 != nil || err2 != nil || sh.Validate() != nil {
		return sh, badInputf("flag -shard: want i/n (0 ≤ i < n), got %q", s)
	}
	return sh, nil
}

// runExit implements `verify exit`: first-exit statistics per (η, start).
func runExit(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("exit", flag.ContinueOnError)
	var sf scenarioFlags
	sf.register(fs)
	asJSON := fs.Bool("json", false, "print JSON instead of a table")
	asCSV := fs.Bool("csv", false, "print CSV instead of a table")
	workers := fs.Int("workers", 0, "number of worker goroutines (0: GOMAXPROCS)")
	shardFlag := fs.String("shard", "0/1", "run only shard `i/n` of the replicas of every cell (merge the parts with 'verify merge')")
	out := fs.String("out", "", "write the raw per-replica records to `file` (for 'verify merge')")
	checkpoint := fs.String("checkpoint", "", "write the records finished so far to `file` periodically and on interruption")
	every := fs.Duration("checkpoint-every", 30*time.Second, "interval between checkpoints")
	resume := fs.String("resume", "", "continue the run recorded in `file` (a checkpoint or -out file), without repeating a replica")
	method := fs.String("method", "bf", "estimator: bf (brute force: run every replica to its exit) or is (rare-event importance sampling; run.samples windows per cell)")
	if err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	switch *method {
	case "bf":
	case "is":
		if *shardFlag != "0/1" || *out != "" || *checkpoint != "" || *resume != "" {
			return badInputf("flag -method: is does not support -shard, -out, -checkpoint or -resume")
		}
		if *asCSV {
			return badInputf("flag -method: is prints a table or -json")
		}
		return runRareExit(ctx, sf, *workers, *asJSON, stdout, stderr)
	default:
		return badInputf("flag -method: want bf or is, got %q", *method)
	}
	if *asJSON && *asCSV {
		return badInputf("exit: -json and -csv are exclusive")
	}
	if *workers < 0 {
		return badInputf("flag -workers: must be ≥ 0, got %d", *workers)
	}
	if *every <= 0 {
		return badInputf("flag -checkpoint-every: must be positive, got %v", *every)
	}
	shard, err := parseShard(*shardFlag)
	if err != nil {
		return err
	}
	sc, err := sf.load()
	if err != nil {
		return err
	}
	var job *exitJob
	if sc.IsRd() {
		job, err = exitJobRd(sc, sf.theorySamples, stderr)
	} else {
		job, err = exitJob1D(sc, stderr)
	}
	if err != nil {
		return err
	}
	first, last := shard.Range(sc.Run.Samples)
	if first == last {
		return badInputf("flag -shard: shard %d/%d of %d samples is empty", shard.Index, shard.Count, sc.Run.Samples)
	}

	// Records finished so far, by cell: resumed ones and new ones.
	var mu sync.Mutex
	records := map[pipeline.CellKey][]mc.ExitRecord{}
	if *resume != "" {
		f, rsc, err := pipeline.ReadRecordFile(*resume)
		if err != nil {
			return badInput(fmt.Errorf("flag -resume: %w", err))
		}
		mine, _ := sc.TOML()
		theirs, _ := rsc.TOML()
		if string(mine) != string(theirs) || f.Shard != shard {
			return badInputf("flag -resume: %s records another scenario or shard than this run", *resume)
		}
		records = f.Records()
		fmt.Fprintf(stderr, "resuming from %s\n", *resume)
	}
	resumed := map[pipeline.CellKey][]mc.ExitRecord{}
	done := int64(0)
	for k, v := range records {
		resumed[k] = v
		done += int64(len(v))
	}
	save := func(path string) error {
		mu.Lock()
		f, err := job.newFile(shard, records)
		mu.Unlock()
		if err != nil {
			return err
		}
		return f.WriteFile(path)
	}
	stopCheckpoints := make(chan struct{})
	var checkpoints sync.WaitGroup
	if *checkpoint != "" {
		checkpoints.Add(1)
		go func() {
			defer checkpoints.Done()
			t := time.NewTicker(*every)
			defer t.Stop()
			for {
				select {
				case <-stopCheckpoints:
					return
				case <-t.C:
					if err := save(*checkpoint); err != nil {
						fmt.Fprintln(stderr, "warning: checkpoint:", err)
					}
				}
			}
		}()
	}

	total := int64(last-first) * int64(job.cells)
	prog := newProgress(stderr, total, "exit replicas")
	prog.Add(done)
	runErr := job.run(ctx, pipeline.ExitOptions{
		Workers:   *workers,
		First:     first,
		Last:      last,
		Resume:    resumed,
		OnReplica: func(int64) { prog.Add(1) },
		OnRecord: func(k pipeline.CellKey, r mc.ExitRecord) {
			mu.Lock()
			records[k] = append(records[k], r)
			mu.Unlock()
		},
	})
	prog.Close()
	close(stopCheckpoints)
	checkpoints.Wait()
	for _, path := range []string{*checkpoint, *out} {
		if path == "" {
			continue
		}
		if err := save(path); err != nil {
			return err
		}
	}
	if runErr != nil && !errors.Is(runErr, context.Canceled) {
		return runErr
	}
	if errors.Is(runErr, context.Canceled) && *checkpoint != "" {
		fmt.Fprintf(stderr, "finished replicas saved in %s: continue with -resume %s\n", *checkpoint, *checkpoint)
	}
	if err := job.write(stdout, *asJSON, *asCSV); err != nil {
		return err
	}
	return runErr
}

// exitJob is a first-exit run of a scenario in 1-D or R^d as runExit drives
// it: the cells it has, how to store its records, how to run it and how to
// report it.
type exitJob struct {
	// cells is the number of (η, start) cells.
	cells int
	// newFile returns the record file of the run restricted to shard.
	newFile func(shard pipeline.Shard, records map[pipeline.CellKey][]mc.ExitRecord) (*pipeline.RecordFile, error)
	// run runs the replicas opt selects; the job keeps the cells.
	run func(ctx context.Context, opt pipeline.ExitOptions) error
	// write renders the report of the cells run.
	write func(w io.Writer, asJSON, asCSV bool) error
}

// exitJob1D builds a 1-D scenario (printing its warnings) and returns its
// first-exit run.
func exitJob1D(sc *scenario.Scenario, stderr io.Writer) (*exitJob, error) {
	built, err := sc.Build()
	if err != nil {
		return nil, badInput(err)
	}
	printWarnings(stderr, built)
	var cells []pipeline.ExitCell
	return &exitJob{
		cells: len(built.Etas) * len(built.Starts),
		newFile: func(shard pipeline.Shard, records map[pipeline.CellKey][]mc.ExitRecord) (*pipeline.RecordFile, error) {
			return pipeline.NewRecordFile(sc, shard, records, built)
		},
		run: func(ctx context.Context, opt pipeline.ExitOptions) error {
			var err error
			cells, err = pipeline.RunExits(ctx, sc, built, opt)
			return err
		},
		write: func(w io.Writer, asJSON, asCSV bool) error {
			return writeExit(w, sc, built, cells, asJSON, asCSV)
		},
	}, nil
}

// writeExit renders the report of a first-exit run.
func writeExit(w io.Writer, sc *scenario.Scenario, built *scenario.Built, cells []pipeline.ExitCell, asJSON, asCSV bool) error {
	rep, err := pipeline.ExitReport(sc, built, cells)
	if err != nil {
		return err
	}
	switch {
	case asJSON:
		return report.WriteJSON(w, rep)
	case asCSV:
		return report.WriteExitCSV(w, rep.Rows)
	}
	fmt.Fprintf(w, "first exit — scenario %s\n", sc.Name)
	if err := report.WriteExitTable(w, rep.Rows); err != nil {
		return err
	}
	for _, s := range rep.Warnings {
		fmt.Fprintln(w, "note:", s)
	}
	return nil
}

// runMerge implements `verify merge`: combine the record files of the shards
// of one run into the report of the unsharded run.
func runMerge(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("merge", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON instead of a table")
	asCSV := fs.Bool("csv", false, "print CSV instead of a table")
	out := fs.String("out", "", "also write the merged records to `file`")
	var theorySamples int
	registerTheorySamples(fs, &theorySamples)
	fs.SetOutput(stderr)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return errHelp
		}
		return badInput(err)
	}
	if *asJSON && *asCSV {
		return badInputf("merge: -json and -csv are exclusive")
	}
	if fs.NArg() == 0 {
		return badInputf("merge: give the record files of the shards (verify exit -shard i/n -out FILE)")
	}
	var files []*pipeline.RecordFile
	var sc *scenario.Scenario
	for _, p := range fs.Args() {
		f, s, err := pipeline.ReadRecordFile(p)
		if err != nil {
			return badInput(err)
		}
		files = append(files, f)
		if sc == nil {
			sc = s
		}
	}
	records, err := pipeline.MergeRecordFiles(files)
	if err != nil {
		return badInput(err)
	}
	if err := checkTheorySamples(theorySamples, sc); err != nil {
		return err
	}
	// The parts carry the -theory-samples they ran with (MergeRecordFiles
	// checks they agree): merge uses it unless told otherwise, and refuses
	// another value, which would report other predictions than the parts.
	effective := func(n int) int {
		if n == 0 {
			return theory.DefaultRdSamples
		}
		return n
	}
	if stored := files[0].TheorySamples; theorySamples == 0 {
		theorySamples = stored
	} else if sc.IsRd() && effective(theorySamples) != effective(stored) {
		return badInputf("flag -theory-samples: the parts ran with %d, got %d", effective(stored), theorySamples)
	}
	if sc.IsRd() {
		return mergeRd(stdout, sc, records, *out, theorySamples, *asJSON, *asCSV)
	}
	built, err := sc.Build()
	if err != nil {
		return badInput(err)
	}
	if *out != "" {
		f, err := pipeline.NewRecordFile(sc, pipeline.Shard{Index: 0, Count: 1}, records, built)
		if err != nil {
			return err
		}
		if err := f.WriteFile(*out); err != nil {
			return err
		}
	}
	return writeExit(stdout, sc, built, pipeline.CellsFromRecords(sc, built, records), *asJSON, *asCSV)
}

// runRareExit implements `verify exit -method is`: mean exit times by the
// importance sampler of package rare, next to the theory.
func runRareExit(ctx context.Context, sf scenarioFlags, workers int, asJSON bool, stdout, stderr io.Writer) error {
	if workers < 0 {
		return badInputf("flag -workers: must be ≥ 0, got %d", workers)
	}
	sc, err := sf.load()
	if err != nil {
		return err
	}
	if sc.IsRd() {
		return badInputf("flag -method: is (the rare-event estimator) is 1-D only; run R^d scenarios with -method bf")
	}
	built, err := sc.Build()
	if err != nil {
		return badInput(err)
	}
	if !built.Law.HeavyTailed() {
		return badInputf("flag -method: is needs heavy-tailed noise (its design uses J and the tail)")
	}
	printWarnings(stderr, built)
	total := int64(sc.Run.Samples) * int64(len(built.Etas)) * int64(len(built.Starts))
	prog := newProgress(stderr, total, "rare-event windows")
	rows, notes, runErr := pipeline.RareExitRows(ctx, sc, built, workers, func(n int) { prog.Add(int64(n)) })
	prog.Close()
	if runErr != nil {
		if errors.Is(runErr, context.Canceled) {
			return runErr
		}
		var fe *scenario.FieldError
		if errors.As(runErr, &fe) || strings.HasPrefix(runErr.Error(), "sgd.") {
			return badInput(runErr)
		}
		return runErr
	}
	rep := report.ExitReport{Scenario: sc, Rows: rows, Warnings: append(append([]string{}, built.Warnings...), notes...)}
	if asJSON {
		return report.WriteJSON(stdout, rep)
	}
	fmt.Fprintf(stdout, "first exit by importance sampling (rare-event estimator) — scenario %s\n", sc.Name)
	fmt.Fprintln(stdout, "exits = windows that exited; the CI is normal-theory from the windows' likelihood ratios")
	if err := report.WriteExitTable(stdout, rep.Rows); err != nil {
		return err
	}
	for _, s := range rep.Warnings {
		fmt.Fprintln(stdout, "note:", s)
	}
	return nil
}
