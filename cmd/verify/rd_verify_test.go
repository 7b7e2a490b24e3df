package main

import (
	"context"
	"encoding/json"
	"flag"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/pipeline"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestMain makes the R^d builds and predictions coarse (rdTuning): the
// modified Himmelblau basin map then takes a tenth of a second instead of
// four, and the ray scans of the jump numbers 60 directions instead of 720.
// The quadratic's basin is explicit, so its outputs are those of the
// command with default tuning.
func TestMain(m *testing.M) {
	rdTuning.basins = landscapes.BasinMapOptions{Grid: 15, Directions: 90, CacheCells: 64}
	rdTuning.directions = 60
	os.Exit(m.Run())
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file:\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

func testdataScenario(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestRdExitGolden fixes the text output of `verify exit` on the 2-D
// quadratic (64 exits per η; the numbers depend on the seed only).
func TestRdExitGolden(t *testing.T) {
	code, out, stderr := runCLI(t, context.Background(), "exit", "-scenario", "testdata/rd_quadratic.toml", "-workers", "2", "-theory-samples", "2000")
	if code != 0 {
		t.Fatal(stderr)
	}
	golden(t, "rd_exit.golden", out)
}

// TestRdExitJSONWorkerInvariance checks the reproducibility contract in
// R^d (byte-identical JSON with 1 and 2 workers) and the row's keys: those
// of the 1-D contract plus the start point and the prediction's interval.
func TestRdExitJSONWorkerInvariance(t *testing.T) {
	p := "testdata/rd_quadratic.toml"
	c1, one, e1 := runCLI(t, context.Background(), "exit", "-scenario", p, "-json", "-workers", "1", "-theory-samples", "2000")
	c2, two, e2 := runCLI(t, context.Background(), "exit", "-scenario", p, "-json", "-workers", "2", "-theory-samples", "2000")
	if c1 != 0 || c2 != 0 {
		t.Fatalf("status %d/%d: %s %s", c1, c2, e1, e2)
	}
	if one != two {
		t.Fatal("JSON differs between -workers 1 and -workers 2")
	}
	var rep struct {
		Dimension int              `json:"dimension"`
		Rows      []map[string]any `json:"rows"`
	}
	if err := json.Unmarshal([]byte(one), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Dimension != 2 || len(rep.Rows) != 2 {
		t.Fatalf("dimension %d, %d rows, want 2 and 2 (2 η × 1 start)", rep.Dimension, len(rep.Rows))
	}
	for _, key := range []string{"eta", "basin", "jump_number", "samples", "exits", "censored", "mean_steps", "ci_low", "ci_high",
		"predicted_steps", "ratio", "exp_test_p", "landing", "predicted_landing", "landing_test_p",
		"start", "exit_rate", "exit_rate_stderr", "predicted_ci_low", "predicted_ci_high", "ratio_ci_low", "ratio_ci_high"} {
		if _, ok := rep.Rows[0][key]; !ok {
			t.Errorf("row has no key %q", key)
		}
	}
	r := rep.Rows[0]
	if s := r["start"].([]any); len(s) != 2 || s[0].(float64) != 0.1 || s[1].(float64) != -0.2 {
		t.Errorf("start = %v, want [0.1, -0.2]", r["start"])
	}
	// C* = ν_α{‖w‖ ≥ 1} = 1 exactly (J = 1, ball of radius 1): the
	// prediction is 1/(η λ(η)) = 0.02^{−1.5} = 353.553 steps, with the
	// Monte Carlo interval around it.
	pred := r["predicted_steps"].(float64)
	if math.Abs(pred-math.Pow(0.02, -1.5)) > 1e-3*pred {
		t.Errorf("predicted %v, want %v", pred, math.Pow(0.02, -1.5))
	}
	if lo, hi := r["predicted_ci_low"].(float64), r["predicted_ci_high"].(float64); !(lo <= pred && pred <= hi) {
		t.Errorf("predicted %v outside its interval [%v, %v]", pred, lo, hi)
	}
	if r["landing"].(map[string]any)["-1"].(float64) != 1 {
		t.Errorf("landing %v: every exit leaves the ball to no basin (-1)", r["landing"])
	}
}

// TestRdExitCSV: the R^d CSV has the 1-D columns first, then the start's
// coordinates and the intervals.
func TestRdExitCSV(t *testing.T) {
	code, out, stderr := runCLI(t, context.Background(), "exit", "-scenario", "testdata/rd_quadratic.toml", "-csv", "-theory-samples", "2000")
	if code != 0 {
		t.Fatal(stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	want := "eta,basin,jump_number,samples,exits,censored,mean_steps,ci_low,ci_high,predicted_steps,ratio,exp_test_p,landing_test_p,landing_-1,predicted_landing_-1,start_1,start_2,exit_rate,exit_rate_stderr,predicted_ci_low,predicted_ci_high,ratio_ci_low,ratio_ci_high"
	if len(lines) != 3 || lines[0] != want {
		t.Fatalf("CSV:\n%s", out)
	}
}

// TestRdShardMergeResume: shards of an R^d run merged, and a run resumed
// from a partial record file, print exactly the JSON of the whole run.
func TestRdShardMergeResume(t *testing.T) {
	p := "testdata/rd_quadratic.toml"
	dir := t.TempDir()
	whole := filepath.Join(dir, "whole.json")
	code, full, stderr := runCLI(t, context.Background(), "exit", "-scenario", p, "-json", "-out", whole, "-theory-samples", "2000")
	if code != 0 {
		t.Fatal(stderr)
	}
	var parts []string
	for i := range 2 {
		part := filepath.Join(dir, "part"+strconv.Itoa(i)+".json")
		if code, _, stderr := runCLI(t, context.Background(), "exit", "-scenario", p, "-shard", strconv.Itoa(i)+"/2", "-out", part, "-workers", strconv.Itoa(1+i), "-theory-samples", "2000"); code != 0 {
			t.Fatal(stderr)
		}
		parts = append(parts, part)
	}
	// The parts record -theory-samples: merge reuses it when not given,
	// and refuses another value.
	code, merged, stderr := runCLI(t, context.Background(), append([]string{"merge", "-json"}, parts...)...)
	if code != 0 {
		t.Fatal(stderr)
	}
	if merged != full {
		t.Fatal("merged JSON differs from the unsharded run")
	}
	if code, _, stderr := runCLI(t, context.Background(), append([]string{"merge", "-json", "-theory-samples", "3000"}, parts...)...); code != 2 || !strings.Contains(stderr, "-theory-samples") {
		t.Errorf("merge with another -theory-samples: exit %d, %q", code, stderr)
	}
	f, _, err := pipeline.ReadRecordFile(whole)
	if err != nil {
		t.Fatal(err)
	}
	for c := range f.Cells {
		var kept []mc.ExitRecord
		for _, r := range f.Cells[c].Records {
			if r.Replica%3 != 1 {
				kept = append(kept, r)
			}
		}
		f.Cells[c].Records = kept
	}
	partial := filepath.Join(dir, "partial.json")
	if err := f.WriteFile(partial); err != nil {
		t.Fatal(err)
	}
	code, resumed, stderr := runCLI(t, context.Background(), "exit", "-scenario", p, "-json", "-resume", partial, "-theory-samples", "2000")
	if code != 0 {
		t.Fatal(stderr)
	}
	if resumed != full {
		t.Fatal("run resumed from a partial record file differs from the uninterrupted run")
	}
}

// TestRdExitInterrupted: a cancelled R^d run exits 130 and still prints its
// table.
func TestRdExitInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	code, out, stderr := runCLI(t, ctx, "exit", "-scenario", "testdata/rd_quadratic.toml", "-theory-samples", "2000")
	if code != exitInterrupted || !strings.Contains(out, "first exit in R^d") {
		t.Fatalf("status %d, want %d\nstdout:\n%s\nstderr:\n%s", code, exitInterrupted, out, stderr)
	}
}

// TestRdTheoryQuadratic checks `verify theory` on the quadratic: the JSON
// keys of the 1-D contract with their meaning (jump_number, minima as
// points, exit_rate = C*) and the exact J = 1 constant C* = R^{−α} = 1.
func TestRdTheoryQuadratic(t *testing.T) {
	code, out, stderr := runCLI(t, context.Background(), "theory", "-scenario", "testdata/rd_quadratic.toml", "-json", "-theory-samples", "2000")
	if code != 0 {
		t.Fatal(stderr)
	}
	var a struct {
		Minima      [][]float64 `json:"minima"`
		Kind        []string    `json:"minimum_kind"`
		Jump        []int       `json:"jump_number"`
		ExitRate    []float64   `json:"exit_rate"`
		ExitRateCI  [][]float64 `json:"exit_rate_ci"`
		Landing     [][]float64 `json:"landing"`
		Warnings    []string    `json:"warnings"`
		Predictions []struct {
			Eta  float64    `json:"eta"`
			Mean []*float64 `json:"mean_exit_steps"`
		} `json:"predictions"`
	}
	if err := json.Unmarshal([]byte(out), &a); err != nil {
		t.Fatal(err)
	}
	if len(a.Minima) != 1 || a.Minima[0][0] != 0 || a.Minima[0][1] != 0 || a.Kind[0] != "point" || a.Jump[0] != 1 || a.Warnings == nil {
		t.Fatalf("analysis %+v", a)
	}
	// For the ball basin every jump longer than r leaves, so C* = r^{−α}
	// = 1 exactly, with zero Monte Carlo error (theory's ray scan places
	// the change point at r itself); 1e-12 allows for rounding.
	if math.Abs(a.ExitRate[0]-1) > 1e-12 || a.Landing[0][1] != 1 {
		t.Errorf("C* = %v, landing %v; want 1 and all to no basin", a.ExitRate[0], a.Landing[0])
	}
	if len(a.Predictions) != 2 || math.Abs(*a.Predictions[1].Mean[0]-1000) > 1e-2 {
		t.Errorf("predictions %+v, want E τ = 1000 at η = 0.01", a.Predictions)
	}
	code, text, stderr := runCLI(t, context.Background(), "theory", "-scenario", "testdata/rd_quadratic.toml", "-theory-samples", "2000")
	if code != 0 || !strings.Contains(text, "theory in R^d") || !strings.Contains(text, "C* = q_i") {
		t.Fatalf("status %d\n%s\n%s", code, text, stderr)
	}
}

// TestRdHimmelblau runs dynamics on the paper's landscape at tiny sizes:
// the minimum sets (one a segment), the wide minima {0, 1} at b = 2.15
// (J = (2, 2, 1, 1)) and all four without truncation, and a report whose
// sharp sets are the narrow ones, with the truncated limit 0 beside the
// untruncated stationary law.
func TestRdHimmelblau(t *testing.T) {
	if raceEnabled {
		// Its theory (two analyses) takes ~6 s under the race detector and
		// has no concurrency of its own to check: the R^d runners are
		// raced by the quadratic and wells tests.
		t.Skip("the modified Himmelblau theory is slow under the race detector")
	}
	p := "testdata/rd_himmelblau.toml"
	code, out, stderr := runCLI(t, context.Background(), "dynamics", "-scenario", p, "-json", "-theory-samples", "1000",
		"-variants", "truncated,untruncated")
	if code != 0 {
		t.Fatal(stderr)
	}
	var rep struct {
		Minima []json.RawMessage `json:"minima"`
		Kind   []string          `json:"minimum_kind"`
		Runs   []struct {
			Variant string `json:"variant"`
			Steps   int64  `json:"steps"`
			Wide    []int  `json:"wide"`
			Sets    []struct {
				Sharp      bool     `json:"sharp"`
				Stationary *float64 `json:"stationary"`
				FirstOrder *float64 `json:"first_order"`
			} `json:"sets"`
			SharpLimit *float64 `json:"sharp_limit"`
			Generator  []any    `json:"generator"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	var seg [][]float64
	if len(rep.Minima) != 4 || json.Unmarshal(rep.Minima[0], &seg) != nil || len(seg) != 2 || rep.Kind[0] != "segment" {
		t.Fatalf("minima %s, kinds %v: want 4 sets, the first a segment [[x, y], [x, y]]", rep.Minima, rep.Kind)
	}
	if len(rep.Runs) != 2 || rep.Runs[0].Variant != "truncated" || rep.Runs[1].Variant != "untruncated" || rep.Runs[0].Steps != 40000 {
		t.Fatalf("runs %+v", rep.Runs)
	}
	// At b = 2.15, J = (2, 2, 1, 1): the wide minima are the two J = 2
	// sets; without truncation every minimum is wide.
	if !equalInts(rep.Runs[0].Wide, []int{0, 1}) || !equalInts(rep.Runs[1].Wide, []int{0, 1, 2, 3}) {
		t.Errorf("wide %v and %v, want [0 1] and [0 1 2 3]", rep.Runs[0].Wide, rep.Runs[1].Wide)
	}
	for j, s := range rep.Runs[0].Sets {
		if s.Sharp != (j >= 2) || s.Stationary == nil || s.FirstOrder == nil {
			t.Errorf("set %d: sharp %v, stationary %v, first order %v", j, s.Sharp, s.Stationary, s.FirstOrder)
		}
	}
	if *rep.Runs[0].SharpLimit != 0 || !(*rep.Runs[1].SharpLimit > 0) || len(rep.Runs[0].Generator) != 2 || len(rep.Runs[1].Generator) != 12 {
		t.Errorf("sharp limits %v, %v (want 0 and > 0); generator entries %d, %d (want 2, 12)",
			*rep.Runs[0].SharpLimit, *rep.Runs[1].SharpLimit, len(rep.Runs[0].Generator), len(rep.Runs[1].Generator))
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestRdDynamicsWorkers checks that the R^d trajectories give byte-identical
// JSON with 1 and 2 workers, for all three variants, and that the text
// report shows them side by side.
func TestRdDynamicsWorkers(t *testing.T) {
	p := "testdata/rd_wells.toml"
	args := []string{"dynamics", "-scenario", p, "-json", "-theory-samples", "300"}
	c1, one, e1 := runCLI(t, context.Background(), append(args, "-workers", "1")...)
	c2, two, e2 := runCLI(t, context.Background(), append(args, "-workers", "2")...)
	if c1 != 0 || c2 != 0 {
		t.Fatalf("status %d/%d: %s %s", c1, c2, e1, e2)
	}
	if one != two {
		t.Fatal("dynamics JSON differs between -workers 1 and -workers 2")
	}
	var rep struct {
		Runs []struct {
			Variant  string `json:"variant"`
			Replicas int    `json:"replicas"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(one), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Runs) != 3 || rep.Runs[2].Variant != "gaussian" || rep.Runs[2].Replicas != 3 {
		t.Fatalf("runs %+v", rep.Runs)
	}
	code, text, stderr := runCLI(t, context.Background(), "dynamics", "-scenario", p, "-theory-samples", "300", "-variants", "truncated")
	if code != 0 || !strings.Contains(text, "dynamics in R^d") || !strings.Contains(text, "near (95% CI)") || strings.Contains(text, "gaussian") {
		t.Fatalf("status %d\n%s\n%s", code, text, stderr)
	}
}

// TestRdBadInput: bad input on R^d scenarios gives exit status 2 and a
// message naming the field or flag, never a panic.
func TestRdBadInput(t *testing.T) {
	quad := testdataScenario(t, "rd_quadratic.toml")
	write := func(text string) string { return writeScenario(t, text) }
	withDyn := quad + "\n[dynamics]\nreplicas = 1\nsteps = 100\nradius = 0.1\ntimes = [1.0]\n"
	tests := []struct {
		name  string
		args  []string
		field string
	}{
		{"dynamics without [dynamics]", []string{"dynamics", "-scenario", write(quad)}, "dynamics"},
		{"method is", []string{"exit", "-method", "is", "-scenario", write(quad)}, "-method"},
		{"theory check", []string{"theory", "-check", "-scenario", write(quad)}, "-check"},
		{"theory samples on 1-D", []string{"theory", "-theory-samples", "100"}, "-theory-samples"},
		{"theory samples negative", []string{"exit", "-theory-samples", "-1", "-scenario", write(quad)}, "-theory-samples"},
		{"start outside every basin", []string{"exit", "-scenario", write(strings.Replace(quad, "start_x = [0.1, -0.2]", "start_x = [3.0, 0.0]", 1))}, "start_x"},
		{"start of the wrong dimension", []string{"exit", "-scenario", write(strings.Replace(quad, "start_x = [0.1, -0.2]", "start_x = [0.1, 0.2, 0.3]", 1))}, "start_x"},
		{"hessian not positive definite", []string{"theory", "-scenario", write(strings.Replace(quad, "[[1.5, 0.5], [0.5, 1.0]]", "[[1.0, 2.0], [2.0, 1.0]]", 1))}, "hessian"},
		{"p_plus in R^d", []string{"exit", "-scenario", write(strings.Replace(quad, "scale = 1.0\n", "scale = 1.0\np_plus = 0.7\n", 1))}, "p_plus"},
		{"dynamics variants", []string{"dynamics", "-variants", "bogus", "-scenario", write(withDyn)}, "-variants"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, context.Background(), tt.args...)
			if code != exitBadInput {
				t.Fatalf("exit status %d, want %d; stderr:\n%s", code, exitBadInput, stderr)
			}
			if !strings.Contains(stderr, tt.field) {
				t.Fatalf("stderr does not name %q:\n%s", tt.field, stderr)
			}
		})
	}
}

// TestRdGaussianTheoryNotApplicable: light-tailed noise has no heavy-tail
// theory in R^d either.
func TestRdGaussianTheoryNotApplicable(t *testing.T) {
	code, out, stderr := runCLI(t, context.Background(), "theory", "-scenario", "testdata/rd_quadratic.toml", "-law", "gaussian")
	if code != 0 || !strings.Contains(out, "not applicable") {
		t.Fatalf("status %d:\n%s\n%s", code, out, stderr)
	}
	// Gaussian exits from the ball take ~e^{1/(2η²)} steps: cap them.
	p := writeScenario(t, strings.Replace(testdataScenario(t, "rd_quadratic.toml"), "max_steps = 1000000", "max_steps = 200", 1))
	code, out, stderr = runCLI(t, context.Background(), "exit", "-scenario", p, "-law", "gaussian", "-json")
	if code != 0 || !strings.Contains(out, `"predicted_steps": null`) || !strings.Contains(out, "not applicable") {
		t.Fatalf("status %d:\n%s\n%s", code, out, stderr)
	}
}
