package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/htsgd/htsgd/pipeline"
	"github.com/htsgd/htsgd/scenario"
)

// runMerge implements `verify merge`: combine the record files of the
// shards of one run into the report of the unsharded run. The parts carry
// the -theory-samples they ran with: merge reports with it unless told
// otherwise, and refuses a value of another effect, which would report
// other predictions than the parts.
func runMerge(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("merge", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON instead of a table")
	asCSV := fs.Bool("csv", false, "print CSV instead of a table")
	legend := fs.Bool("legend", true, "explain the columns under the tables (-legend=false: tables only)")
	out := fs.String("out", "", "also write the merged records to `file`")
	var theorySamples int
	registerTheorySamples(fs, &theorySamples)
	if err := parseArgs(fs, args, stderr); err != nil {
		return err
	}
	if *asJSON && *asCSV {
		return badInputf("merge: -json and -csv are exclusive")
	}
	if fs.NArg() == 0 {
		return badInputf("merge: give the record files of the shards (verify exit -shard i/n -out FILE)")
	}
	if err := checkOutputs(map[string]string{"-out": *out}); err != nil {
		return err
	}
	var files []*pipeline.RecordFile
	for _, path := range fs.Args() {
		if err := ctx.Err(); err != nil {
			return err
		}
		f, err := pipeline.ReadRecordFile(path)
		if err != nil {
			return badInputf("merge: FILE %v", err)
		}
		files = append(files, f)
	}
	merged, err := pipeline.MergeRecordFiles(files)
	if err != nil {
		return badInput(err)
	}
	sc, err := merged.Scenario()
	if err != nil {
		return badInput(err)
	}
	if theorySamples == 0 {
		theorySamples = merged.TheorySamples
	}
	p, err := buildPlan(ctx, sc, theorySamples)
	if err != nil {
		return err
	}
	rec, err := pipeline.NewRecords(p, pipeline.WholeRun, theorySamples)
	if err != nil {
		return recordsError(err)
	}
	if err := rec.Resume(merged); err != nil {
		return badInput(fmt.Errorf("merge: %w", scenario.FieldOf(err)))
	}
	if *out != "" {
		if err := rec.WriteFile(*out); err != nil {
			return err
		}
	}
	a, notes, err := analyse(ctx, p, theorySamples)
	if err != nil {
		return err
	}
	rep, err := pipeline.ExitReport(p, a, notes, rec.Cells())
	if err != nil {
		return err
	}
	return writeExit(stdout, p, a, rep, *asJSON, *asCSV, *legend)
}
