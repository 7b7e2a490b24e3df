package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math"

	"github.com/htsgd/htsgd/estimators"
	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/pipeline"
	"github.com/htsgd/htsgd/scenario"
)

// runImport turns the raw records of a `verify exit -out FILE` run (or of a
// `verify merge` of its shards, or a checkpoint) into the brute-force result
// of a point, so that long brute-force runs can use verify's sharding and
// checkpoints. Each replica of verify is one first exit from the minimum,
// the same law as one run of the restarting chain of brute; censored
// replicas enter the CI through the total time on test.
//
// The scenario stored in the file must be the point's: paper-1d on its
// default domain, symmetric Pareto(α, c), truncation b, the step size η and
// the start index of the point. The CPU cost per step is not in the records;
// -ns-per-step gives it (measure it with a short `rare-bench brute` run).
func runImport(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	name := fs.String("point", "P", "point: P, J2 or hard")
	records := fs.String("records", "", "record file written by verify exit -out (or merge, or -checkpoint)")
	ns := fs.Float64("ns-per-step", 0, "CPU nanoseconds per brute-force step (required: measure it with rare-bench brute)")
	wall := fs.Float64("wall-seconds", 0, "wall time of the verify run, for the record (optional)")
	out := fs.String("out", "", "JSON file (default results/rare/brute_<point>_eta<η>.json)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *records == "" {
		return fmt.Errorf("records: required")
	}
	if !(*ns > 0) || math.IsInf(*ns, 0) {
		return fmt.Errorf("ns-per-step: must be > 0, got %v", *ns)
	}
	f, sc, err := pipeline.ReadRecordFile(*records)
	if err != nil {
		return err
	}
	if f.Shard.Count != 1 {
		return fmt.Errorf("records: %s holds shard %d/%d only; merge the shards first (verify merge)", *records, f.Shard.Index, f.Shard.Count)
	}
	spec, ok := points[*name]
	if !ok {
		return fmt.Errorf("point: unknown %q (want P, J2 or hard)", *name)
	}
	if err := matchPoint(sc, spec); err != nil {
		return fmt.Errorf("records: %s is not point %s: %w", *records, spec.Name, err)
	}
	eta := sc.SGD.Eta[0]
	s, err := newSetup(*name, eta)
	if err != nil {
		return err
	}
	recs, dropped := completePrefix(f.Records()[pipeline.CellKey{EtaIndex: 0, StartIndex: 0}])
	if dropped > 0 {
		fmt.Fprintf(stderr, "using replicas 0..%d, the complete prefix; %d later replicas finished but are left out (keeping them would favour short exits)\n",
			len(recs)-1, dropped)
	}
	res := &bruteResult{Setup: s, Seed: uint64(sc.Run.Seed), Level: 0.95, NsPerStep: *ns, WallSec: *wall,
		Source: fmt.Sprintf("verify exit records %s: %d replicas from the minimum, one exit each", *records, len(recs))}
	var total float64
	for _, r := range recs {
		total += float64(r.Steps)
		if r.Censored {
			res.Censored++
			continue
		}
		res.Times = append(res.Times, float64(r.Steps))
	}
	res.Exits = len(res.Times)
	res.Steps = int64(total)
	res.CPUSec = total * *ns * 1e-9
	em, err := estimators.ExpMeanFromTotals(total, res.Exits, res.Censored, res.Level)
	if err != nil {
		return err
	}
	res.Mean, res.Low, res.High = em.Mean, em.Low, num(em.High)
	res.WorkNormVar = em.Mean
	fmt.Fprintf(stdout, "%s η=%g: %d exits, %d censored, %.4g steps: mean %.4g [%.4g, %s] (predicted %.4g)\n",
		*name, eta, res.Exits, res.Censored, total, res.Mean, res.Low, fmtPtr(res.High), s.PredMean)
	path := *out
	if path == "" {
		path = brutePath(*name, eta)
	}
	return writeJSON(path, res)
}

// completePrefix returns the records of replicas 0, 1, …, K−1, K being the
// first replica index without a record, and the number of records left out.
// A checkpoint of an unfinished run holds the replicas that happened to
// finish, which favours short exit times. Replicas start in index order, so
// the prefix is nearly a sample chosen by index: only its last few replicas
// (about one per worker, those started just before replica K) had to finish
// before K did, which favours short exits among them; the relative bias is
// of order workers/K (under 1% for 2 workers and 300 exits). The records of
// a finished run are all kept, with no bias.
func completePrefix(recs []mc.ExitRecord) ([]mc.ExitRecord, int) {
	byReplica := make(map[int]mc.ExitRecord, len(recs))
	for _, r := range recs {
		byReplica[r.Replica] = r
	}
	var out []mc.ExitRecord
	for k := 0; ; k++ {
		r, ok := byReplica[k]
		if !ok {
			break
		}
		out = append(out, r)
	}
	return out, len(recs) - len(out)
}

// matchPoint checks that a scenario runs the given point: paper-1d on its
// default domain, symmetric Pareto with the point's α and c, its b, one
// step size and its start index.
func matchPoint(sc *scenario.Scenario, p pointSpec) error {
	switch {
	case sc.Landscape.Kind != scenario.KindPaper1D || sc.Landscape.Domain != nil:
		return fmt.Errorf("landscape: want paper-1d on its default domain")
	case sc.Noise.Law != scenario.LawPareto || sc.Noise.Alpha == nil || *sc.Noise.Alpha != p.Alpha || sc.Noise.Scale != p.Scale:
		return fmt.Errorf("noise: want pareto α = %v, scale %v", p.Alpha, p.Scale)
	case sc.Noise.PPlus != nil && *sc.Noise.PPlus != 0.5:
		return fmt.Errorf("noise.p_plus: want 0.5")
	case sc.SGD.B == nil || *sc.SGD.B != p.B:
		return fmt.Errorf("sgd.b: want %v", p.B)
	case len(sc.SGD.Eta) != 1:
		return fmt.Errorf("sgd.eta: want one step size")
	case sc.SGD.Start == nil || *sc.SGD.Start != p.Start:
		return fmt.Errorf("sgd.start: want %d", p.Start)
	}
	return nil
}
