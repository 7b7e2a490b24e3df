package main

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/pipeline"
)

// runCLI runs the command line and returns its exit status and outputs.
func runCLI(t *testing.T, ctx context.Context, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(ctx, args, &out, &errb)
	return code, out.String(), errb.String()
}

func writeScenario(t *testing.T, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "s.toml")
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func fastScenario(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("testdata/fast.toml")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestBadInputExitsTwo checks that bad input of every kind gives exit
// status 2 and a message naming the field, never a panic.
func TestBadInputExitsTwo(t *testing.T) {
	fast := fastScenario(t)
	tests := []struct {
		name  string
		args  []string
		field string
	}{
		{"no command", nil, "usage"},
		{"unknown command", []string{"bogus"}, "unknown command"},
		{"unknown flag", []string{"exit", "-bogus"}, "bogus"},
		{"stray argument", []string{"exit", "extra"}, "unexpected argument"},
		{"missing file", []string{"exit", "-scenario", "/nonexistent.toml"}, "nonexistent"},
		{"alpha ≤ 1", []string{"exit", "-scenario", writeScenario(t, strings.Replace(fast, "alpha = 1.5", "alpha = 0.9", 1))}, "noise.alpha"},
		{"b ≤ 0", []string{"theory", "-scenario", writeScenario(t, strings.Replace(fast, "b = 1.2", "b = -1", 1))}, "sgd.b"},
		{"eta NaN", []string{"exit", "-scenario", writeScenario(t, strings.Replace(fast, "eta = [0.02, 0.01]", "eta = [nan]", 1))}, "sgd.eta"},
		{"unknown key", []string{"exit", "-scenario", writeScenario(t, strings.Replace(fast, "seed = 5", "seed = 5\nsed = 3", 1))}, "run.sed"},
		{"unsorted points", []string{"exit", "-scenario", writeScenario(t, strings.Replace(fast, "[-1.0, 0.0, 1.5]", "[0.0, -1.0, 1.5]", 1))}, "landscape.points"},
		{"flag -b", []string{"exit", "-b", "-3"}, "flag -b"},
		{"flag -law", []string{"exit", "-law", "cauchy"}, "-law"},
		{"flag -workers", []string{"exit", "-workers", "-1"}, "-workers"},
		{"json and csv", []string{"exit", "-json", "-csv"}, "exclusive"},
		{"dynamics variants", []string{"dynamics", "-variants", "bogus"}, "-variants"},
		{"stability", []string{"exit", "-scenario", writeScenario(t, strings.Replace(fast, "eta = [0.02, 0.01]", "eta = [0.9]", 1))}, "sgd.eta"},
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

func TestHelp(t *testing.T) {
	code, out, _ := runCLI(t, context.Background(), "help")
	if code != exitOK || !strings.Contains(out, "exit") || !strings.Contains(out, "theory") {
		t.Fatalf("help: status %d, output:\n%s", code, out)
	}
	if code, _, _ := runCLI(t, context.Background(), "exit", "-h"); code != exitOK {
		t.Fatalf("exit -h: status %d", code)
	}
}

// TestExitJSONWorkerInvariance checks the reproducibility contract: the same
// seed gives byte-identical JSON with 1 and 2 workers.
func TestExitJSONWorkerInvariance(t *testing.T) {
	p := writeScenario(t, fastScenario(t))
	c1, one, e1 := runCLI(t, context.Background(), "exit", "-scenario", p, "-json", "-workers", "1")
	c2, two, e2 := runCLI(t, context.Background(), "exit", "-scenario", p, "-json", "-workers", "2")
	if c1 != 0 || c2 != 0 {
		t.Fatalf("status %d/%d: %s %s", c1, c2, e1, e2)
	}
	if one != two {
		t.Fatal("JSON differs between -workers 1 and -workers 2")
	}
	var rep struct {
		Scenario map[string]any   `json:"scenario"`
		Rows     []map[string]any `json:"rows"`
	}
	if err := json.Unmarshal([]byte(one), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Rows) != 4 { // 2 η × 2 minima
		t.Fatalf("%d rows, want 4", len(rep.Rows))
	}
	for _, key := range []string{"eta", "basin", "samples", "exits", "censored", "mean_steps", "ci_low", "ci_high",
		"predicted_steps", "ratio", "exp_test_p", "landing", "landing_test_p"} {
		if _, ok := rep.Rows[0][key]; !ok {
			t.Errorf("row has no key %q", key)
		}
	}
	if rep.Scenario["sgd"].(map[string]any)["b"].(float64) != 1.2 {
		t.Errorf("scenario b = %v", rep.Scenario["sgd"])
	}
}

// TestExitCSV checks the CSV form has a header and one line per row.
func TestExitCSV(t *testing.T) {
	p := writeScenario(t, fastScenario(t))
	code, out, stderr := runCLI(t, context.Background(), "exit", "-scenario", p, "-csv")
	if code != 0 {
		t.Fatal(stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 5 || !strings.HasPrefix(lines[0], "eta,basin,jump_number") {
		t.Fatalf("CSV:\n%s", out)
	}
}

// TestExitUntruncatedNullB: without truncation the scenario's b is null.
func TestExitUntruncatedNullB(t *testing.T) {
	p := writeScenario(t, fastScenario(t))
	code, out, stderr := runCLI(t, context.Background(), "exit", "-scenario", p, "-json", "-b", "inf")
	if code != 0 {
		t.Fatal(stderr)
	}
	if !strings.Contains(out, `"b": null`) {
		t.Fatalf("b is not null:\n%s", out[:min(len(out), 600)])
	}
}

// TestExitInterrupted: a cancelled run exits 130 and still prints its table.
func TestExitInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	code, out, stderr := runCLI(t, ctx, "exit", "-scenario", writeScenario(t, fastScenario(t)))
	if code != exitInterrupted {
		t.Fatalf("status %d, want %d; stderr %s", code, exitInterrupted, stderr)
	}
	if !strings.Contains(out, "first exit") || !strings.Contains(stderr, "interrupted") {
		t.Fatalf("stdout:\n%s\nstderr:\n%s", out, stderr)
	}
}

// TestTheoryJSONContract checks `verify theory -json` on the default
// scenario against THEORY.md section 6 (paper-1d, b = 0.5).
func TestTheoryJSONContract(t *testing.T) {
	code, out, stderr := runCLI(t, context.Background(), "theory", "-json")
	if code != 0 {
		t.Fatal(stderr)
	}
	var a struct {
		Minima     []float64   `json:"minima"`
		Saddles    []float64   `json:"saddles"`
		Radius     []float64   `json:"radius"`
		Jump       []int       `json:"jump_number"`
		Rates      [][]float64 `json:"rates"`
		ExitRate   []float64   `json:"exit_rate"`
		Wide       []int       `json:"wide"`
		Classes    []any       `json:"classes"`
		Generator  [][]float64 `json:"generator"`
		Stationary []float64   `json:"stationary"`
		Warnings   []string    `json:"warnings"`
	}
	if err := json.Unmarshal([]byte(out), &a); err != nil {
		t.Fatal(err)
	}
	if len(a.Minima) != 4 || len(a.Saddles) != 3 || len(a.Radius) != 4 || len(a.Classes) != 1 || a.Warnings == nil {
		t.Fatalf("contract keys missing or wrong: %+v", a)
	}
	// THEORY.md section 6: q_{2,1} = 3.847145 (1-based) and the limit
	// chain m_2 → m_4 at 0.142687, stationary (0.890174, 0.109826).
	checks := []struct {
		name      string
		got, want float64
	}{
		{"q_10", a.Rates[1][0], 3.847145},
		{"q_1", a.ExitRate[1], 4.080894},
		{"Q_13", a.Generator[0][1], 0.142687},
		{"π_1", a.Stationary[0], 0.890174},
	}
	for _, c := range checks {
		if math.Abs(c.got-c.want) > 5e-7 {
			t.Errorf("%s = %.7f, want %.6f", c.name, c.got, c.want)
		}
	}
	if a.Wide[0] != 1 || a.Wide[1] != 3 || a.Jump[1] != 2 {
		t.Errorf("wide %v, J %v", a.Wide, a.Jump)
	}
}

// TestTheoryGaussianNotApplicable: Gaussian noise has no heavy-tail theory.
func TestTheoryGaussianNotApplicable(t *testing.T) {
	code, out, _ := runCLI(t, context.Background(), "theory", "-law", "gaussian")
	if code != 0 || !strings.Contains(out, "not applicable") {
		t.Fatalf("status %d:\n%s", code, out)
	}
}

// TestDynamicsRuns runs the trajectory experiment on the fast scenario and
// checks the report's structure.
func TestDynamicsRuns(t *testing.T) {
	p := writeScenario(t, fastScenario(t))
	code, out, stderr := runCLI(t, context.Background(), "dynamics", "-scenario", p, "-json")
	if code != 0 {
		t.Fatal(stderr)
	}
	var rep struct {
		Runs []struct {
			Variant string `json:"variant"`
			Basins  []any  `json:"basins"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Runs) != 6 { // 3 variants × 2 η
		t.Fatalf("%d runs, want 6", len(rep.Runs))
	}
	code, out, stderr = runCLI(t, context.Background(), "dynamics", "-scenario", p, "-variants", "truncated")
	if code != 0 || !strings.Contains(out, "jumps from") || strings.Contains(out, "gaussian") {
		t.Fatalf("status %d\n%s\n%s", code, out, stderr)
	}
}

// TestShardMergeByteIdentical: the shards of a run, merged, print exactly
// the JSON of the unsharded run with the same seed.
func TestShardMergeByteIdentical(t *testing.T) {
	p := writeScenario(t, fastScenario(t))
	_, full, _ := runCLI(t, context.Background(), "exit", "-scenario", p, "-json")
	dir := t.TempDir()
	var parts []string
	for i := range 3 {
		part := filepath.Join(dir, "part"+strconv.Itoa(i)+".json")
		if code, _, stderr := runCLI(t, context.Background(), "exit", "-scenario", p, "-shard", strconv.Itoa(i)+"/3", "-out", part, "-workers", strconv.Itoa(1+i%2)); code != 0 {
			t.Fatal(stderr)
		}
		parts = append(parts, part)
	}
	code, merged, stderr := runCLI(t, context.Background(), append([]string{"merge", "-json"}, parts...)...)
	if code != 0 {
		t.Fatal(stderr)
	}
	if merged != full {
		t.Fatal("merged JSON differs from the unsharded run")
	}
	// A missing or repeated shard is an error, not silently wrong output.
	if code, _, stderr := runCLI(t, context.Background(), "merge", parts[0], parts[1]); code != exitBadInput || !strings.Contains(stderr, "missing") {
		t.Fatalf("missing shard: status %d, %s", code, stderr)
	}
	if code, _, stderr := runCLI(t, context.Background(), "merge", parts[0], parts[1], parts[2], parts[2]); code != exitBadInput || !strings.Contains(stderr, "twice") {
		t.Fatalf("repeated shard: status %d, %s", code, stderr)
	}
	if code, _, _ := runCLI(t, context.Background(), "exit", "-shard", "3/3"); code != exitBadInput {
		t.Fatal("shard 3/3 accepted")
	}
}

// TestCheckpointResume: a run continued with -resume from a partial record
// file gives exactly the output of an uninterrupted run, neither losing nor
// repeating a replica. The partial file is made deterministically (every
// other record of a complete run dropped, as an interruption would leave
// gaps), then a real interruption is exercised as well.
func TestCheckpointResume(t *testing.T) {
	text := strings.Replace(fastScenario(t), "samples = 64", "samples = 8000", 1)
	text = strings.Replace(text, "eta = [0.02, 0.01]", "eta = [0.02]\nstart = 0", 1)
	p := writeScenario(t, text)
	dir := t.TempDir()
	whole := filepath.Join(dir, "whole.json")
	code, full, stderr := runCLI(t, context.Background(), "exit", "-scenario", p, "-json", "-out", whole)
	if code != 0 {
		t.Fatal(stderr)
	}
	f, _, err := pipeline.ReadRecordFile(whole)
	if err != nil {
		t.Fatal(err)
	}
	for c := range f.Cells {
		var kept []mc.ExitRecord
		for _, r := range f.Cells[c].Records {
			if r.Replica%2 == 0 {
				kept = append(kept, r)
			}
		}
		f.Cells[c].Records = kept
	}
	partial := filepath.Join(dir, "partial.json")
	if err := f.WriteFile(partial); err != nil {
		t.Fatal(err)
	}
	code, resumed, stderr := runCLI(t, context.Background(), "exit", "-scenario", p, "-json", "-resume", partial)
	if code != 0 {
		t.Fatal(stderr)
	}
	if resumed != full {
		t.Fatal("run resumed from a partial record file differs from the uninterrupted run")
	}
	// The resumed replicas are taken from the file, not run again: a record
	// altered in the file shows in the output.
	f.Cells[0].Records[0].Steps++
	if err := f.WriteFile(partial); err != nil {
		t.Fatal(err)
	}
	if _, altered, _ := runCLI(t, context.Background(), "exit", "-scenario", p, "-json", "-resume", partial); altered == full {
		t.Fatal("-resume recomputed the replicas it was given instead of keeping them")
	}

	// A real interruption: whatever finished is checkpointed, and resuming
	// from that checkpoint again gives the uninterrupted output.
	ckpt := filepath.Join(dir, "ckpt.json")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	time.AfterFunc(100*time.Millisecond, cancel) // as Ctrl-C would
	code, _, stderr = runCLI(t, ctx, "exit", "-scenario", p, "-json", "-checkpoint", ckpt)
	if code != exitInterrupted && code != 0 {
		t.Fatalf("status %d: %s", code, stderr)
	}
	if code, resumed, stderr = runCLI(t, context.Background(), "exit", "-scenario", p, "-json", "-resume", ckpt); code != 0 || resumed != full {
		t.Fatalf("resume after interruption: status %d, identical %v: %s", code, resumed == full, stderr)
	}
	// Resuming against another scenario is refused.
	other := writeScenario(t, strings.Replace(text, "seed = 5", "seed = 6", 1))
	if code, _, stderr := runCLI(t, context.Background(), "exit", "-scenario", other, "-resume", ckpt); code != exitBadInput {
		t.Fatalf("foreign checkpoint accepted: %d %s", code, stderr)
	}
}

// TestExitMethodIS runs the rare-event estimator from the CLI and checks its
// rows carry the method, the relative error and the prediction, and that
// options it cannot honour are refused.
func TestExitMethodIS(t *testing.T) {
	text := `
name = "is-quick"
[landscape]
kind = "paper-1d"
[noise]
law = "pareto"
alpha = 1.5
scale = 0.1
[sgd]
b = 0.25
eta = [0.01]
start = 1
[run]
samples = 4000
max_steps = 1000
seed = 1
`
	p := writeScenario(t, text)
	code, out, stderr := runCLI(t, context.Background(), "exit", "-method", "is", "-scenario", p, "-json")
	if code != 0 {
		t.Fatal(stderr)
	}
	var rep struct {
		Rows []map[string]any `json:"rows"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Rows) != 1 || rep.Rows[0]["method"] != "is" || rep.Rows[0]["predicted_steps"] == nil || rep.Rows[0]["jump_number"].(float64) != 3 {
		t.Fatalf("rows %v", rep.Rows)
	}
	for _, args := range [][]string{
		{"exit", "-method", "is", "-shard", "0/2"},
		{"exit", "-method", "is", "-csv"},
		{"exit", "-method", "mcmc"},
		{"exit", "-method", "is", "-law", "gaussian"},
	} {
		if code, _, _ := runCLI(t, context.Background(), args...); code != exitBadInput {
			t.Errorf("%v: status %d, want %d", args, code, exitBadInput)
		}
	}
}
