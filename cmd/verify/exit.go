package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/htsgd/htsgd/pipeline"
	"github.com/htsgd/htsgd/report"
)

// runExit implements `verify exit`: first-exit statistics per (η, start).
func runExit(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("exit", flag.ContinueOnError)
	var sf scenarioFlags
	sf.register(fs)
	asJSON := fs.Bool("json", false, "print JSON instead of a table")
	asCSV := fs.Bool("csv", false, "print CSV instead of a table")
	workers := fs.Int("workers", 0, "number of worker goroutines (0: GOMAXPROCS)")
	if err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	if *asJSON && *asCSV {
		return badInputf("exit: -json and -csv are exclusive")
	}
	if *workers < 0 {
		return badInputf("flag -workers: must be ≥ 0, got %d", *workers)
	}
	sc, err := sf.load()
	if err != nil {
		return err
	}
	built, err := sc.Build()
	if err != nil {
		return badInput(err)
	}
	for _, w := range built.Warnings {
		fmt.Fprintln(stderr, "warning:", w)
	}
	total := int64(sc.Run.Samples) * int64(len(built.Etas)) * int64(len(built.Starts))
	prog := newProgress(stderr, total, "exit replicas")
	cells, runErr := pipeline.RunExits(ctx, sc, built, pipeline.ExitOptions{
		Workers:   *workers,
		OnReplica: func(int64) { prog.Add(1) },
	})
	prog.Close()
	if runErr != nil && !errors.Is(runErr, context.Canceled) {
		return runErr
	}
	rep, err := pipeline.ExitReport(sc, built, cells)
	if err != nil {
		return err
	}
	switch {
	case *asJSON:
		err = report.WriteJSON(stdout, rep)
	case *asCSV:
		err = report.WriteExitCSV(stdout, rep.Rows)
	default:
		err = writeExitText(stdout, sc.Name, rep)
	}
	if err != nil {
		return err
	}
	return runErr
}

func writeExitText(w io.Writer, name string, rep report.ExitReport) error {
	fmt.Fprintf(w, "first exit — scenario %s\n", name)
	if err := report.WriteExitTable(w, rep.Rows); err != nil {
		return err
	}
	for _, s := range rep.Warnings {
		fmt.Fprintln(w, "note:", s)
	}
	return nil
}
