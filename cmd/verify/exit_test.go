package main

import (
	"context"
	"encoding/json"
	"math"
	"path/filepath"
	"strings"
	"testing"
)

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
		"predicted_steps", "ratio", "ratio_ci_low", "ratio_ci_high", "exp_test_p", "landing", "landing_test_p",
		"forbidden_exits", "forbidden_fraction", "forbidden_ci_low", "forbidden_ci_high", "verdict"} {
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
	if len(lines) != 5 || !strings.HasPrefix(lines[0], "eta,b,basin,jump_number") || !strings.HasPrefix(lines[1], "0.02,1.2,0,") {
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

// TestExitMethodIS runs the rare-event estimator from the CLI on the
// golden is-quick scenario (paper-1d, b = 0.5, from m_3: J = 2) and checks
// its row carries the method, the relative error, the prediction and the
// design's diagnostics; that the point P (b = 0.25 from m_1, J = 3) with
// 4000 windows, too few to check a design there, is refused with exit
// status 2 and a message naming run.samples; and that options it cannot
// honour are refused.
func TestExitMethodIS(t *testing.T) {
	p := filepath.Join("testdata", "golden", "is-quick.toml")
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
	if len(rep.Rows) != 1 || rep.Rows[0]["method"] != "is" || rep.Rows[0]["predicted_steps"] == nil || rep.Rows[0]["jump_number"].(float64) != 2 {
		t.Fatalf("rows %v", rep.Rows)
	}
	if d, ok := rep.Rows[0]["rare"].(map[string]any); !ok || d["warning"] != false || d["ess"] == nil || d["design"] == nil {
		t.Fatalf("rare diagnostics %v", rep.Rows[0]["rare"])
	}
	pointP := writeScenario(t, strings.NewReplacer("b = 0.5", "b = 0.25", "start = 3", "start = 1", "samples = 20000", "samples = 4000").
		Replace(testdataScenario(t, filepath.Join("golden", "is-quick.toml"))))
	code, out, stderr = runCLI(t, context.Background(), "exit", "-method", "is", "-scenario", pointP)
	if code != exitBadInput || !strings.Contains(stderr, "run.samples") || !strings.Contains(out, "refused: too_few_exits") {
		t.Fatalf("point P with 4000 windows: status %d, want %d; stdout:\n%s\nstderr:\n%s", code, exitBadInput, out, stderr)
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
	want := "eta,b,basin,jump_number,samples,exits,censored,mean_steps,ci_low,ci_high,predicted_steps,ratio,ratio_ci_low,ratio_ci_high," +
		"exp_test_p,landing_test_p,forbidden_exits,forbidden_fraction,forbidden_ci_low,forbidden_ci_high,verdict_ratio,verdict_shape,verdict_landing," +
		"landing_-1,predicted_landing_-1,start_1,start_2,exit_rate,exit_rate_stderr,predicted_ci_low,predicted_ci_high"
	if len(lines) != 3 || lines[0] != want {
		t.Fatalf("CSV:\n%s", out)
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
