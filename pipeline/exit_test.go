package pipeline

import (
	"context"
	"errors"
	"math"
	"reflect"
	"testing"

	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/scenario"
)

// fastExit is a 1-D scenario whose exits take about 10^3 steps: the
// three-wells landscape with untruncated-looking (b = 1.2), hot noise.
const fastExit = `
name = "fast"
[landscape]
kind = "critical-points"
points = [-1.0, 0.0, 1.5]
scale = 1.0
domain = [-2.0, 2.5]
[noise]
law = "pareto"
alpha = 1.5
scale = 0.5
[sgd]
b = 1.2
eta = [0.02, 0.01]
[run]
samples = 24
max_steps = 1000000
seed = 5
`

// quadraticExit is the 2-D quadratic well of scenario/testdata/
// quadratic2d.toml (ball basin of radius 1, J = 1 at b = 1.5) at quick η.
const quadraticExit = `
name = "quadratic-rd"
[landscape]
kind = "quadratic"
dimension = 2
hessian = [[1.5, 0.5], [0.5, 1.0]]
basin_radius = 1.0
[noise]
law = "pareto"
alpha = 1.5
scale = 1.0
[sgd]
b = 1.5
eta = [0.02]
start_x = [0.1, -0.2]
[run]
samples = 40
max_steps = 100000
seed = 9
`

// exitPlan parses and builds a scenario.
func exitPlan(t testing.TB, text string) *scenario.Plan {
	t.Helper()
	sc, err := scenario.Parse([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	p, err := sc.Build(scenario.BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// recordAll returns Records of every replica of p, so that the cells of
// RunExits carry their records.
func recordAll(t *testing.T, p *scenario.Plan) *Records {
	t.Helper()
	rec, err := NewRecords(p, WholeRun, 0)
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

// recordsOf returns the records of the cells by cell.
func recordsOf(cells []ExitCell) map[CellKey][]mc.ExitRecord {
	m := map[CellKey][]mc.ExitRecord{}
	for _, c := range cells {
		m[CellKey{c.EtaIndex, c.StartIndex}] = c.Records
	}
	return m
}

// TestRunExitsReproducible checks the reproducibility contract of
// RunExits in 1-D and on R^d: the records of every cell are the same for
// 1 and 2 workers, for the union of shards, and for a run resumed from
// part of its records; each cell has its replicas in order, and replica k
// is the record mc.FirstExit.Run gives with mc.ExitKey's stream k.
func TestRunExitsReproducible(t *testing.T) {
	for _, text := range []string{fastExit, quadraticExit} {
		p := exitPlan(t, text)
		ctx := context.Background()
		whole, err := RunExits(ctx, p, ExitOptions{Workers: 1, Records: recordAll(t, p)})
		if err != nil {
			t.Fatal(err)
		}
		if len(whole) != len(p.Etas)*len(p.Starts) {
			t.Fatalf("%s: %d cells", p.Name, len(whole))
		}
		for _, c := range whole {
			if len(c.Records) != p.Run.Samples || c.Requested != p.Run.Samples || c.Basin != p.Starts[c.StartIndex].Basin {
				t.Fatalf("%s: cell %+v", p.Name, c)
			}
			for k, r := range c.Records {
				if r.Replica != k {
					t.Fatalf("%s: record %d is replica %d", p.Name, k, r.Replica)
				}
			}
			want, err := c.Experiment.Run(ctx, mc.ExitKey(p.Run.Seed, c.EtaIndex, c.StartIndex).Rand(7))
			if err != nil {
				t.Fatal(err)
			}
			if want.Replica = 7; c.Records[7] != want {
				t.Errorf("%s: replica 7 is %+v, FirstExit.Run gives %+v", p.Name, c.Records[7], want)
			}
		}
		two, err := RunExits(ctx, p, ExitOptions{Workers: 2, Records: recordAll(t, p)})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(recordsOf(two), recordsOf(whole)) {
			t.Errorf("%s: records differ between 1 and 2 workers", p.Name)
		}

		merged := map[CellKey][]mc.ExitRecord{}
		for i := range 3 {
			rec, err := NewRecords(p, Shard{i, 3}, 0)
			if err != nil {
				t.Fatal(err)
			}
			cells, err := RunExits(ctx, p, ExitOptions{Workers: 2, Records: rec})
			if err != nil {
				t.Fatal(err)
			}
			for k, v := range recordsOf(cells) {
				merged[k] = append(merged[k], v...)
			}
		}
		if !reflect.DeepEqual(merged, recordsOf(whole)) {
			t.Errorf("%s: the shards' records are not the run's", p.Name)
		}

		// Resume from every third record: the others are run, the given
		// ones kept as they are.
		rec, err := NewRecords(p, WholeRun, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range whole {
			for _, r := range c.Records {
				if r.Replica%3 == 0 {
					rec.Add(CellKey{c.EtaIndex, c.StartIndex}, r)
				}
			}
		}
		ran := 0
		resumed, err := RunExits(ctx, p, ExitOptions{Records: rec, OnReplica: func(CellKey, int64) { ran++ }})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(recordsOf(resumed), recordsOf(whole)) {
			t.Errorf("%s: the resumed run's records are not the run's", p.Name)
		}
		if want := len(whole) * (p.Run.Samples - (p.Run.Samples+2)/3); ran != want {
			t.Errorf("%s: %d replicas run on resuming, want %d", p.Name, ran, want)
		}
	}
}

// TestRunExitsErrors: records of another plan are refused, an experiment
// that cannot run is an error naming the scenario key before anything
// runs, and a cancelled run returns what finished with ctx.Err().
func TestRunExitsErrors(t *testing.T) {
	p := exitPlan(t, fastExit)
	other := exitPlan(t, fastExit)
	rec, err := NewRecords(other, WholeRun, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := RunExits(context.Background(), p, ExitOptions{Records: rec}); !errors.Is(err, errOtherPlan) {
		t.Errorf("records of another plan: %v", err)
	}

	bad := p.Clone()
	bad.Etas[1] = -0.01
	_, err = RunExits(context.Background(), bad, ExitOptions{})
	var fe *scenario.FieldError
	if !errors.As(err, &fe) || fe.Field != "sgd.eta[1]" {
		t.Errorf("η < 0: error %v, want a *scenario.FieldError for sgd.eta[1]", err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	cells, err := RunExits(ctx, p, ExitOptions{})
	if !errors.Is(err, context.Canceled) || len(cells) != len(p.Etas)*len(p.Starts) {
		t.Fatalf("cancelled: %d cells, error %v", len(cells), err)
	}
	for _, c := range cells { // every cell listed, none started
		if c.Started() || c.Complete() || c.Requested != p.Run.Samples {
			t.Errorf("cancelled: cell %d/%d: %d of %d samples", c.EtaIndex, c.StartIndex, c.Summary.Samples, c.Requested)
		}
	}
}

// TestRunExitsStreams checks that a streamed run (no Records) reports what
// a recorded one does: the same summary of every cell, so the same report
// rows, with no record kept; and that the shape sample is the prefix of
// ShapeSample replicas by index, whatever the order they finish in.
func TestRunExitsStreams(t *testing.T) {
	for _, text := range []string{fastExit, quadraticExit} {
		p := exitPlan(t, text)
		streamed, err := RunExits(context.Background(), p, ExitOptions{Workers: 2})
		if err != nil {
			t.Fatal(err)
		}
		recorded, err := RunExits(context.Background(), p, ExitOptions{Workers: 1, Records: recordAll(t, p)})
		if err != nil {
			t.Fatal(err)
		}
		for i, c := range streamed {
			if c.Records != nil {
				t.Errorf("%s: a streamed cell kept %d records", p.Name, len(c.Records))
			}
			want := summarise(recorded[i].Records, 0)
			got := c.Summary
			if got.Samples != want.Samples || got.Exits != want.Exits || got.Censored != want.Censored ||
				got.TotalSteps() != want.TotalSteps() || !reflect.DeepEqual(got.Landings, want.Landings) {
				t.Errorf("%s: cell %d: streamed summary %+v, recorded %+v", p.Name, i, got, want)
			}
			a, b := shapeSample(got)
			c2, d := shapeSample(want)
			if !reflect.DeepEqual(a, c2) || !reflect.DeepEqual(b, d) {
				t.Errorf("%s: cell %d: the shape samples differ", p.Name, i)
			}
		}
		a, notes, err := Analyse(context.Background(), p, TheoryOptions(p, 500))
		if err != nil {
			t.Fatal(err)
		}
		r1, err := ExitReport(p, a, notes, streamed)
		if err != nil {
			t.Fatal(err)
		}
		r2, err := ExitReport(p, a, notes, recorded)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(r1, r2) {
			t.Errorf("%s: the reports of the streamed and recorded runs differ", p.Name)
		}
	}

	// The shape sample: replicas [first, first+ShapeSample) in any order.
	s := NewExitSummary(10)
	for _, k := range []int{10 + ShapeSample, 9, 12, 10, 10 + ShapeSample - 1} {
		s.Add(mc.ExitRecord{Replica: k, Steps: int64(k), Landing: 1})
	}
	times, _ := shapeSample(s)
	if !reflect.DeepEqual(times, []float64{10, 12, 10 + ShapeSample - 1}) {
		t.Errorf("shape sample %v", times)
	}
	if s.TotalSteps() != float64(10+ShapeSample+9+12+10+10+ShapeSample-1) {
		t.Errorf("total %v", s.TotalSteps())
	}
}

// TestExitSummaryTotal checks the 128-bit total time on test: exact past
// 2^64 steps, where an int64 sum would overflow.
func TestExitSummaryTotal(t *testing.T) {
	s := NewExitSummary(0)
	const big = int64(1) << 62
	for k := range 8 {
		s.Add(mc.ExitRecord{Replica: k, Steps: big, Censored: true, Landing: mc.NoLanding})
	}
	if want := 8 * math.Exp2(62); s.TotalSteps() != want || s.Censored != 8 {
		t.Errorf("total %v, want %v", s.TotalSteps(), want)
	}
}
