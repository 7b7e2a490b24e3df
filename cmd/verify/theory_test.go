package main

import (
	"context"
	"encoding/json"
	"math"
	"strings"
	"testing"
)

// TestTheoryJSONContract checks `verify theory -json` on the default
// scenario against docs/theory.md §10.1 (paper-1d, b = 0.5).
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
	// docs/theory.md §10.1: q_{1,0} = 3.847145 and the limit
	// chain m_1 → m_3 at 0.142687, stationary (0.890174, 0.109826).
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

// TestTheoryGaussianNotApplicable: Gaussian noise has no heavy-tail
// theory, on the line and in R^d; the command says so (exit status 0), in
// text and in JSON, and an exit run reports no prediction.
func TestTheoryGaussianNotApplicable(t *testing.T) {
	for _, args := range [][]string{
		{"theory", "-law", "gaussian"},
		{"theory", "-law", "gaussian", "-check"},
		{"theory", "-scenario", "testdata/rd_quadratic.toml", "-law", "gaussian"},
	} {
		code, out, stderr := runCLI(t, context.Background(), args...)
		if code != 0 || !strings.Contains(out, "not applicable: noise.law: the heavy-tail theory does not apply to gaussian noise") {
			t.Fatalf("%v: status %d:\n%s\n%s", args, code, out, stderr)
		}
		code, out, stderr = runCLI(t, context.Background(), append(args, "-json")...)
		if want := "{\n  \"applicable\": false,\n  \"reason\": \"noise.law: the heavy-tail theory does not apply to gaussian noise\"\n}\n"; code != 0 || out != want {
			t.Fatalf("%v -json: status %d:\n%s\n%s", args, code, out, stderr)
		}
	}
	// Gaussian exits from the ball take ~e^{1/(2η²)} steps: cap them.
	p := writeScenario(t, strings.Replace(testdataScenario(t, "rd_quadratic.toml"), "max_steps = 1000000", "max_steps = 200", 1))
	code, out, stderr := runCLI(t, context.Background(), "exit", "-scenario", p, "-law", "gaussian", "-json")
	if code != 0 || !strings.Contains(out, `"predicted_steps": null`) || !strings.Contains(out, "not applicable") {
		t.Fatalf("status %d:\n%s\n%s", code, out, stderr)
	}
}

// TestTheoryCheck: -check adds the Monte Carlo cross-check of the exact
// rates to the text and the JSON; where the rates are themselves Monte
// Carlo integrals (R^d) it is bad input naming the flag.
func TestTheoryCheck(t *testing.T) {
	code, out, stderr := runCLI(t, context.Background(), "theory", "-check", "-check-samples", "2000")
	if code != 0 || !strings.Contains(out, "MC: independent time-domain Monte Carlo, 2000 paths per side") {
		t.Fatalf("status %d\n%s\n%s", code, out, stderr)
	}
	code, out, stderr = runCLI(t, context.Background(), "theory", "-check", "-check-samples", "2000", "-json")
	var rep struct {
		Rates [][]float64 `json:"rates"`
		Check struct {
			Samples int         `json:"samples"`
			Rates   [][]float64 `json:"rates"`
			Stderr  [][]float64 `json:"stderr"`
		} `json:"check"`
	}
	if err := json.Unmarshal([]byte(out), &rep); code != 0 || err != nil {
		t.Fatalf("status %d, %v\n%s", code, err, stderr)
	}
	if rep.Check.Samples != 2000 || len(rep.Check.Rates) != len(rep.Rates) || len(rep.Check.Rates[0]) != len(rep.Rates[0]) {
		t.Errorf("check %+v against rates %v", rep.Check, rep.Rates)
	}
	code, _, stderr = runCLI(t, context.Background(), "theory", "-check", "-scenario", "testdata/rd_quadratic.toml", "-theory-samples", "500")
	if code != exitBadInput || !strings.Contains(stderr, "flag -check") {
		t.Errorf("R^d -check: status %d, %s", code, stderr)
	}
}
